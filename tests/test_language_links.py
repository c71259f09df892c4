"""Links between the languages, and what a page says about itself to search engines and social networks."""

import re

import pytest
from django.urls import set_script_prefix
from django.utils import translation

from releases.descriptions import describe
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def url_of(release, language):
    with translation.override(language):
        return release.get_absolute_url()


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_a_translated_release_declares_both_languages_with_absolute_addresses(client):
    release = factories.published_release()
    html = client.get(url_of(release, "en")).content.decode()
    assert hreflangs(html) == {
        "ar": f"http://testserver{url_of(release, 'ar')}",
        "en": f"http://testserver{url_of(release, 'en')}",
        "x-default": f"http://testserver{url_of(release, 'ar')}",
    }


def test_a_release_without_english_declares_only_arabic_and_switches_to_the_english_home(client):
    release = factories.published_release(english=False)
    html = client.get(url_of(release, "ar")).content.decode()
    assert hreflangs(html) == {"ar": f"http://testserver{url_of(release, 'ar')}"}
    switch = re.search(r'<a href="([^"]+)" hreflang="en" lang="en"([^>]*)>', html)
    assert switch.group(1) == "http://testserver/en/" and "rel=" not in switch.group(2)


def test_the_english_address_of_an_arabic_only_release_points_once_to_the_arabic(client):
    release = factories.published_release(english=False, headline_ar="خبر بالعربية فقط")
    html = client.get(url_of(release, "en")).content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert main.count(f'href="{url_of(release, "ar")}"') == 1
    assert 'lang="ar" dir="rtl"' in main and "خبر بالعربية فقط" in main
    assert "en" not in hreflangs(html)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_404_page_links_to_both_home_pages(client, language):
    response = client.get(f"/{language}/releases/999999/-/")
    html = response.content.decode()
    assert response.status_code == 404
    assert hreflangs(html) == {}
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert f'<a href="/{language}/">' in main
    other = {"ar": "en", "en": "ar"}[language]
    assert f'href="http://testserver/{other}/" hreflang="{other}"' in main
    assert 'href="/"' not in html


def test_og_locale_names_the_territory_and_the_languages_the_page_exists_in(client):
    both = factories.published_release()
    arabic_only = factories.published_release(english=False)
    arabic = client.get(url_of(both, "ar")).content.decode()
    english = client.get(url_of(both, "en")).content.decode()
    assert '<meta property="og:locale" content="ar_AR">' in arabic
    assert '<meta property="og:locale:alternate" content="en_US">' in arabic
    assert '<meta property="og:locale" content="en_US">' in english
    assert '<meta property="og:locale:alternate" content="ar_AR">' in english
    assert "og:locale:alternate" not in client.get(url_of(arabic_only, "ar")).content.decode()


def test_descriptions_are_whole_paragraphs_joined_by_spaces(client):
    edition = factories.edition(state=State.PUBLISHED, body_ar="<p>دون عوائق.</p><p>جاء ذلك في بيان.</p>")
    html = client.get(url_of(edition.release, "ar")).content.decode()
    assert '<meta property="og:description" content="دون عوائق. جاء ذلك في بيان.">' in html


def test_a_description_stops_at_a_paragraph_or_a_word_never_inside_one():
    long_paragraph = " ".join(["word"] * 100)
    edition = factories.edition(body_en=f"<p>First.</p><p>{long_paragraph}</p>")
    with translation.override("en"):
        assert describe(edition) == "First."
        edition.body_en = f"<p>{long_paragraph}</p>"
        short = describe(edition, limit=50)
        assert short.endswith("word…") and len(short) <= 50
        edition.summary_en = "The summary wins."
        assert describe(edition) == "The summary wins."


def test_the_speaker_and_the_post_are_separated_in_the_pages_language(client):
    speaker = factories.speaker(name_ar="ليلى", name_en="Layla")
    factories.appointment(speaker=speaker)
    edition = factories.edition(state=State.PUBLISHED)
    edition.speakers.add(speaker)
    english = client.get(url_of(edition.release, "en")).content.decode()
    arabic = client.get(url_of(edition.release, "ar")).content.decode()
    assert "Layla</bdi></a>, <bdi>Permanent Representative" in english and "،" not in english.split("<main")[1]
    assert "ليلى</bdi></a>، <bdi>المندوب الدائم" in arabic


def test_the_navigation_marks_the_current_page(client):
    release = factories.published_release()
    assert '<a href="/en/" aria-current="page">' in client.get("/en/").content.decode()
    assert '<a href="/en/releases/" aria-current="page">' in client.get("/en/releases/").content.decode()
    assert '<a href="/en/releases/" aria-current="true">' in client.get(url_of(release, "en")).content.decode()
    assert '<a href="/en/about/" aria-current="page">' in client.get("/en/about/").content.decode()


FRAME_LINKS = ("releases/", "about/", "contact/", "search/", "feed/", "feed/atom/", "feed.json", "api/releases/",
               "alerts/", "manifest.webmanifest")


@pytest.mark.parametrize("first", ["ar", "en"])
def test_the_frames_links_are_in_the_pages_language_and_under_its_script_prefix(client, first):
    """The header, footer and head reverse their fixed addresses once (`site_url`): whichever page is
    shown first, every language and every script prefix still gets its own."""
    second = {"ar": "en", "en": "ar"}[first]
    for language, prefix in ((first, ""), (second, ""), (first, "/office")):
        # The test client leaves the script prefix as it finds it (a WSGI server sets it from SCRIPT_NAME).
        set_script_prefix(prefix + "/")
        try:
            html = client.get(f"/{language}/").content.decode()
        finally:
            set_script_prefix("/")
        for name in FRAME_LINKS:
            assert re.search(rf'(href|action)="{prefix}/{language}/{re.escape(name)}"', html), (language, prefix, name)
