"""The sitemap: an index of pages of at most 10,000 addresses, cheap at any archive size."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from releases import sitemaps, workflow
from releases.cache import purge_public_cache
from releases.states import State
from tests import factories
from tests.test_feeds import whole_sitemap

pytestmark = pytest.mark.django_db


def locations(xml):
    return re.findall(r"<loc>http://testserver([^<]+)</loc>", xml)


def test_sitemap_xml_is_an_index_of_its_sections(client):
    factories.published_release()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "<sitemapindex" in index.content.decode()
    assert locations(index.content.decode()) == ["/sitemap-pages.xml", "/sitemap-releases-ar.xml",
                                                 "/sitemap-releases-en.xml"]


def test_a_section_is_split_into_pages_that_the_index_lists(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ReleaseSitemap, "limit", 2)
    releases = [factories.published_release() for _ in range(5)]
    index = locations(client.get("/sitemap.xml").content.decode())
    assert [url for url in index if "releases-ar" in url] == [
        "/sitemap-releases-ar.xml", "/sitemap-releases-ar.xml?p=2", "/sitemap-releases-ar.xml?p=3"]
    pages = [locations(client.get(url).content.decode()) for url in index if "releases-ar" in url]
    assert [len(page) for page in pages] == [2, 2, 1]
    listed = [url for page in pages for url in page]
    assert listed == [release.get_absolute_url() for release in reversed(releases)]  # newest first, each once
    assert client.get("/sitemap-releases-ar.xml?p=4").status_code == 404


def test_pages_hold_at_most_ten_thousand_addresses():
    assert sitemaps.ReleaseSitemap.limit == sitemaps.SitePagesSitemap.limit == 10_000


def test_the_standing_pages_speakers_and_programmes_are_listed(client):
    speaker, programme = factories.speaker(), factories.programme()
    urls = locations(whole_sitemap(client))
    for url in ("/ar/", "/en/", "/ar/releases/", "/ar/about/", "/ar/contact/",
                f"/ar/speakers/{speaker.slug}/", f"/en/programmes/{programme.slug}/"):
        assert url in urls, url
    assert "/en/about/" not in urls  # no English text yet


def test_only_published_releases_are_listed(client, editor, django_capture_on_commit_callbacks, settings):
    settings.PAGE_CACHE_SECONDS = 300
    public = factories.published_release()
    withdrawn = factories.published_release()
    draft = factories.edition(state=State.DRAFT).release
    scheduled = factories.edition(state=State.SCHEDULED, published_at=timezone.now().replace(year=2099)).release
    xml = whole_sitemap(client)
    assert public.get_absolute_url() in xml and withdrawn.get_absolute_url() in xml
    assert draft.get_absolute_url() not in xml and scheduled.get_absolute_url() not in xml
    with django_capture_on_commit_callbacks(execute=True):
        workflow.release_withdraw(release=withdrawn, user=editor, notice_ar="سحب", notice_en="Withdrawn")
    assert withdrawn.get_absolute_url() not in whole_sitemap(client)  # cached pages were purged


def test_a_page_reads_a_few_columns_in_a_constant_number_of_queries(client):
    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap-releases-en.xml").status_code == 200
        return [query["sql"] for query in queries]

    factories.published_release()
    purge_public_cache()  # as publishing does
    few = page_queries()
    for _ in range(10):
        factories.published_release()
    purge_public_cache()
    many = page_queries()
    assert len(few) == len(many) <= 5  # the count, the next scheduled times, the page
    # (English fields are looked at, in the completeness check; no Arabic text ever needs to be.)
    assert not any(column in sql for sql in many for column in ("body_ar", "headline_ar", "summary_"))
    assert len(locations(client.get("/sitemap-releases-en.xml").content.decode())) == 11


def test_addresses_are_those_of_the_release_pages_whatever_the_slug(client):
    from django.utils import translation

    releases = [factories.published_release(headline_ar="بيان المندوب الدائم (٢٠٢٦)", headline_en="A/RES/77: 100% yes"),
                factories.published_release(english=False, headline_ar="كلمة؛ أمام مجلس الأمن")]
    xml = whole_sitemap(client)
    for release in releases:
        for code in ("ar", "en"):
            with translation.override(code):
                address = release.get_absolute_url()
            assert (f"<loc>http://testserver{address}</loc>" in xml) == (code == "ar" or release == releases[0]), address


def test_the_index_counts_the_archive_once_per_purge(client, editor, django_capture_on_commit_callbacks):
    factories.published_release()
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap.xml")
    # Counts and dates are kept for every worker; only the small tables of the pages section are read.
    assert not [query for query in queries if "releases_release" in query["sql"] or "releases_edition" in query["sql"]]
    draft = factories.edition(author=factories.user(role="Writer"))
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(factories.submit(draft, draft.author), editor)
    assert f"/ar/releases/{draft.release_id}/" in whole_sitemap(client)
