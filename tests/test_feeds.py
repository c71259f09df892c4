import re

import pytest

from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def test_feeds_list_published_releases_in_their_language(client):
    factories.published_release(headline_en="Public English", headline_ar="عنوان عام")
    factories.published_release(english=False, headline_ar="عربي فقط")
    factories.edition(state=State.DRAFT, headline_en="Draft English", headline_ar="مسودة")
    english = client.get("/en/feed/atom/").content.decode()
    arabic = client.get("/ar/feed/").content.decode()
    assert "Public English" in english and "Draft English" not in english and "عربي فقط" not in english
    assert "عنوان عام" in arabic and "عربي فقط" in arabic and "مسودة" not in arabic


def test_speaker_and_programme_feeds(client):
    speaker, programme = factories.speaker(), factories.programme()
    mine = factories.edition(state=State.PUBLISHED, headline_en="Speaker's release")
    mine.speakers.add(speaker)
    mine.programmes.add(programme)
    factories.published_release(headline_en="Someone else's")
    for url in (f"/en/speakers/{speaker.slug}/feed/", f"/en/programmes/{programme.slug}/feed/atom/"):
        body = client.get(url).content.decode()
        assert "Speaker's release" in body and "Someone else's" not in body


def test_sitemap_has_hreflang_alternates_and_only_published_languages(client):
    both = factories.published_release()
    arabic_only = factories.published_release(english=False)
    factories.edition(state=State.DRAFT)
    xml = whole_sitemap(client)
    assert f"/en/releases/{both.pk}/" in xml and f"/ar/releases/{both.pk}/" in xml
    assert 'hreflang="en"' in xml
    assert f"/ar/releases/{arabic_only.pk}/" in xml and f"/en/releases/{arabic_only.pk}/" not in xml


def whole_sitemap(client):
    """The index and every page it lists, as one text."""
    index = client.get("/sitemap.xml").content.decode()
    pages = [client.get(url.replace("http://testserver", "")).content.decode()
             for url in re.findall(r"<loc>([^<]+)</loc>", index)]
    return index + "".join(pages)


def test_robots_txt_points_to_the_sitemap_and_keeps_previews_out(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /ar/preview/" in body and "Disallow: /en/preview/" in body
