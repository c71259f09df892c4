"""A read-only JSON API of published releases, in the language of its address (/ar/api/, /en/api/).

It starts from `Release.objects.published()` and `in_language()`, like every
public surface, and takes the list page's filters. A bad value is a 400 with
a message, never an empty list that looks like an answer.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import aggregates
from .filters import filter_releases
from .models import Release
from .models.querysets import DETAIL_LOOKUPS, card_fields
from .serialise import release_detail, release_summary

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100


def _respond(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=60)
    # Public data: anyone's page or tool may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message, status, **extra):
    return _respond({"error": message, **extra}, status=status)


def _public(now, lookups=(), fields=None):
    language = translation.get_language()
    return (Release.objects.published(now).in_language(language, now)
            .with_public_edition(now, lookups=lookups, fields=fields).newest_first())


def _page_size(value):
    if not value:
        return DEFAULT_PAGE_SIZE
    if not (value.isascii() and value.isdigit()) or len(value) > 3:
        return None
    size = int(value)
    return size if 1 <= size <= MAX_PAGE_SIZE else None


@require_safe
def release_list(request):
    now = timezone.now()
    filtered = filter_releases(_public(now, fields=card_fields(translation.get_language(), body=True)), request.GET, now)
    if filtered.errors:
        return _error(_("Some filters match nothing."), 400, errors=filtered.errors)
    size = _page_size(request.GET.get("page_size", ""))
    if size is None:
        return _error(_("page_size must be a number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}, 400)
    name = aggregates.count_name(translation.get_language(), filtered.applied)
    paginator = aggregates.CountedPaginator(filtered.releases, size, name=name, now=now)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        return _error(_("There is no such page."), 404)
    query = request.GET.copy()

    def link(number):
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return _respond({
        "count": paginator.count,
        "page": page.number,
        "num_pages": paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [release_summary(release, request) for release in page.object_list],
    })


@require_safe
def release_detail_view(request, pk):
    now = timezone.now()
    if pk >= 2**63:
        return _error(_("There is no published release with this number in this language."), 404)
    release = _public(now, lookups=DETAIL_LOOKUPS).filter(pk=pk).first()
    if release is None:
        return _error(_("There is no published release with this number in this language."), 404)
    return _respond(release_detail(release, request, release.corrections.public(now)))

