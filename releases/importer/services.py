"""Turning a parsed file, and its English translation, into a release.

An imported edition has no author: its text was written outside the CMS,
and claiming that the person who ran the import wrote it would make the
two-person rule meaningless. Who imported what, from which file, is kept in
the audit trail instead, and a publication goes through `edition_publish`
like any other, recorded under the editor's name.

`release_import` takes one file; `release_import_many` a batch of them, with
the new releases written through `edition_create_many`, the workflow's bulk
twin of `edition_create` and `edition_publish`.
"""

import datetime
import hashlib
import logging
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from releases.search.normalise import normalise
from releases.models import Edition, Release
from releases.models.querysets import SOURCE_LANGUAGE
from releases.models.releases import default_dateline_source
from releases.sanitise import sanitise_html
from releases.states import PUBLIC_STATES, State
from releases.workflow import (
    NewRelease, edition_create, edition_create_many, edition_publish, edition_start_new, edition_update,
)

from .linking import Links, find_links
from .parse import ImportRefused

logger = logging.getLogger(__name__)
TRANSLATION_LANGUAGE = "en"


def _dateline_moment(day):
    """Noon on the dateline day in the mission's zone, or None when that is still to come."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))
    return moment if moment < timezone.now() else None


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
    _check_publisher(publish, user)
    _check_pair(source, translation)
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


@dataclass
class Pending:
    """One file to import (`source`, ParsedRelease) with its English `translation`, and where they came from.

    `links` is `find_links()` of this very pair when it was worked out ahead (the importer reads
    files in a second process); None to find them here.
    """

    source: object
    translation: object = None
    origin: str = ""
    links: Links = None


def release_import_many(*, items, user=None, publish=False, kind=Release.Kind.NEWS):
    """`release_import` for each of `items` (Pending), with the new releases written in bulk.

    Returns one result per item, in order: its Outcome, or the exception that refused it
    (ImportRefused, ValidationError, or whatever went wrong). A refused file leaves nothing
    behind and doesn't stop the others. Files whose text is here already, and any that
    depend on another file of the batch, are imported one by one afterwards, as are all of
    them if the bulk write fails (another import creating the same releases meanwhile).
    """
    _check_publisher(publish, user)
    results = [None] * len(items)
    try:
        with transaction.atomic():
            _create_many(items, results, user=user, publish=publish, kind=kind)
    except IntegrityError:
        results = [None] * len(items)  # the unique fingerprint: another run imported some of these
    except Exception:  # noqa: BLE001 - each file again on its own, so that the one at fault is named
        logger.warning("Bulk import of %d files failed; importing them one by one.", len(items), exc_info=True)
        results = [None] * len(items)
    for index, item in enumerate(items):
        if results[index] is None:
            try:
                results[index] = release_import(source=item.source, translation=item.translation, origin=item.origin,
                                                user=user, publish=publish, kind=kind)
            except Exception as error:  # noqa: BLE001 - reported for its file; release_import left nothing
                results[index] = error
    return results


def _create_many(items, results, *, user, publish, kind):
    """Fill `results` for the items that are new releases; the others stay None, for `release_import`."""
    keys = [fingerprint(item.source) for item in items]
    known = _imported_before(keys)
    lookalikes = _lookalikes([item.source for item, key in zip(items, keys) if key not in known])
    news, seen = [], set()
    for index, (item, key) in enumerate(zip(items, keys)):
        # The same text twice, or the same headline and date: the second is compared with the first once it is written.
        same = (key, (item.source.date, normalise(item.source.headline)))
        if key in known or seen.intersection(same):
            continue
        seen.update(same)
        try:
            _check_pair(item.source, item.translation)
            new, links = _new_release(item.source, item.translation, origin=item.origin, user=user, kind=kind,
                                      lookalikes=lookalikes, links=item.links)
        except Exception as error:  # noqa: BLE001 - reported for its file, nothing written for it
            results[index] = error
            continue
        news.append((index, new, links))
    # Nobody wrote them in the CMS, so they have no author; the audit entries name who imported them.
    editions = edition_create_many(user=None, items=[new for _index, new, _links in news],
                                   publish_by=user if publish else None)
    for (index, _new, links), edition in zip(news, editions):
        results[index] = edition if isinstance(edition, Exception) else Outcome("created", edition.release, edition, links)


def _imported_before(keys):
    return set(Release.objects.filter(source_fingerprint__in=keys).values_list("source_fingerprint", flat=True))


def _check_publisher(publish, user):
    if publish and user is None:
        raise ImportRefused(_("Publishing needs the account of the editor who publishes."))


def _check_pair(source, translation):
    if translation is not None and translation.date != source.date:
        raise ImportRefused(
            _("The English dateline is dated %(english)s but the Arabic is dated %(arabic)s.")
            % {"english": translation.date.isoformat(), "arabic": source.date.isoformat()}
        )


def _new_release(source, translation, *, origin, user, kind, lookalikes=None, links=None):
    """What `edition_create` is given for a new imported release, once the file passed the importer's own checks."""
    _refuse_lookalike(source, lookalikes)
    if links is None:
        links = pair_links(source, translation)
    arabic = _data(SOURCE_LANGUAGE, source)
    data = {**arabic, "dateline_date": source.date, "speakers": links.speakers, "programmes": links.programmes}
    translated_from = None
    if translation is not None:
        data.update(_data(TRANSLATION_LANGUAGE, translation))
        translated_from = {TRANSLATION_LANGUAGE: _source_basis(source, arabic)}
    new = NewRelease(kind=kind, data=data, translated_from=translated_from, source_fingerprint=fingerprint(source),
                     recorded_as=("import", user, _("Imported from %(origin)s.") % {"origin": origin}),
                     # An archive release is dated by its dateline, so it takes its place in the lists, not the top.
                     publish_at=_dateline_moment(source.date))
    return new, links


def _create(source, translation, *, origin, user, kind):
    new, links = _new_release(source, translation, origin=origin, user=user, kind=kind)
    # Nobody wrote it in the CMS, so it has no author; the audit entry names who imported it.
    edition = edition_create(user=None, kind=new.kind, data=new.data, translated_from=new.translated_from,
                             source_fingerprint=new.source_fingerprint, recorded_as=new.recorded_as)
    return Outcome("created", edition.release, edition, links)


def _lookalikes(sources):
    """{(date, normalised headline): [(release id, fingerprint)]} for the editions dated as `sources` are."""
    found = defaultdict(list)
    rows = (Edition.objects.filter(dateline_date__in={source.date for source in sources})
            .values_list("dateline_date", "headline_ar", "release_id", "release__source_fingerprint"))
    for day, headline, release_id, key in rows:
        found[(day, normalise(headline))].append((release_id, key))
    return found


def _refuse_lookalike(source, lookalikes=None):
    """A changed file must not become a second copy of a release that is already here.

    `lookalikes` is `_lookalikes()` of a batch of files that includes this one (one query for them all).
    """
    if lookalikes is None:
        lookalikes = _lookalikes([source])
    key = fingerprint(source)
    for release_id, other in lookalikes.get((source.date, normalise(source.headline)), ()):
        # The same text imported at this moment by another run is not a lookalike: the unique fingerprint sorts it out.
        if other != key:
            raise ImportRefused(
                _("Release #%(id)d has the same headline and date but a different text. If this file "
                  "is a newer version of it, make the changes in the admin.") % {"id": release_id}
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
    links = pair_links(source, translation)
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


def _data(language, parsed):
    """The edition columns that a parsed file fills in `language`, as they are stored."""
    return {
        f"headline_{language}": parsed.headline,
        f"dateline_place_{language}": parsed.place,
        # A dateline without a source is the office's own, as in the admin.
        f"dateline_source_{language}": parsed.source or default_dateline_source(language),
        # Sanitised now, as save() would, so that the translation basis compares equal.
        f"body_{language}": sanitise_html(parsed.body_html),
    }


def _has_text(edition, language, parsed, *, exact=False):
    """Whether `edition` holds `parsed` in `language`; `exact` also requires nothing else filled in."""
    expected = _data(language, parsed)
    names = ["headline", "dateline_place", "dateline_source", "body"]
    if exact:
        names += ["summary", "occasion", "lead_image_alt", "lead_image_caption"]
    same = all(
        " ".join((getattr(edition, f"{name}_{language}") or "").split())
        == " ".join((expected.get(f"{name}_{language}") or "").split())
        for name in names
    )
    return same and edition.dateline_date == parsed.date and not (exact and edition.lead_image)


def _source_basis(source, arabic=None):
    """The English was translated from the Arabic in the file, whatever the edition says now.

    So if the Arabic was changed in the admin after the import, the English
    is flagged stale, with the changed fields named. `arabic` is `_data()` of
    the source, when it was made already.
    """
    arabic = arabic or _data(SOURCE_LANGUAGE, source)
    return {key.rsplit("_", 1)[0]: value for key, value in arabic.items()}


def pair_links(source, translation):
    """The speakers, programmes and organisations that an Arabic file and its English mention."""
    texts = [source.headline, *source.paragraphs]
    if translation is not None:
        texts += [translation.headline, *translation.paragraphs]
    return find_links(texts)
