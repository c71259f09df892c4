"""The browser harness: Debian's Chromium, driven by Playwright, against a live server.

Everything under tests/browser/ is marked `browser`, which `make test` deselects;
`make test-browser` runs it. The checks (axe, vnu) are in checks.py, the admin's
page objects in admin_pages.py.
"""

import importlib.util
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import checks

CHROMIUM = "/usr/bin/chromium"
# COMMON.md's flags. Playwright adds its own defaults (and --headless), and launch() always
# starts from a new temporary profile, so every session gets a fresh user-data-dir.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
HERE = Path(__file__).resolve().parent
# .ci/run points SCREENSHOTS elsewhere for its PostgreSQL pass, so both runs' pictures are kept.
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS", HERE.parent.parent / "screenshots"))

PLAYWRIGHT_MISSING = importlib.util.find_spec("playwright") is None
if PLAYWRIGHT_MISSING:
    # `make test` installs only the `test` extra, and deselects these tests anyway; so test
    # modules here may import playwright at the top.
    collect_ignore_glob = ["test_*.py"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    if PLAYWRIGHT_MISSING and config.getoption("markexpr").strip() == "browser":
        raise pytest.UsageError("Playwright is not installed: `make test-browser` installs the browser extra")
    # Before the `-m` deselection: everything in this folder is a browser test.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    for path, hint in ((CHROMIUM, "apt-get install -y chromium"), (checks.AXE, "make install-browser"),
                       (checks.VNU, "make install-browser")):
        if not os.path.exists(path):
            pytest.fail(f"{path} is missing: {hint} (.ci/run does it)", pytrace=False)
    if shutil.which("java") is None:
        pytest.fail("java is missing (vnu.jar needs it): apt-get install -y default-jre-headless", pytrace=False)
    # Playwright's sync API keeps an event loop running on this thread, which Django's
    # async-safety check mistakes for async code (the live server's threads are plain).
    # Only browser sessions set it; `make test` runs in its own process, with the check on.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Contexts:
    """Makes browser contexts for one test, and records every request that leaves the live server."""

    def __init__(self, browser, origin):
        self.browser, self.origin = browser, origin
        self.opened, self.foreign_requests, self.broken_assets = [], [], []

    def __call__(self, *, size="desktop", language="ar"):
        context = self.browser.new_context(
            base_url=self.origin, viewport=SIZES[size], locale=language,
            is_mobile=size == "phone", has_touch=size == "phone",
        )
        context.on("request", self._check_host)
        context.on("response", self._check_asset)
        self.opened.append(context)
        return context

    def _check_host(self, request):
        if urlsplit(request.url).scheme in ("data", "blob", "about"):
            return
        if not request.url.startswith(self.origin + "/"):
            self.foreign_requests.append(f"{request.method} {request.url} (from {request.frame.url})")

    def _check_asset(self, response):
        # A stylesheet, script, font or image of ours that fails leaves a page that only looks fine.
        path = urlsplit(response.url).path
        if response.status >= 400 and path.startswith(("/static/", "/media/")):
            self.broken_assets.append(f"{response.status} {response.url} (from {response.frame.url})")

    def close(self):
        for context in self.opened:
            context.close()


@pytest.fixture
def new_context(browser, live_server):
    """`new_context(size="phone"|"desktop", language="ar"|"en")`: a fresh context, cookies and all."""
    contexts = Contexts(browser, live_server.url)
    yield contexts
    contexts.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # The site must never call a third party, and its own files must load: either fails the test itself.
    result = yield
    contexts = item.funcargs.get("new_context")
    if contexts is not None and contexts.foreign_requests:
        pytest.fail("requests to hosts other than the live server:\n  "
                    + "\n  ".join(contexts.foreign_requests), pytrace=False)
    if contexts is not None and contexts.broken_assets:
        pytest.fail("static or media files that failed:\n  " + "\n  ".join(contexts.broken_assets), pytrace=False)
    return result


_cleared = set()


@pytest.fixture
def shot(request):
    """`shot(page, name)`: a full-page PNG at screenshots/<test module>/<name>.png, kept by CI."""
    folder = SCREENSHOTS / request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    if folder not in _cleared:
        shutil.rmtree(folder, ignore_errors=True)  # nothing stale from an earlier run
        _cleared.add(folder)
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = folder / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name)}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


def pytest_terminal_summary(terminalreporter):
    if checks.REPORT:
        terminalreporter.section("browser checks (known failures, see tests/browser/checks.py)")
        for line in checks.REPORT:
            terminalreporter.write_line(line)
