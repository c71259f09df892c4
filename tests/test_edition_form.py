"""The edition form of issue 12: side by side, a workflow bar with one primary action, confirmations and
success messages that say what goes public, in which languages and when."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from releases import workflow
from releases.states import State
from tests import factories
from tests.test_editing import EN, change, form_data

pytestmark = pytest.mark.django_db
CSS = Path(settings.BASE_DIR, "static", "releases", "edition_form.css").read_text()


def page(client, edition, **headers):
    response = client.get(f"/admin/releases/edition/{edition.pk}/change/", **(headers or EN))
    assert response.status_code == 200
    return response


def bar(response):
    html = response.content.decode()
    return html[html.index('<section class="workflow-bar"'):html.index("</section>")]


def offered(response):
    primary = response.context["primary_action"]
    return (primary and primary["action"]), [item["action"] for item in response.context["menu_actions"]]


def done(client, response, **headers):
    """The messages the person reads on the page they are sent to."""
    assert response.status_code == 302, response.content.decode()[:2000]
    shown = client.get(response.url, **(headers or EN))
    return [str(message) for message in shown.context["messages"]]


# The workflow bar: one primary action for this person in this state, the rest in a menu


def test_a_writer_is_offered_submit_first_on_their_draft(client, writer):
    draft = factories.edition(author=writer, english=False)
    client.force_login(writer)
    response = page(client, draft)
    assert offered(response) == ("submit", ["revoke_previews"])
    # A button of the edit form, so the text is saved with it; the menu is a <details>: no script needed.
    assert re.search(r'<button type="submit" form="edition_form" name="_workflow" value="submit" '
                     r'class="button workflow-submit default">Save and submit for review</button>', bar(response))
    assert '<details class="workflow-menu">' in bar(response)
    assert f"With {writer.username}, who is writing it." in bar(response)


def test_a_translator_is_offered_mark_ready_and_an_editor_publish(client, writer, translator, editor):
    edition = factories.submit(factories.edition(author=writer, english=False), writer)
    client.force_login(translator)
    response = page(client, edition)
    assert offered(response) == ("mark_translated", [])
    assert "Waiting for the English translation, then an editor&#x27;s review." in bar(response)
    client.force_login(editor)
    response = page(client, edition)
    primary, menu = offered(response)
    assert primary == "publish" and {"schedule", "return", "revoke_previews"} <= set(menu)
    assert "publish" not in menu


def test_an_editor_on_a_live_edition_is_offered_a_new_edition_and_withdraw_in_the_menu(client, editor):
    live = factories.edition(state=State.PUBLISHED)
    client.force_login(editor)
    response = page(client, live)
    primary, menu = offered(response)
    assert primary == "new_edition" and "withdraw" in menu
    # Withdrawing asks first: in the menu, it is a link to its confirmation page.
    assert f'href="/admin/releases/edition/{live.pk}/workflow/withdraw/"' in bar(response)
    assert 'class="state-badge state-published"' in bar(response)
    # Nobody is recorded as its reviewer (made by a factory, as by an import): the bar names nobody.
    assert "Live since " in bar(response) and "Approved by" not in bar(response)


def test_the_state_colours_have_at_least_4_5_to_1_contrast():
    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    states = re.findall(r"\.state-(\w+) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", CSS)
    assert {name for name, _bg, _fg in states} >= {state.value for state in State} | {"withdrawn"}
    for name, background, colour in states:
        light, dark = sorted((luminance(background), luminance(colour)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, name


def test_a_withdrawn_edition_says_so_in_words_and_colour(client, editor):
    live = factories.edition(state=State.PUBLISHED)
    workflow.release_withdraw(release=live.release, user=editor, notice_ar="سُحب.")
    client.force_login(editor)
    html = bar(page(client, live))
    assert 'class="state-badge state-withdrawn"><strong>Withdrawn</strong>' in html
    assert "Nobody works on it." in html


# Confirmations name what goes public, in which languages, and when


def test_the_publish_confirmation_names_the_languages_and_the_time(client, writer, editor):
    complete = factories.submit(factories.edition(author=writer), writer)
    arabic_only = factories.submit(factories.edition(author=writer, english=False), writer)
    client.force_login(editor)
    html = client.get(f"/admin/releases/edition/{complete.pk}/workflow/publish/", **EN).content.decode()
    assert f"Edition {complete.number} goes public now, in Arabic and English, as soon as you confirm." in html
    assert complete.headline_ar in html and complete.headline_en in html
    html = client.get(f"/admin/releases/edition/{arabic_only.pk}/workflow/schedule/", **EN).content.decode()
    assert f"Edition {arabic_only.number} goes public in Arabic at the time you choose below" in html
    assert "Not public in" in html and "English" in html


def test_the_withdraw_confirmation_says_which_pages_change_and_when(client, editor):
    live = factories.edition(state=State.PUBLISHED)
    client.force_login(editor)
    html = client.get(f"/admin/releases/edition/{live.pk}/workflow/withdraw/", **EN).content.decode()
    assert "The release is withdrawn now, as soon as you confirm: its Arabic and English pages" in html


# Success messages say what happened


def test_publishing_says_the_release_is_live_and_in_which_languages(client, writer, editor):
    edition = factories.submit(factories.edition(author=writer), writer)
    client.force_login(editor)
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/publish/",
                           {"seen_version": edition.version}, **EN)
    assert response.status_code == 302
    assert done(client, response) == ["Published. The release is live in Arabic and English."]
    html = bar(page(client, edition))
    assert "Live since " in html and f"Approved by {editor.username}." in html

    arabic_only = factories.submit(factories.edition(author=writer, english=False), writer)
    response = client.post(f"/admin/releases/edition/{arabic_only.pk}/workflow/publish/",
                           {"seen_version": arabic_only.version}, **EN)
    assert done(client, response) == ["Published. The release is live in Arabic."]


def test_publishing_in_the_arabic_admin_says_it_in_arabic(client, writer, editor):
    edition = factories.submit(factories.edition(author=writer), writer)
    client.force_login(editor)
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/publish/",
                           {"seen_version": edition.version}, HTTP_ACCEPT_LANGUAGE="ar")
    assert done(client, response, HTTP_ACCEPT_LANGUAGE="ar") == ["نُشر. صار البيان متاحاً للعموم بـالعربية والإنجليزية."]


def test_scheduling_and_withdrawing_say_what_happened(client, writer, editor):
    edition = factories.submit(factories.edition(author=writer), writer)
    client.force_login(editor)
    at = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/schedule/",
                           {"seen_version": edition.version, "at": at.strftime("%Y-%m-%dT%H:%M")}, **EN)
    [message] = done(client, response)
    assert message.startswith("Scheduled. The release goes live in Arabic and English at ")
    live = factories.edition(state=State.PUBLISHED)
    response = client.post(f"/admin/releases/edition/{live.pk}/workflow/withdraw/",
                           {"seen_version": live.version, "notice_ar": "سُحب."}, **EN)
    assert done(client, response) == ["Withdrawn. The Arabic and English pages now show your notice, and the release "
                              "has left every list and feed."]


# Side by side


def test_each_translated_field_is_one_row_with_the_arabic_first_and_no_tabs(client, writer):
    draft = factories.edition(author=writer, english=False)
    client.force_login(writer)
    html = page(client, draft).content.decode()
    for name in ("headline", "summary", "body", "dateline_place", "dateline_source", "occasion"):
        row = re.search(rf'<div class="form-row bilingual-row field-{name}">(.*?)\n  </div>\n', html, re.S).group(1)
        cells = re.findall(r'<div class="bilingual-cell[^"]*" lang="(\w+)" dir="(\w+)">', row)
        assert cells == [("ar", "rtl"), ("en", "ltr")], name
        assert f'name="{name}_ar"' in row and f'name="{name}_en"' in row
    assert "tabbed_translation_fields" not in html and "jquery-ui" not in html
    assert 'data-rich-text="ar"' in html and 'data-rich-text="en"' in html


def test_completeness_is_counted_on_the_server_too(client, writer, translator):
    edition = factories.submit(factories.edition(author=writer, english=False, headline_en="Only a headline"), writer)
    client.force_login(translator)
    html = page(client, edition).content.decode()
    assert "English: 1 of 3 required fields" in html and "Arabic: 3 of 3 required fields" in html
    # The translator reads the Arabic beside the English inputs: no Arabic input at all.
    assert 'name="headline_en"' in html and not re.search(r'name="\w+_ar"', html)


def test_the_arabic_that_changed_since_the_english_is_marked_with_what_it_was(client, writer, translator):
    draft = factories.edition(author=writer, headline_ar="العنوان الأول")
    draft = workflow.edition_update(edition=draft, user=writer, seen_version=draft.version,
                                    data={"headline_ar": "العنوان الجديد", "body_ar": "<p>نص <strong>جديد</strong></p>"})
    edition = factories.submit(draft, writer)
    client.force_login(translator)
    html = page(client, edition).content.decode()
    marked = re.findall(r'<div class="form-row bilingual-row field-(\w+)">\s*<div class="bilingual-cell source changed-source', html)
    assert sorted(marked) == ["body", "headline"]
    assert "العنوان الأول" in html and "Changed since the English translation was made." in html


def test_a_refused_save_shows_the_typed_body_back_in_the_editor(client, writer, editor):
    draft = factories.edition(author=writer)
    client.force_login(writer)
    stale = form_data(draft)
    workflow.edition_update(edition=draft, user=editor, seen_version=draft.version, data={"headline_ar": "سبقني"})
    typed = "<h2>عنوان</h2><p>نص a&lt;b كتبته للتو</p>"
    response = client.post(f"/admin/releases/edition/{draft.pk}/change/", {**stale, "body_ar": typed}, **EN)
    assert response.status_code == 200 and "Someone else changed edition" in response.content.decode()
    textarea = re.search(r'<textarea name="body_ar"[^>]*>(.*?)</textarea>', response.content.decode(), re.S).group(1)
    assert textarea.strip() == "&lt;h2&gt;عنوان&lt;/h2&gt;&lt;p&gt;نص a&amp;lt;b كتبته للتو&lt;/p&gt;"


def test_the_stored_body_is_what_the_editor_starts_from(client, writer):
    draft = factories.edition(author=writer, body_ar="<p>الأولى</p><p>الثانية a&lt;b</p>")
    client.force_login(writer)
    html = page(client, draft).content.decode()
    assert "&lt;p&gt;الأولى&lt;/p&gt;&lt;p&gt;الثانية a&amp;lt;b&lt;/p&gt;" in html
    response = change(client, draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body_ar == "<p>الأولى</p><p>الثانية a&lt;b</p>" and draft.version == 1


def test_an_edition_without_english_is_named_by_its_arabic_headline_in_the_english_admin(client):
    from django.utils import translation

    from releases.roles import EDITOR

    edition = factories.edition(english=False, headline_ar="عنوان بلا ترجمة")
    with translation.override("en"):
        assert str(edition) == "عنوان بلا ترجمة"
    client.force_login(factories.user(role=EDITOR))
    page = client.get(f"/admin/releases/edition/{edition.pk}/change/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<title>عنوان بلا ترجمة" in page or "عنوان بلا ترجمة |" in page


def test_the_add_form_has_the_workflow_bar_with_save_draft_and_submit_at_the_top(client, writer):
    client.force_login(writer)
    page = client.get("/admin/releases/edition/add/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    bar = page[page.index('<section class="workflow-bar"'):page.index("</section>", page.index('<section class="workflow-bar"'))]
    assert "New draft" in bar and "Save draft" in bar and 'value="submit"' in bar
    # The bar comes before the fields.
    assert page.index('<section class="workflow-bar"') < page.index('name="headline_ar"')
