from django.contrib.sitemaps import Sitemap

from .models import Release


class ReleaseSitemap(Sitemap):
    """Published releases, in every language they are published in, with hreflang alternates."""

    i18n = True
    alternates = True

    def items(self):
        return Release.objects.published().with_public_edition().newest_first()

    def get_languages_for_item(self, item):
        edition = item.public_edition()
        return [code for code in self._languages() if edition.is_complete_in(code)]

    def lastmod(self, item):
        return item.public_edition().published_at
