"""English is public only when complete and published; stale English is flagged."""

import pytest

from releases import workflow
from releases.models import Release
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def test_english_added_in_a_draft_is_not_public_until_an_editor_publishes_it(client, writer, editor):
    live = factories.edition(state=State.PUBLISHED, english=False)
    draft = workflow.edition_start_new(release=live.release, user=writer)
    factories.edit(draft, writer, headline_en="Now in English", body_en="<p>Body</p>", dateline_place_en="New York")
    assert not Release.objects.published().in_language("en").exists()
    assert "Now in English" not in client.get("/en/releases/").content.decode()
    factories.submit(draft, writer)
    factories.publish(draft, editor, note_kind="minor")
    assert "Now in English" in client.get("/en/releases/").content.decode()


def _live_translated_release(writer, editor):
    live = factories.edition(state=State.PUBLISHED, body_ar="<p>النص الأول</p>", body_en="<p>First text</p>")
    draft = workflow.edition_start_new(release=live.release, user=writer)
    return factories.edit(draft, writer, body_ar="<p>النص بعد التعديل</p>")


def test_changing_the_arabic_after_the_english_was_published_flags_it_stale(writer, editor):
    draft = _live_translated_release(writer, editor)
    assert draft.is_stale_in("en")
    assert draft.changed_source_fields("en") == ["body"]


def test_updating_the_english_clears_the_stale_flag(writer, editor):
    draft = _live_translated_release(writer, editor)
    draft = factories.edit(draft, writer, body_en="<p>Text after the change</p>")
    assert not draft.is_stale_in("en")


def test_the_editor_sees_which_arabic_fields_changed_and_a_filter_finds_stale_translations(client, writer, editor):
    draft = _live_translated_release(writer, editor)
    factories.edition(headline_ar="ترجمة سليمة")
    client.force_login(editor)
    page = client.get(f"/admin/releases/edition/{draft.pk}/change/").content.decode()
    assert "stale-fields" in page
    listing = client.get("/admin/releases/edition/?english=stale").content.decode()
    assert draft.headline_ar in listing and "ترجمة سليمة" not in listing


def test_the_public_english_page_of_a_stale_release_says_the_arabic_was_updated(client, writer, editor):
    draft = _live_translated_release(writer, editor)
    factories.submit(draft, writer)
    factories.publish(draft, editor, note_kind="minor")
    release = draft.release
    english = client.get(f"/en/releases/{release.pk}/{release.slug}/").content.decode()
    assert "The Arabic original of this release was updated on" in english
    arabic = client.get(f"/ar/releases/{release.pk}/{release.slug}/").content.decode()
    assert 'class="notice stale"' not in arabic


def test_the_admin_edit_keeps_the_translation_basis(client, writer):
    from tests.test_admin import edition_post_data

    client.force_login(writer)
    client.post("/admin/releases/edition/add/", edition_post_data(
        headline_en="English headline", body_en="English body", dateline_place_en="New York"))
    edition = Release.objects.get().editions.get()
    assert edition.is_complete_in("en") and not edition.is_stale_in("en")
    data = edition_post_data(body_ar="نص عربي جديد", headline_en="English headline", body_en="English body",
                             dateline_place_en="New York", seen_version=edition.version)
    data.pop("kind")
    assert client.post(f"/admin/releases/edition/{edition.pk}/change/", data).status_code == 302
    edition.refresh_from_db()
    assert edition.is_stale_in("en") and edition.changed_source_fields("en") == ["body"]
