"""The anonymous page cache: what it keeps, for whom, for how long, and what purges it.

The rest of the suite runs with the cache off (tests/settings.py); these turn it on.
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache as default_cache, caches
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.cache import cache_control

from pressoffice import urls as site_urls
from releases import workflow
from releases.cache import current_generation, purge_public_cache
from releases.models import Correction, Page
from releases.previews import preview_url
from releases.roles import EDITOR
from releases.states import State
from tests import factories
from tests.factories import REDIS_URL

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


class _counting:
    def __enter__(self):
        from django.test.utils import CaptureQueriesContext

        self.context = CaptureQueriesContext(connection)
        return self.context.__enter__()

    def __exit__(self, *exc):
        return self.context.__exit__(*exc)


def get(client, url, **headers):
    with _counting() as queries:
        response = client.get(url, **headers)
    response.hit = len(queries) == 0
    return response


def published(headline, **fields):
    return factories.edition(state=State.PUBLISHED, headline_ar=headline, headline_en=headline, **fields)


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client):
    published("Cached headline")
    first, second = get(client, "/en/releases/"), get(client, "/en/releases/")
    assert first.status_code == second.status_code == 200
    assert not first.hit and second.hit
    assert second.content == first.content and "Cached headline" in second.content.decode()
    assert "Age" in second and "public" in second["Cache-Control"]


def test_page_cache_seconds_zero_turns_the_cache_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    published("Headline")
    get(client, "/en/releases/")
    assert not get(client, "/en/releases/").hit


@pytest.mark.parametrize("url", ["/sitemap.xml", "/en/feed/", "/en/feed/atom/", "/en/feed.json"])
def test_the_sitemap_and_feeds_are_cached_like_pages(client, url):
    published("Headline")
    get(client, url)
    assert get(client, url).hit


def test_publishing_purges_the_pages(client, writer, editor, django_capture_on_commit_callbacks):
    published("Old headline")
    assert "Old headline" in get(client, "/en/").content.decode()
    draft = factories.edition(headline_en="Fresh headline", author=writer)
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(factories.submit(draft, writer), editor)
    response = get(client, "/en/")
    assert not response.hit and "Fresh headline" in response.content.decode()


def test_withdrawing_purges_the_lists(client, editor, django_capture_on_commit_callbacks):
    release = published("Soon withdrawn").release
    assert "Soon withdrawn" in get(client, "/en/releases/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.release_withdraw(release=release, user=editor, notice_ar="سحب", notice_en="Withdrawn")
    assert "Soon withdrawn" not in get(client, "/en/releases/").content.decode()


@pytest.mark.parametrize("change", ["speaker", "programme", "partners", "page", "correction"])
def test_a_public_change_outside_the_workflow_purges_the_pages(client, change, django_capture_on_commit_callbacks):
    speaker, programme = factories.speaker(name_en="Old Speaker"), factories.programme(name_en="Old Programme")
    edition = published("Headline")
    edition.speakers.add(speaker)
    edition.programmes.add(programme)
    release_url = edition.release.get_absolute_url().replace("/ar/", "/en/", 1)
    urls = {"speaker": f"/en/speakers/{speaker.slug}/", "programme": f"/en/programmes/{programme.slug}/",
            "partners": f"/en/programmes/{programme.slug}/", "page": "/en/about/", "correction": release_url}
    url = urls[change]
    get(client, url)
    assert get(client, url).hit
    with django_capture_on_commit_callbacks(execute=True):
        if change == "speaker":
            speaker.name_en = "New Speaker"
            speaker.save()
        elif change == "programme":
            programme.name_en = "New Programme"
            programme.save()
        elif change == "partners":
            programme.partners.add(factories.organisation(name_en="New Partner"))
        elif change == "page":
            page = Page.objects.get(slug="about")
            page.title_en, page.body_en = "New About", "<p>New text</p>"
            page.save()
        else:
            Correction.objects.create(release=edition.release, note_ar="تصحيح", note_en="New correction",
                                      published_at=timezone.now() - datetime.timedelta(minutes=1))
    response = get(client, url)
    assert not response.hit
    assert {"speaker": "New Speaker", "programme": "New Programme", "partners": "New Partner",
            "page": "New About", "correction": "New correction"}[change] in response.content.decode()


def test_a_purge_touches_nothing_else_in_either_cache(monkeypatch):
    default_cache.set("someone-else", 1)
    caches["pages"].set("someone-else", 2)
    cleared = []
    for backend in (default_cache, caches["pages"]):
        monkeypatch.setattr(backend, "clear", lambda: cleared.append(True))
    before = current_generation()
    purge_public_cache()
    monkeypatch.undo()
    assert not cleared and current_generation() != before
    assert default_cache.get("someone-else") == 1 and caches["pages"].get("someone-else") == 2


def test_archive_counts_are_shared_by_every_worker_and_a_public_change_renews_them(
    editor, django_capture_on_commit_callbacks
):
    from releases.cache import shared_public_value

    release = published("Headline").release
    assert shared_public_value("count", lambda: 1) == 1
    # Kept in the shared page cache, not in one process's memory (where another worker's purge can't reach).
    default_cache.clear()
    assert shared_public_value("count", lambda: 2) == 1
    assert caches["pages"].get(f"pages:value:{current_generation()}:0.0:count") == 1
    with django_capture_on_commit_callbacks(execute=True):
        workflow.release_withdraw(release=release, user=editor, notice_ar="سحب")
    assert shared_public_value("count", lambda: 3) == 3


def test_a_scheduled_release_appears_on_time_on_a_cached_page(client, writer, editor, time_machine):
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    published("Already out")
    draft = factories.edition(headline_en="Scheduled headline", author=writer)
    factories.schedule(factories.submit(draft, writer), editor, start + datetime.timedelta(seconds=30))
    first = get(client, "/en/releases/")
    assert "Scheduled headline" not in first.content.decode()
    assert int(first["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 30  # browsers and CDNs too
    time_machine.move_to(start + datetime.timedelta(seconds=10), tick=False)
    assert get(client, "/en/releases/").hit
    time_machine.move_to(start + datetime.timedelta(seconds=31), tick=False)  # no purge has run
    response = get(client, "/en/releases/")
    assert not response.hit and "Scheduled headline" in response.content.decode()


def test_a_scheduled_correction_bounds_the_lifetime_too(client, time_machine):
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    edition = published("Headline")
    url = edition.release.get_absolute_url()
    Correction.objects.create(release=edition.release, note_ar="تصحيح لاحق", note_en="Later correction",
                              published_at=start + datetime.timedelta(seconds=20))
    purge_public_cache()  # as the signal does after commit
    assert "Later correction" not in get(client, url).content.decode()
    assert get(client, url).hit
    time_machine.move_to(start + datetime.timedelta(seconds=21), tick=False)
    assert "Later correction" in get(client, url).content.decode()


@pytest.mark.parametrize("seconds", [300, 0])
def test_pages_carry_validators_and_answer_conditional_gets_with_304(client, settings, seconds):
    settings.PAGE_CACHE_SECONDS = seconds
    published("Headline")
    response = get(client, "/en/releases/")
    assert response["ETag"] and response["Last-Modified"]
    by_etag = client.get("/en/releases/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    later = http_date(timezone.now().timestamp() + 5)
    assert client.get("/en/releases/", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    assert client.get("/en/releases/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_cached_page_answers_304_without_touching_the_database(client):
    published("Headline")
    etag = get(client, "/en/").get("ETag")
    with _counting() as queries:
        assert client.get("/en/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) == 0


def test_a_logged_in_editor_is_never_served_from_or_stored_in_the_cache(client, editor):
    edition = published("Before")
    get(client, "/en/releases/")  # cached for the public
    type(edition).objects.filter(pk=edition.pk).update(headline_en="After")  # no purge
    staff = factories.user(role=EDITOR)
    from django.test import Client

    logged_in = Client()
    logged_in.force_login(staff)
    response = get(logged_in, "/en/releases/")
    assert not response.hit and "After" in response.content.decode()
    get(logged_in, "/en/")  # a page the public has not asked for yet
    assert not get(client, "/en/").hit


def test_a_preview_link_is_never_served_from_or_stored_in_the_cache(client):
    edition = factories.edition(headline_en="Shared draft")
    url = "/en" + preview_url(edition)[3:]
    assert not get(client, url).hit
    assert not get(client, url).hit
    factories.with_lead_image(edition)
    media = client.get(url).content.decode().split('src="/media/')[1].split('"')[0]
    assert "preview=" in media
    assert not get(client, "/media/" + media.replace("&amp;", "&")).hit


def test_the_alerts_sign_up_form_works_from_a_cached_page():
    from django.test import Client

    reader = Client(enforce_csrf_checks=True)
    get(reader, "/en/alerts/")
    page = get(reader, "/en/alerts/")
    assert page.hit and 'action="/en/alerts/"' in page.content.decode()
    response = reader.post("/en/alerts/", {"email": "reader@example.org", "languages": ["en"], "scope": "all"})
    assert response.status_code == 302


def test_search_results_are_cached_per_query(client):
    published("Harbour talks")
    first = get(client, "/en/search/?q=harbour")
    other = get(client, "/en/search/?q=water")
    assert not other.hit and other.content != first.content
    assert get(client, "/en/search/?q=harbour").hit


# Views that a public page might one day be: each response must not be stored.

def _public(response):
    patch_cache_control(response, public=True, max_age=60)
    return response


def _sets_cookie(request):
    response = HttpResponse("hello")
    response.set_cookie("flavour", "oat")
    return _public(response)


def _csrf_form(request):
    template = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
    return _public(HttpResponse(template.render({}, request)))


def _nonce(request):
    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}"></script>')
    return _public(HttpResponse(template.render({"request": request}, request)))


def _session(request):
    request.session.get("anything")
    return _public(HttpResponse("hello"))


def _plain(request):
    return _public(HttpResponse("hello"))


urlpatterns = [
    path("cookie/", _sets_cookie), path("csrf/", _csrf_form), path("nonce/", _nonce),
    path("session/", _session), path("plain/", _plain),
    path("private/", cache_control(private=True)(lambda request: HttpResponse("mine"))),
    *site_urls.urlpatterns,
]


@pytest.mark.parametrize("url", ["/cookie/", "/csrf/", "/nonce/", "/session/", "/private/"])
def test_responses_that_belong_to_one_visitor_are_never_stored(client, settings, url):
    settings.ROOT_URLCONF = __name__
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert "Age" not in second  # rendered again, not served from the cache
    if url == "/nonce/":
        assert "'nonce-" in second["Content-Security-Policy"]
        assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


def test_a_plain_public_view_is_stored(client, settings):
    settings.ROOT_URLCONF = __name__
    client.get("/plain/")
    assert "Age" in client.get("/plain/")


def test_the_default_cache_is_shared_by_the_processes_of_one_machine(settings):
    """Another process (a second gunicorn worker, or cron's publish_scheduled) purges for this one."""
    location = caches["pages"]._dir
    before = current_generation()
    environment = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    environment.update(DJANGO_SETTINGS_MODULE="pressoffice.settings", DEBUG="1", PAGE_CACHE_DIR=location,
                       DATABASE_URL="sqlite:///" + str(Path(location) / "unused.sqlite3"))
    script = ("import django; django.setup(); from releases.cache import current_generation, purge_public_cache; "
              "print(current_generation()); purge_public_cache(); print(current_generation())")
    seen = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=60, check=True).stdout.split()
    assert seen[0] == before
    assert current_generation() == seen[1] != before


def test_a_cached_page_keeps_the_security_headers_and_http_is_still_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    published("Headline")
    first = get(client, "/en/", secure=True)
    hit = get(client, "/en/", secure=True)
    assert hit.hit and hit["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "'nonce-" not in hit["Content-Security-Policy"] and hit["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in hit
    plain = client.get("/en/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_on_redis_a_purge_leaves_every_other_key_of_the_database_alone(settings, client, redis_server):
    server, url = redis_server, REDIS_URL
    prefix = f"page-cache-test-{os.getpid()}"
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    server.set(f"{prefix}-neighbour", "kept")
    try:
        published("Headline")
        get(client, "/en/")
        assert get(client, "/en/").hit
        purge_public_cache()
        assert not get(client, "/en/").hit
        assert server.get(f"{prefix}-neighbour") == b"kept"
    finally:
        server.delete(*server.keys(f"{prefix}*"))
