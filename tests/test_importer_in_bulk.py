"""A big import writes its files a chunk at a time, through the workflow's bulk service, and keeps every rule."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from releases import events, workflow
from releases.importer import services
from releases.importer.parse import parse_release
from releases.models import AuditEntry, Edition, Notification, Release, SearchDocument
from releases.roles import EDITOR, WRITER
from releases.states import State
from tests import factories

MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو"]


def text(n, *, year=2022, extra=""):
    return (f"عنوان البيان رقم {n}\n\nنيويورك - المكتب الإعلامي - {n % 27 + 1} {MONTHS[n % 6]} {year}\n\n"
            f"هذه فقرة البيان رقم {n}.{extra}\n\nوهذه فقرة ثانية.\n")


def english(n):
    return (f"Statement number {n}\n\nNew York - Media Office - {n % 27 + 1} {['January', 'February', 'March', 'April', 'May', 'June'][n % 6]} 2022\n\n"
            f"This is paragraph {n}.\n")


def write(folder, numbers, **options):
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"release-{n:03d}.txt").write_text(text(n, **options), encoding="utf-8")
    return folder


def run(*args, fails=False):
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        if fails:
            with pytest.raises(CommandError):
                call_command("import_releases", *map(str, args), stdout=out, stderr=err)
        else:
            call_command("import_releases", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def trail(edition):
    return list(AuditEntry.objects.filter(edition=edition).order_by("pk").values_list(
        "action", "user", "from_state", "to_state", "edition_number", "subject"))


@pytest.mark.django_db
def test_a_file_imported_in_bulk_is_written_exactly_as_one_imported_on_its_own(tmp_path):
    editor = factories.user(username="editor", role=EDITOR)
    speaker = factories.speaker(name_ar="خالد بن يوسف المنصوري", name_en="Khalid Al-Mansouri")
    alone = parse_release(text(1, extra=" قال خالد بن يوسف المنصوري").encode())
    bulk = parse_release((text(2, extra=" قال خالد بن يوسف المنصوري")).encode())
    translation_of_bulk = parse_release(english(2).encode())
    translation_of_alone = parse_release(english(1).encode())
    one = services.release_import(source=alone, translation=translation_of_alone, origin="one.txt", user=editor,
                                  publish=True)
    [many] = services.release_import_many(items=[services.Pending(bulk, translation_of_bulk, "many.txt")],
                                          user=editor, publish=True)
    assert one.action == many.action == "created"
    first, second = (Edition.objects.get(pk=outcome.edition.pk) for outcome in (one, many))
    # Every column but the texts (which differ), the ids and the times.
    skip = {"id", "release", "created_at", "updated_at", "translation_basis", "dateline_date", "published_at"}
    for field in Edition._meta.concrete_fields:
        if field.name not in skip and not field.name.startswith(("headline", "body")):
            assert getattr(first, field.attname) == getattr(second, field.attname), field.name
    assert second.state == State.PUBLISHED and second.version == first.version == 2
    assert second.translation_basis.keys() == first.translation_basis.keys() and not second.stale_languages
    assert list(second.speakers.all()) == list(first.speakers.all()) == [speaker]
    for edition in (first, second):
        release = edition.release
        assert release.live_edition_id == edition.pk and release.first_published_at == edition.published_at
        assert release.slug and release.source_fingerprint
    # The same trail, entry for entry: imported by the editor as a draft, then published by them.
    assert [entry[:5] for entry in trail(first)] == [entry[:5] for entry in trail(second)] == [
        ("import", editor.pk, "", State.DRAFT, 1), ("publish", editor.pk, State.DRAFT, State.PUBLISHED, 1)]
    assert trail(second)[0][5] == second.headline_ar and "many.txt" in AuditEntry.objects.filter(
        edition=second, action="import").get().reason


@pytest.mark.django_db
def test_each_published_file_gets_its_search_rows_in_each_language_it_is_complete_in(tmp_path, django_capture_on_commit_callbacks):
    factories.user(username="editor", role=EDITOR)
    folder = write(tmp_path / "in", range(6))
    (folder / "release-000.en.txt").write_text(english(0), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        run("--publish", "--as", "editor", folder)
    assert Release.objects.published().count() == 6
    rows = set(SearchDocument.objects.values_list("release__editions__headline_ar", "language"))
    assert rows == {(f"عنوان البيان رقم {n}", "ar") for n in range(6)} | {("عنوان البيان رقم 0", "en")}


@pytest.mark.django_db(transaction=True)
def test_the_index_caches_and_alerts_follow_each_chunk_once(tmp_path, monkeypatch):
    factories.user(username="editor", role=EDITOR)
    monkeypatch.setattr("releases.management.commands.import_releases.CHUNK_SIZE", 4)
    changes, purges = [], []
    real = events.public_change
    monkeypatch.setattr(events, "public_change", lambda ids, *, event: (changes.append((sorted(ids), event)),
                                                                         real(ids, event=event)))
    monkeypatch.setattr(events, "purge_public_cache", lambda: purges.append(1))
    run("--publish", "--as", "editor", write(tmp_path / "in", range(10)))
    ids = sorted(Release.objects.values_list("pk", flat=True))
    assert changes == [(ids[0:4], events.PUBLISHED), (ids[4:8], events.PUBLISHED), (ids[8:10], events.PUBLISHED)]
    assert len(purges) == 3
    assert SearchDocument.objects.count() == 10


@pytest.mark.django_db
def test_a_chunk_costs_the_same_queries_whatever_its_number_of_files(tmp_path):
    factories.user(username="editor", role=EDITOR)
    factories.speaker(name_ar="خالد بن يوسف المنصوري", name_en="Khalid Al-Mansouri")
    counts = []
    for name, numbers in (("few", range(0, 3)), ("more", range(3, 12))):
        with CaptureQueriesContext(connection) as queries:
            run("--publish", "--as", "editor", write(tmp_path / name, numbers))
        counts.append(len(queries))
    assert Release.objects.published().count() == 12
    assert counts[0] == counts[1] <= 30


@pytest.mark.django_db
def test_a_file_refused_by_the_workflow_is_reported_and_the_rest_of_its_chunk_is_imported(tmp_path):
    factories.user(username="editor", role=EDITOR)
    folder = write(tmp_path / "in", range(5))
    # Read without fault, but the workflow's validation refuses the date (before 1900).
    (folder / "release-002.txt").write_text(text(2, year=1850), encoding="utf-8")
    out, err = run("--as", "editor", folder, fails=True)
    assert "release-002.txt: failed: ValidationError" in err and "dateline_date" in err
    assert "Created 4, updated 0, skipped 0; 1 failed." in out
    assert sorted(Edition.objects.values_list("headline_ar", flat=True)) == [
        f"عنوان البيان رقم {n}" for n in (0, 1, 3, 4)]
    assert AuditEntry.objects.count() == 4
    # The reports come in the files' order.
    assert [line.split("]")[0] for line in out.splitlines() if line.startswith("[")] == [
        "[1/5", "[2/5", "[4/5", "[5/5"]


@pytest.mark.django_db
def test_two_files_of_one_chunk_with_the_same_headline_and_date_are_not_both_imported(tmp_path):
    folder = write(tmp_path / "in", [1])
    (folder / "release-001-changed.txt").write_text(text(1, extra=" جملة أضيفت."), encoding="utf-8")
    _out, err = run(folder, fails=True)
    assert "same headline and date" in err
    assert Release.objects.count() == 1


@pytest.mark.django_db
def test_the_same_arabic_twice_in_one_chunk_with_its_english_the_second_time_completes_one_release(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text(1), encoding="utf-8")
    (folder / "b.txt").write_text(text(1), encoding="utf-8")
    (folder / "b.en.txt").write_text(english(1), encoding="utf-8")
    out, _err = run(folder)
    assert "Created 1, updated 1, skipped 0; 0 failed." in out
    assert Release.objects.get().latest_edition.is_complete_in("en")


@pytest.mark.django_db
def test_a_release_created_by_another_import_meanwhile_sends_the_chunk_through_one_file_at_a_time(
        tmp_path, monkeypatch):
    factories.user(username="editor", role=EDITOR)
    folder = write(tmp_path / "in", range(4))
    # Another run imported one of the files after this run looked for them: the unique fingerprint refuses
    # this run's copy, and the chunk is imported again file by file, each finding what is there.
    services.release_import(source=parse_release((folder / "release-002.txt").read_bytes()), origin="other run")
    monkeypatch.setattr(services, "_imported_before", lambda keys: set())
    out, _err = run("--publish", "--as", "editor", folder)
    assert Release.objects.count() == 4
    assert Release.objects.values("source_fingerprint").distinct().count() == 4
    assert "Created 3, updated 1, skipped 0; 0 failed." in out  # the other run's draft, published by this one
    assert Release.objects.published().count() == 4


@pytest.mark.django_db
def test_the_bulk_service_keeps_the_two_person_rule_and_the_editor_rule(writer, editor):
    item = workflow.NewRelease(kind=Release.Kind.NEWS, data={
        "headline_ar": "عنوان", "body_ar": "<p>نص</p>", "dateline_place_ar": "نيويورك",
        "dateline_date": "2022-05-01"})
    [own] = workflow.edition_create_many(user=editor, items=[item], publish_by=editor)
    assert isinstance(own, ValidationError) and own.code == "own_submission"
    [not_an_editor] = workflow.edition_create_many(user=None, items=[item], publish_by=writer)
    assert isinstance(not_an_editor, PermissionDenied)
    assert not Release.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_writer_of_editions_published_in_bulk_is_told_once_for_each(writer, editor):
    items = [workflow.NewRelease(kind=Release.Kind.NEWS, data={
        "headline_ar": f"عنوان {n}", "body_ar": "<p>نص</p>", "dateline_place_ar": "نيويورك",
        "dateline_date": "2022-05-01"}) for n in range(3)]
    editions = workflow.edition_create_many(user=writer, items=items, publish_by=editor)
    assert all(edition.author == writer and edition.state == State.PUBLISHED for edition in editions)
    assert sorted(Notification.objects.filter(recipient=writer, kind=Notification.Kind.PUBLISHED)
                  .values_list("edition_id", flat=True)) == sorted(edition.pk for edition in editions)
    assert not Notification.objects.filter(recipient=editor).exists()


@pytest.mark.django_db
def test_the_planner_statistics_are_refreshed_after_the_first_chunk_and_whenever_the_archive_doubles(
        tmp_path, monkeypatch):
    factories.user(username="editor", role=EDITOR)
    monkeypatch.setattr("releases.management.commands.import_releases.CHUNK_SIZE", 1)
    sizes = []
    monkeypatch.setattr("releases.management.commands.import_releases.refresh_statistics",
                        lambda models: sizes.append((Release.objects.count(), set(models))))
    run("--dry-run", write(tmp_path / "dry", range(20, 23)))
    assert sizes == []  # a dry run writes nothing
    run("--publish", "--as", "editor", write(tmp_path / "first", range(0, 6)))
    assert sizes == [(size, {Release, Edition}) for size in (1, 2, 4)]
    sizes.clear()
    # A later run analyses once, then when it has doubled the archive it found.
    run(write(tmp_path / "second", range(6, 20)))
    assert [size for size, _models in sizes] == [7, 14]


def test_the_translation_basis_is_stored_as_text_not_escapes():
    field = Edition._meta.get_field("translation_basis")
    written = field.get_db_prep_value({"ar": {"headline": "بيان"}}, connection)
    assert "بيان" in (written if isinstance(written, str) else written.dumps(written.obj))


def _mixed_folder(folder):
    """Files of every outcome: plain, with English, mentioning a speaker, broken, English-only, misnamed."""
    write(folder, range(12), extra=" قال خالد بن يوسف المنصوري")
    (folder / "release-003.en.txt").write_text(english(3) + "Khalid Al-Mansouri said so.\n", encoding="utf-8")
    # An English dateline without a year takes its Arabic's.
    (folder / "release-006.en.txt").write_text(english(6).replace(" 2022", ""), encoding="utf-8")
    (folder / "release-004.en.txt").write_text(text(40), encoding="utf-8")  # named English, written in Arabic
    (folder / "release-005.en.txt").write_bytes(b"\xff\xfe not a release")  # an English that can't be read
    (folder / "broken.txt").write_bytes(b"PK\x03\x04 a Word document")
    (folder / "lonely.en.txt").write_text(english(50), encoding="utf-8")
    (folder / "english.txt").write_text(english(60), encoding="utf-8")  # an English text under an Arabic name
    return folder


@pytest.mark.django_db
def test_files_read_ahead_in_a_second_process_are_reported_and_linked_exactly_as_files_read_here(
        tmp_path, monkeypatch):
    factories.user(username="editor", role=EDITOR)
    speaker = factories.speaker(name_ar="خالد بن يوسف المنصوري", name_en="Khalid Al-Mansouri")
    folder = _mixed_folder(tmp_path / "in")
    module = "releases.management.commands.import_releases"
    monkeypatch.setattr(f"{module}.CHUNK_SIZE", 4)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    # Files parsed in this process; what the forked reading process parses is recorded in its own memory.
    parsed_here, real_parse = [], parse_release
    monkeypatch.setattr(f"{module}.parse_release", lambda *a, **k: parsed_here.append(1) or real_parse(*a, **k))

    monkeypatch.setattr(f"{module}.READ_AHEAD_FROM", 10**6)
    here = run("--dry-run", folder, fails=True)
    assert len(parsed_here) >= 12
    parsed_here.clear()
    monkeypatch.setattr(f"{module}.READ_AHEAD_FROM", 1)
    ahead = run("--dry-run", folder, fails=True)
    assert parsed_here == []  # every file was read in the second process...
    assert ahead == here  # ...and every line reports the same: created, linked, refused, warned
    assert "speakers: " in here[0] and "written in Arabic" in here[1] and "Word document" in here[1]

    run("--publish", "--as", "editor", folder, fails=True)
    assert parsed_here == []
    assert Release.objects.published().count() == 12
    assert all(list(edition.speakers.all()) == [speaker] for edition in Edition.objects.all())
    assert Edition.objects.get(headline_en="Statement number 3").is_complete_in("en")
    assert Edition.objects.get(headline_en="Statement number 6").is_complete_in("en")


@pytest.mark.django_db
@pytest.mark.parametrize("failure", ["raises", "dies", "hangs"])
def test_when_the_reading_process_fails_the_files_are_read_here(tmp_path, monkeypatch, failure):
    import multiprocessing
    import os
    import time

    factories.user(username="editor", role=EDITOR)
    module = "releases.management.commands.import_releases"
    monkeypatch.setattr(f"{module}.CHUNK_SIZE", 4)
    monkeypatch.setattr(f"{module}.READ_AHEAD_FROM", 1)
    monkeypatch.setattr(f"{module}.READ_AHEAD_TIMEOUT", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)

    here, real = os.getpid(), __import__(module, fromlist=["_read_file"])._read_file

    def broken(path, year):  # fails in the reading process only
        if os.getpid() == here:
            return real(path, year)
        if failure == "dies":
            os._exit(3)
        if failure == "hangs":
            time.sleep(20)  # long past READ_AHEAD_TIMEOUT; short, should a change leave it running
        raise MemoryError("the reading process ran out of memory")

    monkeypatch.setattr(f"{module}._read_file", broken)
    out, err = run("--publish", "--as", "editor", write(tmp_path / "in", range(10)))
    assert Release.objects.published().count() == 10 and "Created 10" in out and not err
    # Nothing is left running: a reading process that hangs would keep the command from ever exiting.
    for _ in range(50):
        if not multiprocessing.active_children():
            break
        time.sleep(0.1)
    assert not multiprocessing.active_children()


@pytest.mark.django_db(transaction=True)
def test_search_rows_from_tokens_worked_out_ahead_are_the_rows_the_index_writes_itself(tmp_path, monkeypatch):
    """The reading process also tokenises each headline and body for the search index; the index takes
    those tokens only for exactly the text it stores, and its rows are what it writes on its own."""
    from releases.search import analysis
    from releases.search.index import search_index_rebuild

    factories.user(username="editor", role=EDITOR)
    factories.speaker(name_ar="خالد بن يوسف المنصوري", name_en="Khalid Al-Mansouri")
    module = "releases.management.commands.import_releases"
    monkeypatch.setattr(f"{module}.CHUNK_SIZE", 4)
    monkeypatch.setattr(f"{module}.READ_AHEAD_FROM", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    tokenised_here, real_fold = [], analysis.arabic.search_fold
    monkeypatch.setattr(analysis.arabic, "search_fold", lambda text, **k: (
        any(words in (text or "") for words in ("عنوان البيان", "Statement number", "الوفد سيواصل"))
        and tokenised_here.append(text)) or real_fold(text, **k))
    folder = _mixed_folder(tmp_path / "in")
    for n in range(12):
        path = folder / f"release-{n:03d}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\nوأضاف أن الوفد سيواصل العمل مع الشركاء في الأشهر المقبلة.\n",
                        encoding="utf-8")
    run("--publish", "--as", "editor", folder, fails=True)

    assert Release.objects.published().count() == 12
    assert tokenised_here == []  # every headline and body was tokenised in the reading process
    columns = ("release_id", "language", "headline_terms", "entity_terms", "body_terms")
    written = sorted(SearchDocument.objects.values_list(*columns))
    assert len(written) == 14  # twelve in Arabic, two with their English
    monkeypatch.setattr(analysis.arabic, "search_fold", real_fold)
    search_index_rebuild()
    assert sorted(SearchDocument.objects.values_list(*columns)) == written
