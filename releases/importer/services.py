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

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from releases.search.normalise import normalise
from releases.models import Edition, Release
from releases.models.querysets import SOURCE_LANGUAGE
from releases.models.releases import default_dateline_source
from releases.sanitise import sanitise_html
from releases.states import PUBLIC_STATES, State
from releases.workflow import edition_create, edition_publish, edition_start_new, edition_update

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
        try:
            with transaction.atomic():
                outcome = _create(source, translation, origin=origin, user=user, kind=kind)
        except IntegrityError:
            # Another import created it between our look-up and our insert: the unique
            # fingerprint made us wait for it, and now we find it like any earlier import.
            release = Release.objects.get(source_fingerprint=fingerprint(source))
    if release is not None:
        outcome = Outcome("skipped", release, release.latest_edition)
        if translation is not None:
            _add_translation(outcome, source, translation, origin=origin, user=user)
    if publish:
        _publish(outcome, source, translation, user=user)
    return outcome


def _create(source, translation, *, origin, user, kind):
    _refuse_lookalike(source)
    links = _links(source, translation)
    data = {**_data(SOURCE_LANGUAGE, source), "dateline_date": source.date,
            "speakers": links.speakers, "programmes": links.programmes}
    translated_from = None
    if translation is not None:
        data.update(_data(TRANSLATION_LANGUAGE, translation))
        translated_from = {TRANSLATION_LANGUAGE: _source_basis(source)}
    # Nobody wrote it in the CMS, so it has no author; the audit entry names who imported it.
    edition = edition_create(user=None, kind=kind, data=data, translated_from=translated_from,
                             source_fingerprint=fingerprint(source),
                             recorded_as=("import", user, _("Imported from %(origin)s.") % {"origin": origin}))
    return Outcome("created", edition.release, edition, links)


def _refuse_lookalike(source):
    """A changed file must not become a second copy of a release that is already here."""
    headline = normalise(source.headline)
    # The same text imported at this moment by another run is not a lookalike: the unique fingerprint sorts it out.
    same_text = Edition.objects.filter(release__source_fingerprint=fingerprint(source))
    for edition in Edition.objects.filter(dateline_date=source.date).exclude(pk__in=same_text).only(
            "release_id", "headline_ar"):
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
    links = _links(source, translation)
    data = {**_data(TRANSLATION_LANGUAGE, translation),
            "speakers": {*edition.speakers.all(), *links.speakers},
            "programmes": {*edition.programmes.all(), *links.programmes}}
    # Anyone with this edition open in the admin must reload before saving over the English.
    edition = edition_update(
        edition=edition, user=None, seen_version=edition.version, data=data,
        translated_from={TRANSLATION_LANGUAGE: _source_basis(source)},
        recorded_as=("import_translation", user, _("English imported from %(origin)s.") % {"origin": origin}),
    )
    outcome.action, outcome.edition, outcome.links = "updated", edition, links
    outcome.notes.append(_("English added to edition %(number)d") % {"number": edition.number})


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
    outcome.edition = edition_publish(edition=edition, user=user, seen_version=edition.version,
                                      note_kind="minor" if is_live else None, at=archive_at)
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


def _data(language, parsed):
    """The edition fields that a parsed file fills in `language`."""
    edition = Edition(dateline_date=parsed.date)
    _fill(edition, language, parsed)
    return {f"{name}_{language}": getattr(edition, f"{name}_{language}")
            for name in ("headline", "dateline_place", "dateline_source", "body")}


def _source_basis(source):
    """The English was translated from the Arabic in the file, whatever the edition says now.

    So if the Arabic was changed in the admin after the import, the English
    is flagged stale, with the changed fields named.
    """
    return {name: value for name, value in
            ((key.rsplit("_", 1)[0], value) for key, value in _data(SOURCE_LANGUAGE, source).items())}


def _links(source, translation):
    texts = [source.headline, *source.paragraphs]
    if translation is not None:
        texts += [translation.headline, *translation.paragraphs]
    return find_links(texts)
