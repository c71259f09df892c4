"""The importer at any concurrency, and with files that are not files."""

import os
import socket
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
ARABIC_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو"]


def write_releases(folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"release-{n:03d}.txt").write_text(
            f"عنوان البيان رقم {n}\n\nنيويورك - المكتب الإعلامي - {n % 27 + 1} {ARABIC_MONTHS[n % 6]} 2022\n\n"
            f"هذه فقرة البيان رقم {n}.\n\nوهذه فقرة ثانية.\n", encoding="utf-8")
    return folder


def run(*args):
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        try:
            call_command("import_releases", *map(str, args), stdout=out, stderr=err)
            code = 0
        except CommandError as error:
            code = error.returncode
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_a_named_pipe_is_refused_with_a_message_and_never_waited_for(tmp_path):
    folder = write_releases(tmp_path / "in", 1)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.txt")
    code, out, err = run(folder, tmp_path / "named.txt")
    assert code == 1
    assert "pipe.txt" in err and "named.txt" in err and "named pipe (FIFO)" in err
    assert "Created 1" in out


@pytest.mark.django_db
def test_a_socket_is_refused_with_a_message(tmp_path):
    folder = write_releases(tmp_path / "in", 1)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "s.txt"))
    try:
        code, _out, err = run(folder)
    finally:
        server.close()
    assert code == 1 and "socket" in err


@pytest.mark.django_db
def test_a_pipe_that_takes_a_files_place_after_listing_is_not_waited_for(tmp_path):
    from releases.importer.parse import ImportRefused, read_file

    os.mkfifo(tmp_path / "late.txt")
    with pytest.raises(ImportRefused, match="regular file"), translation.override("en"):
        read_file(tmp_path / "late.txt")


@pytest.mark.django_db
def test_a_file_name_that_is_not_utf8_is_reported_readably(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"bad-\xff-name.txt")
    (folder / name).write_bytes(b"not a release")
    code, out, err = run(folder)
    assert code == 1
    assert "bad-\\xff-name.txt" in err
    # And a good file with such a name imports, its name kept readable in the audit trail.
    (folder / name).write_text("عنوان\n\nنيويورك - المكتب الإعلامي - 3 مايو 2022\n\nفقرة.\n", encoding="utf-8")
    code, out, err = run(folder)
    assert code == 0, err
    assert "bad-\\xff-name.txt" in out
    from releases.models import AuditEntry

    assert "bad-\\xff-name.txt" in AuditEntry.objects.get(action="import").reason


def _subprocess_env(url):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(DEBUG="1", DATABASE_URL=url, DJANGO_SETTINGS_MODULE="pressoffice.settings")
    environment.pop("REDIS_URL", None)
    return environment


def _manage(environment, *args, **kwargs):
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_folder_at_once_create_each_release_once(tmp_path):
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        url = (f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
               f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")
    else:
        url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    environment = _subprocess_env(url)
    if connection.vendor != "postgresql":
        assert _manage(environment, "migrate", "--noinput").wait(timeout=300) == 0
    folder = write_releases(tmp_path / "in", 30)
    first, second = _manage(environment, "import_releases", str(folder)), _manage(environment, "import_releases", str(folder))
    results = [process.communicate(timeout=600) for process in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    count = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from releases.models import Release, Edition; "
         "print(Release.objects.count(), Release.objects.values('source_fingerprint').distinct().count(), "
         "Edition.objects.count())"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert count.stdout.split() == ["30", "30", "30"], count.stderr


@pytest.mark.django_db(transaction=True)
def test_the_migration_that_makes_fingerprints_unique_keeps_every_duplicate_and_reports_it(capsys):
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("releases", "0005_email_alerts")], [("releases", "0006_content_typed_uploads_and_unique_fingerprint")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Release = old_apps.get_model("releases", "Release")
    copies = [Release.objects.create(kind="news", source_fingerprint="f" * 64) for _ in range(3)]
    single = Release.objects.create(kind="news", source_fingerprint="a" * 64)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from releases.models import AuditEntry, Release as CurrentRelease

    assert CurrentRelease.objects.count() == 4  # nothing deleted
    assert CurrentRelease.objects.get(pk=copies[0].pk).source_fingerprint == "f" * 64
    assert set(CurrentRelease.objects.filter(source_fingerprint="").values_list("pk", flat=True)) == {
        copies[1].pk, copies[2].pk}
    assert CurrentRelease.objects.get(pk=single.pk).source_fingerprint == "a" * 64
    assert AuditEntry.objects.filter(action="duplicate_import").count() == 2
    assert f"#{copies[1].pk}" in capsys.readouterr().out
