from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from . import aggregates
from .digits import localise_digits
from .filters import filter_releases
from .models import Appointment, Edition, Programme, Release, Speaker
from .models.querysets import DETAIL_LOOKUPS, card_fields


def language_redirect(request):
    """`/` goes to the reader's language by Accept-Language; Arabic by default."""
    language = translation.get_language_from_request(request)
    response = redirect(f"/{language}/")
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


class PublicMixin:
    """Anonymous pages may be cached briefly by browsers and the CDN.

    A page reads the clock once: everything it shows is public at `self.now`.
    """

    def dispatch(self, request, *args, **kwargs):
        self.now = timezone.now()
        response = super().dispatch(request, *args, **kwargs)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=60)
        return response

    def public_releases(self):
        """Cards: the releases public now in the page's language, with what a card shows of each."""
        language = translation.get_language()
        return (
            Release.objects.published(self.now).in_language(language, self.now)
            .with_public_edition(self.now, lookups=(), fields=card_fields(language)).newest_first()
        )


class HomeView(PublicMixin, TemplateView):
    template_name = "releases/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=self.public_releases()[:7],
            featured_programmes=Programme.objects.filter(is_featured=True, is_active=True)[:4],
            **kwargs,
        )


class ReleaseListView(PublicMixin, ListView):
    template_name = "releases/release_list.html"
    context_object_name = "releases"
    paginate_by = settings.PRESSOFFICE_PAGE_SIZE

    def get_queryset(self):
        # A value that matches nothing is ignored here; the API says so instead.
        filtered = filter_releases(self.public_releases(), self.request.GET, self.now)
        self.filters = filtered.applied
        return filtered.releases

    def get_paginator(self, queryset, per_page, **kwargs):
        # The count and the years read the whole archive: both are kept until the public side changes.
        name = aggregates.count_name(translation.get_language(), self.filters)
        return aggregates.CountedPaginator(queryset, per_page, name=name, now=self.now, **kwargs)

    def get_context_data(self, **kwargs):
        # The menus' (value, label) pairs.
        return super().get_context_data(
            filters=self.filters,
            kinds=Release.Kind.choices,
            programmes=[(programme.slug, str(programme)) for programme in Programme.objects.all()],
            speakers=[(speaker.slug, speaker.name) for speaker in Speaker.objects.all()],
            years=[(year, localise_digits(year)) for year in aggregates.published_years(self.now)],
            query_without_page=self._query_without_page(),
            **kwargs,
        )

    def _query_without_page(self):
        query = self.request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


class ReleaseDetailView(PublicMixin, DetailView):
    context_object_name = "release"

    def get_object(self, queryset=None):
        edition = Edition.objects.prefetch_related(*DETAIL_LOOKUPS).public_page(self.kwargs["pk"], self.now)
        if edition is None:
            raise Http404
        return edition.release

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != (self.object.slug or "-"):
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        edition = self.object.public_edition(self.now)
        language = translation.get_language()
        self.template_name = "releases/release_detail.html"
        if not edition.is_complete_in(language):
            self.template_name = "releases/release_untranslated.html"
        context = self.get_context_data(
            object=self.object,
            edition=edition,
            page_languages=edition.complete_languages(),
            corrections=self.object.corrections.public(self.now),
            is_stale=edition.is_stale_in(language),
        )
        return self.render_to_response(context)


class SpeakerDetailView(PublicMixin, DetailView):
    model = Speaker
    template_name = "releases/speaker_detail.html"

    def get_queryset(self):
        # Each post with its organisation, in the posts' query.
        return Speaker.objects.prefetch_related(
            Prefetch("appointments", queryset=Appointment.objects.select_related("organisation"))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            releases=self.public_releases().for_speaker(self.object, self.now)[:20], **kwargs
        )


class ProgrammeDetailView(PublicMixin, DetailView):
    model = Programme
    template_name = "releases/programme_detail.html"

    def get_queryset(self):
        return Programme.objects.prefetch_related("partners")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            releases=self.public_releases().for_programme(self.object, self.now)[:20], **kwargs
        )


@never_cache
def shared_preview(request, token):
    """A signed, expiring link to one edition, for someone without an account."""
    from .previews import edition_from_token

    edition = edition_from_token(token)
    # The page's image and attachment links carry the same token, so they expire and are revoked with it.
    request.preview_token = token
    if edition is None:
        response = render(request, "releases/preview_expired.html", status=404)
        patch_cache_control(response, private=True, no_store=True)
        return response
    return render_preview(request, edition)


def robots_txt(request):
    # The admin is not named here: robots.txt is public, and its address is a setting (ADMIN_PATH).
    lines = ["User-agent: *", *(f"Disallow: /{code}/preview/" for code, _name in settings.LANGUAGES),
             f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def render_preview(request, edition):
    """The public template, marked as a preview, never indexed and never cached."""
    language = translation.get_language()
    release = edition.release
    template = "releases/release_detail.html"
    if not edition.is_complete_in(language):
        template = "releases/release_untranslated.html"
    response = TemplateResponse(request, template, {
        "release": release, "edition": edition, "preview": True, "corrections": [],
        "is_stale": edition.is_stale_in(language), "page_languages": edition.complete_languages(),
    })
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response
