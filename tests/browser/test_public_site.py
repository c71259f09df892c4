"""The public site as a reader's browser shows it: every page type, both languages, phone and desktop.

axe-core (WCAG 2.2 AA) and the Nu HTML Checker must find nothing; pages must not
scroll sideways on a phone; each page loads the font of its own script only, and
every image it shows decodes. Screenshots of every page go to screenshots/public_site/.
"""

import io
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from releases.models import Programme, Release, Speaker
from tests.browser.checks import Findings, assert_known, axe, vnu

ARABIC_FONT, LATIN_FONT = "noto-naskh-arabic-", "noto-naskh-latin-"


@pytest.fixture
def public_pages(live_server):
    """{page type: (path without the language prefix, status, whether it shows Arabic text in every language)}."""
    call_command("load_demo", stdout=io.StringIO())
    translated = Release.objects.published().in_language("en").first()
    arabic_only = Release.objects.published().exclude(pk__in=Release.objects.published().in_language("en")).first()
    speaker = Speaker.objects.filter(editions__release=translated).first()
    programme = Programme.objects.filter(is_featured=True).first()
    assert translated and translated.public_edition().lead_image, "the demo's lead release has no image"
    assert arabic_only and speaker and programme, "the demo content lacks a page type"
    return {
        "home": ("/", 200, False),
        "list": ("/releases/", 200, False),
        "list-filtered": (f"/releases/?speaker={speaker.slug}", 200, False),
        "release": (f"/releases/{translated.pk}/{translated.slug or '-'}/", 200, False),
        "release-without-english": (f"/releases/{arabic_only.pk}/{arabic_only.slug or '-'}/", 200, True),
        "speaker": (f"/speakers/{speaker.slug}/", 200, False),
        "programme": (f"/programmes/{programme.slug}/", 200, False),
        "about": ("/about/", 200, False),
        "contact": ("/contact/", 200, False),
        "404": ("/releases/999999/-/", 404, True),  # it offers the other language's home page, in that language
    }


def direction_of(language):
    return "rtl" if translation.get_language_info(language)["bidi"] else "ltr"


def is_arabic(language):
    return language in settings.PRESSOFFICE_ARABIC_SCRIPT_LANGUAGES


def show_everything(page):
    """Scroll to the end and back, so that lazy images load as they would for a reader, and wait for them."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("() => Array.from(document.images).every(image => image.complete)")
    page.evaluate("window.scrollTo(0, 0)")


def check_page(page, language, name, fonts, shows_arabic):
    problems = []
    html = page.locator("html")
    if (html.get_attribute("lang"), html.get_attribute("dir")) != (language, direction_of(language)):
        problems.append(f"{name}: <html lang dir> is wrong")
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        problems.append(f"{name}: the page scrolls sideways")
    broken = page.evaluate("Array.from(document.images).filter(image => !image.naturalWidth).map(image => image.src)")
    if broken:
        problems.append(f"{name}: images that did not decode: {broken}")
    arabic_fonts = any(ARABIC_FONT in url for url in fonts)
    latin_fonts = any(LATIN_FONT in url for url in fonts)
    if is_arabic(language):
        if not arabic_fonts or latin_fonts:
            problems.append(f"{name}: an Arabic page loaded {fonts}")
    elif latin_fonts is False or arabic_fonts != shows_arabic:
        problems.append(f"{name}: a {language} page loaded {fonts} (shows Arabic text: {shows_arabic})")
    return problems


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_public_page_is_accessible_and_looks_right_at_phone_and_desktop_width(
    new_context, public_pages, shot, language
):
    problems, findings = [], Findings()
    for size in ("phone", "desktop"):
        for name, (path, status, shows_arabic) in public_pages.items():
            # A fresh context for each page: a cold cache, so every font it needs is requested.
            page = new_context(size=size, language=language).new_page()
            fonts = []
            page.on("request", lambda request, fonts=fonts: fonts.append(request.url) if "/fonts/" in request.url else None)
            response = page.goto(f"/{language}{path}")
            if response.status != status:
                problems.append(f"{size} {name}: status {response.status}, expected {status}")
            show_everything(page)
            page.evaluate("document.fonts.ready.then(() => true)")
            problems += [f"{size} {problem}" for problem in check_page(
                page, language, name, [urlsplit(url).path for url in fonts], shows_arabic)]
            shot(page, f"{language}-{size}-{name}")
            findings.extend(axe(page, where=(language, name)))
    assert not problems, "\n".join(problems)
    assert_known(findings, set(), checker=f"axe ({language})")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_release_prints_without_navigation_and_with_its_address(new_context, public_pages, shot, language):
    page = new_context(language=language).new_page()
    page.goto(f"/{language}{public_pages['release'][0]}")
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden() and page.locator(".site-footer").is_hidden()
    assert page.locator(".dateline").first.is_visible()
    address = page.locator(".print-url")
    assert address.is_visible() and address.inner_text().endswith(public_pages["release"][0])
    shot(page, f"{language}-print-release")


def test_every_public_page_is_valid_html(new_context, public_pages, tmp_path):
    files = []
    context = new_context()
    for language, _name in settings.LANGUAGES:
        for name, (path, _status, _arabic) in public_pages.items():
            # The HTML as served, not as the browser has since changed it.
            response = context.request.get(f"/{language}{path}")
            files.append(tmp_path / f"{language}-{name}.html")
            files[-1].write_text(response.text(), encoding="utf-8")
    assert_known(vnu(files), set(), checker="vnu")
