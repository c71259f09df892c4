"""Searching the public releases: which documents may match now, and the query that finds them."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from releases.models import Edition, Release, SearchDocument
from releases.models.querysets import SOURCE_LANGUAGE

from . import entities
from .analysis import is_arabic, query_terms
from .backends import backend

# A query is cut to this many characters and terms; anything longer is not a search.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Beyond this many terms, "all but one" would be too many alternatives to be worth asking.
MAX_RELAXED_TERMS = 6


def visible_documents(*, language, releases=None, now=None):
    """Index rows that may match now: the current public edition of a public release, in `language`.

    `releases` narrows the releases (filters); it is always intersected with
    `Release.objects.published().in_language(language)`, the publishing rule,
    so the index can never show more than the lists do.
    """
    now = now or timezone.now()
    public = Release.objects.published(now).in_language(language, now)
    if releases is not None:
        public = public.filter(pk__in=releases.values("pk"))
    current = Edition.objects.filter(release=OuterRef("release_id")).visible(now).latest_first().values("pk")[:1]
    return SearchDocument.objects.filter(
        Exists(public.filter(pk=OuterRef("release_id"))),
        language=language,
        edition_id=Subquery(current),
    )


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

    def documents(self, *, releases=None, now=None):
        """The matching documents, best first, with `release` and `edition` loaded.

        When no document has every term, documents with all terms but one are
        returned instead and `is_relaxed` says so: a query with one word too
        many, or one the texts spell differently, still finds something.
        """
        if not self.terms:
            return SearchDocument.objects.none()
        documents = visible_documents(language=self.language, releases=releases, now=now)
        found = backend().match(documents, self.terms)
        if len(self.terms) > 1 and len(self.terms) <= MAX_RELAXED_TERMS and not found.exists():
            found, self.is_relaxed = backend().match(documents, self.terms, all_but_one=True), True
        return found.select_related("release", "edition").order_by("-score", "-release_id")


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
