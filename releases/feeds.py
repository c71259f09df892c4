from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Programme, Release, Speaker
from .models.querysets import card_fields


class ReleasesFeed(Feed):
    """Latest published releases in the page's language (RSS)."""

    def title(self, obj=None):
        name = _("Media Office of the Permanent Mission")
        return f"{name}: {obj}" if obj else name

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else reverse("releases:list")

    def description(self, obj=None):
        return _("Statements, news and press releases.")

    def __call__(self, request, *args, **kwargs):
        # One clock reading per feed, so every item is public at the same moment.
        self.now = timezone.now()
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=60)  # as the pages: readers poll feeds
        return response

    def releases(self, obj):
        now, language = self.now, translation.get_language()
        return (Release.objects.published(now).in_language(language, now)
                .with_public_edition(now, lookups=(), fields=card_fields(language, body=True)).newest_first())

    def items(self, obj=None):
        return self.releases(obj)[:30]

    def item_title(self, item):
        return item.public_edition().headline

    def item_description(self, item):
        edition = item.public_edition()
        return edition.summary or edition.body

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.public_edition().published_at


class ReleasesAtomFeed(ReleasesFeed):
    feed_type = Atom1Feed
    subtitle = ReleasesFeed.description


class SpeakerFeed(ReleasesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Speaker, slug=slug)

    def releases(self, obj):
        return super().releases(obj).for_speaker(obj, self.now)


class ProgrammeFeed(ReleasesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Programme, slug=slug)

    def releases(self, obj):
        return super().releases(obj).for_programme(obj, self.now)


class SpeakerAtomFeed(SpeakerFeed):
    feed_type = Atom1Feed


class ProgrammeAtomFeed(ProgrammeFeed):
    feed_type = Atom1Feed
