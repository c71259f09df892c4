"""Dates a reader understands, and one digit system per page."""

import datetime
import re

import pytest
from django.utils import translation

from releases.digits import localise_text_digits
from releases.models import Release
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db

# 10:00 in New York on 12 March 2026 (daylight saving time has begun: UTC-4), with microseconds,
# as "Publish now" stores it.
PUBLISHED = datetime.datetime(2026, 3, 12, 14, 0, 0, 123456, tzinfo=datetime.timezone.utc)


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def release_page(client, language, **fields):
    fields.setdefault("published_at", PUBLISHED)
    fields.setdefault("dateline_date", datetime.date(2026, 3, 12))
    edition = factories.edition(state=State.PUBLISHED, **fields)
    with translation.override(language):
        url = edition.release.get_absolute_url()
    return client.get(url).content.decode()


def test_the_publication_time_names_the_missions_city_in_english(client):
    assert "Published: 12 March 2026, 10:00 New York time" in text(release_page(client, "en"))


def test_the_publication_time_reads_as_arabic_on_arabic_pages(client, settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "arabic-indic"
    html = text(release_page(client, "ar"))
    assert "١٢ مارس ٢٠٢٦، الساعة ١٠:٠٠ بتوقيت نيويورك" in html
    assert "America/New_York" not in html


def test_every_datetime_attribute_is_valid_and_has_no_microseconds(client):
    html = release_page(client, "en")
    values = re.findall(r'<time datetime="([^"]+)"', html)
    assert "2026-03-12T14:00:00Z" in values and "2026-03-12" in values
    for value in values:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?", value), value


def test_a_date_is_one_element_that_does_not_break(client):
    from pathlib import Path

    assert '<time datetime="2026-03-12">12 March 2026</time>' in release_page(client, "en")
    css = (Path(__file__).resolve().parent.parent / "static/releases/site.css").read_text()
    assert re.search(r"\btime\b[^{]*\{[^}]*white-space:\s*nowrap", css)


def test_no_hijri_date_unless_the_office_wants_it(client, settings):
    settings.PRESSOFFICE_HIJRI_DATES = "off"
    assert "رمضان" not in release_page(client, "ar")


def test_the_hijri_date_stands_beside_the_publication_date(client, settings):
    settings.PRESSOFFICE_HIJRI_DATES = "release"
    settings.PRESSOFFICE_ARABIC_DIGITS = "arabic-indic"
    arabic = text(release_page(client, "ar"))
    assert "بتوقيت نيويورك (٢٣ رمضان ١٤٤٧ هـ)" in arabic
    assert "- ١٢ مارس ٢٠٢٦ (" not in arabic  # not in the dateline
    assert "New York time (23 Ramadan 1447 AH)" in text(release_page(client, "en"))


def test_the_hijri_date_can_join_every_dateline(client, settings):
    settings.PRESSOFFICE_HIJRI_DATES = "dateline"
    release_page(client, "en")
    assert "12 March 2026 (23 Ramadan 1447 AH)" in text(client.get("/en/releases/").content.decode())


def test_a_date_outside_the_umm_al_qura_tables_shows_no_hijri_date(client, settings):
    settings.PRESSOFFICE_HIJRI_DATES = "dateline"
    html = text(release_page(client, "en", dateline_date=datetime.date(1901, 5, 1)))
    assert "1 May 1901" in html and "AH)" not in html.split("Published")[0]


def test_digits_typed_in_the_text_follow_the_page_and_the_stored_text_is_unchanged(client, settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "arabic-indic"
    body = "<p>بقيمة 12 مليون دولار لتصل إلى ٤٥ قرية في مؤتمر COP28.</p>"
    html = release_page(client, "ar", body_ar=body)
    assert "بقيمة ١٢ مليون دولار لتصل إلى ٤٥ قرية في مؤتمر COP28." in html
    assert Release.objects.get().editions.get().body_ar == body


def test_latin_digits_everywhere_on_arabic_pages_when_the_office_prefers_them(client, settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "latin"
    html = text(release_page(client, "ar", body_ar="<p>لتصل إلى ٤٥ قرية</p>"))
    assert "لتصل إلى 45 قرية" in html and "12 مارس 2026" in html
    assert not re.search("[٠-٩]", html)


def test_english_pages_read_latin_digits_even_when_arabic_ones_were_typed(client):
    html = release_page(client, "en", body_en="<p>In ٢٠٢٦, 45 villages.</p>")
    assert "In 2026, 45 villages." in html


def test_the_text_option_can_be_turned_off(client, settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "arabic-indic"
    settings.PRESSOFFICE_DIGITS_IN_TEXT = False
    assert "بقيمة 12 مليون" in release_page(client, "ar", body_ar="<p>بقيمة 12 مليون</p>")


def test_only_text_is_converted_never_tags_addresses_or_entities(settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "arabic-indic"
    with translation.override("ar"):
        html = localise_text_digits('<a href="/r/12/">العدد 12</a> &#39;A/RES/77/1&#39; 3&amp;4', html=True)
    assert html == '<a href="/r/12/">العدد ١٢</a> &#39;A/RES/77/1&#39; ٣&amp;٤'


def test_numbered_lists_count_in_the_pages_digits(client, settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "arabic-indic"
    factories.published_release()
    assert 'class="digits-arabic-indic"' in client.get("/ar/").content.decode()
    assert 'class="digits-latin"' in client.get("/en/").content.decode()
    settings.PRESSOFFICE_ARABIC_DIGITS = "latin"
    assert 'class="digits-latin"' in client.get("/ar/").content.decode()


def test_page_numbers_and_counts_follow_the_setting(client, settings):
    settings.PRESSOFFICE_ARABIC_DIGITS = "arabic-indic"
    for _ in range(settings.PRESSOFFICE_PAGE_SIZE + 1):
        factories.published_release()
    html = text(client.get("/ar/releases/?page=2").content.decode())
    assert "الصفحة ٢ من ٢" in html and f"{settings.PRESSOFFICE_PAGE_SIZE + 1}" not in html.split("البيانات")[1][:40]


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("text", [
    "في 12 مارس", "١٢ و۱۲ و12", "COP28 و G20", "A/RES/77/1", "12a ١b", "(٢٠٢٦)، 2026.", "\u00a012\u00a0٣\t4\n5",
    "٣" * 50, "word" * 50 + "1", "بلا أرقام", "",
])
def test_each_word_with_a_digit_is_converted_whole_and_no_other(language, text):
    """The conversion looks only at words that have a digit; word by word, it is the rule itself."""
    table = {"ar": str.maketrans("0123456789۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩" * 2),
             "en": str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)}[language]
    expected = re.sub(r"\S+", lambda m: m[0] if re.search("[A-Za-z]", m[0]) else m[0].translate(table), text)
    with translation.override(language):
        assert localise_text_digits(text) == expected
        assert localise_text_digits(f"<p>{text}</p>", html=True) == f"<p>{expected}</p>"
