"""The page cache's front door: a WSGI layer that answers cache hits before Django's handler runs.

A hit through `PageCacheMiddleware` still pays for Django's whole handler (the request
signals, the middleware chain, URL set-up), which costs more than the lookup. This layer
wraps the WSGI application (pressoffice/wsgi.py) and, for a request that the page cache
may answer, does only what a hit needs:

1. builds Django's own request object from the environ (nothing is read from the body);
2. asks `releases.cache.may_use_cache()` whether the cache may answer it at all;
3. reads the current generation and the address's entry in one round trip
   (`releases.cache.lookup()`: one MGET on Redis, two small file reads on the file cache),
   or from this process's copy while no purge has happened since it read them
   (`releases.cache.find_page()` and `LocalEntries`);
4. takes the page only if `releases.cache.stored_page()` says it is of the current
   generation, before its absolute expiry, and of the request's variant;
5. answers with the stored status, headers and body, through Django's own
   `ConditionalGetMiddleware` rule, so a matching `If-None-Match` or `If-Modified-Since`
   gets a 304.

Anything else goes to Django untouched: a miss, a session cookie, an Authorization header,
a preview token, an unknown host, a lookup that fails. The rules are the middleware's, not
a copy: both call the same functions in releases/cache.py, so a rule changed there holds
here too, and the middleware still serves the test client and whatever this passes on.
"""

import time

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.middleware.http import ConditionalGetMiddleware

from . import cache


class PageCacheFront:
    def __init__(self, application):
        self.application = application
        # Only its process_response is used: Django's rule for 304s, on our response.
        self.conditional = ConditionalGetMiddleware(application)

    def __call__(self, environ, start_response):
        hit = self.hit(environ) if settings.PAGE_CACHE_SECONDS else None
        if hit is None:
            return self.application(environ, start_response)
        status, headers, body = hit
        start_response(status, headers)
        return [body]

    def hit(self, environ):
        """The cached page for this request as (status, headers, body), or None to let Django answer it."""
        request = WSGIRequest(environ)
        try:
            if not cache.may_use_cache(request):
                return None
            now = time.time()
            page = cache.find_page(request, now)
        except Exception:  # noqa: BLE001 - a host not allowed, too many query fields, the cache down:
            return None  # Django meets the same failure, and answers or reports it
        if page is None:
            return None
        if "HTTP_IF_NONE_MATCH" in environ or "HTTP_IF_MODIFIED_SINCE" in environ:
            response = self.conditional.process_response(request, cache.response_from(page, request, now))
            return f"{response.status_code} {response.reason_phrase}", list(response.items()), response.content
        # Unconditional: what ConditionalGetMiddleware would pass unchanged, without building a response.
        return cache.page_status(page), cache.page_headers(page, now), cache.page_body(page, request)
