"""Turning a parsed file, and its English translation, into a release.

An imported edition has no author: its text was written outside the CMS,
and claiming that the person who ran the import wrote it would make the
two-person rule meaningless. Who imported what, from which file, is kept in
the audit trail instead, and a publication goes through `edition_publish`
like any other, recorded under the editor's name.
"""

import hashlib
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from releases.search.normalise import normalise
from releases.models import AuditEntry, Edition, Release
from releases.models.querysets import SOURCE_LANGUAGE
from releases.models.releases import default_dateline_source
from releases.sanitise import sanitise_html
from releases.states import PUBLIC_STATES, State
from releases.workflow import edition_publish, edition_start_new

from .linking import Links, find_links


def _dateline_moment(day):
    """Noon on the dateline day in the mission's zone, or None when that is still to come."""
    import datetime

    from django.utils import timezone

    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))
    return moment if moment < timezone.now() else None
from .parse import ImportRefused

TRANSLATION_LANGUAGE = "en"


@dataclass
class Outcome:
    action: str  # "created", "updated" or "skipped"
    release: Release
    edition: Edition
    links: Links = field(default_factory=Links)
    notes: list = field(default_factory=list)


def fingerprint(parsed):
    """A hash of the text as read, so that BOMs, line ends and stray spaces don't make a file new."""
    canonical = "\n".join([parsed.headline, parsed.place, parsed.source, parsed.date.isoformat(), *parsed.paragraphs])
    return hashlib.sha256(unicodedata.normalize("NFC", canonical).encode()).hexdigest()


@transaction.atomic
def release_import(*, source, translation=None, origin, user=None, publish=False, kind=Release.Kind.NEWS):
    """Import one Arabic text (`source`) and its English `translation`, both ParsedRelease.

    Creates a release the first time; afterwards, the same text is
    recognised by its fingerprint and only what is new is done: adding the
    English, or publishing an untouched import. Raises ImportRefused.
    """
    if publish and user is None:
        raise ImportRefused(_("Publishing needs the account of the editor who publishes."))
    if translation is not None and translation.date != source.date:
        raise ImportRefused(
            _("The English dateline is dated %(english)s but the Arabic is dated %(arabic)s.")
            % {"english": translation.date.isoformat(), "arabic": source.date.isoformat()}
        )
    release = Release.objects.filter(source_fingerprint=fingerprint(source)).first()
    if release is None:
        outcome = _create(source, translation, origin=origin, user=user, kind=kind)
    else:
        outcome = Outcome("skipped", release, release.latest_edition)
        if translation is not None:
            _add_translation(outcome, source, translation, origin=origin, user=user)
    if publish:
        _publish(outcome, source, translation, user=user)
    return outcome


def _create(source, translation, *, origin, user, kind):
    _refuse_lookalike(source)
    release = Release.objects.create(kind=kind, source_fingerprint=fingerprint(source))
    edition = Edition(release=release, number=1, dateline_date=source.date)
    _fill(edition, SOURCE_LANGUAGE, source)
    if translation is not None:
        _fill(edition, TRANSLATION_LANGUAGE, translation)
        _record_basis(edition, source)
    edition.refresh_translation_status()
    edition.save()
    links = _link(edition, source, translation)
    AuditEntry.objects.create(
        release=release, edition=edition, user=user, action="import", to_state=edition.state,
        reason=_("Imported from %(origin)s.") % {"origin": origin},
    )
    return Outcome("created", release, edition, links)


def _refuse_lookalike(source):
    """A changed file must not become a second copy of a release that is already here."""
    headline = normalise(source.headline)
    for edition in Edition.objects.filter(dateline_date=source.date).only("release_id", "headline_ar"):
        if normalise(edition.headline_ar) == headline:
            raise ImportRefused(
                _("Release #%(id)d has the same headline and date but a different text. If this file "
                  "is a newer version of it, make the changes in the admin.") % {"id": edition.release_id}
            )


def _add_translation(outcome, source, translation, *, origin, user):
    edition = outcome.edition
    if edition.is_complete_in(TRANSLATION_LANGUAGE):
        if _has_text(edition, TRANSLATION_LANGUAGE, translation):
            return
        raise ImportRefused(
            _("Release #%(id)d already has a different English translation (edition %(number)d). "
              "Change it in the admin.") % {"id": outcome.release.pk, "number": edition.number}
        )
    if edition.state == State.PUBLISHED:
        # The live edition is never changed: the English goes into a new draft, for review.
        edition = edition_start_new(release=outcome.release, user=None)
    if edition.state != State.DRAFT:
        raise ImportRefused(
            _("Edition %(number)d of release #%(id)d is %(state)s, so its English can't be added now.")
            % {"number": edition.number, "id": outcome.release.pk, "state": edition.get_state_display()}
        )
    from_state = edition.state
    _fill(edition, TRANSLATION_LANGUAGE, translation)
    _record_basis(edition, source)
    edition.refresh_translation_status()
    # Anyone with this edition open in the admin must reload before saving over the English.
    edition.version += 1
    edition.save()
    outcome.action, outcome.edition = "updated", edition
    outcome.links = _link(edition, source, translation)
    outcome.notes.append(_("English added to edition %(number)d") % {"number": edition.number})
    AuditEntry.objects.create(
        release=outcome.release, edition=edition, user=user, action="import_translation",
        from_state=from_state, to_state=edition.state,
        reason=_("English imported from %(origin)s.") % {"origin": origin},
    )


def _publish(outcome, source, translation, *, user):
    """Publish the imported edition, but never changes that someone made in the admin."""
    edition = outcome.edition
    if edition.state != State.DRAFT:
        return
    fresh = outcome.action == "created" or _is_untouched(edition, source, translation)
    if not fresh:
        outcome.notes.append(_("left as a draft: it has changes made in the admin, for an editor to review"))
        return
    is_live = outcome.release.editions.filter(state__in=PUBLIC_STATES).exclude(pk=edition.pk).exists()
    # An archive release is dated by its dateline, so it takes its place in the lists, not the top.
    archive_at = None if is_live else _dateline_moment(edition.dateline_date)
    edition_publish(edition=edition, user=user, note_kind="minor" if is_live else None, at=archive_at)
    if outcome.action != "created":
        outcome.action = "updated"
        outcome.notes.append(_("published"))


def _is_untouched(edition, source, translation):
    """Whether the draft holds exactly what the files say, and nothing added in the admin."""
    if not _has_text(edition, SOURCE_LANGUAGE, source, exact=True):
        return False
    if translation is not None:
        return _has_text(edition, TRANSLATION_LANGUAGE, translation, exact=True)
    return not any(
        getattr(edition, f"{name}_{TRANSLATION_LANGUAGE}")
        for name in ("headline", "summary", "body", "dateline_place", "occasion")
    )


def _fill(edition, language, parsed):
    setattr(edition, f"headline_{language}", parsed.headline)
    setattr(edition, f"dateline_place_{language}", parsed.place)
    # A dateline without a source is the office's own, as in the admin.
    setattr(edition, f"dateline_source_{language}", parsed.source or default_dateline_source(language))
    # Sanitised now, as save() would, so that the translation basis compares equal.
    setattr(edition, f"body_{language}", sanitise_html(parsed.body_html))


def _has_text(edition, language, parsed, *, exact=False):
    """Whether `edition` holds `parsed` in `language`; `exact` also requires nothing else filled in."""
    expected = Edition(dateline_date=parsed.date)
    _fill(expected, language, parsed)
    names = ["headline", "dateline_place", "dateline_source", "body"]
    if exact:
        names += ["summary", "occasion", "lead_image_alt", "lead_image_caption"]
    same = all(
        " ".join((getattr(edition, f"{name}_{language}") or "").split())
        == " ".join((getattr(expected, f"{name}_{language}") or "").split())
        for name in names
    )
    return same and edition.dateline_date == parsed.date and not (exact and edition.lead_image)


def _record_basis(edition, source):
    """The English was translated from the Arabic in the file, whatever the edition says now.

    So if the Arabic was changed in the admin after the import, the English
    is flagged stale, with the changed fields named.
    """
    expected = Edition(dateline_date=source.date)
    _fill(expected, SOURCE_LANGUAGE, source)
    basis = edition.source_values()
    for name in ("headline", "dateline_place", "dateline_source", "body"):
        basis[name] = getattr(expected, f"{name}_{SOURCE_LANGUAGE}")
    edition.translation_basis[TRANSLATION_LANGUAGE] = basis


def _link(edition, source, translation):
    texts = [source.headline, *source.paragraphs]
    if translation is not None:
        texts += [translation.headline, *translation.paragraphs]
    links = find_links(texts)
    edition.speakers.add(*links.speakers)
    edition.programmes.add(*links.programmes)
    return links
