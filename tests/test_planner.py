"""After a bulk write, PostgreSQL's planner is told what the tables now hold."""

import pytest
from django.db import connection

from releases.generate import generate_archive
from releases.models import Edition, Release
from releases.planner import refresh_statistics
from tests import factories

pytestmark = pytest.mark.django_db


def _planner_rows(model):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        return cursor.fetchone()[0]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite plans without statistics; run with DATABASE_URL=postgres://... (CI does)")


def test_the_tables_are_analysed_with_what_they_hold_now(postgresql):
    factories.edition()
    refresh_statistics([Release])
    assert _planner_rows(Release) == 1
    factories.edition(), factories.edition()
    refresh_statistics([Edition, Release])
    assert _planner_rows(Release) == 3 and _planner_rows(Edition) == Edition.objects.count()


def test_a_generated_archive_is_analysed(postgresql):
    generate_archive(releases=12, drafts=2, seed=5)
    assert _planner_rows(Edition) == Edition.objects.count() > 12
    assert _planner_rows(Release) == 14


def test_nothing_is_run_on_sqlite(django_assert_num_queries):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite half")
    with django_assert_num_queries(0):
        refresh_statistics([Release, Edition])
