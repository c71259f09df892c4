"""The page cache's WSGI front (releases/cache_front.py), called as gunicorn calls it: with environ dicts.

Each test runs on the embedded default (files shared by the workers) and on Redis. A hit must
leave Django's handler uncalled and the database untouched; anything the cache may not answer
must reach Django.
"""

import datetime
import uuid

import pytest
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control

from pressoffice import urls as site_urls
from releases import cache
from releases.cache import purge_public_cache
from releases.cache_front import PageCacheFront
from releases.roles import EDITOR, WRITER
from releases.states import State
from tests import factories
from tests.factories import REDIS_URL

pytestmark = pytest.mark.django_db(transaction=True)  # Django's handler closes connections after each request



@pytest.fixture(params=["files", "redis"])
def front(request, settings):
    settings.PAGE_CACHE_SECONDS = 300
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        prefix = f"front-test-{uuid.uuid4().hex[:8]}"
        settings.CACHES = {**settings.CACHES, "pages": {
            "BACKEND": "pressoffice.redis_cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    yield PageCacheFront(Django(get_wsgi_application()))
    if request.param == "redis":
        keys = server.keys(f"{prefix}*")
        if keys:
            server.delete(*keys)


class Django:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self, application):
        self.application, self.calls = application, 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.application(environ, start_response)


class Answer:
    def __init__(self, status, headers, body, reached_django, queries):
        self.status_code, self.headers, self.body = int(status.split()[0]), dict(headers), body
        self.reached_django, self.queries = reached_django, queries

    @property
    def hit(self):
        return not self.reached_django and self.queries == 0


def call(front, url, method="GET", **headers):
    environ = RequestFactory().generic(method, url, **headers).environ
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen.update(status=status, headers=response_headers)

    before = front.application.calls
    with CaptureQueriesContext(connection) as queries:
        body = front(environ, start_response)
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
    return Answer(seen["status"], seen["headers"], content, front.application.calls > before, len(queries))


def published(headline, **fields):
    return factories.edition(state=State.PUBLISHED, headline_ar=headline, headline_en=headline, **fields)


def test_a_hit_is_answered_without_django_and_with_the_headers_as_stored(front):
    published("Cached headline")
    first, second = call(front, "/en/releases/"), call(front, "/en/releases/")
    assert first.reached_django and first.queries > 0
    assert second.hit and second.status_code == 200 and second.body == first.body
    assert "Cached headline" in second.body.decode()
    for header in ("Content-Type", "Cache-Control", "Content-Security-Policy", "Permissions-Policy",
                   "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Content-Language",
                   "ETag", "Last-Modified", "Content-Length"):
        assert second.headers[header] == first.headers[header], header
    assert second.headers["Age"] == "0" and "Set-Cookie" not in second.headers


def test_a_page_stored_by_the_middleware_is_served_by_the_front(front):
    """One key and one entry for both: the test client goes through the middleware only."""
    published("Headline")
    Client().get("/en/")
    assert call(front, "/en/").hit


def test_a_purge_makes_the_next_request_a_miss(front):
    published("Old headline")
    call(front, "/en/")
    assert call(front, "/en/").hit
    published("New headline")
    purge_public_cache()  # what publishing does after commit
    response = call(front, "/en/")
    assert response.reached_django and "New headline" in response.body.decode()
    assert call(front, "/en/").hit


def test_a_logged_in_editor_never_gets_the_cached_page(front):
    edition = published("Before")
    call(front, "/en/releases/")
    type(edition).objects.filter(pk=edition.pk).update(headline_en="After")  # no purge
    staff = Client()
    staff.force_login(factories.user(role=EDITOR))
    cookie = f"csrftoken=abc; sessionid={staff.cookies['sessionid'].value}"
    response = call(front, "/en/releases/", HTTP_COOKIE=cookie)
    assert response.reached_django and "After" in response.body.decode()
    assert "Before" in call(front, "/en/releases/").body.decode()  # the public still get the cached page


def test_harmless_cookies_still_get_the_cached_page(front):
    published("Headline")
    call(front, "/en/")
    assert call(front, "/en/", HTTP_COOKIE="csrftoken=abc; django_language=en").hit


def test_an_authorization_header_never_gets_the_cached_page(front):
    published("Headline")
    call(front, "/en/")
    assert call(front, "/en/", HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz").reached_django


def _public(request):
    response = HttpResponse("public " + request.GET.get("preview", ""))
    patch_cache_control(response, public=True, max_age=60)
    return response


urlpatterns = [path("public/", _public), *site_urls.urlpatterns]


def test_a_preview_token_never_gets_or_stores_a_cached_page(front, settings):
    settings.ROOT_URLCONF = __name__  # a public view, so that only the preview rule can keep it out
    call(front, "/public/")
    assert call(front, "/public/").hit
    call(front, "/public/?preview=token")
    assert call(front, "/public/?preview=token").reached_django


def test_a_matching_etag_gets_a_304_without_django(front):
    published("Headline")
    stored = call(front, "/en/")
    not_modified = call(front, "/en/", HTTP_IF_NONE_MATCH=stored.headers["ETag"])
    assert not_modified.status_code == 304 and not_modified.body == b"" and not_modified.hit
    assert not_modified.headers["ETag"] == stored.headers["ETag"]
    other = call(front, "/en/", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and other.hit and other.body == stored.body


def test_head_gets_the_stored_headers_and_no_body(front):
    published("Headline")
    stored = call(front, "/en/")
    head = call(front, "/en/", method="HEAD")
    assert head.hit and head.status_code == 200 and head.body == b""
    assert head.headers["ETag"] == stored.headers["ETag"]


def test_a_head_is_answered_but_never_stored(front, settings):
    settings.ROOT_URLCONF = __name__
    assert call(front, "/public/", method="HEAD").reached_django
    assert call(front, "/public/").reached_django  # Django may have rendered the HEAD differently


def test_other_methods_go_to_django(front):
    published("Headline")
    call(front, "/en/")
    assert call(front, "/en/", method="OPTIONS").reached_django


def test_static_files_are_never_cached(front, settings):
    settings.ROOT_URLCONF = __name__
    settings.STATIC_URL = "/public/"  # a public view where the static files would be
    call(front, "/public/")
    assert call(front, "/public/").reached_django


def test_a_host_that_is_not_allowed_goes_to_django_and_is_refused(front):
    published("Headline")
    call(front, "/en/")
    response = call(front, "/en/", HTTP_HOST="evil.example")
    assert response.reached_django and response.status_code == 400


def test_an_entry_past_its_expiry_is_not_served(front, time_machine):
    """Even if the cache itself would keep it longer: the expiry is in the entry."""
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    published("Headline")
    call(front, "/en/")
    caches["pages"].touch(cache.entry_key(RequestFactory().get("/en/")), 3600)
    time_machine.move_to(start + datetime.timedelta(seconds=299), tick=False)
    assert call(front, "/en/").hit
    time_machine.move_to(start + datetime.timedelta(seconds=301), tick=False)
    assert call(front, "/en/").reached_django


def test_a_scheduled_release_appears_on_time_through_the_front(front, time_machine):
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    writer, editor = factories.user(role=WRITER), factories.user(role=EDITOR)
    published("Already out")
    draft = factories.edition(headline_en="Scheduled headline", author=writer)
    factories.schedule(factories.submit(draft, writer), editor, start + datetime.timedelta(seconds=30))
    purge_public_cache()  # as the workflow does after commit
    assert "Scheduled headline" not in call(front, "/en/releases/").body.decode()
    time_machine.move_to(start + datetime.timedelta(seconds=10), tick=False)
    assert call(front, "/en/releases/").hit
    time_machine.move_to(start + datetime.timedelta(seconds=31), tick=False)  # no purge has run
    response = call(front, "/en/releases/")
    assert response.reached_django and "Scheduled headline" in response.body.decode()


def test_a_page_that_varies_on_a_header_is_kept_for_each_value(front):
    published("Headline")
    for language in ("ar", "en", "ar", "en"):
        call(front, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE=language)
    arabic = call(front, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic.hit and arabic.headers["Vary"] == "Accept-Language"
    assert call(front, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en").hit
    assert call(front, "/sitemap.xml", HTTP_ACCEPT_LANGUAGE="fr").reached_django


def test_the_cache_turned_off_sends_everything_to_django(front, settings):
    published("Headline")
    call(front, "/en/")
    settings.PAGE_CACHE_SECONDS = 0
    assert call(front, "/en/").reached_django


# Each process keeps copies of the entries it read (releases.cache.LocalEntries) and answers from
# them while it has seen no purge (on Redis, heard on a channel; on the files, the generation's file
# unchanged): these hold when it must stop.

@pytest.fixture
def redis_front(request, settings):
    settings.PAGE_CACHE_SECONDS = 300
    server = request.getfixturevalue("redis_server")
    prefix = f"front-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "pressoffice.redis_cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    yield PageCacheFront(Django(get_wsgi_application()))
    keys = server.keys(f"{prefix}*")
    if keys:
        server.delete(*keys)


@pytest.fixture
def reads_of_redis(monkeypatch):
    """How many times a request read the generation and an entry from the shared cache."""
    reads = []
    real = cache.read_entry
    monkeypatch.setattr(cache, "read_entry", lambda key: reads.append(key) or real(key))
    return reads


def test_a_hit_seen_before_is_answered_from_the_process_copy(front, reads_of_redis):
    published("Headline")
    call(front, "/en/")  # a miss: rendered and stored
    assert call(front, "/en/").hit  # read from the shared cache, and kept here
    before = len(reads_of_redis)
    for _ in range(3):
        assert call(front, "/en/").hit
    assert len(reads_of_redis) == before


def test_on_files_a_new_generation_is_seen_at_the_next_request(front, settings):
    if settings.CACHES["pages"]["BACKEND"].endswith("RedisCache"):
        pytest.skip("the files' own case")
    published("Headline")
    call(front, "/en/")
    assert call(front, "/en/").hit
    caches["pages"].set(cache.GENERATION_KEY, uuid.uuid4().hex, None)  # by some other process
    assert call(front, "/en/").reached_django
    assert call(front, "/en/").hit


def test_a_purge_in_another_process_is_heard_at_the_next_request(front):
    published("Old headline")
    call(front, "/en/")
    assert call(front, "/en/").hit
    assert call(front, "/en/").hit  # from this process's copy
    published("New headline")
    _in_another_process(purge_public_cache)  # another worker publishing
    response = call(front, "/en/")
    assert response.reached_django and "New headline" in response.body.decode()
    assert call(front, "/en/").hit


def test_a_purge_never_heard_of_is_seen_once_the_trust_runs_out(redis_front, redis_server, time_machine):
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    published("Headline")
    call(redis_front, "/en/")
    assert call(redis_front, "/en/").hit
    # A new generation written with no message (as if it were lost on the way).
    redis_server.set(caches["pages"].make_key(cache.GENERATION_KEY), caches["pages"]._cache._serializer.dumps("x"))
    time_machine.move_to(start + datetime.timedelta(seconds=cache.LOCAL_TRUST_SECONDS + 0.01), tick=False)
    assert call(redis_front, "/en/").reached_django


def test_a_lost_subscription_sends_requests_to_redis_until_it_is_back(redis_front, redis_server, reads_of_redis,
                                                                      time_machine):
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    published("Headline")
    call(redis_front, "/en/")
    assert call(redis_front, "/en/").hit
    redis_server.client_kill_filter(_type="pubsub")  # Redis restarted, a network cut: the connection is gone
    redis_server.set(caches["pages"].make_key(cache.GENERATION_KEY), caches["pages"]._cache._serializer.dumps("x"))
    assert call(redis_front, "/en/").reached_django  # the new generation read, though no message came
    before = len(reads_of_redis)
    assert call(redis_front, "/en/").hit
    assert len(reads_of_redis) == before + 1  # not trusted: it tries to subscribe again a little later
    time_machine.move_to(start + datetime.timedelta(seconds=cache.LOCAL_TRUST_SECONDS + 0.01), tick=False)
    assert call(redis_front, "/en/").hit  # subscribed again, and the entry read
    before = len(reads_of_redis)
    assert call(redis_front, "/en/").hit
    assert len(reads_of_redis) == before  # from its copy again


def test_a_subscription_made_again_by_redis_py_ends_the_trust(redis_front, redis_server):
    """redis-py may reconnect a subscription by itself; what was published meanwhile was never heard."""
    published("Headline")
    call(redis_front, "/en/")
    assert call(redis_front, "/en/").hit
    redis_server.set(caches["pages"].make_key(cache.GENERATION_KEY), caches["pages"]._cache._serializer.dumps("x"))
    subscription = caches["pages"]._press_local_entries.watch.pubsub
    subscription.connection.disconnect()
    subscription.connection.connect()  # as redis-py does: connect again, subscribe again
    assert subscription.get_message(timeout=1)["type"] == "subscribe"  # the confirmation, out of the way
    assert call(redis_front, "/en/").reached_django


def test_redis_unreachable_for_the_subscription_still_answers_from_redis(redis_front, monkeypatch, reads_of_redis):
    def refused(*args, **kwargs):
        raise ConnectionError("refused")

    monkeypatch.setattr("redis.client.PubSub.subscribe", refused)
    published("Headline")
    call(redis_front, "/en/")
    before = len(reads_of_redis)
    for _ in range(3):
        assert call(redis_front, "/en/").hit
    assert len(reads_of_redis) == before + 3  # never trusted what it kept


def test_the_copies_kept_are_bounded(redis_front, monkeypatch):
    for number in range(3):
        published(f"Headline {number}")
    addresses = ["/en/", "/ar/", "/en/releases/"]
    page_size = max(len(call(redis_front, address).body) for address in addresses) + 1024
    monkeypatch.setattr(cache, "LOCAL_MAX_BYTES", 2 * page_size)
    for address in addresses:
        assert call(redis_front, address).hit
    local = caches["pages"]._press_local_entries
    assert len(local.entries) == 2 and local.size <= cache.LOCAL_MAX_BYTES


def _in_another_process(function):
    import multiprocessing

    process = multiprocessing.get_context("fork").Process(target=function)
    process.start()
    process.join(timeout=30)
    assert process.exitcode == 0
