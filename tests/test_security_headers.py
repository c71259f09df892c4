"""What every response says about itself: a strict CSP, a Permissions-Policy, no server banner."""

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def policy(response):
    return dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )


@pytest.mark.parametrize("url", ["/ar/", "/en/releases/", "/admin/login/", "/robots.txt"])
def test_every_page_has_a_strict_content_security_policy(client, url):
    response = client.get(url)
    directives = policy(response)
    assert directives["default-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["object-src"] == ["'none'"]
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[name] and "'unsafe-eval'" not in directives[name]
        assert not any(source.startswith("http") for source in directives[name])


def test_the_admin_has_the_same_policy_for_logged_in_staff(client):
    client.force_login(factories.user(is_superuser=True))
    for url in ("/admin/", "/admin/releases/edition/add/"):
        directives = policy(client.get(url))
        assert "'unsafe-inline'" not in directives["script-src"] + directives["style-src"]


def test_no_page_carries_inline_script_or_style_without_a_nonce(client):
    client.force_login(factories.user(is_superuser=True))
    release = factories.published_release()
    for url in ("/ar/", release.get_absolute_url(), "/admin/", "/admin/releases/edition/add/", "/admin/login/"):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
            assert "src=" in tag or "nonce=" in tag or 'type="application/json"' in tag, f"{url}: {tag}"
        assert not re.search(r"<[^>]+\sstyle=\"", html), url
        assert not re.search(r"\son(?:click|load|change|submit)=", html), url


def test_every_response_has_a_permissions_policy(client):
    for url in ("/ar/", "/admin/login/", "/sitemap.xml"):
        header = client.get(url)["Permissions-Policy"]
        assert "camera=()" in header and "geolocation=()" in header and "microphone=()" in header


def _production_env(tmp_path, **extra):
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    environment.update(
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1,press.example.org", STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", MEDIA_ROOT=str(tmp_path / "media"),
        SECURE_SSL_REDIRECT="0", DJANGO_SETTINGS_MODULE="pressoffice.settings",
    )
    environment.pop("REDIS_URL", None)
    environment.update(extra)
    return environment


def test_without_collectstatic_the_site_refuses_to_start_and_says_why(tmp_path):
    result = subprocess.run([sys.executable, "-c", "import pressoffice.wsgi"], cwd=ROOT, capture_output=True,
                            text=True, env=_production_env(tmp_path), timeout=120)
    assert result.returncode != 0
    assert "collectstatic" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env=_production_env(tmp_path, SECURE_SSL_REDIRECT="1"))
    assert result.returncode == 0, result.stdout + result.stderr


def start_gunicorn(environment, cwd=ROOT):
    """gunicorn with our config on a free port; returns (process, base URL)."""
    environment = {**environment, "GUNICORN_BIND": "127.0.0.1:0", "WEB_CONCURRENCY": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "pressoffice/gunicorn.conf.py", "pressoffice.wsgi"],
        cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.monotonic() + 90
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        match = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", line)
        if match:
            return process, match.group(1)
    process.kill()
    raise AssertionError("gunicorn did not start:\n" + "".join(seen))


def collectstatic(environment):
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT,
                   env=environment, check=True, timeout=300)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"], cwd=ROOT,
                   env=environment, check=True, timeout=300)


def test_static_files_carry_no_document_policies_but_documents_and_media_do(client, settings, tmp_path):
    # Each asset of each page would otherwise carry about 600 bytes of headers that mean nothing for it.
    settings.MEDIA_ROOT = tmp_path
    # The suite runs without collectstatic, so the file is a 404 here; the rule goes by the address
    # (make page-weight and the gunicorn test below see the real files).
    static = client.get("/static/releases/site.css")
    assert "Content-Security-Policy" not in static and "Permissions-Policy" not in static
    page = client.get("/ar/")
    assert "Content-Security-Policy" in page and "Permissions-Policy" in page
    from tests import factories

    edition = factories.edition_with_image()
    image = client.get(f"/media/{edition.lead_image.name}")
    assert image.status_code == 200 and image["Content-Type"].startswith("image/")
    assert "Content-Security-Policy" not in image and "Permissions-Policy" not in image


def test_gunicorn_with_our_config_sends_no_server_header_and_serves_static_files(tmp_path):
    environment = _production_env(tmp_path)
    collectstatic(environment)
    process, base = start_gunicorn(environment)
    try:
        with urllib.request.urlopen(base + "/ar/", timeout=30) as response:
            assert response.status == 200
            assert response.headers.get("Server") is None
            assert "Content-Security-Policy" in response.headers
            html = response.read().decode()
        stylesheet = re.search(r'href="(/static/releases/site\.[0-9a-f]+\.css)"', html).group(1)
        with urllib.request.urlopen(base + stylesheet, timeout=30) as response:
            assert response.status == 200 and "immutable" in response.headers["Cache-Control"]
    finally:
        process.terminate()
        process.wait(timeout=30)
