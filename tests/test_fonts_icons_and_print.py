"""What every page brings with it: its fonts, its icon and manifest, and how it prints."""

import json
import re
from pathlib import Path

import pytest
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db
STATIC = Path(__file__).resolve().parent.parent / "static/releases"
CSS = (STATIC / "site.css").read_text()


def font_faces():
    """{file: (family, unicode-range)} from the stylesheet."""
    faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; src: url\("fonts/([^"]+)"\).*?unicode-range: ([^;]+);', CSS)
    return {file: (family, ranges) for family, file, ranges in faces}


def test_the_arabic_font_file_also_holds_the_digits_and_punctuation_of_arabic_text():
    family, ranges = font_faces()["noto-naskh-arabic-400.woff2"]
    assert family == "Press Naskh" and "U+0020-007E" in ranges and "U+0660-066D" in ranges
    assert re.search(r'html:lang\(ar\)[^{]*\{ font-family: "Press Naskh"', CSS)


def test_every_font_file_in_the_stylesheet_is_committed_with_its_licence():
    for file in font_faces():
        assert (STATIC / "fonts" / file).stat().st_size > 1000, file
    assert "SIL Open Font License" in (STATIC / "fonts/OFL.txt").read_text()


def test_each_page_preloads_only_the_font_of_its_own_script(client):
    release = factories.published_release()
    for language, wanted, unwanted in (("ar", "noto-naskh-arabic-400", "latin"), ("en", "noto-naskh-latin-400", "arabic")):
        with translation.override(language):
            url = release.get_absolute_url()
        preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font"', client.get(url).content.decode())
        assert len(preloads) == 1 and wanted in preloads[0] and unwanted not in preloads[0]


def test_english_pages_give_arabic_words_in_their_header_the_systems_font_not_a_download():
    assert re.search(r"html:not\(:lang\(ar\)\) \.language-switch :lang\(ar\) \{ font-family: system-ui", CSS)


def test_the_icon_and_the_manifest_are_our_own(client):
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 302 and favicon["Location"] == "/static/releases/icons/favicon.ico"
    html = client.get("/ar/").content.decode()
    assert 'rel="icon" href="/static/releases/icons/favicon.svg"' in html
    assert '<link rel="manifest" href="/ar/manifest.webmanifest">' in html
    manifest = json.loads(client.get("/ar/manifest.webmanifest").content)
    assert manifest["lang"] == "ar" and manifest["dir"] == "rtl" and manifest["start_url"] == "/ar/"
    assert json.loads(client.get("/en/manifest.webmanifest").content)["dir"] == "ltr"
    for icon in manifest["icons"]:
        assert (STATIC / "icons" / icon["src"].rsplit("/", 1)[1]).exists()


def test_a_release_prints_on_a4_with_its_dateline_and_address_and_without_navigation(client):
    release = factories.published_release()
    with translation.override("en"):
        url = release.get_absolute_url()
    html = client.get(url).content.decode()
    assert f'<p class="print-url">http://testserver{url}</p>' in html
    print_rules = CSS.split("@media print")[1]
    assert "size: A4" in print_rules
    hidden = re.search(r"\n  ([^{]+) \{ display: none; \}", print_rules).group(1)
    assert ".site-header nav" in hidden and ".site-footer" in hidden and ".dateline" not in hidden
    assert re.search(r"\.print-url \{ display: block;", print_rules)
