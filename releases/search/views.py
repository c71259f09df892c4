"""The public search page: /<language>/search/?q=…"""

from django.conf import settings
from django.db.models import Max, Min
from django.utils import translation
from django.utils.timezone import localtime
from django.views.generic import TemplateView

from releases.cache import shared_public_value
from releases.models import Programme, Release, Speaker
from releases.models.querysets import SOURCE_LANGUAGE
from releases.sanitise import html_to_text
from releases.templatetags.press import dateline
from releases.views import PublicMixin

from .highlight import marked, snippet
from .query import MAX_QUERY_CHARS, search_prepare

_MAX_SLUG = 200
_YEARS = range(1900, 10000)


def _clean(value):
    """A filter value we can look up, or "" for one that could never name anything."""
    value = (value or "").strip()
    return "" if "\x00" in value or len(value) > _MAX_SLUG else value


def _page_number(value):
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 6 else 1


class SearchView(PublicMixin, TemplateView):
    template_name = "releases/release_search.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        page_language = translation.get_language()
        search = search_prepare(text=params.get("q", ""), page_language=page_language)
        releases, filters = self._filters(params)
        page = search.results(page=_page_number(params.get("page")), page_size=settings.PRESSOFFICE_PAGE_SIZE,
                              releases=releases)
        with translation.override(search.language):
            results = [self._result(document, search) for document in page.documents]
        query = params.copy()
        query.pop("page", None)
        return super().get_context_data(
            search=search, page_obj=page, results=results, filters=filters,
            searched_other_language=search.language != page_language,
            source_language=SOURCE_LANGUAGE, max_query_chars=MAX_QUERY_CHARS,
            kinds=Release.Kind.choices, programmes=Programme.objects.all(), speakers=Speaker.objects.all(),
            years=self._years(), query_without_page=query.urlencode(), **kwargs,
        )

    def _filters(self, params):
        releases, filters = Release.objects.all(), {}
        if params.get("kind") in Release.Kind.values:
            releases, filters["kind"] = releases.of_kind(params["kind"]), params["kind"]
        programme = _clean(params.get("programme")) and Programme.objects.filter(slug=_clean(params["programme"])).first()
        if programme:
            releases, filters["programme"] = releases.for_programme(programme), programme
        speaker = _clean(params.get("speaker")) and Speaker.objects.filter(slug=_clean(params["speaker"])).first()
        if speaker:
            releases, filters["speaker"] = releases.for_speaker(speaker), speaker
        year = params.get("year", "")
        if year.isascii() and year.isdigit() and int(year) in _YEARS:
            releases, filters["year"] = releases.in_year(int(year)), int(year)
        return (releases if filters else None), filters

    def _years(self):
        """From the newest public release's year back to the oldest's, kept until the next public change."""
        def compute():
            bounds = Release.objects.published(self.now).aggregate(
                first=Min("first_published_at"), last=Max("first_published_at"))
            if not bounds["first"]:
                return []
            return list(range(localtime(bounds["last"]).year, localtime(bounds["first"]).year - 1, -1))

        return shared_public_value("search-years", compute, self.now)

    def _result(self, document, search):
        edition = document.edition
        return {
            "release": document.release,
            "edition": edition,
            "headline": marked(edition.headline, search.highlight),
            "snippet": snippet(" ".join([html_to_text(edition.summary), html_to_text(edition.body)]), search.highlight),
            "url": document.release.get_absolute_url(),
            # Rendered now, in the language of the text that was searched.
            "dateline": dateline(edition),
            "kind": str(document.release.get_kind_display()),
        }
