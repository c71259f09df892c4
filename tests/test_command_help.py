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
