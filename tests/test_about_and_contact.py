"""About and Contact: standing pages that editors keep up to date in both languages."""

import pytest

from releases.models import Page
from releases.roles import WRITER
from tests import factories

pytestmark = pytest.mark.django_db


def test_both_pages_exist_from_the_start_so_their_links_lead_somewhere(client):
    assert set(Page.objects.values_list("slug", flat=True)) == {"about", "contact"}
    for path in ("/ar/about/", "/ar/contact/", "/en/about/", "/en/contact/"):
        assert client.get(path).status_code == 200, path
    assert 'href="/en/contact/"' in client.get("/en/").content.decode()


def test_a_page_shows_its_text_in_the_readers_language(client):
    Page.objects.filter(slug="about").update(
        title_ar="عن البعثة", body_ar="<p>نص عربي.</p>", title_en="About the Mission", body_en="<p>English text.</p>")
    english = client.get("/en/about/").content.decode()
    assert "<h1>About the Mission</h1>" in english and "English text." in english
    assert 'hreflang="ar"' in english and 'hreflang="en"' in english
    assert "نص عربي." in client.get("/ar/about/").content.decode()


def test_an_english_page_without_its_text_says_so_and_points_to_the_arabic(client):
    Page.objects.filter(slug="contact").update(title_ar="اتصل بنا", body_ar="<p>نص</p>", title_en="", body_en="")
    html = client.get("/en/contact/").content.decode()
    assert "This page is available in Arabic" in html and 'href="/ar/contact/"' in html
    assert 'name="robots" content="noindex"' in html
    assert 'hreflang="en" href' not in html


def test_editors_change_the_pages_and_their_html_is_cleaned(client, editor):
    client.force_login(editor)
    page = Page.objects.get(slug="about")
    response = client.post(f"/admin/releases/page/{page.pk}/change/", {
        "title_ar": "عن البعثة", "title_en": "About us",
        "body_ar": "<p>نص</p><script>alert(1)</script>", "body_en": "<p>Text</p>",
    })
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title_en == "About us" and "<script>" not in page.body_ar


def test_writers_may_not_change_the_pages(client):
    client.force_login(factories.user(role=WRITER))
    page = Page.objects.get(slug="about")
    assert client.get(f"/admin/releases/page/{page.pk}/change/").status_code == 403
