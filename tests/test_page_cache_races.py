"""The page cache against real threads, each with its own connection: a page read during a
publication never outlives the purge that follows it. On SQLite and on PostgreSQL."""

import threading

import pytest
from django.test import Client

from releases import workflow
from releases import cache
from releases.roles import EDITOR, WRITER
from releases.states import State
from tests import factories
from tests.test_concurrency import together

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 10


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def new_edition(live, writer, editor, headline):
    draft = workflow.edition_start_new(release=live.release, user=writer)
    draft = factories.edit(draft, writer, headline_ar=headline, headline_en=headline)
    return factories.publish(factories.submit(draft, writer), editor, note_kind="minor")


def test_a_page_rendered_before_a_purge_and_stored_after_it_is_never_served(monkeypatch):
    """The worst moment: a reader has rendered the old page, the publication commits and purges,
    and only then does the reader store what it rendered."""
    writer, editor = factories.user(role=WRITER), factories.user(role=EDITOR)
    live = factories.edition(state=State.PUBLISHED, headline_ar="قديم", headline_en="Old round")
    rendered, published = threading.Event(), threading.Event()
    original = cache.store_page

    def store_late(request, response, *args):
        if threading.current_thread() is not threading.main_thread():
            rendered.set()
            assert published.wait(60)
        return original(request, response, *args)

    monkeypatch.setattr(cache, "store_page", store_late)

    def reader():
        return Client().get("/en/")

    def publisher():
        assert rendered.wait(60)
        try:
            new_edition(live, writer, editor, "New round")
        finally:
            published.set()

    stale, _ = together(reader, publisher)
    assert "Old round" in stale.content.decode()  # what the reader rendered, and stored
    fresh = Client().get("/en/")
    assert "New round" in fresh.content.decode() and "Old round" not in fresh.content.decode()


def test_after_each_publication_every_page_shows_it_while_readers_fill_the_cache():
    writer, editor = factories.user(role=WRITER), factories.user(role=EDITOR)
    live = factories.edition(state=State.PUBLISHED, headline_ar="الجولة 0", headline_en="Round 0")
    pages = ["/en/", "/en/releases/", f"/en/releases/{live.release_id}/{live.release.slug}/", "/sitemap.xml"]
    done = threading.Event()

    def publish_rounds():
        checker, stale = Client(), []
        try:
            for round_ in range(1, ROUNDS + 1):
                new_edition(live, writer, editor, f"Round {round_}")
                # The publication has committed and purged: no reader may have left an older page behind.
                for page in pages[:3]:
                    if f"Round {round_}<" not in checker.get(page).content.decode():
                        stale.append((round_, page))
            return stale
        finally:
            done.set()

    def read():
        reader, count = Client(), 0
        while not done.is_set():
            for page in pages:
                response = reader.get(page)
                assert response.status_code == 200, (page, response.status_code)
                count += 1
        return count

    stale, *reads = together(publish_rounds, read, read)
    for result in reads:
        assert not isinstance(result, BaseException), repr(result)
    assert stale == []
