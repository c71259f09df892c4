"""The archive generator leaves what the workflow would: public, scheduled, withdrawn, drafts, and their index."""

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from releases.generate import generate_archive
from releases.models import Edition, Release, SearchDocument
from releases.search.index import search_index_rebuild
from releases.states import State

pytestmark = pytest.mark.django_db


def _index():
    return sorted(SearchDocument.objects.values_list(
        "edition_id", "language", "headline_terms", "entity_terms", "body_terms", "public_from", "public_until",
    ))


def test_the_archive_has_every_kind_of_release_and_drafts_stay_private():
    ids, _seconds = generate_archive(releases=400, drafts=30, seed=3)
    assert len(ids) == Release.objects.count() == 430
    now = timezone.now()
    published = Release.objects.published(now)
    withdrawn = Release.objects.filter(withdrawn_at__isnull=False)
    scheduled = Edition.objects.filter(state=State.SCHEDULED, published_at__gt=now)
    assert withdrawn.exists() and scheduled.exists()
    assert Edition.objects.filter(state=State.SUPERSEDED).exists()
    assert Edition.objects.filter(state__in=[State.DRAFT, State.IN_REVIEW]).count() == 30
    assert published.count() == 400 - withdrawn.count() - scheduled.count()
    assert not published.filter(editions__state__in=[State.DRAFT, State.IN_REVIEW]).exists()
    # Both languages, and Arabic-only releases among them.
    assert 0 < published.in_language("en", now).count() < published.count()
    # Decades of dates, and the live edition set as publishing sets it.
    years = {moment.year for moment in published.values_list("first_published_at", flat=True)}
    assert len(years) >= 20
    for release in published.select_related("live_edition")[:50]:
        assert release.live_edition.state == State.PUBLISHED
        assert release.public_edition(now) == release.live_edition
        assert len(release.live_edition.body_ar) > 1500


def test_the_search_index_is_what_a_rebuild_makes():
    generate_archive(releases=120, drafts=10, seed=5)
    written = _index()
    assert written
    search_index_rebuild()
    assert _index() == written


def test_the_command_prints_progress(capsys):
    call_command("generate_archive", releases=15, drafts=2)
    out = capsys.readouterr().out
    assert "releases: 17/17" in out
    assert Release.objects.count() == 17


def test_generated_import_files_import_and_bench_import_prints_both_rates(tmp_path, capsys):
    from releases.generate import generate_import_files
    from releases.importer.parse import parse_release, read_file

    paths = generate_import_files(tmp_path, count=6, seed=2)
    parsed = [parse_release(read_file(path)) for path in paths]
    assert [item.language for item in parsed] == ["ar"] * 6
    assert all(1975 <= item.date.year <= 1994 and len(item.paragraphs) >= 6 for item in parsed)
    assert list(tmp_path.glob("*.en.txt"))

    with translation.override("en"):
        call_command("bench_import", files=4, archive=30)
    out = capsys.readouterr().out
    assert "4/4 files" in out
    assert Release.objects.count() == 30 + 4
    rows = [line.split() for line in out.splitlines() if line.startswith(("small archive ", "big archive "))]
    assert [(row[0], row[2], row[3]) for row in rows] == [("small", "4", "0"), ("big", "4", "30")]
