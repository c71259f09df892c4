"""The anonymous page cache, shared by every worker, and the one way to purge it.

Whole public pages are kept in the `pages` cache (Redis when REDIS_URL is set, else
files that all the workers of one machine share) by `PageCacheMiddleware`: Django's
cache middleware (`get_cache_key`, `learn_cache_key`) with this site's rules on what
may be stored and for how long.

Purging: every key carries the current *generation*, a random value kept in the
same cache. `purge_public_cache()` writes a new one after a public change has
committed, so every page cached before it becomes unreachable at once, in every
worker, and nothing else in the cache is touched (never `clear()`, never FLUSHDB);
the orphaned entries expire on their own. A request reads the generation before it
reads the database, so a page rendered from data older than a purge is stored, if
at all, under the generation that the purge replaced.

A scheduled edition or correction goes public by the clock, with no purge: pages
are kept no longer than until the next such time (`next_public_change`).
"""

import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache as default_cache, caches
from django.utils import timezone
from django.utils.cache import (
    get_cache_key, get_max_age, has_vary_header, learn_cache_key, patch_cache_control, set_response_etag,
)
from django.utils.http import http_date

GENERATION_KEY = "pages:generation"
NEXT_CHANGE_KEY = "pages:next-change:{}"
# Values that the site computes from public data and keeps in the default cache.
DERIVED_KEYS = ("pressoffice:search:years",)
NO_CHANGE_KNOWN = 0.0
CACHE_ALIAS = "pages"


def page_cache():
    return caches[CACHE_ALIAS]


def current_generation():
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Lost (evicted, or a fresh cache): a new unique value is always safe, it only costs misses.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    return generation


def purge_public_cache():
    """Forget every cached page and every value derived from public data; call it after commit.

    A new unique generation rather than an increment: two purges at once can't write
    the same value, so each one orphans everything stored before it.
    """
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    default_cache.delete_many(DERIVED_KEYS)


def next_public_change(generation):
    """The epoch second at which something scheduled goes public, or NO_CHANGE_KNOWN.

    Kept per generation: scheduling, unscheduling and publishing purge, which
    starts a new generation and so a new answer.
    """
    cache = page_cache()
    key = NEXT_CHANGE_KEY.format(generation)
    at = cache.get(key)
    now = time.time()
    if at is None or NO_CHANGE_KNOWN < at <= now:
        at = _next_scheduled_time()
        cache.set(key, at, int(at - now) + 1 if at else 3600)
    return at


def shared_public_value(name, compute):
    """`compute()`, kept in the page cache for every worker until the next purge or scheduled time.

    For values read from the whole public archive (the sitemap's counts): the generation is
    read before computing, so a value computed while a change commits is never read after it.
    """
    cache = page_cache()
    generation = current_generation()
    key = f"pages:value:{generation}:{name}"
    value = cache.get(key)
    if value is None:
        until = next_public_change(generation)
        value = compute()
        timeout = int(until - time.time()) if until else 3600
        if timeout > 0:
            cache.set(key, value, timeout)
    return value


def _next_scheduled_time():
    from django.db.models import Min

    from .models import Correction, Edition
    from .states import State

    now = timezone.now()
    times = [
        Edition.objects.filter(state=State.SCHEDULED, published_at__gt=now).aggregate(at=Min("published_at"))["at"],
        Correction.objects.filter(published_at__gt=now).aggregate(at=Min("published_at"))["at"],
    ]
    times = [moment.timestamp() for moment in times if moment]
    return min(times) if times else NO_CHANGE_KNOWN


class PageCacheMiddleware:
    """Serve and store public pages for visitors without a session; see the module's docstring.

    It comes first (after ConditionalGetMiddleware), so a hit runs no other middleware;
    a stored page carries the headers they added (CSP, HSTS...). Keys include the
    scheme, so a plain-http request never gets the https page (it is redirected, and
    redirects are not stored). Stored: a 200 GET whose view
    declared it `public`, that sets no cookie, doesn't vary on Cookie, and whose
    rendering used no CSP nonce (it would be replayed). Never looked up or stored:
    requests with a session cookie (staff), an Authorization header, or a preview
    token (`?preview=`; the preview pages themselves are `no-store`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._may_serve(request):
            response = self.get_response(request)
            if self._is_public(response):
                response.setdefault("Last-Modified", http_date())
            return response
        cache = page_cache()
        generation = current_generation()
        prefix = f"page.{generation}"
        response = self._fetch(request, prefix, cache)
        if response is not None:
            return response
        until = next_public_change(generation)
        response = self.get_response(request)
        if self._may_store(request, response):
            timeout = int(min(seconds, until - time.time()) if until else seconds)
            if timeout > 0:
                self._store(request, response, prefix, cache, timeout)
        return response

    def _may_serve(self, request):
        return (request.method in ("GET", "HEAD") and not request.path_info.startswith(settings.STATIC_URL)
                and settings.SESSION_COOKIE_NAME not in request.COOKIES
                and "HTTP_AUTHORIZATION" not in request.META and "preview" not in request.GET)

    @staticmethod
    def _is_public(response):
        cache_control = response.get("Cache-Control", "").lower()
        return (response.status_code == 200 and not response.streaming and "public" in cache_control
                and not any(word in cache_control for word in ("private", "no-cache", "no-store")))

    def _may_store(self, request, response):
        # A view that looked at the user or the session varies on Cookie (SessionMiddleware says so).
        return (
            self._is_public(response) and get_max_age(response) != 0
            and not response.cookies
            and not has_vary_header(response, "Cookie") and not has_vary_header(response, "*")
            and not getattr(getattr(request, "session", None), "accessed", False)
            and not getattr(request, "csp_nonce", None)  # true once a template has used the nonce
            and "'nonce-" not in response.get("Content-Security-Policy", "")
        )

    def _fetch(self, request, prefix, cache):
        with _language_free_keys(request):
            for method in ("GET", "HEAD") if request.method == "HEAD" else ("GET",):
                key = get_cache_key(request, prefix, method, cache=cache)
                stored = key and cache.get(key)
                if stored:
                    stored_at, response = stored
                    response["Age"] = max(0, int(time.time() - stored_at))
                    return response
        return None

    def _store(self, request, response, prefix, cache, timeout):
        # Browsers and the CDN may keep it no longer than we do (Age tells them how old it is).
        patch_cache_control(response, max_age=timeout)
        response.setdefault("Last-Modified", http_date())
        set_response_etag(response)
        with _language_free_keys(request):
            key = learn_cache_key(request, response, timeout, prefix, cache=cache)
        cache.set(key, (time.time(), response), timeout)


@contextmanager
def _language_free_keys(request):
    """Django adds the request's language to page keys; ours are looked up before LocaleMiddleware
    has chosen it, so they use a fixed one. The address (/ar/, /en/) and `Vary: Accept-Language`
    already tell languages apart."""
    chosen = getattr(request, "LANGUAGE_CODE", None)
    request.LANGUAGE_CODE = settings.LANGUAGE_CODE
    try:
        yield
    finally:
        if chosen is None:
            del request.LANGUAGE_CODE
        else:
            request.LANGUAGE_CODE = chosen


def _purge_after_commit(**kwargs):
    from django.db import transaction

    transaction.on_commit(purge_public_cache)


def connect():
    """Records that public pages show but that are edited outside the workflow purge on save.

    Editions and releases are not here: the workflow calls `events.public_change()`
    when their public side changes, and a draft's save changes nothing public.
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from .models import Appointment, Correction, Organisation, Page, Programme, Speaker

    for model in (Speaker, Appointment, Programme, Organisation, Correction, Page):
        post_save.connect(_purge_after_commit, sender=model, dispatch_uid=f"purge-pages-save-{model.__name__}")
        post_delete.connect(_purge_after_commit, sender=model, dispatch_uid=f"purge-pages-delete-{model.__name__}")
    m2m_changed.connect(_purge_after_commit, sender=Programme.partners.through, dispatch_uid="purge-pages-partners")
