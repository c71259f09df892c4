"""Every public page type, in Arabic and English, at phone and desktop width, in Chromium."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from releases.models import Programme, Release, Speaker
from tests.browser.checks import Findings, assert_known, axe, vnu

# What the checkers find on the public pages today: axe keyed (language, page, rule id),
# vnu keyed ("language-page", message).
# Issue 11 makes the pages clean: when a problem is fixed, the test says which line to delete.
KNOWN_AXE = set()
KNOWN_VNU = {
    (f"{language}-list", message)
    for language, _name in settings.LANGUAGES
    for message in (
        "Bad value “” for attribute “action” on element “form”: Must be non-empty.",
        "The heading “h3” (with computed level 3) follows the heading “h1” (with computed level 1), skipping 1 heading level.",
    )
}


@pytest.fixture
def public_pages(live_server):
    """{page type: path without the language prefix, and the status it must answer with}."""
    call_command("load_demo", stdout=io.StringIO())
    translated = Release.objects.published().in_language("en").first()
    arabic_only = Release.objects.published().exclude(pk__in=Release.objects.published().in_language("en")).first()
    speaker = Speaker.objects.filter(editions__release=translated).first() or Speaker.objects.first()
    programme = Programme.objects.filter(editions__release=translated).first() or Programme.objects.first()
    assert translated and arabic_only and speaker and programme, "the demo content lacks a page type"
    return {
        "home": ("/", 200),
        "list": ("/releases/", 200),
        "release": (f"/releases/{translated.pk}/{translated.slug or '-'}/", 200),
        "release-without-english": (f"/releases/{arabic_only.pk}/{arabic_only.slug or '-'}/", 200),
        "speaker": (f"/speakers/{speaker.slug}/", 200),
        "programme": (f"/programmes/{programme.slug}/", 200),
        "404": ("/releases/999999/-/", 404),
    }


def direction_of(language):
    return "rtl" if translation.get_language_info(language)["bidi"] else "ltr"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_public_page_type_renders_at_phone_and_desktop_width(new_context, public_pages, shot, language):
    problems, findings = [], Findings()
    for size in ("phone", "desktop"):
        page = new_context(size=size, language=language).new_page()
        for name, (path, status) in public_pages.items():
            response = page.goto(f"/{language}{path}")
            if response.status != status:
                problems.append(f"{size} {name}: status {response.status}, expected {status}")
            html = page.locator("html")
            lang, direction = html.get_attribute("lang"), html.get_attribute("dir")
            if (lang, direction) != (language, direction_of(language)):
                problems.append(f"{size} {name}: <html lang={lang!r} dir={direction!r}>")
            shot(page, f"{language}-{size}-{name}")
            findings.extend(axe(page, where=(language, name)))
    assert not problems, "\n".join(problems)
    assert_known(findings, {key for key in KNOWN_AXE if key[0] == language}, checker=f"axe ({language})")


def test_public_pages_are_valid_html(new_context, public_pages, tmp_path):
    files = []
    context = new_context()
    for language, _name in settings.LANGUAGES:
        for name, (path, _status) in public_pages.items():
            # The HTML as served, not as the browser has since changed it.
            response = context.request.get(f"/{language}{path}")
            files.append(tmp_path / f"{language}-{name}.html")
            files[-1].write_text(response.text(), encoding="utf-8")
    assert_known(vnu(files), KNOWN_VNU, checker="vnu")
