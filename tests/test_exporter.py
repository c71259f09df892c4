"""export_releases: published releases written back as the office's plain-text files."""

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from releases.models import Edition, Release
from releases.states import State
from releases.workflow import release_withdraw
from tests import factories

SAMPLES = Path(__file__).parent / "samples"
pytestmark = pytest.mark.django_db


def export(directory, *args):
    out = StringIO()
    with translation.override("en"):
        call_command("export_releases", str(directory), *args, stdout=out)
    return out.getvalue()


def import_(*args):
    with translation.override("en"):
        call_command("import_releases", *map(str, args), stdout=StringIO(), stderr=StringIO())


def test_published_releases_are_written_with_the_year_and_english_beside(tmp_path):
    release = factories.published_release(
        headline_ar="عنوان البيان", headline_en="Statement headline",
        body_ar="<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>", body_en="<p>First paragraph.</p>",
        dateline_date=datetime.date(2022, 2, 10),
    )
    out = export(tmp_path, "--digits", "latin")
    stem = f"2022-02-10-{release.pk}"
    assert (tmp_path / f"{stem}.txt").read_text(encoding="utf-8") == (
        "عنوان البيان\n\nنيويورك - المكتب الإعلامي - 10 فبراير 2022\n\nالفقرة الأولى.\n\nالفقرة الثانية.\n"
    )
    assert (tmp_path / f"{stem}.en.txt").read_text(encoding="utf-8") == (
        "Statement headline\n\nNew York - Media Office - 10 February 2022\n\nFirst paragraph.\n"
    )
    assert "Wrote 1 published releases, 1 of them with English" in out


def test_arabic_datelines_can_have_arabic_indic_digits(tmp_path):
    release = factories.published_release(dateline_date=datetime.date(2021, 11, 3))
    export(tmp_path, "--digits", "arabic-indic")
    assert "- ٣ نوفمبر ٢٠٢١\n" in (tmp_path / f"2021-11-03-{release.pk}.txt").read_text(encoding="utf-8")


def test_drafts_withdrawn_releases_and_incomplete_english_are_left_out(tmp_path):
    factories.edition(state=State.DRAFT)
    withdrawn = factories.published_release()
    release_withdraw(release=withdrawn, user=None, notice_ar="سُحب هذا البيان.")
    arabic_only = factories.published_release(english=False)
    export(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"2026-02-10-{arabic_only.pk}.txt"]


def test_the_public_edition_is_exported_not_a_newer_draft(tmp_path):
    release = factories.published_release(headline_ar="العنوان المنشور")
    factories.edition(release=release, headline_ar="عنوان مسودة لم تنشر")
    export(tmp_path)
    assert "العنوان المنشور" in (tmp_path / f"2026-02-10-{release.pk}.txt").read_text(encoding="utf-8")


def test_inline_formatting_becomes_plain_text(tmp_path):
    release = factories.published_release(
        body_ar='<p>نص <strong>مهم</strong> و<a href="https://example.org">رابط</a> &amp; رموز &lt;b&gt;</p>'
                "<ul><li>بند أول</li><li>بند ثان</li></ul>",
    )
    export(tmp_path)
    text = (tmp_path / f"2026-02-10-{release.pk}.txt").read_text(encoding="utf-8")
    assert text.endswith("\n\nنص مهم ورابط & رموز <b>\n\nبند أول\n\nبند ثان\n")


def _snapshot():
    fields = [f"{name}_{language}" for name in ("headline", "dateline_place", "dateline_source", "body")
              for language in ("ar", "en")]
    return sorted(
        tuple(getattr(edition, name) or "" for name in fields) + (edition.dateline_date,)
        for edition in Edition.objects.all()
    )


def test_exported_files_import_back_to_the_same_headlines_datelines_and_bodies(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("water-forum.txt", "water-forum.en.txt", "youth-workshop.txt"):
        shutil.copy(SAMPLES / name, sources / name)
    factories.user(username="editor", role="Editor")
    import_("--year", 2022, "--publish", "--as", "editor", sources)
    factories.published_release(
        headline_ar="بيان \"مهم\" & عاجل", body_ar="<p>سطر فيه &lt;وسم&gt; و &amp;.</p><p>فقرة ثانية.</p>",
        headline_en="An \"important\" & urgent statement", body_en="<p>Text with <em>emphasis</em>.</p>",
        dateline_date=datetime.date(2020, 12, 31),
    )
    before = _snapshot()
    exported = tmp_path / "exported"
    export(exported)

    Release.objects.all().delete()
    import_(exported)

    assert Release.objects.count() == 3
    after = _snapshot()
    # Inline markup has no plain-text form; everything else comes back as it was.
    emphasis = [row for row in before if "<em>" in row[7]][0]
    before[before.index(emphasis)] = emphasis[:7] + ("<p>Text with emphasis.</p>",) + emphasis[8:]
    assert after == before
