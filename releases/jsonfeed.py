"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1): per language, and per speaker and programme.

The same releases as the Atom and RSS feeds: `Release.objects.published()`
in the feed's language, newest first.
"""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View

from .dates import iso_moment
from .descriptions import describe
from .models import Programme, Release, Speaker
from .models.querysets import card_fields
from .serialise import image

VERSION = "https://jsonfeed.org/version/1.1"
ITEMS = 30


class ReleasesJSONFeed(View):
    http_method_names = ["get", "head", "options"]

    def get_object(self, slug):
        return None

    def releases(self, obj, now):
        language = translation.get_language()
        return (Release.objects.published(now).in_language(language, now)
                .with_public_edition(now, lookups=(), fields=card_fields(language, body=True)).newest_first())

    def home(self, obj):
        return obj.get_absolute_url() if obj else reverse("releases:list")

    def title(self, obj):
        name = _("Media Office of the Permanent Mission")
        return f"{name}: {obj}" if obj else name

    def item(self, release, request):
        edition = release.public_edition()
        url = request.build_absolute_uri(release.get_absolute_url())
        item = {
            "id": url, "url": url, "title": edition.headline, "content_html": edition.body or "",
            "summary": describe(edition), "date_published": iso_moment(release.first_published_at),
            "date_modified": iso_moment(edition.published_at), "language": translation.get_language(),
            "tags": [str(release.get_kind_display())],
        }
        picture = image(edition, request)
        if picture:
            item["image"] = picture["url"]
        return item

    def get(self, request, slug=None):
        now = timezone.now()
        obj = self.get_object(slug)
        feed = {
            "version": VERSION,
            "title": self.title(obj),
            "home_page_url": request.build_absolute_uri(self.home(obj)),
            "feed_url": request.build_absolute_uri(request.path),
            "description": _("Statements, news and press releases."),
            "language": translation.get_language(),
            "icon": request.build_absolute_uri(static("releases/icons/icon-512.png")),
            "favicon": request.build_absolute_uri(static("releases/icons/icon-192.png")),
            "items": [self.item(release, request) for release in self.releases(obj, now)[:ITEMS]],
        }
        response = HttpResponse(json.dumps(feed, ensure_ascii=False), content_type="application/feed+json; charset=utf-8")
        patch_cache_control(response, public=True, max_age=60)
        return response


class SpeakerJSONFeed(ReleasesJSONFeed):
    def get_object(self, slug):
        return get_object_or_404(Speaker, slug=slug)

    def releases(self, obj, now):
        return super().releases(obj, now).for_speaker(obj, now)


class ProgrammeJSONFeed(ReleasesJSONFeed):
    def get_object(self, slug):
        return get_object_or_404(Programme, slug=slug)

    def releases(self, obj, now):
        return super().releases(obj, now).for_programme(obj, now)
