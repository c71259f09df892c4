"""Writing the index: one row per public edition and complete language.

`search_index_releases()` is called from `events.public_change()` after every
commit that changes what the public can see (publish, schedule, unschedule,
a scheduled time passing, withdrawal), so the index follows the workflow
without the workflow knowing about it. Editions that are scheduled for later
are indexed at once: the query's visibility check keeps them out until
their time, so no process has to run when the time comes.
"""

import logging

from django.conf import settings
from django.db import transaction

from releases.models import Edition, Release, SearchDocument
from releases.sanitise import html_to_text
from releases.states import PUBLIC_STATES

from .analysis import document_tokens
from .entities import edition_entity_text

logger = logging.getLogger(__name__)
def _terms(*texts):
    return " ".join(token for text in texts for token in document_tokens(text or ""))


def edition_documents(edition, *, languages=None, public_until=None):
    """The index rows of one edition: one per language it is complete in, or per language in `languages`.

    `public_until` is when the next public edition of the release takes over, if one is scheduled.
    """
    entity_terms = _terms(edition_entity_text(edition))
    if languages is None:
        languages = [code for code, _name in settings.LANGUAGES if edition.is_complete_in(code)]
    rows = []
    for language in languages:

        def value(name):
            return getattr(edition, f"{name}_{language}") or ""

        rows.append(SearchDocument(
            release_id=edition.release_id, edition=edition, language=language,
            public_from=edition.published_at, public_until=public_until,
            headline_terms=_terms(value("headline")),
            entity_terms=" ".join(filter(None, [entity_terms, _terms(value("occasion"), value("dateline_place"))])),
            body_terms=_terms(html_to_text(value("summary")), html_to_text(value("body")), value("lead_image_caption")),
        ))
    return rows


def _public_editions(release_ids):
    return (
        Edition.objects.public_of(release_ids).filter(release__withdrawn_at__isnull=True)
        .prefetch_related("speakers__appointments__organisation", "programmes")
    )


@transaction.atomic
def search_index_releases(*, release_ids):
    """Replace the index rows of these releases with those of their public editions."""
    release_ids = list(release_ids)
    SearchDocument.objects.filter(release_id__in=release_ids).delete()
    rows = []
    by_release = {}
    for edition in _public_editions(release_ids):
        by_release.setdefault(edition.release_id, []).append(edition)
    for editions in by_release.values():
        editions.sort(key=lambda edition: (edition.published_at, edition.number))
        for edition, successor in zip(editions, editions[1:] + [None]):
            rows += edition_documents(edition, public_until=successor.published_at if successor else None)
    SearchDocument.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def search_index_rebuild(*, batch_size=500, progress=None):
    """Index every release again, from nothing. `progress(done, total)` is told after each batch."""
    from .backends import backend

    # Oldest first, so that row ids follow publication and the newest rows are ranked first.
    ids = list(
        Release.objects.filter(editions__state__in=PUBLIC_STATES).distinct()
        .order_by("first_published_at", "pk").values_list("pk", flat=True)
    )
    rows = 0
    with backend().bulk_load():
        with transaction.atomic():
            SearchDocument.objects.all().delete()
        for start in range(0, len(ids), batch_size):
            rows += search_index_releases(release_ids=ids[start:start + batch_size])
            if progress:
                progress(min(start + batch_size, len(ids)), len(ids))
    return len(ids), rows


def search_index_after_change(release_ids):
    """The index follows a public change; a failure is logged, never undoes the change itself."""
    try:
        search_index_releases(release_ids=release_ids)
    except Exception:  # the change is committed; `rebuild_search_index` repairs the index
        logger.exception("Search index update failed for releases %s", release_ids)
