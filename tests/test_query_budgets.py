"""Public pages run a constant number of queries, however much content there is."""

import re

import pytest

from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def _content(count):
    speakers = [factories.speaker() for _ in range(count)]
    programmes = [factories.programme() for _ in range(count)]
    for speaker in speakers:
        # Posts are held at an organisation, as in the office's data: a page that named it would pay for it.
        factories.appointment(speaker=speaker, organisation=factories.organisation())
        factories.appointment(speaker=speaker, post_title_en="Earlier", started_on="2010-01-01", ended_on="2019-12-31")
    for programme in programmes:
        programme.partners.add(factories.organisation(), factories.organisation())
    editions = []
    for _ in range(count):
        edition = factories.edition(state=State.PUBLISHED)
        edition.speakers.set(speakers)
        edition.programmes.set(programmes)
        editions.append(edition)
    return speakers, programmes, editions


@pytest.mark.parametrize("count", [1, 8])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_public_pages_run_a_constant_number_of_queries(client, django_assert_max_num_queries, count, language):
    speakers, programmes, editions = _content(count)
    release = editions[0].release
    urls = {
        "home": f"/{language}/",
        "list": f"/{language}/releases/",
        "detail": f"/{language}/releases/{release.pk}/{release.slug}/",
        "speaker": f"/{language}/speakers/{speakers[0].slug}/",
        "programme": f"/{language}/programmes/{programmes[0].slug}/",
        "feed": f"/{language}/feed/atom/",
        "json_feed": f"/{language}/feed.json",
        "api_list": f"/{language}/api/releases/",
        "api_detail": f"/{language}/api/releases/{release.pk}/",
        "about": f"/{language}/about/",
    }
    # Cards fetch their editions by id and nothing else; the detail page also its speakers' posts.
    # The list's first visit also computes the archive's years and count, and when the next scheduled
    # edition or correction is due (until when they hold): `releases.cache.shared_public_value`.
    budgets = {"home": 3, "list": 8, "detail": 6, "speaker": 4, "programme": 4, "feed": 2,
               "json_feed": 2, "api_list": 3, "api_detail": 7, "about": 1}
    for name, url in urls.items():
        with django_assert_max_num_queries(budgets[name]):
            response = client.get(url)
        assert response.status_code == 200, url
    # Later visits read the years and the counts from the cache: the list and the API list read only
    # what they show (the filters' speakers and programmes, the page, its editions).
    for name, budget in {"list": 4, "api_list": 2}.items():
        with django_assert_max_num_queries(budget):
            response = client.get(urls[name])
        assert response.status_code == 200


@pytest.mark.parametrize("language", ["ar", "en"])
def test_cards_read_only_what_they_show(client, language):
    """Cards read their edition's headline, summary and dateline in the page's language; feeds and the
    API list that language's body too; only the detail page reads everything."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    speakers, programmes, editions = _content(3)
    other = {"ar": "en", "en": "ar"}[language]
    release = editions[0].release
    pages = {
        f"/{language}/": False, f"/{language}/releases/": False,
        f"/{language}/speakers/{speakers[0].slug}/": False, f"/{language}/programmes/{programmes[0].slug}/": False,
        f"/{language}/feed/atom/": True, f"/{language}/feed.json": True, f"/{language}/api/releases/": True,
    }
    for url, with_body in pages.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        # The columns the editions' query reads (the completeness test in SQL reads no text out).
        editions_sql = [re.sub(r"\(.*?\) AS \"is_complete_in_\w+\"", "", query["sql"].split(" FROM ")[0])
                        for query in queries if query["sql"].startswith('SELECT "releases_edition"."id"')]
        assert editions_sql, url
        for sql in editions_sql:
            assert f'"body_{other}"' not in sql and f'"headline_{other}"' not in sql, url
            assert (f'"body_{language}"' in sql) == with_body, url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/{language}/releases/{release.pk}/{release.slug}/").status_code == 200
    assert any(f'"releases_edition"."body_{other}"' in query["sql"].split(" FROM ")[0] for query in queries)


def test_search_results_read_the_searched_language_and_no_index_terms(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from releases.search.index import search_index_releases

    edition = factories.edition(state=State.PUBLISHED, headline_en="Water for every village",
                                headline_ar="المياه لكل قرية")
    search_index_releases(release_ids=[edition.release_id])
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/search/", {"q": "water"}).content.decode()
    assert "for every village" in page
    selects = [query["sql"].split(" FROM ")[0] for query in queries]
    loads = [columns for columns in selects if '"releases_searchdocument"."id"' in columns
             and '"releases_edition"."id"' in columns]
    assert loads
    for columns in loads:
        assert '"body_terms"' not in columns and '"releases_edition"."body_ar"' not in columns
        assert '"releases_edition"."body_en"' in columns
