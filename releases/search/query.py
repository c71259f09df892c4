"""Searching the public releases: which documents may match now, and the query that finds them."""

from dataclasses import dataclass, field

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


class _Counted:
    """A queryset whose count is known, so the paginator does not run the search again to count it."""

    def __init__(self, queryset, count):
        self.queryset, self._count = queryset, count

    def count(self):
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]

    def __len__(self):
        return self._count


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
        """The matching documents, best first, with `release` and `edition` loaded, and counted.

        When no document has every term, documents with all terms but one are
        returned instead and `is_relaxed` says so: a query with one word too
        many, or one the texts spell differently, still finds something.
        """
        if not self.terms:
            return _Counted(SearchDocument.objects.none(), 0)
        documents = visible_documents(language=self.language, releases=releases, now=now)
        found = backend().match(documents, self.terms)
        count = found.count()
        if not count and 1 < len(self.terms) <= MAX_RELAXED_TERMS:
            found, self.is_relaxed = backend().match(documents, self.terms, all_but_one=True), True
            count = found.count()
        return _Counted(found.select_related("release", "edition").order_by("-score", "-release_id"), count)


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
