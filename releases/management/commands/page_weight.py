"""Measure what a reader's browser downloads for each public page type, on a cold cache.

Serves this database (load the demo first) on a free local port, opens each
page in a fresh Chromium context at 390 px and 1280 px, and adds up every
response: its headers as sent, and its body as it would travel compressed
(text in gzip, as a reverse proxy sends pages, and static text in brotli
when the `brotli` package is installed, as whitenoise then serves it; fonts
and images as they are). Fails when a release page is over its budget.

    make page-weight        # a fresh demo database, then this command
"""

import gzip
import os
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.utils import translation
from django.utils.translation import gettext as _

from releases.management.base import NeedsMigratedDatabase
from releases.models import Programme, Release, Speaker

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = {"phone": 390, "desktop": 1280}
# Kilobytes a release page may weigh, fonts and images included (issue 11).
BUDGETS = {"ar": 60, "en": 30}
TEXT_TYPES = ("text/", "application/json", "application/feed+json", "application/manifest+json", "image/svg+xml",
              "application/javascript")


def _compressed(body, *, static):
    if static:
        try:
            import brotli  # whitenoise makes .br files when it can import this
        except ImportError:
            pass
        else:
            return brotli.compress(body)
    return gzip.compress(body, compresslevel=6)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Command(NeedsMigratedDatabase, BaseCommand):
    help = _("Measure the bytes each public page type transfers on a cold cache (needs Playwright and Chromium).")

    def add_arguments(self, parser):
        parser.add_argument("--files", action="store_true", help=_("List every file of every page."))

    def handle(self, *args, **options):
        # Playwright's sync API runs an event loop on this thread; our database work here is plain code.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        self.list_files = options["files"]
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            raise CommandError(_("Playwright is missing: make install-browser (or pip install playwright).")) from error
        pages = self._pages()
        server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
        server.set_app(StaticFilesHandler(get_wsgi_application()))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        over = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                for language, _name in settings.LANGUAGES:
                    for name, path in pages.items():
                        row = [f"{language} {name:<16}"]
                        for size, width in WIDTHS.items():
                            total, files = self._measure(browser, f"{origin}/{language}{path}", width)
                            row.append(f"{size} {total / 1024:6.1f} KB ({files} files)")
                            budget = BUDGETS.get(language)
                            if name == "release" and budget and total > budget * 1024:
                                over.append(f"{language} release at {width} px: {total / 1024:.1f} KB > {budget} KB")
                        self.stdout.write("  ".join(row))
                browser.close()
        finally:
            server.shutdown()
        if over:
            raise CommandError(_("Over budget: %(pages)s") % {"pages": "; ".join(over)})
        self.stdout.write(self.style.SUCCESS(_("Release pages are within budget: %(budgets)s") % {
            "budgets": ", ".join(f"{code} ≤ {kb} KB" for code, kb in BUDGETS.items())}))

    def _pages(self):
        with translation.override(settings.LANGUAGE_CODE):
            translated = Release.objects.published().in_language("en").first()
            if translated is None:
                raise CommandError(_("No published release in English: run `manage.py load_demo` first."))
            speaker = Speaker.objects.filter(editions__release=translated).first() or Speaker.objects.first()
            programme = Programme.objects.first()
            pages = {"home": "/", "list": "/releases/", "release": translated.get_absolute_url()[3:]}
            if speaker:
                pages["speaker"] = f"/speakers/{speaker.slug}/"
            if programme:
                pages["programme"] = f"/programmes/{programme.slug}/"
        return pages

    def _measure(self, browser, url, width):
        context = browser.new_context(viewport={"width": width, "height": 900})  # a new context: a cold cache
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        total = 0
        for response in responses:
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - a redirect has no body
                body = b""
            content_type = response.headers.get("content-type", "")
            if content_type.startswith(TEXT_TYPES):
                body = _compressed(body, static=urlsplit(response.url).path.startswith(settings.STATIC_URL))
            headers = sum(len(key) + len(value) + 4 for key, value in response.headers.items())
            total += len(body) + headers
            if self.list_files:
                self.stdout.write(f"    {len(body) + headers:7,d}  {response.url.split('/', 3)[-1][:90]}")
        context.close()
        return total, len(responses)
