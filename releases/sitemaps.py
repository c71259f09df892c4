"""The sitemap: an index (/sitemap.xml) of sections, each paginated at 10,000 addresses.

Section pages use `releases/sitemap.xml`, Django's template without what we never
send (priority, change frequency) and without `{% spaceless %}` over 4 MB of output.

Releases get one section per language, so that the database paginates them
(COUNT, then one page of rows) and a page never holds more than `limit`
addresses. Their rows are a few columns (`values()`), not releases with their
editions: 20,000 releases cost a few MB, not hundreds. Every address lists its
versions in the other languages it is public in (hreflang alternates).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from .addresses import release_paths
from .cache import shared_public_value
from .models import Edition, Page, Programme, Release, Speaker
from .models.querysets import SOURCE_LANGUAGE, translation_languages

LIMIT = 10_000


def _languages():
    return [code for code, _name in settings.LANGUAGES]


class ReleaseSitemap(Sitemap):
    """Published releases public in `language`, newest first."""

    limit = LIMIT

    def __init__(self, language):
        self.language = language

    def _public(self, now=None):
        now = now or timezone.now()
        return Release.objects.published(now).in_language(self.language, now)

    def items(self):
        now = timezone.now()
        return (self._public(now).with_public_columns(now).newest_first()
                .values("pk", "slug", "public_at", *(f"complete_{code}" for code in translation_languages())))

    @property
    def paginator(self):
        # Counting every public release is most of the index's cost: counted once per purge.
        paginator = _Paginator(self.items(), self.limit)
        paginator.count = shared_public_value(f"sitemap:count:{self.language}", lambda: self._public().count())
        return paginator

    def location(self, item, language=None):
        return self._paths[language or self.language](item["pk"], item["slug"])

    @cached_property
    def _paths(self):
        return {code: release_paths(code) for code in _languages()}

    def lastmod(self, item):
        return item["public_at"]

    def get_latest_lastmod(self):
        def compute():
            now = timezone.now()
            return (Edition.objects.visible(now).filter(release__in=self._public(now))
                    .aggregate(at=Max("published_at"))["at"])

        return shared_public_value(f"sitemap:lastmod:{self.language}", compute)

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            item = url["item"]
            # Written as the day, in the mission's zone, once here (releases/sitemap.xml prints it as is).
            url["lastmod"] = timezone.localdate(url["lastmod"]).isoformat() if url["lastmod"] else None
            url["alternates"] = [
                {"location": f"{protocol}://{domain}{self.location(item, code)}", "lang_code": code}
                for code in _languages() if code == SOURCE_LANGUAGE or item[f"complete_{code}"]
            ]
        return urls


class _Paginator(Paginator):
    """Pages of `per_page` rows read from the database, whatever the (kept) count says."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)


class SitePagesSitemap(Sitemap):
    """The home page, the list, About and Contact, speakers and programmes, in every language
    their text is in."""

    i18n = True
    alternates = True
    limit = LIMIT

    def items(self):
        pages = {page.slug: page for page in Page.objects.only("slug", *(f"{field}_{code}" for field in ("title", "body")
                                                                        for code in _languages()))}
        named = [("releases:home", None), ("releases:list", None)]
        named += [(f"releases:{slug}", None) for slug in Page.Slug.values if slug in pages]
        self._pages = pages
        speakers = [("releases:speaker", slug) for slug in Speaker.objects.values_list("slug", flat=True)]
        programmes = [("releases:programme", slug) for slug in Programme.objects.values_list("slug", flat=True)]
        return named + speakers + programmes

    def get_languages_for_item(self, item):
        name = item[0].split(":")[1]
        page = getattr(self, "_pages", {}).get(name)
        if page is None:
            return _languages()
        return [code for code in _languages() if code == SOURCE_LANGUAGE or page.is_complete_in(code)]

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug}) if slug else reverse(name)


def sitemaps():
    return {"pages": SitePagesSitemap, **{f"releases-{code}": ReleaseSitemap(code) for code in _languages()}}
