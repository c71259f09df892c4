"""Every interface string goes through gettext, and the Arabic catalogue is complete."""

import re
import shutil
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale/ar/LC_MESSAGES/django.po"


def _entries(text):
    for block in text.split("\n\n"):
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.M))
        msgstr = "".join(re.findall(r'"(.*)"', block.split("msgstr", 1)[1])) if "msgstr" in block else ""
        yield block, msgid, msgstr


def test_the_arabic_catalogue_has_no_empty_or_fuzzy_entries():
    untranslated = [
        msgid for block, msgid, _msgstr in _entries(PO.read_text())
        if msgid and ("#, fuzzy" in block or re.search(r'^msgstr(\[\d\])? ""\n(?!")', block + "\n", re.M))
    ]
    assert untranslated == []


def test_the_compiled_catalogue_is_committed_and_used():
    assert (ROOT / "locale/ar/LC_MESSAGES/django.mo").exists()
    with translation.override("ar"):
        assert translation.gettext("Latest releases") == "أحدث البيانات"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext to extract strings")
def test_the_catalogue_holds_every_string_in_the_code(tmp_path):
    # A copy, so that makemessages writes into the copy and never into the real catalogue.
    for item in ("pressoffice", "releases", "templates"):
        shutil.copytree(ROOT / item, tmp_path / item, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ar", "--no-location", "--no-obsolete"],
        cwd=tmp_path, check=True, capture_output=True, env={**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "pressoffice.settings"},
    )
    fresh = {msgid for _b, msgid, _s in _entries((tmp_path / "locale/ar/LC_MESSAGES/django.po").read_text())}
    committed = {msgid for _b, msgid, _s in _entries(PO.read_text())}
    assert fresh - committed == set()
