"""import_releases: the office's plain-text files become releases, faithfully and safely."""

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.utils import timezone
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from releases.search import normalise as arabic
from releases.importer.dateline import BadDate, NotADateline, parse_dateline
from releases.importer.parse import parse_release
from releases.models import AuditEntry, Edition, Release, Speaker
from releases.states import State
from tests import factories

SAMPLES = Path(__file__).parent / "samples"
pytestmark = pytest.mark.django_db


def run(*args, fails=False):
    """Run import_releases in English; returns (stdout, stderr). `fails` expects the non-zero exit."""
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        if fails:
            with pytest.raises(CommandError) as raised:
                call_command("import_releases", *map(str, args), stdout=out, stderr=err)
            assert raised.value.returncode == 1
        else:
            call_command("import_releases", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def sample(tmp_path, *names):
    """Copies of sample files in a folder of their own, so tests can add files beside them."""
    for name in names:
        shutil.copy(SAMPLES / name, tmp_path / name)
    return [tmp_path / name for name in names]


def counts():
    return Release.objects.count(), Edition.objects.count(), AuditEntry.objects.count()


# Arabic normalisation


@pytest.mark.parametrize("variants", [
    ("أحمد", "احمد", "إحمد", "آحمد"),
    ("مُحَمَّد", "محمد", "محـــمد"),
    ("مستشفى", "مستشفي"),
    ("مدرسة", "مدرسه"),
    ("مسؤول", "مسوول"),
    ("الأمم المتحدة", "للأمم المتحدة", "والأمم المتحدة", "بالأمم المتحدة"),
    ("كوفيد-١٩", "كوفيد ۱۹", "كوفيد 19"),
    ("Media Office", "MEDIA  office"),
])
def test_spelling_variants_normalise_to_the_same_text(variants):
    assert len({arabic.normalise(variant) for variant in variants}) == 1


def test_short_words_keep_letters_that_only_look_like_the_article():
    assert arabic.words("إلى الف") == ["الي", "الف"]


def test_digits_fold_both_ways():
    assert arabic.to_latin_digits("١٢ و۳٤") == "12 و34"
    assert arabic.to_arabic_indic_digits("2022") == "٢٠٢٢"


# Datelines


@pytest.mark.parametrize("month, names", [
    (1, ["يناير", "كانون الثاني", "January", "Jan"]),
    (2, ["فبراير", "شباط", "February"]),
    (3, ["مارس", "آذار", "اذار", "March"]),
    (4, ["أبريل", "إبريل", "ابريل", "نيسان", "April"]),
    (5, ["مايو", "أيار", "May"]),
    (6, ["يونيو", "يونية", "حزيران", "June"]),
    (7, ["يوليو", "يوليه", "تموز", "July"]),
    (8, ["أغسطس", "اغسطس", "آب", "August"]),
    (9, ["سبتمبر", "أيلول", "September", "Sept"]),
    (10, ["أكتوبر", "اكتوبر", "تشرين الأول", "October"]),
    (11, ["نوفمبر", "تشرين الثاني", "November"]),
    (12, ["ديسمبر", "كانون الأول", "December"]),
])
def test_gulf_levantine_and_english_month_names_are_read(month, names):
    for name in names:
        assert parse_dateline(f"نيويورك - المكتب الإعلامي - 5 {name}", year=2022).date == datetime.date(2022, month, 5)


@pytest.mark.parametrize("line", [
    "نيويورك - المكتب الإعلامي - 10 فبراير",
    "نيويورك – المكتب الإعلامي – 10 فبراير",
    "نيويورك — المكتب الإعلامي — 10 فبراير",
    "نيويورك-المكتب الإعلامي-10 فبراير",
    "نيويورك–المكتب الإعلامي -   10 فبراير",
    "  نيويورك\u00a0-\u00a0المكتب الإعلامي -10 فبراير  ",
    "نيويورك - المكتب الإعلامي - ١٠ فبراير",
    "نيويورك - المكتب الإعلامي - ۱۰ فبراير",
    "نيويورك - المكتب الإعلامي - الخميس ١٠ فبراير",
    "نيويورك - المكتب الإعلامي - يوم الخميس، ١٠ شباط",
    "نيويورك - المكتب الإعلامي - الخميس - ١٠ فبراير",
    "نيويورك - المكتب الإعلامي - 10 شباط/فبراير 2022م",
])
def test_any_dash_spacing_digits_and_a_weekday_are_accepted(line):
    dateline = parse_dateline(line, year=2022)
    assert (dateline.place, dateline.source, dateline.date) == ("نيويورك", "المكتب الإعلامي", datetime.date(2022, 2, 10))


def test_english_datelines_and_hyphenated_places_are_read():
    dateline = parse_dateline("Port-au-Prince - Media Office - Thursday, February 10th, 2022")
    assert (dateline.place, dateline.source, dateline.date) == ("Port-au-Prince", "Media Office", datetime.date(2022, 2, 10))


def test_a_year_in_the_dateline_wins_over_the_year_option():
    assert parse_dateline("بيروت - المكتب الإعلامي - 3 آذار 2021", year=2022).date == datetime.date(2021, 3, 3)


def test_a_dateline_without_a_source_is_read():
    assert parse_dateline("New York - 10 May", year=2022).source == ""


@pytest.mark.parametrize("line, error", [
    ("نيويورك - المكتب الإعلامي - 10 فبراير", BadDate),
    ("نيويورك - المكتب الإعلامي - 31 فبراير 2022", BadDate),
    ("نيويورك - المكتب الإعلامي - 29 فبراير 2022", BadDate),
    ("جاء هذا في بيان أدلى به - في الاجتماع", NotADateline),
    ("نيويورك - المكتب الإعلامي - 10/02/2022", NotADateline),
])
def test_datelines_that_cant_be_used_are_refused(line, error):
    with pytest.raises(error):
        parse_dateline(line)


def test_a_weekday_that_does_not_match_the_date_is_reported():
    parsed = parse_release("عنوان\nنيويورك - المكتب الإعلامي - الأحد ١٠ فبراير\nنص.".encode(), year=2022)
    assert "Thursday" in parsed.warnings[0]


# What a file becomes


def test_a_file_becomes_a_draft_release_with_its_fields_filled(tmp_path):
    path, = sample(tmp_path, "youth-workshop.txt")
    out, _err = run(path)
    edition = Edition.objects.get()
    assert edition.state == State.DRAFT
    assert edition.headline_ar == "ورشة عمل حول تمكين الشباب في العمل الإنساني"
    assert (edition.dateline_place_ar, edition.dateline_source_ar) == ("بيروت", "المكتب الإعلامي")
    assert edition.dateline_date == datetime.date(2022, 11, 3)
    assert edition.author is None
    assert edition.release.source_fingerprint
    assert "created release" in out and "Created 1, updated 0, skipped 0; 0 failed." in out


def test_the_body_gets_one_escaped_paragraph_each_with_whitespace_normalised(tmp_path):
    path, = sample(tmp_path, "youth-workshop.txt")
    run(path)
    assert Edition.objects.get().body_ar == (
        "<p>نظّم المكتب ورشة عمل لـ۲۵ متطوعاً من الشباب حول أسس العمل الإنساني، وشارك فيها مدربون من ثلاث منظمات.</p>"
        "<p>وتناولت الورشة التخطيط للطوارئ وإدارة فرق المتطوعين.</p>"
    )


def test_markup_in_the_text_is_kept_as_text(tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text('عنوان\n\nنيويورك - المكتب - 1 مايو 2022\n\nقال المتحدث باسم المكتب: <b>x</b> & "مرحبا"\n')
    run(path)
    assert Edition.objects.get().body_ar == '<p>قال المتحدث باسم المكتب: &lt;b&gt;x&lt;/b&gt; &amp; "مرحبا"</p>'


def test_a_body_without_blank_lines_is_one_paragraph_per_line(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("عنوان\nنيويورك - المكتب - 1 مايو 2022\nالفقرة الأولى.\nالفقرة الثانية.\n")
    run(path)
    assert Edition.objects.get().body_ar == "<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>"


def test_bom_and_crlf_read_the_same_as_plain_utf8(tmp_path):
    path, = sample(tmp_path, "youth-workshop.txt")
    variant = tmp_path / "windows.txt"
    variant.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    run(variant)
    out, _err = run(path)
    assert Release.objects.count() == 1
    assert "skipped" in out


def test_a_file_without_a_year_needs_the_year_option(tmp_path):
    path, = sample(tmp_path, "water-forum.txt")
    _out, err = run(path, fails=True)
    assert "water-forum.txt" in err and "--year" in err
    assert counts() == (0, 0, 0)
    run("--year", 2023, path)
    assert Edition.objects.get().dateline_date == datetime.date(2023, 3, 12)


def test_a_dateline_with_a_year_needs_no_option(tmp_path):
    path, = sample(tmp_path, "youth-workshop.txt")
    run(path)
    assert Release.objects.count() == 1


def test_a_dateline_without_a_source_gets_the_office_as_its_source(tmp_path):
    path = tmp_path / "no-source.txt"
    path.write_text("عنوان الخبر\n\nنيويورك – ٥ مايو ٢٠٢٢\n\nنص الخبر.\n")
    run(path)
    assert Edition.objects.get().dateline_source_ar == "المكتب الإعلامي"


def test_a_weekday_that_does_not_match_the_date_is_shown_as_a_warning(tmp_path):
    path = tmp_path / "weekday.txt"
    path.write_text("عنوان الخبر\n\nنيويورك - المكتب الإعلامي - الأحد ١٠ فبراير\n\nنص الخبر.\n")
    out, _err = run("--year", 2022, path)
    assert "but 2022-02-10 was a Thursday. Is the year right?" in out
    assert Release.objects.count() == 1


def test_the_account_given_with_as_is_recorded_as_the_importer(tmp_path):
    writer = factories.user(username="writer", role="Writer")
    path, = sample(tmp_path, "youth-workshop.txt")
    run("--as", "writer", path)
    assert AuditEntry.objects.get(action="import").user == writer
    assert Edition.objects.get().author is None


def test_the_kind_can_be_chosen(tmp_path):
    path, = sample(tmp_path, "youth-workshop.txt")
    run("--kind", "statement", path)
    assert Release.objects.get().kind == Release.Kind.STATEMENT


# Publishing


def test_an_editor_can_publish_what_is_imported(tmp_path):
    editor = factories.user(username="editor", role="Editor")
    path, = sample(tmp_path, "youth-workshop.txt")
    run("--publish", "--as", "editor", path)
    edition = Edition.objects.get()
    assert edition.state == State.PUBLISHED and edition.reviewer == editor
    assert Release.objects.published().count() == 1
    # No one wrote it in the CMS, so no one is its author; the trail says who imported and published it.
    assert edition.author is None and not edition.force_publish_reason
    assert list(AuditEntry.objects.filter(edition=edition).order_by("pk").values_list("action", "user")) == [
        ("import", editor.pk), ("publish", editor.pk),
    ]
    assert "youth-workshop.txt" in AuditEntry.objects.get(action="import").reason


def test_a_published_archive_release_is_dated_by_its_dateline_not_by_the_import(tmp_path):
    factories.user(username="editor", role="Editor")
    path, = sample(tmp_path, "youth-workshop.txt")
    run("--year", 2022, "--publish", "--as", "editor", path)
    release = Release.objects.get()
    edition = release.editions.get()
    assert timezone.localtime(release.first_published_at).date() == edition.dateline_date
    assert edition.published_at == release.first_published_at
    assert AuditEntry.objects.get(action="publish").at.date() == timezone.now().date()


def test_publishing_needs_an_editor_account(tmp_path):
    factories.user(username="writer", role="Writer")
    path, = sample(tmp_path, "youth-workshop.txt")
    with pytest.raises(CommandError, match="Editor"):
        run("--publish", "--as", "writer", path)
    with pytest.raises(CommandError, match="--as"):
        run("--publish", path)
    with pytest.raises(CommandError, match="nobody"):
        run("--publish", "--as", "nobody", path)
    assert counts() == (0, 0, 0)


def test_publishing_again_publishes_an_untouched_draft_but_not_an_edited_one(tmp_path):
    factories.user(username="editor", role="Editor")
    first, second = sample(tmp_path, "youth-workshop.txt", "training-visit.txt")
    run("--year", 2022, first)
    second.write_text("وفد يزور المركز\n\nجنيف - المكتب الإعلامي - 7 فبراير 2022\n\nزار وفد المركز.\n")
    run(second)
    edited = Edition.objects.get(headline_ar="وفد يزور المركز")
    edited.summary_ar = "ملخص أضيف في لوحة الإدارة"
    edited.save()
    out, _err = run("--publish", "--as", "editor", first, second)
    assert Edition.objects.get(headline_ar__startswith="ورشة").state == State.PUBLISHED
    assert Edition.objects.get(pk=edited.pk).state == State.DRAFT
    assert "left as a draft" in out and "Created 0, updated 1, skipped 1" in out


# Languages


def test_an_english_file_beside_the_arabic_becomes_its_translation(tmp_path):
    arabic_path, english_path = sample(tmp_path, "water-forum.txt", "water-forum.en.txt")
    out, _err = run("--year", 2022, arabic_path)
    edition = Edition.objects.get()
    assert edition.headline_en.startswith("Media Office announces")
    assert (edition.dateline_place_en, edition.dateline_source_en) == ("New York", "Media Office")
    assert edition.body_en.count("<p>") == 3
    assert edition.is_complete_in("en") and not edition.is_stale_in("en")
    assert "water-forum.txt + water-forum.en.txt" in out and "Created 1," in out


def test_naming_only_the_english_file_imports_the_pair(tmp_path):
    _arabic_path, english_path = sample(tmp_path, "water-forum.txt", "water-forum.en.txt")
    run("--year", 2022, english_path)
    assert Edition.objects.get().headline_en.startswith("Media Office")


def test_files_named_otherwise_can_be_paired_by_option(tmp_path):
    arabic_path, english_path = sample(tmp_path, "water-forum.txt", "water-forum.en.txt")
    arabic_path = arabic_path.rename(tmp_path / "forum-ar.txt")
    english_path = english_path.rename(tmp_path / "forum-english.txt")
    run("--year", 2022, "--pair", arabic_path, english_path)
    assert Edition.objects.get().headline_en.startswith("Media Office")


def test_without_any_path_the_command_says_so():
    with pytest.raises(CommandError, match="at least one file"):
        run()


def test_an_english_file_without_its_arabic_gets_a_clear_message(tmp_path):
    path, = sample(tmp_path, "training-visit.txt")
    _out, err = run(path, fails=True)
    assert "training-visit.txt" in err and "English" in err and "Traceback" not in err
    named, = sample(tmp_path, "water-forum.en.txt")
    _out, err = run(named, fails=True)
    assert "water-forum.txt" in err
    assert counts() == (0, 0, 0)


def test_an_english_file_in_arabic_is_refused_but_the_arabic_is_imported(tmp_path):
    arabic_path, = sample(tmp_path, "water-forum.txt")
    (tmp_path / "water-forum.en.txt").write_bytes(arabic_path.read_bytes())
    _out, err = run("--year", 2022, arabic_path, fails=True)
    assert "water-forum.en.txt" in err and "Arabic" in err
    assert not Edition.objects.get().headline_en


def test_english_added_later_completes_the_draft(tmp_path):
    arabic_path, = sample(tmp_path, "water-forum.txt")
    run("--year", 2022, arabic_path)
    sample(tmp_path, "water-forum.en.txt")
    out, _err = run("--year", 2022, arabic_path)
    edition = Edition.objects.get()
    assert edition.headline_en.startswith("Media Office") and edition.version == 2
    assert "updated release" in out and "Created 0, updated 1, skipped 0" in out
    assert AuditEntry.objects.filter(action="import_translation").count() == 1


def test_english_for_a_published_release_goes_into_a_new_edition_for_review(tmp_path):
    factories.user(username="editor", role="Editor")
    arabic_path, = sample(tmp_path, "water-forum.txt")
    run("--year", 2022, "--publish", "--as", "editor", arabic_path)
    sample(tmp_path, "water-forum.en.txt")
    run("--year", 2022, arabic_path)
    release = Release.objects.get()
    assert not release.public_edition().headline_en
    draft = release.latest_edition
    assert (draft.number, draft.state) == (2, State.DRAFT) and draft.headline_en.startswith("Media Office")
    run("--year", 2022, "--publish", "--as", "editor", arabic_path)
    assert release.public_edition().number == 2


def test_the_english_is_stale_when_the_arabic_changed_after_the_import(tmp_path):
    arabic_path, = sample(tmp_path, "water-forum.txt")
    run("--year", 2022, arabic_path)
    edition = Edition.objects.get()
    edition.headline_ar = "عنوان عُدّل في لوحة الإدارة"
    edition.save()
    sample(tmp_path, "water-forum.en.txt")
    run("--year", 2022, arabic_path)
    edition.refresh_from_db()
    assert edition.is_stale_in("en") and edition.changed_source_fields("en") == ["headline"]


def test_the_english_takes_its_year_from_the_arabic_and_must_have_its_date(tmp_path):
    arabic_path, english_path = sample(tmp_path, "water-forum.txt", "water-forum.en.txt")
    arabic_path.write_text(arabic_path.read_text().replace("١٢ مارس", "١٢ مارس ٢٠٢١"))
    run(arabic_path)
    assert Edition.objects.get().headline_en.startswith("Media Office")
    english_path.write_text(english_path.read_text().replace("12 March", "13 March"))
    arabic_path.write_text(arabic_path.read_text().replace("٢٠٢١", "٢٠٢٠"))
    _out, err = run(arabic_path, fails=True)
    assert "English dateline is dated 2020-03-13 but the Arabic is dated 2020-03-12" in err
    assert Release.objects.count() == 1


def test_different_english_is_never_written_over_the_english_there(tmp_path):
    arabic_path, english_path = sample(tmp_path, "water-forum.txt", "water-forum.en.txt")
    run("--year", 2022, arabic_path)
    english_path.write_text(english_path.read_text().replace("opening", "start"))
    _out, err = run("--year", 2022, arabic_path, fails=True)
    assert "different English" in err
    assert "opening" in Edition.objects.get().headline_en


# Linking


def test_speakers_programmes_and_organisations_are_linked_after_normalisation(tmp_path):
    speaker = factories.speaker(name_ar="خالد بن يوسف المنصوري", name_en="Khalid bin Yousef Al-Mansouri")
    other = factories.speaker(name_ar="الشيخة مريم بنت خالد", name_en="Sheikha Maryam bint Khalid")
    programme = factories.programme(name_ar="برنامج المياه للجميع", name_en="Water for All Programme")
    factories.organisation(name_ar="منظمة الصحة العالمية", name_en="World Health Organization", acronym_en="WHO")
    path, = sample(tmp_path, "water-forum.txt")
    out, _err = run("--year", 2022, path)
    edition = Edition.objects.get()
    assert list(edition.speakers.all()) == [speaker]
    assert list(edition.programmes.all()) == [programme]
    assert other not in edition.speakers.all()
    assert "speakers: Khalid bin Yousef Al-Mansouri; programmes: Water for All Programme" in out
    assert "organisations mentioned: World Health Organization" in out


@pytest.mark.parametrize("written", [
    "سعادة الشيخة مريم بنت خالد العلي",
    "سعادة الشيخـــة مَريَم بن خالد العلي",
    "H.E. Sheikha Maryam bint Khalid Al-Ali",
])
def test_a_speaker_is_found_whatever_the_honorific_and_spelling(tmp_path, written):
    speaker = factories.speaker(name_ar="الشيخة مريم بنت خالد العلي", name_en="Maryam bint Khalid Al Ali",
                                honorific_ar="سعادة", honorific_en="H.E.")
    path = tmp_path / "speaker.txt"
    path.write_text(f"عنوان الخبر\n\nنيويورك - المكتب - 1 مايو 2022\n\nوقالت {written} إن الاجتماع مهم للتعاون بين الدول الأعضاء.\n")
    run(path)
    assert list(Edition.objects.get().speakers.all()) == [speaker]


def test_no_speaker_is_ever_invented_and_a_shared_name_links_no_one(tmp_path):
    factories.speaker(name_ar="أحمد علي", slug="a1")
    factories.speaker(name_ar="احمد علي", slug="a2")
    factories.speaker(name_ar="محمد", slug="m")
    path = tmp_path / "names.txt"
    path.write_text("عنوان\n\nنيويورك - المكتب - 1 مايو 2022\n\nقال محمد، كما قال أحمد علي وسعادة السفير سالم ناصر كلاماً.\n")
    out, _err = run(path)
    assert Speaker.objects.count() == 3
    assert Edition.objects.get().speakers.count() == 0
    assert "more than one record" in out


def test_acronyms_match_only_as_written(tmp_path):
    factories.organisation(name_en="World Health Organization", acronym_en="WHO")
    path = tmp_path / "acronym.txt"
    path.write_text("عنوان\n\nنيويورك - المكتب - 1 مايو 2022\n\nنص.\n")
    (tmp_path / "acronym.en.txt").write_text("Title\n\nNew York - Media Office - 1 May 2022\n\nThose who came.\n")
    out, _err = run(path)
    assert "organisations" not in out


# Idempotence and dry runs


def test_importing_the_same_files_twice_creates_nothing_new(tmp_path):
    sample(tmp_path, "water-forum.txt", "water-forum.en.txt", "youth-workshop.txt")
    run("--year", 2022, tmp_path)
    before = counts()
    out, _err = run("--year", 2022, tmp_path)
    assert counts() == before
    assert "Created 0, updated 0, skipped 2; 0 failed." in out


def test_a_changed_text_of_an_imported_release_is_refused_not_duplicated(tmp_path):
    path, = sample(tmp_path, "youth-workshop.txt")
    run(path)
    path.write_text(path.read_text() + "\nفقرة أضيفت لاحقاً.\n")
    _out, err = run(path, fails=True)
    assert "same headline and date" in err
    assert Release.objects.count() == 1


def test_a_dry_run_shows_what_would_happen_and_writes_nothing(tmp_path):
    factories.user(username="editor", role="Editor")
    factories.speaker(name_ar="خالد بن يوسف المنصوري", name_en="Khalid Al-Mansouri")
    sample(tmp_path, "water-forum.txt", "water-forum.en.txt", "youth-workshop.txt")
    before = counts()
    out, _err = run("--year", 2022, "--dry-run", "--publish", "--as", "editor", tmp_path)
    assert counts() == before
    assert out.count("would create a release (Published") == 2 and "speakers: Khalid Al-Mansouri" in out
    assert "Dry run, nothing was written. Would create 2" in out


# Safety


BAD_FILES = {
    "not UTF-8": ("عنوان\n\nنيويورك - المكتب - 1 مايو 2022\n\nنص.\n".encode("cp1256"), "not UTF-8"),
    "empty": (b"", "empty"),
    "only blank lines": (b"\xef\xbb\xbf\r\n  \r\n", "empty"),
    "no dateline": ("عنوان\n\nفقرة أولى.\n\nفقرة ثانية.\n".encode(), "No dateline"),
    "headline missing": ("نيويورك - المكتب - 1 مايو 2022\n\nفقرة.\n".encode(), "headline is missing"),
    "no body": ("عنوان\n\nنيويورك - المكتب - 1 مايو 2022\n".encode(), "no text"),
    "31 February": ("عنوان\n\nنيويورك - المكتب - 31 فبراير 2022\n\nنص.\n".encode(), "February has no day 31"),
    "binary": (bytes(range(256)) * 4, "binary"),
    "word document": (b"PK\x03\x04" + b"\x00" * 100, "Word"),
    "5 MB single line": (b"a" * (5 * 1024 * 1024), "5.0 MB"),
    "very long line": ("عنوان\n".encode() + "ب".encode() * 30_000, "Line 2"),
    "headline too long": (("عنوان " * 100 + "\nنيويورك - المكتب - 1 مايو 2022\nنص.").encode(), "headline"),
}


@pytest.mark.parametrize("content, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_input_gets_a_clear_message_naming_the_file_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    _out, err = run(path, fails=True)
    assert f"{path}: failed: " in err and message in err
    assert "Traceback" not in err
    assert counts() == (0, 0, 0)


def test_one_bad_file_never_stops_the_others(tmp_path):
    good, other = sample(tmp_path, "youth-workshop.txt", "water-forum.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    out, err = run("--year", 2022, good, bad, other, tmp_path / "missing.txt", fails=True)
    assert Release.objects.count() == 2
    assert "[1/3]" in out and "[3/3]" in out
    assert "Created 2, updated 0, skipped 0; 2 failed." in out
    summary = err.split("\n  ", 1)[1]
    assert "bad.txt: This is a binary file" in summary and "missing.txt: No such file" in summary


def test_a_file_that_fails_midway_leaves_nothing_behind(tmp_path, monkeypatch):
    path, = sample(tmp_path, "youth-workshop.txt")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("releases.importer.services.find_links", broken)
    _out, err = run(path, fails=True)
    assert "RuntimeError: disk full" in err
    assert counts() == (0, 0, 0)


def test_folders_are_searched_for_txt_files_and_hidden_files_left_out(tmp_path):
    (tmp_path / "2022").mkdir()
    shutil.copy(SAMPLES / "youth-workshop.txt", tmp_path / "2022" / "youth-workshop.txt")
    (tmp_path / ".hidden").mkdir()
    shutil.copy(SAMPLES / "water-forum.txt", tmp_path / ".hidden" / "water-forum.txt")
    (tmp_path / "notes.md").write_text("not a release")
    out, _err = run(tmp_path)
    assert Release.objects.count() == 1 and "[1/1]" in out


def test_the_language_of_a_file_is_decided_as_by_counting_every_letter():
    """detect_language stops reading once the rest can't change the answer; it must be the answer of
    counting the whole text, whichever script the end of the text is in."""
    import random

    from releases.importer import parse

    def counted(text):
        letters = "".join(parse._LETTERS.findall(text))
        arabic, latin = len(parse._ARABIC_LETTER.findall(letters)), len(parse._LATIN_LETTER.findall(letters))
        return "en" if latin > arabic else "ar"

    pieces = ["قال المندوب الدائم إن ", "the Permanent Representative said ", "٢٠٢٤ ", "2024, ", "— ", "UNICEF "]
    rng = random.Random(7)
    texts = ["", "42", "عربي" * 600 + "English " * 400, "English " * 400 + "عربي" * 600]
    for _ in range(400):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 400))))
    for text in texts:
        assert parse.detect_language(text) == counted(text), text[:80]
