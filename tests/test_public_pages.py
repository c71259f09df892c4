import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils import translation

from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def detail_url(release, language):
    with translation.override(language):
        return release.get_absolute_url()


def text_of(response):
    """The page's text, tags removed, as a reader sees it."""
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_root_redirects_to_arabic_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_root_redirects_by_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(
    "language, direction", [("ar", "rtl"), ("en", "ltr")]
)
def test_every_page_sets_lang_and_dir(client, language, direction):
    speaker = factories.speaker()
    programme = factories.programme()
    release = factories.published_release()
    urls = [
        f"/{language}/",
        f"/{language}/releases/",
        detail_url(release, language),
        f"/{language}/speakers/{speaker.slug}/",
        f"/{language}/programmes/{programme.slug}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}" dir="{direction}"' in response.content.decode(), url


def test_every_page_links_its_counterpart_with_hreflang(client):
    release = factories.published_release()
    response = client.get(detail_url(release, "ar"))
    html = response.content.decode()
    english = detail_url(release, "en")
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in html
    assert f'href="http://testserver{english}" hreflang="en"' in html


def test_release_without_english_is_absent_from_english_lists(client):
    arabic_only = factories.published_release(english=False, headline_ar="خبر بالعربية فقط")
    translated = factories.published_release(headline_en="A translated release")
    english_list = client.get("/en/releases/").content.decode()
    assert "A translated release" in english_list
    assert detail_url(arabic_only, "en") not in english_list
    assert "خبر بالعربية فقط" in client.get("/ar/releases/").content.decode()
    assert "A translated release" in client.get("/en/").content.decode()
    assert detail_url(translated, "en") in english_list


def test_english_url_of_arabic_only_release_points_to_arabic(client):
    release = factories.published_release(english=False, headline_ar="خبر بالعربية فقط")
    response = client.get(detail_url(release, "en"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This release is available in Arabic" in html
    assert f'href="{detail_url(release, "ar")}"' in html
    assert 'name="robots" content="noindex"' in html


def test_half_translated_english_is_not_public(client):
    release = factories.published_release(english=False, headline_en="Half done headline")
    html = client.get(detail_url(release, "en")).content.decode()
    assert "Half done headline" not in html
    assert "Half done headline" not in client.get("/en/releases/").content.decode()


def test_old_slug_redirects_permanently(client):
    release = factories.published_release()
    response = client.get(f"/ar/releases/{release.pk}/an-old-slug/")
    assert response.status_code == 301
    assert response["Location"] == detail_url(release, "ar")


def test_dateline_reads_like_the_office(client, settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "arabic-indic"
    release = factories.published_release(dateline_date=datetime.date(2026, 2, 10))
    html = text_of(client.get(detail_url(release, "ar")))
    assert "نيويورك - المكتب الإعلامي - ١٠ فبراير ٢٠٢٦" in html
    english = text_of(client.get(detail_url(release, "en")))
    assert "New York - Media Office - 10 February 2026" in english


def test_a_setting_chooses_latin_digits_on_arabic_pages(client, settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "latin"
    release = factories.published_release(dateline_date=datetime.date(2026, 2, 10))
    html = text_of(client.get(detail_url(release, "ar")))
    assert "نيويورك - المكتب الإعلامي - 10 فبراير 2026" in html


def test_release_shows_the_post_held_on_its_date_in_the_page_language(client):
    speaker = factories.speaker(name_ar="ليلى", name_en="Layla")
    factories.appointment(speaker=speaker, post_title_ar="نائبة المندوب", post_title_en="Deputy Representative",
                          started_on=datetime.date(2019, 1, 1), ended_on=datetime.date(2023, 8, 31))
    factories.appointment(speaker=speaker, post_title_ar="المندوبة الدائمة", post_title_en="Permanent Representative",
                          started_on=datetime.date(2023, 9, 1))
    old = factories.edition(state=State.PUBLISHED, dateline_date=datetime.date(2022, 9, 20))
    old.speakers.add(speaker)
    new = factories.edition(state=State.PUBLISHED, dateline_date=datetime.date(2026, 3, 1))
    new.speakers.add(speaker)
    old_ar = client.get(detail_url(old.release, "ar")).content.decode()
    old_en = client.get(detail_url(old.release, "en")).content.decode()
    new_en = client.get(detail_url(new.release, "en")).content.decode()
    assert "نائبة المندوب" in old_ar and "المندوبة الدائمة" not in old_ar
    assert "Deputy Representative" in old_en and "Permanent Representative" not in old_en
    assert "Permanent Representative" in new_en


def test_speaker_page_lists_posts_over_time_and_statements(client):
    speaker = factories.speaker()
    factories.appointment(speaker=speaker, post_title_en="First post", started_on=datetime.date(2019, 1, 1),
                          ended_on=datetime.date(2020, 1, 1))
    factories.appointment(speaker=speaker, post_title_en="Second post", started_on=datetime.date(2020, 1, 2))
    edition = factories.edition(state=State.PUBLISHED, headline_en="Speaker statement")
    edition.speakers.add(speaker)
    html = client.get(f"/en/speakers/{speaker.slug}/").content.decode()
    assert "First post" in html and "Second post" in html and "Speaker statement" in html


def test_programme_page_lists_partners_and_releases(client):
    partner = factories.organisation(name_en="Partner Org")
    programme = factories.programme()
    programme.partners.add(partner)
    edition = factories.edition(state=State.PUBLISHED, headline_en="Programme news")
    edition.programmes.add(programme)
    html = client.get(f"/en/programmes/{programme.slug}/").content.decode()
    assert "Partner Org" in html and "Programme news" in html


def test_release_list_filters_by_kind_programme_speaker_and_year(client):
    programme = factories.programme()
    speaker = factories.speaker()
    news = factories.edition(state=State.PUBLISHED, kind="news", headline_en="The news item")
    news.programmes.add(programme)
    statement = factories.edition(state=State.PUBLISHED, kind="statement", headline_en="The statement")
    statement.speakers.add(speaker)

    def headlines(query):
        return client.get(f"/en/releases/?{query}").content.decode()

    assert "The news item" in headlines("kind=news") and "The statement" not in headlines("kind=news")
    assert "The news item" in headlines(f"programme={programme.slug}")
    assert "The statement" not in headlines(f"programme={programme.slug}")
    assert "The statement" in headlines(f"speaker={speaker.slug}")
    assert "The news item" not in headlines(f"speaker={speaker.slug}")
    # The year is the mission's: a release published at 23:30 in New York on 31 December is in that year.
    year = timezone.localtime(news.release.first_published_at).year
    assert "The news item" in headlines(f"year={year}")
    assert "The news item" not in headlines(f"year={year - 3}")


def test_the_list_menus_offer_every_choice_in_the_page_language_with_the_applied_ones_chosen(client):
    programme = factories.programme(name_ar="برنامج <b>المياه</b>", name_en="Water & <b>food</b>")
    speaker = factories.speaker(name_ar="سلمى", name_en="Salma")
    other = factories.speaker(name_ar="خالد", name_en="Khaled")
    edition = factories.edition(state=State.PUBLISHED, kind="statement")
    edition.programmes.add(programme)
    edition.speakers.add(speaker)
    year = timezone.localtime(edition.release.first_published_at).year

    def menu(html, name):
        return html[html.index(f'<select name="{name}">'):].split("</select>", 1)[0]

    html = client.get(f"/en/releases/?kind=statement&programme={programme.slug}&speaker={speaker.slug}"
                      f"&year={year}").content.decode()
    assert '<option value="statement" selected>Statement</option>' in menu(html, "kind")
    assert f'<option value="{programme.slug}" selected>Water &amp; &lt;b&gt;food&lt;/b&gt;</option>' in menu(html, "programme")
    assert f'<option value="{speaker.slug}" selected>Salma</option>' in menu(html, "speaker")
    assert f'<option value="{other.slug}">Khaled</option>' in menu(html, "speaker")
    assert f'<option value="{year}" selected>{year}</option>' in menu(html, "year")
    def form(html):
        return html[html.index('<form class="filters"'):].split("</form>", 1)[0]

    assert form(html).count(" selected>") == 4
    html = client.get("/ar/releases/").content.decode()
    assert " selected>" not in form(html)
    arabic_year = str(year).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert f'<option value="{year}">{arabic_year}</option>' in menu(html, "year")
    assert f'<option value="{speaker.slug}">سلمى</option>' in menu(html, "speaker")
    assert "برنامج &lt;b&gt;المياه&lt;/b&gt;</option>" in menu(html, "programme")


def test_release_list_is_paginated(client, settings):
    for _ in range(settings.PRESSOFFICE_PAGE_SIZE + 2):
        factories.published_release()
    first = client.get("/en/releases/").content.decode()
    second = client.get("/en/releases/?page=2")
    assert second.status_code == 200
    assert 'rel="next"' in first
    assert len(re.findall(r'class="card"', second.content.decode())) == 2


def test_pages_load_no_third_party_resources(client):
    release = factories.published_release()
    for url in ["/ar/", "/en/releases/", detail_url(release, "ar")]:
        html = client.get(url).content.decode()
        for match in re.findall(r'(?:src|href)="(https?:)?//([^/"]+)', html):
            assert match[1] in ("testserver",), (url, match)


def test_stylesheet_uses_logical_properties():
    from pathlib import Path

    css = (Path(__file__).resolve().parent.parent / "static/releases/site.css").read_text()
    physical = re.findall(r"(?<![-\w])(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right)\s*:|text-align:\s*(left|right)", css)
    assert physical == []


def test_the_year_filter_counts_years_in_the_missions_time_zone(client, time_machine, settings):
    import datetime

    settings.TIME_ZONE = "America/New_York"
    # 01:00 UTC on 1 January 2027 is still 31 December 2026 in New York.
    time_machine.move_to(datetime.datetime(2027, 1, 1, 2, 0, tzinfo=datetime.timezone.utc), tick=False)
    factories.edition(state=State.PUBLISHED, headline_en="New Year's Eve statement")
    assert "New Year&#x27;s Eve statement" in client.get("/en/releases/?year=2026").content.decode()
    assert "New Year&#x27;s Eve statement" not in client.get("/en/releases/?year=2027").content.decode()


@pytest.mark.parametrize("slug", ["water-and-food", "الأمن-الغذائي", "50%-more", "a b", "x~:@!$&'()*+,;=", "", None])
@pytest.mark.parametrize("prefix", ["/", "/press/"])
def test_a_release_address_is_what_reverse_gives_in_every_language(slug, prefix):
    """Cards and the sitemap build it from a pattern reversed once; it must stay the URLconf's own."""
    from django.urls import reverse, set_script_prefix

    from releases.addresses import release_path, release_paths

    set_script_prefix(prefix)
    try:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                expected = reverse("releases:detail", kwargs={"pk": 42, "slug": slug or "-"})
                assert release_path(42, slug) == expected
            assert release_path(42, slug, code) == release_paths(code)(42, slug) == expected
    finally:
        set_script_prefix("/")
