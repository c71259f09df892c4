"""Every management command of ours answers --help, in the language it runs in."""

from pathlib import Path

import pytest
from django.core.management import load_command_class
from django.utils import translation

COMMANDS = sorted(path.stem for path in (Path(__file__).parent.parent / "releases" / "management" / "commands").glob("*.py")
                  if not path.stem.startswith("_"))


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_help_is_shown(name, language):
    with translation.override(language):
        text = load_command_class("releases", name).create_parser("manage.py", name).format_help()
    assert f"manage.py {name}" in text


def test_translated_help_is_in_arabic_when_the_command_runs_in_arabic():
    with translation.override("ar"):
        text = load_command_class("releases", "import_releases").create_parser("manage.py", "import_releases").format_help()
    assert any("\u0600" <= char <= "\u06ff" for char in text)


# `bench` writes only to scratch databases of its own, which it migrates itself.
ON_SCRATCH_DATABASES = {"bench"}


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - ON_SCRATCH_DATABASES))
def test_a_command_refuses_a_database_that_is_not_migrated(name, monkeypatch):
    from django.core.management import CommandError

    from releases.management import base

    monkeypatch.setattr(base, "unapplied_migrations", lambda database="default": [("releases", False)])
    command = load_command_class("releases", name)
    with translation.override("en"), pytest.raises(CommandError, match="run `python manage.py migrate` first"):
        command.execute(skip_checks=True, no_color=True, force_color=False, stdout=None, stderr=None)


def test_a_new_empty_database_gets_a_message_not_a_traceback(tmp_path):
    """A press officer's first import on a machine where `migrate` wasn't run: no "no such table"."""
    import os
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    done = subprocess.run([sys.executable, "manage.py", "import_releases", str(root / "tests" / "samples" / "water-forum.txt")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "manage.py migrate" in done.stderr and "Traceback" not in done.stderr, done.stderr
