"""The summary is rich text, like the body: paragraphs, bold, italic and links, and nothing else.

It is stored as sanitised HTML and shown as HTML under the headline and on cards; everywhere
that wants plain text (meta tags, the API, feeds' text, alerts, search, diffs) gets its words.
"""

import importlib
import json
import re

import pytest
from django.apps import apps
from django.test import Client
from django.utils import translation

from releases.descriptions import describe
from releases.diff import edition_diff
from releases.models import Edition, SearchDocument
from releases.sanitise import sanitise_field
from tests import factories

pytestmark = pytest.mark.django_db


def test_pasted_html_that_starts_with_a_block_we_dont_keep_is_html_not_text():
    assert sanitise_field("body_ar", "<div>كتلة</div><p>فقرة</p>") == "<p>كتلة</p><p>فقرة</p>"
    assert sanitise_field("summary_ar", "<h1>كبير</h1>") == "<p>كبير</p>"


def test_plain_text_with_angle_brackets_is_kept_as_text(writer):
    edition = factories.edition(author=writer)
    factories.edit(edition, writer, summary_ar="a<b و c>d\n\nالفقرة الثانية")
    edition.refresh_from_db()
    assert edition.summary_ar == "<p>a&lt;b و c&gt;d</p><p>الفقرة الثانية</p>"


def test_only_paragraphs_emphasis_and_links_are_kept(writer):
    edition = factories.edition(author=writer)
    factories.edit(edition, writer, summary_ar=(
        '<h2>عنوان</h2><p><strong>مهم</strong> و<em>مائل</em> <a href="https://un.org">رابط</a></p>'
        "<ul><li>بند</li></ul><blockquote>اقتباس</blockquote><script>alert(1)</script>"))
    edition.refresh_from_db()
    summary = edition.summary_ar
    assert "<strong>مهم</strong>" in summary and "<em>مائل</em>" in summary
    assert 'href="https://un.org"' in summary and 'rel="noopener noreferrer nofollow"' in summary
    for tag in ("<h2", "<ul", "<li", "<blockquote", "<script"):
        assert tag not in summary
    # The words of what was dropped stay (but not a script's).
    assert "عنوان" in summary and "بند" in summary and "اقتباس" in summary and "alert" not in summary


def test_the_body_keeps_what_the_summary_may_not_and_a_refused_block_becomes_a_paragraph():
    html = "<h2>عنوان</h2><ul><li>بند</li></ul><blockquote>اقتباس</blockquote>"
    assert sanitise_field("body_ar", html) == html
    assert sanitise_field("summary_ar", html) == "<p>عنوان</p><p>بند</p><p>اقتباس</p>"


@pytest.mark.parametrize("pasted", [
    "<h2>عنوان</h2>نص بلا وسم", "<ul><li>بند</li></ul>", "<div>كتلة</div><p>فقرة</p>", "<b>غامق</b> ثم نص",
    "a<b و c>d", "<p>نص</p>", "<span>x</span>", "<h1>كبير</h1>", "<p></p>نص", "<script>x</script>نص",
    "<p>a</p> b", "<ol><li>1</li></ol>", "<figure><figcaption>تعليق</figcaption></figure>",
])
@pytest.mark.parametrize("column", ["summary_ar", "body_ar"])
def test_cleaning_twice_changes_nothing(pasted, column):
    # Each save cleans again (the service, then the model): the second must find nothing to change.
    once = sanitise_field(column, pasted)
    assert sanitise_field(column, once) == once


def test_stored_html_saved_again_unchanged_is_not_an_edit(writer):
    edition = factories.edition(author=writer)
    factories.edit(edition, writer, summary_ar="<p>نص <strong>مهم</strong></p>")
    edition.refresh_from_db()
    version = edition.version
    factories.edit(edition, writer, summary_ar=edition.summary_ar)
    edition.refresh_from_db()
    assert edition.version == version


def test_the_public_page_shows_the_summary_as_html_and_the_meta_tags_as_words(client):
    release = factories.published_release(summary_ar="<p>نص <strong>مهم</strong> a&lt;b</p>")
    html = client.get(release.get_absolute_url()).content.decode()
    assert '<div class="standfirst"><p>نص <strong>مهم</strong> a&lt;b</p></div>' in html
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert description == "نص مهم a&lt;b"


def test_cards_show_the_summary_as_html(client):
    factories.published_release(summary_ar="<p>ملخص <em>البطاقة</em></p>")
    html = client.get("/ar/releases/").content.decode()
    assert '<div class="summary"><p>ملخص <em>البطاقة</em></p></div>' in html


def test_descriptions_for_feeds_and_the_api_are_words_without_tags():
    edition = Edition(summary_ar="<p>الأولى <strong>مهم</strong></p><p>الثانية &amp; الثالثة</p>")
    assert describe(edition) == "الأولى مهم الثانية & الثالثة"


def test_the_api_gives_the_summary_as_words(client):
    release = factories.published_release(summary_ar="<p>ملخص <strong>للواجهة</strong></p>")
    data = json.loads(client.get("/ar/api/releases/").content)
    [item] = [item for item in data["results"] if item["id"] == release.pk]
    assert item["summary"] == "ملخص للواجهة"


def test_search_indexes_the_summary_words_not_its_tags(writer, editor, django_capture_on_commit_callbacks):
    edition = factories.edition(author=writer, summary_ar="<p>كلمة <strong>فريدةجدا</strong></p>")
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(edition, editor)
    terms = " ".join(SearchDocument.objects.filter(edition=edition).values_list("body_terms", flat=True))
    assert "strong" not in terms.split() and "p" not in terms.split()
    html = Client().get("/ar/search/", {"q": "فريدةجدا"}).content.decode()
    assert f"/ar/releases/{edition.release_id}/" in html
    assert "&lt;strong" not in html and "&lt;p&gt;" not in html


def test_alerts_carry_the_summary_as_text_and_as_html_without_outside_links(settings):
    from releases.alerts.messages import EMAIL_SUMMARY_TAGS
    from releases.sanitise import html_to_text, sanitise_html

    stored = '<p><strong>مهم</strong> <a href="https://elsewhere.example">رابط</a></p><p>الثانية</p>'
    assert html_to_text(stored, "\n\n") == "مهم رابط\n\nالثانية"
    emailed = sanitise_html(stored, EMAIL_SUMMARY_TAGS)
    assert "<strong>مهم</strong>" in emailed and "<a" not in emailed and "رابط" in emailed


def test_a_headline_with_angle_brackets_is_diffed_as_text_and_a_summary_as_its_words():
    old = Edition(headline_ar="a<b", summary_ar="<p>قديم</p>")
    new = Edition(headline_ar="a<c", summary_ar="<p>جديد</p>")
    with translation.override("en"):
        rows = {(str(label), code): html for label, code, _name, _dir, html in edition_diff(old, new)}
    assert "<del>a&lt;b</del>" in rows[("headline", "ar")] and "<ins>a&lt;c</ins>" in rows[("headline", "ar")]
    assert "<p>" not in rows[("summary", "ar")] and "&lt;p&gt;" not in rows[("summary", "ar")]
    assert "<del>قديم</del>" in rows[("summary", "ar")] and "<ins>جديد</ins>" in rows[("summary", "ar")]


def test_a_translator_reads_the_arabic_summary_as_it_will_look(client, writer, translator):
    edition = factories.edition(author=writer, english=False, summary_ar="<p>ملخص <strong>عربي</strong></p>")
    client.force_login(translator)
    html = client.get(f"/admin/releases/edition/{edition.pk}/change/").content.decode()
    assert '<div lang="ar" dir="rtl" class="rich-text-shown"><p>ملخص <strong>عربي</strong></p></div>' in html
    assert "&lt;strong&gt;" not in html
    assert 'name="summary_ar"' not in html
    assert re.search(r'<textarea[^>]*name="summary_en"[^>]*data-rich-text-tools="summary"|'
                     r'<textarea[^>]*data-rich-text-tools="summary"[^>]*name="summary_en"', html)


def test_a_writer_gets_the_summary_editor_in_both_columns(client, writer):
    edition = factories.edition(author=writer)
    client.force_login(writer)
    html = client.get(f"/admin/releases/edition/{edition.pk}/change/").content.decode()
    for name in ("summary_ar", "summary_en"):
        [tag] = re.findall(rf'<textarea[^>]*name="{name}"[^>]*>', html)
        assert 'data-rich-text-tools="summary"' in tag
    [body] = re.findall(r'<textarea[^>]*name="body_ar"[^>]*>', html)
    assert 'data-rich-text-tools="body"' in body


def test_the_migration_turns_plain_summaries_into_paragraphs_without_making_translations_stale(writer):
    migration = importlib.import_module("releases.migrations.0012_summary_is_rich_text")
    edition = factories.edition(author=writer)
    # As stored before: plain text, shown escaped, and the basis of the English recorded the same way.
    basis = {**edition.translation_basis["en"], "summary": "قبل < بعد"}
    Edition.objects.filter(pk=edition.pk).update(summary_ar="قبل < بعد", summary_en="before < after",
                                                 translation_basis={"en": basis})
    migration.to_rich_text(apps, None)
    edition.refresh_from_db()
    assert edition.summary_ar == "<p>قبل &lt; بعد</p>" and edition.summary_en == "<p>before &lt; after</p>"
    assert edition.changed_source_fields("en") == []
    migration.to_plain_text(apps, None)
    edition.refresh_from_db()
    assert edition.summary_ar == "قبل < بعد" and edition.translation_basis["en"]["summary"] == "قبل < بعد"

