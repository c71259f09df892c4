"""The list's count and years are computed once, and follow every public change and the clock."""

import datetime
import io
import re

import pytest
from django.utils import timezone

from releases import workflow
from releases.cache import purge_public_cache, shared_public_value
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def _count(client, language="ar", **params):
    response = client.get(f"/{language}/releases/", params)
    assert response.status_code == 200
    text = response.content.decode()
    # The status line: "N releases", with the page's digits.
    return re.search(r'<p class="count" role="status">([^<]*)</p>', text).group(1), text


def test_publishing_and_withdrawing_change_the_count_and_the_years(
    client, writer, editor, django_capture_on_commit_callbacks
):
    factories.published_release()
    before, _page = _count(client, "en")
    edition = factories.edition(author=writer, dateline_date=datetime.date(2004, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.edition_publish(edition=edition, user=editor, seen_version=edition.version,
                                 at=timezone.make_aware(datetime.datetime(2004, 5, 1, 10)))
    after, page = _count(client, "en")
    assert before != after and "2" in after
    assert '<option value="2004"' in page
    with django_capture_on_commit_callbacks(execute=True):
        workflow.release_withdraw(release=edition.release, user=editor, notice_ar="سُحب.")
    withdrawn, page = _count(client, "en")
    assert withdrawn == before
    assert '<option value="2004"' not in page


def test_a_scheduled_edition_counts_from_its_time_without_any_event():
    now = timezone.now()
    factories.published_release()
    scheduled = factories.edition(state=State.SCHEDULED, published_at=now + HOUR)
    scheduled.release.first_published_at = now + HOUR
    scheduled.release.save()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert shared_public_value("test", compute, now) == 1
    assert shared_public_value("test", compute, now + HOUR / 2) == 1
    # Its time has come: the value is computed again, though nothing purged.
    assert shared_public_value("test", compute, now + HOUR) == 2
    assert shared_public_value("test", compute, now + 2 * HOUR) == 2


def test_a_purge_starts_again_and_leaves_the_rest_of_the_cache_alone():
    from django.core.cache import cache, caches

    now = timezone.now()
    cache.set("someone-else", "kept")
    caches["pages"].set("someone-else", "kept too")
    assert shared_public_value("test", lambda: "old", now) == "old"
    assert shared_public_value("test", lambda: "new", now) == "old"
    purge_public_cache()
    assert shared_public_value("test", lambda: "new", now) == "new"
    assert cache.get("someone-else") == "kept" and caches["pages"].get("someone-else") == "kept too"


def test_each_filter_and_language_has_its_own_count(client):
    speaker = factories.speaker()
    edition = factories.edition(state=State.PUBLISHED)
    edition.speakers.add(speaker)
    factories.published_release(english=False)

    def count(language, **params):
        client.get(f"/{language}/releases/", params)  # the list counts first: the API reads the same count
        return client.get(f"/{language}/api/releases/", params).json()["count"]

    assert (count("ar"), count("en"), count("ar", speaker=speaker.slug), count("ar", kind="speech")) == (2, 1, 1, 0)


def test_a_count_behind_a_publication_never_hides_a_release(client, monkeypatch):
    factories.published_release(headline_en="The first")
    client.get("/en/releases/")
    # A publication whose event has not run yet (or that the event missed): the count is behind.
    monkeypatch.setattr("releases.events.purge_public_cache", lambda: None)
    factories.published_release(headline_en="The second")
    page = client.get("/en/releases/").content.decode()
    assert "The first" in page and "The second" in page


def test_a_batch_reacts_once_to_all_its_public_changes(writer, editor, django_capture_on_commit_callbacks, monkeypatch):
    from releases import events

    calls = []
    monkeypatch.setattr(events, "public_change", lambda ids, *, event: calls.append((list(ids), event)))
    editions = [factories.edition(author=writer) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.edition_publish(edition=editions[0], user=editor, seen_version=editions[0].version)
    assert calls == [([editions[0].release_id], events.PUBLISHED)]
    calls.clear()
    with events.batched():
        for edition in editions[1:]:
            with django_capture_on_commit_callbacks(execute=True):
                workflow.edition_publish(edition=edition, user=editor, seen_version=edition.version)
        assert calls == []
    assert calls == [(sorted(edition.release_id for edition in editions[1:]), events.PUBLISHED)]


def test_an_import_leaves_its_releases_findable_and_counted(tmp_path, editor, client, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from releases.generate import generate_import_files
    from releases.models import SearchDocument

    generate_import_files(tmp_path, count=3, seed=4)
    client.get("/ar/api/releases/")  # a count from before the import
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_releases", str(tmp_path), "--publish", "--as", editor.username, stdout=io.StringIO())
    assert client.get("/ar/api/releases/").json()["count"] == 3
    assert SearchDocument.objects.filter(language="ar").count() == 3
