"""Searching the public releases: which documents may match now, and the query that finds them."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from releases.models import Edition, SearchDocument
from releases.models.querysets import SOURCE_LANGUAGE, complete_q

from . import entities
from .analysis import is_arabic, query_terms
from .backends import backend

# A query is cut to this many characters and terms; anything longer is not a search.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Rows ranked before the first visibility check; the number of results counted exactly
# (beyond it the page says "more than"); the deepest page offered.
FIRST_CANDIDATES = 200
# When more rows match than this, the newest this many are ranked (widened when a page needs more).
WINDOW = 1000
COUNT_CAP = 100
MAX_PAGE = 50
# Beyond this many terms, "all but one" would be too many alternatives to be worth asking.
MAX_RELAXED_TERMS = 6


def visible_documents(*, language, releases=None, now=None):
    """Index rows that may match now: the current public edition of a public release, in `language`.

    This is `Release.objects.published().in_language(language)` read from the
    row's side, so that it costs one lookup per matching row rather than a
    pass over every release: the row's edition must be its release's current
    visible edition (`visible_q`, newest first, as `public_edition()`), complete
    in `language` (`complete_q`), and the release not withdrawn. A test holds
    the two together for every state. `releases` narrows the releases (filters).
    """
    now = now or timezone.now()
    current = Edition.objects.filter(release=OuterRef("release_id")).visible(now).latest_first().values("pk")[:1]
    documents = SearchDocument.objects.filter(
        complete_q(language, prefix="edition__"),
        language=language,
        edition_id=Subquery(current),
        release__withdrawn_at__isnull=True,
    )
    if releases is not None:
        documents = documents.filter(release_id__in=releases.values("pk"))
    return documents


@dataclass
class Search:
    text: str
    language: str
    terms: list = field(default_factory=list)
    was_shortened: bool = False
    is_relaxed: bool = False

    @property
    def highlight(self):
        return frozenset().union(*(term.highlight for term in self.terms)) if self.terms else frozenset()

    def results(self, *, page=1, page_size=12, releases=None, now=None):
        """One page of the visible matches, best first (see `Results`).

        The text index ranks its best rows first, and only those are checked
        for visibility, so a word that half the archive contains costs no more
        than a rare one. More rows are ranked only when the page asks for them.
        When no visible row has every term, rows with all terms but one are
        used instead and `is_relaxed` says so: a query with one word too many,
        or one the texts spell differently, still finds something.
        """
        page = max(1, min(page, MAX_PAGE))
        if not self.terms:
            return Results([], 0, 1, page_size)
        needed = max(COUNT_CAP, page * page_size + 1)
        visible = self._visible(needed, releases, now, all_but_one=False)
        if not visible and 1 < len(self.terms) <= MAX_RELAXED_TERMS:
            self.is_relaxed = True
            visible = self._visible(needed, releases, now, all_but_one=True)
        page = min(page, max(1, -(-len(visible) // page_size)))
        ids = visible[(page - 1) * page_size:page * page_size]
        loaded = _result_rows(self.language).in_bulk(ids)
        return Results([loaded[pk] for pk in ids if pk in loaded], len(visible), page, page_size)

    def _visible(self, needed, releases, now, *, all_but_one):
        """Visible document ids, best first: all of them, or at least `needed` when there are more.

        What is returned depends only on what is visible: rows the public may
        not see (a scheduled edition before its time) are ranked and dropped
        here, and neither the ids nor their number say anything about them.
        """
        now = now or timezone.now()
        limit = max(FIRST_CANDIDATES, 2 * needed)
        window = max(WINDOW, limit)
        while True:
            ranked, more = backend().ranked(self.terms, language=self.language, limit=limit, window=window,
                                            now=now, all_but_one=all_but_one)
            ids = [pk for pk, _score in ranked]
            allowed = set(
                visible_documents(language=self.language, releases=releases, now=now)
                .filter(pk__in=ids).values_list("pk", flat=True)
            )
            visible = [pk for pk in ids if pk in allowed]
            if len(visible) >= needed:
                return visible[:needed]
            if not more and len(ranked) < limit:
                return visible
            limit, window = limit * 4, window * 4 if more else window


@dataclass
class Results:
    """A page of results. `count` is exact below COUNT_CAP; from there on the page says "more than"."""

    documents: list
    count: int
    number: int
    page_size: int

    @property
    def is_exact(self):
        return self.count < COUNT_CAP

    @property
    def cap(self):
        return COUNT_CAP

    @property
    def start_index(self):
        return (self.number - 1) * self.page_size + 1

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.page_size))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number * self.page_size < self.count and self.number < MAX_PAGE

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def search_prepare(*, text, page_language):
    """Read what a reader typed: the terms, and the language whose text is searched.

    An Arabic query on a page in another language searches the Arabic, since
    that is what it can match; every other query searches the page's language.
    """
    text = (text or "").replace("\x00", " ")
    shortened = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS].strip()
    language = SOURCE_LANGUAGE if is_arabic(text) else page_language
    terms = entities.expand(query_terms(text))
    if len(terms) > MAX_TERMS:
        terms, shortened = terms[:MAX_TERMS], True
    return Search(text=text, language=language, terms=terms, was_shortened=shortened)


def _result_rows(language):
    """The documents of a page of results, with what a result shows: the edition's text in the
    searched language only, and none of the index terms."""
    from modeltranslation.translator import translator

    from releases.models import Edition

    others = [code for code, _name in settings.LANGUAGES if code != language]
    texts = translator.get_options_for_model(Edition).fields
    return SearchDocument.objects.select_related("release", "edition").defer(
        "headline_terms", "entity_terms", "body_terms", "edition__translation_basis",
        *(f"edition__{name}_{code}" for name in texts for code in others),
    )
