"""The site's standing pages (About, Contact), its error page, its icon and its web manifest."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .models import Page
from .models.querysets import SOURCE_LANGUAGE
from .views import PublicMixin


class PageView(PublicMixin, TemplateView):
    """About or Contact; in a language without its text yet, a pointer to the source language's page."""

    slug = None

    def get(self, request, *args, **kwargs):
        page = Page.objects.filter(slug=self.slug).first()
        if page is None:
            raise Http404
        languages = [code for code, _name in settings.LANGUAGES if code == SOURCE_LANGUAGE or page.is_complete_in(code)]
        complete = translation.get_language() in languages
        self.template_name = "releases/page_detail.html" if complete else "releases/page_untranslated.html"
        return self.render_to_response(self.get_context_data(page=page, page_languages=languages))


def page_not_found(request, exception=None):
    """The 404 page: no language versions of its own, links to every home page."""
    return render(request, "404.html", {"error_page": True}, status=404)


def favicon(request):
    response = HttpResponseRedirect(static("releases/icons/favicon.ico"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


def web_manifest(request):
    """The web app manifest, in the page's language and direction."""
    language = translation.get_language()
    icons = [{"src": static(f"releases/icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
             for size in (192, 512)]
    icons.append({"src": static("releases/icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"})
    manifest = {
        "name": _("Media Office of the Permanent Mission"),
        "short_name": _("Media Office"),
        "lang": language,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": reverse("releases:home"),
        "scope": reverse("releases:home"),
        "display": "browser",
        "background_color": "#fffdf9",
        "theme_color": "#7a1531",
        "icons": icons,
    }
    response = HttpResponse(json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json")
    patch_cache_control(response, public=True, max_age=3600)
    return response
