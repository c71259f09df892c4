"""The anonymous page cache, shared by every worker, and the one way to purge it.

Whole public pages are kept in the `pages` cache (Redis when REDIS_URL is set, else
files that all the workers of one machine share). The rules live here, once, as
functions: which request may use the cache (`may_use_cache`), its key (`entry_key`),
the one read of a hit (`lookup`), whether a stored page may answer (`stored_page`), and
what may be stored and how (`may_store`, `store_page`). Two callers use them:
`PageCacheMiddleware`, which stores what Django renders (and serves hits that reach
Django), and the WSGI front in releases/cache_front.py, which answers hits before
Django's handler runs.

An entry is one key per address (scheme, host, path, query) and holds the generation it
was rendered under and up to MAX_VARIANTS pages, one per value of the request headers
that the response varies on, each with an absolute expiry. So a hit is one round trip
(the generation and the entry in one MGET), and the generation check and the expiry
are inside it. Django's `cache_page` keys cost three (generation, header list, page).
The WSGI front saves even that read while it may: each process keeps copies of the
entries it read (`LocalEntries`), used only while it knows no purge has happened since.

Purging: `purge_public_cache()` writes a new generation after a public change has
committed, so every entry stored before it stops answering at once, in every worker
(each request reads the generation, or sees that it has changed), and nothing else in the cache is touched (never
`clear()`, never FLUSHDB); the orphaned entries expire on their own. A request reads the
generation before it reads the database, so a page rendered from data older than a
purge is stored, if at all, under the generation that the purge replaced.

A scheduled edition or correction goes public by the clock, with no purge: pages
are kept no longer than until the next such time (`next_public_change`), and the
expiry stored in the entry holds even where the backend would keep it longer.
"""

import datetime
import logging
import math
import os
import time
import uuid
from collections import OrderedDict
from hashlib import md5

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, has_vary_header, patch_cache_control, set_response_etag
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:generation"
PURGE_CHANNEL = "pages:purged"  # on Redis, each purge is published here (see LocalEntries)
ENTRY_KEY = "pages:entry:1:{}"  # the number changes with the layout of an entry, so a deploy never reads old ones
MAX_VARIANTS = 8  # pages kept per address, one per value of the headers it varies on
NEXT_CHANGE_KEY = "pages:next-change:{}"
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
    """Forget every cached page and every value derived from public data (`shared_public_value`);
    call it after commit.

    A new unique generation rather than an increment: two purges at once can't write
    the same value, so each one orphans everything stored before it.
    """
    cache = page_cache()
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    forget_local_entries()
    if is_redis(cache):
        # After the new generation is written, never before: a process that hears of the purge
        # and reads the generation again must read the new one.
        cache._cache.get_client(write=True).publish(cache.make_key(PURGE_CHANNEL), generation)


def next_public_change(generation, now=None):
    """The epoch second at which something scheduled goes public after `now`, or NO_CHANGE_KNOWN.

    Kept per generation: scheduling, unscheduling and publishing purge, which
    starts a new generation and so a new answer.
    """
    cache = page_cache()
    key = NEXT_CHANGE_KEY.format(generation)
    at = cache.get(key)
    now = time.time() if now is None else now
    if at is None or NO_CHANGE_KNOWN < at <= now:
        at = _next_scheduled_time(now)
        cache.set(key, at, int(at - now) + 1 if at else 3600)
    return at


def shared_public_value(name, compute, now=None):
    """`compute()`, kept in the page cache for every worker until the next purge or scheduled time.

    For values read from the whole public archive (a list's count and years, the sitemap's
    counts): one place keeps them, and the purge that renews the pages renews them. The
    generation is read before computing, so a value computed while a change commits is never
    read after it; the next scheduled time is part of the key, so a value never outlives it,
    whatever the backend keeps. `now` is the page's clock (a datetime), when it read one.
    """
    cache = page_cache()
    now = time.time() if now is None else now.timestamp()
    generation = current_generation()
    until = next_public_change(generation, now)
    key = f"pages:value:{generation}:{until}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        timeout = int(until - now) if until else 3600
        if timeout > 0:
            cache.set(key, value, timeout)
    return value


def _next_scheduled_time(now):
    """The epoch second of the first edition or correction scheduled after epoch second `now`."""
    from django.db.models import Min

    from .models import Correction, Edition
    from .states import State

    now = datetime.datetime.fromtimestamp(now, datetime.timezone.utc)
    times = [
        Edition.objects.filter(state=State.SCHEDULED, published_at__gt=now).aggregate(at=Min("published_at"))["at"],
        Correction.objects.filter(published_at__gt=now).aggregate(at=Min("published_at"))["at"],
    ]
    times = [moment.timestamp() for moment in times if moment]
    return min(times) if times else NO_CHANGE_KNOWN


# Which requests and responses the anonymous cache may answer and keep, and how an entry is
# found: one set of functions, used by PageCacheMiddleware and by the WSGI front
# (releases/cache_front.py), so the two can never disagree.

def may_use_cache(request):
    """May this request be answered from the anonymous cache (and its response stored)?

    Never for staff (a session cookie), an Authorization header, a preview token
    (`?preview=`; the preview pages themselves are `no-store`), static files, or
    anything but GET and HEAD. Other cookies (CSRF, language) are harmless: a page
    that reads them varies on Cookie, and is never stored.
    """
    return (request.method in ("GET", "HEAD") and not request.path_info.startswith(settings.STATIC_URL)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META and "preview" not in request.GET)


def entry_key(request):
    """One key per address: scheme (a plain-http request never gets the https page), host, path, query."""
    return ENTRY_KEY.format(md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest())


def lookup(request):
    """The current generation and this address's entry, in one round trip (MGET on Redis)."""
    return read_entry(entry_key(request))


def read_entry(key):
    """The current generation and the entry under `key` (see `entry_key`), in one round trip."""
    found = page_cache().get_many([GENERATION_KEY, key])
    return found.get(GENERATION_KEY), found.get(key)


def stored_page(request, generation, entry, now):
    """The page in `entry` that may answer `request` at `now`, or None.

    Only from the current generation (a purge orphans every entry at once), before its
    absolute expiry (the next scheduled time bounds it), and of the request's variant
    (the values of the headers that the response said it varies on).
    """
    if generation is None or not entry or entry.get("generation") != generation:
        return None
    for page in entry["pages"]:
        if page["expires_at"] > now and all(request.META.get(name) == value for name, value in page["vary"]):
            return page
    return None


# A hit used to read the generation and the entry from the shared cache every time: on Redis a
# round trip, more than the rest of the hit together; on the files two opens, reads and unpicklings.
# So each process also keeps the entries it read lately (LocalEntries), and answers from them while
# it knows that no purge has happened since it read the generation: on Redis it is subscribed to
# PURGE_CHANNEL, on which every purge publishes once it has written the new generation; on the files
# it looks at the generation's file (every write of it is a new file, moved into place).

LOCAL_TRUST_SECONDS = 1.0  # the generation is read again after this long, heard of a purge or not
LOCAL_MAX_BYTES = 16 * 1024 * 1024  # of page bodies kept per process; the least recently used go first
SUBSCRIBE_TIMEOUT = 0.5  # seconds to wait for Redis to confirm the subscription


def is_redis(cache):
    from django.core.cache.backends.redis import RedisCache

    return isinstance(cache, RedisCache)


def find_page(request, now):
    """The page that may answer `request` at `now` (see `stored_page`), or None; for the WSGI front.

    From this process's LocalEntries when it may; otherwise by `lookup()`.
    """
    local = _local_entries(page_cache())
    if local is None:
        generation, entry = lookup(request)
        return stored_page(request, generation, entry, now)
    return local.find(request, now)


def forget_local_entries():
    """This process stops trusting what it keeps of the page cache (its own purges do this at once)."""
    local = getattr(page_cache(), "_press_local_entries", None)
    if local is not None:
        local.forget()


def _local_entries(cache):
    # Django's cache handler gives each thread its own backend, so each thread its own LocalEntries;
    # a forked process starts its own (never touching the parent's subscription, which it shares).
    local = getattr(cache, "_press_local_entries", None)
    if local is None or local.pid != os.getpid():
        if is_redis(cache):
            watch = _RedisPurges(cache)
        elif hasattr(cache, "file_of"):
            watch = _GenerationFile(cache.file_of(GENERATION_KEY))
        else:
            return None
        local = cache._press_local_entries = LocalEntries(watch)
    return local


class LocalEntries:
    """This process's copies of entries of the shared page cache, trusted only while it knows the
    generation they belong to is still the current one.

    It knows that when it read the generation less than LOCAL_TRUST_SECONDS ago and its watch
    (`_RedisPurges`, `_GenerationFile`) has seen no purge since. Anything else (a purge seen, a
    watch that fails, the time running out) sends the next request to the shared cache
    (`read_entry()`), which reads the generation and the entry again. A purge in any process is
    thus seen at the next request everywhere (on Redis, as soon as Redis has delivered its
    message; a message lost in a way no one can tell is outlived by LOCAL_TRUST_SECONDS).

    A copy is used by the same rules as the shared entry (`stored_page`: its generation, each
    page's expiry, the variant), so a scheduled time still ends a page on time.
    """

    def __init__(self, watch):
        self.watch, self.pid = watch, os.getpid()
        self.entries, self.size = OrderedDict(), 0
        self.generation, self.read_at, self.seen = None, 0.0, None

    def find(self, request, now):
        key = entry_key(request)
        if self._trusted(now):
            page = stored_page(request, self.generation, self.entries.get(key), now)
            if page is not None:
                self.entries.move_to_end(key)
                return page
        seen = self.watch.before_read(now)  # before the read: a purge after it is sure to be seen
        generation, entry = read_entry(key)
        if seen is not None and generation is not None:
            if generation != self.generation:
                self.entries.clear()
                self.size = 0
            self.generation, self.read_at, self.seen = generation, now, seen
            self._keep(key, entry if entry and entry.get("generation") == generation else None)
        return stored_page(request, generation, entry, now)

    def forget(self):
        self.generation = None

    def _trusted(self, now):
        if self.generation is None or not 0 <= now - self.read_at < LOCAL_TRUST_SECONDS:
            return False
        if not self.watch.unchanged(self.seen, now):
            self.forget()
        return self.generation is not None

    def _keep(self, key, entry):
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= _entry_size(old)
        if entry is None:
            return
        self.entries[key] = entry
        self.size += _entry_size(entry)
        while self.size > LOCAL_MAX_BYTES and len(self.entries) > 1:
            _key, oldest = self.entries.popitem(last=False)
            self.size -= _entry_size(oldest)


class _GenerationFile:
    """The files' watch: each write of the generation is a new file moved into place (Django's
    FileBasedCache), so its inode, time and size, read before the generation, change with it."""

    def __init__(self, path):
        self.path = path

    def before_read(self, now):
        return self._stamp()

    def unchanged(self, seen, now):
        return self._stamp() == seen

    def _stamp(self):
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return (found.st_ino, found.st_mtime_ns, found.st_size)


class _RedisPurges:
    """Redis's watch: a subscription to PURGE_CHANNEL, on which `purge_public_cache()` publishes."""

    def __init__(self, cache):
        self.cache, self.pubsub, self.retry_at, self.reconnected = cache, None, 0.0, False

    def before_read(self, now):
        """True once this process is subscribed (subscribing if it may try now), else None."""
        if self.pubsub is not None:
            return True
        if now < self.retry_at:
            return None
        pubsub = self.cache._cache.get_client(write=True).pubsub()
        try:
            pubsub.subscribe(self.cache.make_key(PURGE_CHANNEL))
            # Only once Redis confirms is a purge after this moment sure to be heard.
            confirmed = pubsub.get_message(timeout=SUBSCRIBE_TIMEOUT)
            if not confirmed or confirmed.get("type") != "subscribe":
                raise ConnectionError("no confirmation of the subscription")
            pubsub.connection.register_connect_callback(self._reconnected)
        except Exception:  # noqa: BLE001 - Redis unreachable or slow: answer from it directly, try again later
            self.pubsub = pubsub
            self._unsubscribe(now)
            return None
        self.pubsub, self.reconnected = pubsub, False
        return True

    def unchanged(self, seen, now):
        try:
            # redis-py may connect a lost subscription again by itself: it then calls _reconnected().
            heard = self.pubsub.get_message(timeout=0) is not None
            while heard and self.pubsub.get_message(timeout=0) is not None:
                pass
        except Exception:  # noqa: BLE001 - the subscription is lost: nothing is trusted until it is back
            logger.warning("The page cache lost its subscription to purges; reading each page from Redis.")
            self._unsubscribe(now)
            return False
        reconnected, self.reconnected = self.reconnected, False
        return not heard and not reconnected

    def _reconnected(self, connection):
        # Whatever was published while the subscription was down was never heard.
        self.reconnected = True

    def _unsubscribe(self, now):
        self.retry_at = now + LOCAL_TRUST_SECONDS
        pubsub, self.pubsub = self.pubsub, None
        try:
            pubsub.close()
        except Exception:  # noqa: BLE001, S110 - already gone
            pass


def _entry_size(entry):
    return sum(len(page["body"]) + 1024 for page in entry["pages"])


def page_status(page):
    return f"{page['status']} {page['reason']}"


def page_headers(page, now):
    """The headers as they were stored, and how long ago that was (`Age`)."""
    return [*page["headers"], ("Age", str(max(0, int(now - page["stored_at"]))))]


def page_body(page, request):
    return b"" if request.method == "HEAD" else page["body"]


def response_from(page, request, now):
    """The stored page as Django's response."""
    return HttpResponse(page_body(page, request), status=page["status"], reason=page["reason"],
                        headers=page_headers(page, now))


def is_public(response):
    cache_control = response.get("Cache-Control", "").lower()
    return (response.status_code == 200 and not response.streaming and "public" in cache_control
            and not any(word in cache_control for word in ("private", "no-cache", "no-store")))


def may_store(request, response):
    """A 200 GET whose view declared it `public`, that sets no cookie, doesn't vary on Cookie,
    didn't touch the session (a view that looked at the user varies on Cookie: SessionMiddleware
    says so), and whose rendering used no CSP nonce (it would be replayed)."""
    return (
        request.method == "GET" and is_public(response) and get_max_age(response) != 0
        and not response.cookies
        and not has_vary_header(response, "Cookie") and not has_vary_header(response, "*")
        and not getattr(getattr(request, "session", None), "accessed", False)
        and not getattr(request, "csp_nonce", None)  # true once a template has used the nonce
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


def store_page(request, response, generation, entry, timeout):
    """Keep `response` for `timeout` seconds beside the other fresh variants of its address.

    `generation` is the one read before the view ran: if a purge came in between, the
    entry is stored under the old one and never served.
    """
    # Browsers and the CDN may keep it no longer than we do (Age tells them how old it is).
    patch_cache_control(response, max_age=timeout)
    response.setdefault("Last-Modified", http_date())
    set_response_etag(response)
    now = time.time()
    vary = tuple((_meta_name(header), request.META.get(_meta_name(header)))
                 for header in cc_delim_re.split(response.get("Vary", "")) if header)
    page = {"vary": vary, "expires_at": now + timeout, "stored_at": now, "status": response.status_code,
            "reason": response.reason_phrase, "headers": list(response.items()), "body": response.content}
    kept = []
    if entry and entry.get("generation") == generation:
        kept = [other for other in entry["pages"] if other["vary"] != vary and other["expires_at"] > now]
    pages = [page, *kept][:MAX_VARIANTS]
    lifetime = max(other["expires_at"] for other in pages) - now
    page_cache().set(entry_key(request), {"generation": generation, "pages": pages}, math.ceil(lifetime))


def _meta_name(header):
    return "HTTP_" + header.strip().upper().replace("-", "_")


class PageCacheMiddleware:
    """Serve and store public pages for visitors without a session; see the module's docstring.

    It comes first (after ConditionalGetMiddleware), so a hit runs no other middleware;
    a stored page carries the headers they added (CSP, HSTS...). In production most hits
    never get here: the WSGI front (releases/cache_front.py) answers them with the same
    functions, and this serves what it passes on (and every request in the test client).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not may_use_cache(request):
            response = self.get_response(request)
            if is_public(response):
                response.setdefault("Last-Modified", http_date())
            return response
        generation, entry = lookup(request)
        if generation is None:
            generation = current_generation()
        now = time.time()
        page = stored_page(request, generation, entry, now)
        if page is not None:
            return response_from(page, request, now)
        until = next_public_change(generation)
        response = self.get_response(request)
        if may_store(request, response):
            timeout = int(min(seconds, until - time.time()) if until else seconds)
            if timeout > 0:
                store_page(request, response, generation, entry, timeout)
        return response


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
