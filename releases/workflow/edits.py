"""Every change to an edition's content, and to a release's kind and address.

The admin form, the importer and the demo loader call these; nothing else
writes an edition's text. Each locks the row, applies the rules in
`rules.py` to exactly what changed, checks the version the person saw, and
writes the next version.
"""

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from releases import events
from releases.models import Attachment, Edition, Release
from releases.models.querysets import SOURCE_LANGUAGE, translation_languages
from releases.models.releases import default_dateline_source, make_slug
from releases.sanitise import rich_text_field, sanitise_field
from releases.states import State

from . import rules
from .common import audit, check_version, lock, lock_release, validate

RELATIONS = ("speakers", "programmes")


def _stored(edition, name):
    if name in RELATIONS:
        return {obj.pk for obj in getattr(edition, name).all()}
    if name == "lead_image":
        return edition.lead_image.name or ""
    value = getattr(edition, name)
    return "" if value is None else value


def _incoming(name, value):
    """The value as it would be stored, so that an unchanged field compares equal."""
    if name in RELATIONS:
        return {getattr(obj, "pk", obj) for obj in value or ()}
    if rich_text_field(name):
        return sanitise_field(name, value or "")
    if isinstance(value, str) or value is None:
        return value or ""
    return value


def _is_upload(value):
    """A new file, as opposed to the FieldFile of the one already stored."""
    return value is not None and value is not False and value != "" and not isinstance(value, FieldFile)


def _image_change(edition, value):
    """A lead image is changed by a new upload or by clearing it (False or "")."""
    if value is False or value == "":
        return "" if edition.lead_image else None
    return value if _is_upload(value) else None


def _changes(edition, data):
    changes = {}
    for name, value in data.items():
        if name in RELATIONS and edition.pk is None:
            if value:
                changes[name] = _incoming(name, value)
            continue
        if name == "lead_image":
            image = _image_change(edition, value)
            if image is not None:
                changes[name] = image
            continue
        new = _incoming(name, value)
        if new != _stored(edition, name):
            changes[name] = new
    return changes


def _attachment_changes(edition, attachments):
    """[(attachment or None, {field: value}, delete)] for the attachments that really change."""
    existing = {attachment.pk: attachment for attachment in edition.attachments.all()}
    result = []
    for item in attachments:
        pk, fields, delete = item.get("pk"), dict(item.get("fields", {})), item.get("delete", False)
        attachment = existing.get(pk) if pk else None
        if pk and attachment is None:
            continue  # already gone
        if attachment is not None:
            fields = {name: value for name, value in fields.items()
                      if (name == "file" and _is_upload(value))
                      or (name != "file" and (value or "") != (getattr(attachment, name) or ""))}
        else:
            fields = {name: value for name, value in fields.items() if value not in (None, "")}
        if delete or fields:
            result.append((attachment, fields, delete))
    return result


def _check_attachments(user, changes):
    for attachment, fields, delete in changes:
        rules.check_attachment_fields(user, fields, adding=attachment is None and not delete,
                                      deleting=delete and attachment is not None)


def _prepare(edition, changes, translated_from=None):
    """Set the changed fields, validate them and refresh the translation status; nothing is written."""
    for name, value in changes.items():
        if name not in RELATIONS:
            setattr(edition, name, value)
    # The release is the one this service made or locked: checking that it exists would be a query for nothing.
    validate(edition, exclude=["release"])
    changed_translations = {
        language for language in translation_languages()
        if any(name.endswith(f"_{language}") for name in changes)
    }
    edition.refresh_translation_status(changed_translations)
    for language, basis in (translated_from or {}).items():
        edition.translation_basis[language] = {**edition.source_values(), **basis}
    if translated_from:
        edition.refresh_translation_status()


def _apply(edition, changes, attachment_changes, translated_from=None):
    _prepare(edition, changes, translated_from)
    _write(edition, changes, attachment_changes)


def _write(edition, changes, attachment_changes):
    edition.save()
    for name in RELATIONS:
        if name in changes:
            getattr(edition, name).set(changes[name])
    for attachment, fields, delete in attachment_changes:
        if delete:
            attachment.delete()
            continue
        attachment = attachment or Attachment(edition=edition)
        for name, value in fields.items():
            setattr(attachment, name, value)
        validate(attachment, exclude=["edition"])
        attachment.save()


def _summary(changes, attachment_changes):
    names = sorted(changes) + (["attachments"] if attachment_changes else [])
    return ", ".join(names)


@transaction.atomic
def edition_create(*, user, kind, data, attachments=(), translated_from=None, source_fingerprint="",
                   recorded_as=None):
    """A new release with its first edition, a draft by `user`.

    `translated_from` ({language: {field: Arabic text}}) says which Arabic a
    translation was made from, when that isn't the Arabic being saved (an
    imported file); `source_fingerprint` marks an imported text;
    `recorded_as` (action, user, reason) is how the audit trail tells it,
    when that isn't "created by `user`" (an import run by an editor).
    """
    release, edition, changes, attachment_changes = new_draft(
        user=user, kind=kind, data=data, attachments=attachments, translated_from=translated_from,
        source_fingerprint=source_fingerprint)
    release.save()
    edition.release = release
    _write(edition, changes, attachment_changes)
    audit(edition=edition, **creation_record(user, recorded_as))
    return edition


def new_draft(*, user, kind, data, attachments=(), translated_from=None, source_fingerprint=""):
    """The new release and its first edition, checked and validated, not yet written.

    Returns (release, edition, changes, attachment changes). `edition_create` writes
    them one by one, `batch.edition_create_many` many at a time.
    """
    rules.check_create(user)
    release = Release(kind=kind, source_fingerprint=source_fingerprint)
    edition = Edition(release=release, number=1, state=State.DRAFT, author=user)
    # A dateline without a source is the office's own; the English one only once there is English.
    data = {**data, f"dateline_source_{SOURCE_LANGUAGE}": data.get(f"dateline_source_{SOURCE_LANGUAGE}")
            or default_dateline_source(SOURCE_LANGUAGE)}
    attachment_changes = [(None, {k: v for k, v in item.get("fields", {}).items() if v not in (None, "")}, False)
                          for item in attachments if not item.get("delete")]
    _check_attachments(user, attachment_changes)
    changes = _changes(edition, data)
    _prepare(edition, changes, translated_from)
    edition.prepare_write()  # the release is written with its slug
    return release, edition, changes, attachment_changes


def creation_record(user, recorded_as=None):
    """The audit entry's user, action and reason for a new release."""
    action, by, reason = recorded_as or ("create", user, "")
    return {"user": by, "action": action, "reason": reason}


@transaction.atomic
def edition_update(*, edition, user, seen_version, data, attachments=(), translated_from=None, recorded_as=None):
    """Change an edition's text, relations and attachments. Returns the edition as saved.

    `data` maps field names (`headline_ar`, `speakers`, `lead_image`, ...) to
    new values; only those that differ from the stored ones count as changes.
    """
    edition = lock(edition)
    rules.check_edit(user, edition)
    changes = _changes(edition, data)
    attachment_changes = _attachment_changes(edition, attachments)
    rules.check_fields(user, changes)
    _check_attachments(user, attachment_changes)
    check_version(edition, seen_version)
    if not changes and not attachment_changes:
        return edition
    edition.version += 1
    _apply(edition, changes, attachment_changes, translated_from)
    action, by, reason = recorded_as or ("edit", user, _summary(changes, attachment_changes))
    audit(edition=edition, user=by, action=action, from_state=edition.state, reason=reason)
    return edition


@transaction.atomic
def edition_delete(*, edition, user, seen_version):
    """Delete a draft. Its audit trail stays; a release left with no edition goes with it."""
    edition = lock(edition)
    rules.check_delete(user, edition)
    check_version(edition, seen_version)
    release = edition.release
    audit(edition=edition, user=user, action="delete", from_state=edition.state, to_state="")
    edition.delete()
    if not release.editions.exists():
        release.delete()


@transaction.atomic
def release_update(*, release, user, kind=None, slug=None):
    """Change a release's kind or the cosmetic part of its address; old addresses redirect."""
    release = lock_release(release.pk)
    rules.check_release_change(user, release)
    changed = []
    if kind is not None and kind != release.kind:
        changed.append(f"kind: {release.kind} → {kind}")
        release.kind = kind
    if slug is not None:
        slug = make_slug(slug, max_length=200) if slug else release.slug
        if slug != release.slug:
            changed.append(f"slug: {release.slug} → {slug}")
            release.slug = slug
    if not changed:
        return release
    validate(release, exclude=["live_edition"])
    release.save(update_fields=["kind", "slug"])
    edition = release.live_edition or release.editions.order_by("-number").first()
    audit(edition=edition, user=user, action="release_change", release=release,
          from_state=edition.state if edition else "", reason="; ".join(changed))
    if release.first_published_at is not None:
        events.on_commit_public_change([release.pk], event=events.PUBLISHED)
    return release
