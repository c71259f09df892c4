"""Two app servers, as separate gunicorn processes, sharing one PostgreSQL, one Redis and one media store.

Runs where PostgreSQL and Redis exist (CI has both); elsewhere it is skipped
and says why. The servers use the test database, so the test commits
(transaction=True) and cleans up after itself.
"""

import http.cookiejar
import os
import re
import secrets
import urllib.parse
import urllib.request
import subprocess
import sys

import pytest
from django.db import connection

from releases.roles import EDITOR
from releases.states import State
from tests import factories
from tests.factories import REDIS_URL
from tests.test_security_headers import ROOT, collectstatic, start_gunicorn



def _redis_available():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        return True
    except Exception:  # noqa: BLE001 - any failure means: no Redis here
        return False


def _database_url():
    settings_dict = connection.settings_dict
    return (f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")


@pytest.fixture
def two_servers(tmp_path, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("scaling out needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)")
    if not _redis_available():
        pytest.skip(f"scaling out needs Redis at {REDIS_URL} (set PRESSOFFICE_TEST_REDIS_URL)")
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(
        DJANGO_SETTINGS_MODULE="pressoffice.settings", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1", DATABASE_URL=_database_url(), REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"scaling-test-{secrets.token_hex(4)}", MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"), SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", OTP_REQUIRED="0",
        CONN_MAX_AGE="0",
    )
    collectstatic(environment)
    servers = [start_gunicorn(environment) for _ in range(2)]
    yield [base for _process, base in servers], tmp_path / "media", environment
    for process, _base in servers:
        process.terminate()
        process.wait(timeout=30)


class Browser:
    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())

    def get(self, url):
        return self._open(urllib.request.Request(url))

    def post(self, url, data, referer):
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": referer}))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def csrf(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def copy_session_to(self, other, host):
        for cookie in self.cookies:
            other.cookies.set_cookie(cookie)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_publishing_on_one_server_is_seen_at_once_on_the_other_and_sessions_are_shared(two_servers):
    (a, b), media_root, environment = two_servers
    editor = factories.user(role=EDITOR, username="scaling-editor")
    # Hashed as the servers hash it (the test settings use a fast hasher they don't know).
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c",
                    "from django.contrib.auth.models import User; u = User.objects.get(username='scaling-editor'); "
                    "u.set_password('a-long-password-9'); u.save()"],
                   cwd=ROOT, env=environment, check=True, timeout=120)
    draft = factories.with_lead_image(factories.edition(state=State.DRAFT, headline_en="Shared across servers"))
    image_url = f"/media/{draft.lead_image.name}"
    assert (media_root / draft.lead_image.name).exists()  # one media store

    reader = Browser()
    assert reader.get(b + draft.release.get_absolute_url())[0] == 404
    assert reader.get(b + image_url)[0] == 404
    status, _headers, sitemap = reader.get(b + "/sitemap-releases-ar.xml")  # cached in Redis now
    assert status == 200 and draft.release.get_absolute_url() not in sitemap

    # Log in on A, then use the same session on B.
    staff = Browser()
    staff.get(a + "/admin/login/")
    status, headers, _body = staff.post(a + "/admin/login/", {
        "csrfmiddlewaretoken": staff.csrf(), "username": "scaling-editor", "password": "a-long-password-9",
        "next": "/admin/"}, referer=a + "/admin/login/")
    assert status == 302, _body[:500]
    other = Browser()
    staff.copy_session_to(other, b)
    assert other.get(b + "/admin/")[0] == 200
    assert other.get(b + image_url)[0] == 200  # staff see the draft's image on B too

    # Publish on A (through the admin, as an editor does), using the session started there.
    draft.refresh_from_db()
    edit_page = a + f"/admin/releases/edition/{draft.pk}/change/"
    staff.get(edit_page)
    status, _headers, body = staff.post(a + f"/admin/releases/edition/{draft.pk}/workflow/publish/", {
        "csrfmiddlewaretoken": staff.csrf(), "seen_version": draft.version}, referer=edit_page)
    assert status == 302, body[:500]
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED

    status, _headers, html = reader.get(b + draft.release.get_absolute_url().replace("/ar/", "/en/"))
    assert status == 200 and "Shared across servers" in html
    assert reader.get(b + image_url)[0] == 200
    assert draft.release.get_absolute_url() in reader.get(b + "/sitemap-releases-ar.xml")[2]  # B's cache was purged
    assert draft.release.get_absolute_url() in reader.get(a + "/sitemap-releases-ar.xml")[2]
    assert re.search(r"<loc>[^<]+/releases/", reader.get(a + "/sitemap-releases-ar.xml")[2])
