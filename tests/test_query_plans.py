"""No public page reads the whole archive: every query on releases and editions goes through an index.

Each page is requested twice (the first visit computes what `releases.aggregates`
keeps with the pages, the archive's count and years, once per public change); the queries of
the second visit are run again under EXPLAIN. SQLite without statistics, and
PostgreSQL without sequential scans and hash or merge joins, use an index whenever one fits:
a plan that still scans the table is a query that no index can serve, and one
that would read all 20,000 releases of a real archive on every visit. (SQLite
also shows an index read from end to end; PostgreSQL plans a table this small
with such reads whatever the indexes, so there only a table scan counts.)
"""

import json
import re

import pytest
from django.db import connection

from releases.generate import generate_archive
from releases.models import Programme, Release, Speaker

pytestmark = pytest.mark.django_db

ARCHIVE_TABLES = ("releases_release", "releases_edition")


def _aliases(sql):
    """{name or alias in the query: table} for the archive's tables."""
    names = {table: table for table in ARCHIVE_TABLES}
    for table, alias in re.findall(r'"(releases_release|releases_edition)" ([A-Z]\d+)\b', sql):
        names[alias] = table
    return names


# An index read in its order to find the first rows of a page: the read stops at the page's end.
ORDERING_INDEXES = ("release_newest_first",)


def _plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from _plan_nodes(child)


def full_scans(sql, params):
    """The plan's steps that read a whole archive table: on SQLite the table itself or an index from end
    to end (other than to read the newest first); on PostgreSQL, a sequential scan."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            names = _aliases(sql)
            return [line for (*_ids, line) in cursor.fetchall()
                    if (match := re.match(r"\s*SCAN (\w+)(.*)", line)) and match.group(1) in names
                    and not any(f"INDEX {index}" in match.group(2) for index in ORDERING_INDEXES)]
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        # A small table's plan may read a whole index where a large one's would look rows up, so
        # here only a scan that no index could replace counts.
        return [f"{node['Node Type']} on {node['Relation Name']}" for node in _plan_nodes(plan[0]["Plan"])
                if node.get("Relation Name") in ARCHIVE_TABLES and node["Node Type"] == "Seq Scan"]


def _pages():
    release = Release.objects.published().first()
    speaker = Speaker.objects.filter(slug__startswith="gen-").first()
    programme = Programme.objects.filter(slug__startswith="gen-").first()
    year = release.first_published_at.year
    pages = {}
    for language in ("ar", "en"):
        pages.update({
            f"home {language}": f"/{language}/",
            f"list {language}": f"/{language}/releases/",
            f"list page 3 {language}": f"/{language}/releases/?page=3",
            f"list by year {language}": f"/{language}/releases/?year={year}",
            f"list by kind {language}": f"/{language}/releases/?kind=speech",
            f"list by speaker {language}": f"/{language}/releases/?speaker={speaker.slug}",
            f"list by programme {language}": f"/{language}/releases/?programme={programme.slug}",
            f"detail {language}": f"/{language}/releases/{release.pk}/{release.slug}/",
            f"speaker {language}": f"/{language}/speakers/{speaker.slug}/",
            f"programme {language}": f"/{language}/programmes/{programme.slug}/",
            f"rss {language}": f"/{language}/feed/",
            f"atom {language}": f"/{language}/feed/atom/",
            f"json feed {language}": f"/{language}/feed.json",
            f"speaker feed {language}": f"/{language}/speakers/{speaker.slug}/feed/atom/",
            f"programme feed {language}": f"/{language}/programmes/{programme.slug}/feed.json",
            f"api list {language}": f"/{language}/api/releases/",
            f"api filtered {language}": f"/{language}/api/releases/?kind=news&year={year}",
            f"api detail {language}": f"/{language}/api/releases/{release.pk}/",
            f"search {language}": f"/{language}/search/?q=climate",
        })
    pages["sitemap"] = "/sitemap.xml"
    return pages


@pytest.fixture
def archive(settings):
    # The page cache would answer the second visit without a query: we want the queries.
    settings.PAGE_CACHE_SECONDS = 0
    generate_archive(releases=150, drafts=10, seed=7, analyse=False)
    _plan_as_for_a_large_archive()


def _plan_as_for_a_large_archive():
    """PostgreSQL plans a small table with a scan and a hash join, whatever the indexes: without
    those, it plans as it does for 20,000 releases, where each lookup must be served by an index."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
                cursor.execute(f"SET LOCAL {setting} = off")


def test_no_public_page_scans_the_archive(client, archive):
    recorded = []

    def record(execute, sql, params, many, context):
        recorded.append((sql, params))
        return execute(sql, params, many, context)

    problems = {}
    for name, url in _pages().items():
        assert client.get(url).status_code == 200, url
        recorded.clear()
        with connection.execute_wrapper(record):
            assert client.get(url).status_code == 200, url
        for sql, params in recorded:
            if sql.lstrip().upper().startswith("SELECT") and (scans := full_scans(sql, params)):
                problems.setdefault(name, []).append((scans, sql[:300]))
    assert not problems, "\n".join(f"{name}: {found}" for name, found in problems.items())


def test_the_check_sees_a_full_scan():
    """The checker itself: a query no index serves is reported, one an index serves is not."""
    scan = 'SELECT "releases_edition"."id" FROM "releases_edition" WHERE "releases_edition"."change_note_ar" = %s'
    indexed = 'SELECT "releases_edition"."id" FROM "releases_edition" WHERE "releases_edition"."release_id" = %s'
    _plan_as_for_a_large_archive()
    assert full_scans(scan, ["x"])
    assert not full_scans(indexed, [1])


def test_a_newest_first_page_never_reads_through_the_drafts(client, settings):
    """PostgreSQL sorts NULLs first in a descending index, and a draft has no `first_published_at`: the
    home page's read of `release_newest_first` once went through every draft of the archive (2,000 of
    them at 20,000 releases, 10,000 index entries) before its first public release."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite sorts NULLs last in a descending index: the drafts come after the page")
    settings.PAGE_CACHE_SECONDS = 0
    generate_archive(releases=12, drafts=120, seed=3, analyse=False)
    _plan_as_for_a_large_archive()
    with connection.cursor() as cursor:
        # At 20,000 releases PostgreSQL reads the index in its order instead of sorting: here too.
        cursor.execute("SET LOCAL enable_sort = off")
    recorded = []

    def record(execute, sql, params, many, context):
        recorded.append((sql, params))
        return execute(sql, params, many, context)

    for url in ("/ar/", "/en/releases/", "/ar/feed/"):
        recorded.clear()
        with connection.execute_wrapper(record):
            assert client.get(url).status_code == 200, url
        reads, plans = [], []
        for sql, params in recorded:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            plans.append([(node["Node Type"], node.get("Index Name")) for node in _plan_nodes(plan[0]["Plan"])])
            reads += [node["Actual Rows"] * node["Actual Loops"] for node in _plan_nodes(plan[0]["Plan"])
                      if node.get("Index Name") == "release_newest_first"]
        assert reads, f"{url}: no newest-first read to check in {plans}"
        assert max(reads) <= 12 + 5, f"{url} read {max(reads)} releases in newest-first order for 12 public ones"
