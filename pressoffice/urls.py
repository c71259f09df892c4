from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index, sitemap
from django.views.decorators.cache import cache_control
from django.urls import include, path

from releases import media, site_pages, views
from releases.sitemaps import sitemaps

urlpatterns = [
    path("", views.language_redirect, name="root"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's address comes from ADMIN_PATH; robots.txt never names it.
    path(settings.ADMIN_PATH, admin.site.urls),
    # Every uploaded file goes through the visibility check, in development too.
    path(settings.MEDIA_URL.lstrip("/") + "<path:name>", media.serve, name="media"),
    # Kept in the shared page cache like any public page, so every worker serves the same one.
    path("sitemap.xml", cache_control(public=True, max_age=60)(sitemap_index), {"sitemaps": sitemaps()},
         name="sitemap"),
    path("sitemap-<section>.xml", cache_control(public=True, max_age=60)(sitemap),
         {"sitemaps": sitemaps(), "template_name": "releases/sitemap.xml"},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", site_pages.favicon, name="favicon"),
]
urlpatterns += i18n_patterns(
    path("", include("releases.urls")),
    prefix_default_language=True,
)

handler400 = "pressoffice.errors.bad_request"
# The 404 page has no versions in other languages: its language links go to the home pages.
handler404 = "releases.site_pages.page_not_found"
