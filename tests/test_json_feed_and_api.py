"""JSON Feed 1.1 and the read-only JSON API: only what is published, in the language asked for."""

import json

import pytest
from django.utils import timezone

from releases.models import Release
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    return json.loads(response.content)


def test_the_json_feed_lists_published_releases_in_its_language(client):
    factories.published_release(headline_en="Public English", headline_ar="عنوان عام")
    factories.published_release(english=False, headline_ar="عربي فقط")
    factories.edition(state=State.DRAFT, headline_en="Draft English", headline_ar="مسودة")
    response = client.get("/en/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["language"] == "en" and feed["feed_url"] == "http://testserver/en/feed.json"
    assert [item["title"] for item in feed["items"]] == ["Public English"]
    item = feed["items"][0]
    assert item["url"].startswith("http://testserver/en/releases/") and item["id"] == item["url"]
    assert item["date_published"].endswith("Z") and "." not in item["date_published"]
    arabic = get_json(client, "/ar/feed.json")
    assert {item["title"] for item in arabic["items"]} == {"عنوان عام", "عربي فقط"}


def test_speakers_and_programmes_have_their_own_json_feeds(client):
    speaker, programme = factories.speaker(), factories.programme()
    mine = factories.edition(state=State.PUBLISHED, headline_en="Theirs")
    mine.speakers.add(speaker)
    mine.programmes.add(programme)
    factories.published_release(headline_en="Someone else's")
    for url in (f"/en/speakers/{speaker.slug}/feed.json", f"/en/programmes/{programme.slug}/feed.json"):
        assert [item["title"] for item in get_json(client, url)["items"]] == ["Theirs"]
    assert client.get("/en/speakers/nobody/feed.json").status_code == 404


def test_the_api_lists_published_releases_newest_first_with_pages(client):
    for number in range(3):
        factories.published_release(headline_en=f"Release {number}",
                                    published_at=timezone.now() - timezone.timedelta(hours=10 - number))
    factories.edition(state=State.IN_REVIEW, headline_en="Not yet")
    first = get_json(client, "/en/api/releases/?page_size=2")
    assert first["count"] == 3 and first["num_pages"] == 2
    assert [item["headline"] for item in first["results"]] == ["Release 2", "Release 1"]
    second = get_json(client, first["next"].removeprefix("http://testserver"))
    assert [item["headline"] for item in second["results"]] == ["Release 0"]
    assert second["previous"] and second["next"] is None
    assert client.get("/en/api/releases/")["Access-Control-Allow-Origin"] == "*"


def test_the_api_takes_the_lists_filters(client):
    speaker, programme = factories.speaker(), factories.programme()
    statement = factories.edition(state=State.PUBLISHED, kind="statement", headline_en="The statement")
    statement.speakers.add(speaker)
    news = factories.edition(state=State.PUBLISHED, kind="news", headline_en="The news")
    news.programmes.add(programme)

    def headlines(query):
        return [item["headline"] for item in get_json(client, f"/en/api/releases/?{query}")["results"]]

    assert headlines("kind=statement") == ["The statement"]
    assert headlines(f"speaker={speaker.slug}") == ["The statement"]
    assert headlines(f"programme={programme.slug}") == ["The news"]
    year = timezone.localtime(news.release.first_published_at).year
    assert set(headlines(f"year={year}")) == {"The statement", "The news"}


@pytest.mark.parametrize("query, status", [
    ("kind=nonsense", 400), ("speaker=nobody", 400), ("programme=nobody%00", 400), ("year=99999999999999999999", 400),
    ("year=١٢٣", 400), ("page_size=0", 400), ("page_size=100000", 400), ("page=99999999999999999999", 404),
    ("page=abc", 404),
])
def test_bad_api_input_gets_a_clear_message_never_a_500(client, query, status):
    factories.published_release()
    body = get_json(client, f"/en/api/releases/?{query}", status=status)
    assert body["error"]


def test_the_api_detail_has_the_text_speakers_with_their_posts_and_every_language(client):
    speaker = factories.speaker(name_en="Layla")
    factories.appointment(speaker=speaker, post_title_en="Permanent Representative")
    edition = factories.edition(state=State.PUBLISHED, headline_en="In full", body_en="<p>Body text.</p>")
    edition.speakers.add(speaker)
    data = get_json(client, f"/en/api/releases/{edition.release_id}/")
    assert data["headline"] == "In full" and data["body_html"] == "<p>Body text.</p>"
    assert data["speakers"][0]["name"] == "Layla" and data["speakers"][0]["post"] == "Permanent Representative"
    assert set(data["languages"]) == {"ar", "en"}
    assert data["url"] == f"http://testserver/en/releases/{edition.release_id}/{edition.release.slug}/"


def test_the_api_never_shows_drafts_withdrawn_releases_or_a_missing_translation(client):
    draft = factories.edition(state=State.DRAFT)
    arabic_only = factories.published_release(english=False)
    withdrawn = factories.published_release()
    Release.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    for pk in (draft.release_id, arabic_only.pk, withdrawn.pk, 2**70):
        assert "error" in get_json(client, f"/en/api/releases/{pk}/", status=404)
    assert get_json(client, f"/ar/api/releases/{arabic_only.pk}/")["id"] == arabic_only.pk
    assert get_json(client, "/en/api/releases/")["count"] == 0
