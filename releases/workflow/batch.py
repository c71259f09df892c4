"""Many new releases at once: `edition_create`, and `edition_publish` after it, for each, in bulk.

For bulk work on new releases (an import of thousands of files). Each item goes
through the same rules and validation as it would one by one (`edits.new_draft`,
`rules.check_go_public`, `transitions.publish_time`) and gets the same audit
entries, handoffs and public-change event; only the writing is done a chunk at a
time. A new release has no row that anyone else holds and no version that anyone
saw, so there is nothing to lock and no version to check.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from releases import events
from releases.models import AuditEntry, Edition, Release
from releases.states import State

from . import rules
from .common import audit_entry
from .edits import RELATIONS, creation_record, new_draft
from .transitions import publication, publish_time


@dataclass
class NewRelease:
    """What `edition_create` takes for one release, and when it goes public if it is published."""

    kind: str
    data: dict
    translated_from: dict | None = None
    source_fingerprint: str = ""
    recorded_as: tuple | None = None
    # With `publish_by`: the past time that dates an archive release (None: now), as `edition_publish(at=)`.
    publish_at: datetime.datetime | None = None


@transaction.atomic
def edition_create_many(*, user, items, publish_by=None):
    """`edition_create(user=user, ...)` for each of `items` (NewRelease), then, with `publish_by`,
    `edition_publish` of each new edition by that editor.

    Returns one result per item, in order: its new edition, or the ValidationError
    or PermissionDenied that refused it, in which case nothing of it is written.
    """
    now = timezone.now()
    results, accepted = [], []
    for item in items:
        try:
            release, edition, changes, _attachments = new_draft(
                user=user, kind=item.kind, data=item.data, translated_from=item.translated_from,
                source_fingerprint=item.source_fingerprint)
            at = None
            if publish_by is not None:
                at = publish_time(item.publish_at, now)
                rules.check_go_public(publish_by, edition, force=False)
        except (ValidationError, PermissionDenied) as error:
            results.append(error)
            continue
        results.append(edition)
        accepted.append((item, release, edition, changes, at))
    if accepted:
        _write(accepted, user=user, publish_by=publish_by)
    return results


def _write(accepted, *, user, publish_by):
    releases = [release for _item, release, *_rest in accepted]
    editions = [edition for _item, _release, edition, *_rest in accepted]
    for _item, release, edition, _changes, at in accepted:
        edition.release = release
        if publish_by is not None:
            release.first_published_at = at
            for name, value in publication(user=publish_by, at=at, state=State.PUBLISHED).items():
                setattr(edition, name, value)
            edition.version += 1
    Release.objects.bulk_create(releases)
    Edition.objects.bulk_create(editions)
    for name in RELATIONS:
        relation = getattr(Edition, name)
        column = relation.field.m2m_reverse_field_name() + "_id"
        relation.through.objects.bulk_create([
            relation.through(edition_id=edition.pk, **{column: pk})
            for _item, _release, edition, changes, _at in accepted for pk in changes.get(name, ())
        ])
    entries, published = [], []
    for item, _release, edition, _changes, _at in accepted:
        # Each edition's entries in the order they happened: created (as a draft), then published.
        entries.append(audit_entry(edition=edition, to_state=State.DRAFT, **creation_record(user, item.recorded_as)))
        if publish_by is not None:
            published.append(audit_entry(edition=edition, user=publish_by, action="publish", from_state=State.DRAFT))
            entries.append(published[-1])
    for entry in entries:
        entry.prepare_write()
    AuditEntry.objects.bulk_create(entries)
    if publish_by is not None:
        # Each new release's one edition is its live one; there is no older one to supersede.
        Release.objects.filter(pk__in=[release.pk for release in releases]).update(
            live_edition=Subquery(Edition.objects.filter(release=OuterRef("pk")).order_by().values("pk")[:1]))
        for release, edition in zip(releases, editions):
            release.live_edition = edition
        events.handoff_all(published)
        events.on_commit_public_change([release.pk for release in releases], event=events.PUBLISHED)
