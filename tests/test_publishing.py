"""The editorial workflow: transitions, roles, two-person rule, scheduling, corrections."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from releases import workflow
from releases.models import AuditEntry, Correction, Edition, Release
from releases.roles import TRANSLATOR
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def submitted(writer, **fields):
    return factories.submit(factories.edition(author=writer, **fields), writer)


def test_create_roles_is_idempotent():
    out = io.StringIO()
    call_command("create_roles", stdout=out)
    call_command("create_roles", stdout=out)
    from django.contrib.auth.models import Group

    assert sorted(Group.objects.values_list("name", flat=True)) == ["Editor", "Translator", "Writer"]


def test_each_transition_writes_an_audit_entry(writer, editor):
    edition = submitted(writer)
    edition = workflow.edition_return(edition=edition, user=editor, seen_version=edition.version,
                                      comment="Fix the dateline")
    edition = factories.submit(edition, writer)
    factories.publish(edition, editor)
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "from_state", "to_state", "user", "reason"))
    assert entries == [
        ("submit", "draft", "in_review", writer.pk, ""),
        ("return", "in_review", "draft", editor.pk, "Fix the dateline"),
        ("submit", "draft", "in_review", writer.pk, ""),
        ("publish", "in_review", "published", editor.pk, ""),
    ]


def test_returning_needs_a_comment(writer, editor):
    edition = submitted(writer)
    with pytest.raises(ValidationError):
        workflow.edition_return(edition=edition, user=editor, seen_version=edition.version, comment=" ")


def test_a_writer_cannot_publish(writer):
    edition = submitted(writer)
    with pytest.raises(PermissionDenied):
        factories.publish(edition, writer)


def test_a_writer_posting_publish_in_the_admin_gets_403(client, writer):
    edition = submitted(writer)
    client.force_login(writer)
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/publish/",
                           {"seen_version": edition.version})
    assert response.status_code == 403
    edition.refresh_from_db()
    assert edition.state == State.IN_REVIEW


def test_an_editor_publishes_through_the_admin_button(client, writer, editor):
    edition = submitted(writer)
    client.force_login(editor)
    assert client.get(f"/admin/releases/edition/{edition.pk}/workflow/publish/").status_code == 200
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/publish/",
                           {"seen_version": edition.version})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.state == State.PUBLISHED
    assert Release.objects.published().filter(pk=edition.release_id).exists()


def test_a_translator_changing_an_arabic_field_gets_a_form_error(client):
    from tests.test_admin import edition_post_data

    edition = factories.edition(english=False, headline_ar="العنوان الأصلي")
    client.force_login(factories.user(role=TRANSLATOR))
    data = edition_post_data(headline_ar="عنوان مزور", headline_en="Translated", body_en="Body",
                             dateline_place_en="New York", seen_version=edition.version)
    data.pop("kind")
    client.post(f"/admin/releases/edition/{edition.pk}/change/", data)
    edition.refresh_from_db()
    # The Arabic inputs are read-only for a translator: a forged value is ignored, the English is saved.
    assert edition.headline_ar == "العنوان الأصلي" and edition.headline_en == "Translated"
    with pytest.raises(PermissionDenied):
        factories.edit(edition, factories.user(role=TRANSLATOR), headline_ar="عنوان مزور")


def test_a_translator_adds_english_to_a_draft(client):
    from tests.test_admin import edition_post_data

    edition = factories.edition(english=False)
    client.force_login(factories.user(role=TRANSLATOR))
    data = {k: v for k, v in edition_post_data(headline_en="Translated", body_en="Body", dateline_place_en="New York",
                                                seen_version=edition.version).items()
            if not k.endswith("_ar") and k not in ("kind", "dateline_date")}
    response = client.post(f"/admin/releases/edition/{edition.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    edition.refresh_from_db()
    assert edition.headline_en == "Translated" and edition.is_complete_in("en")


def test_no_one_publishes_their_own_submission_without_force(editor, other_editor):
    edition = factories.submit(factories.edition(author=editor), editor)
    with pytest.raises(ValidationError):
        factories.publish(edition, editor)
    edition = factories.publish(edition, editor, force_reason="Minister's statement, deadline 10:00")
    assert edition.state == State.PUBLISHED
    assert AuditEntry.objects.filter(action="publish", reason__contains="deadline 10:00").exists()
    with pytest.raises(PermissionDenied):
        workflow.edition_mark_reviewed(edition=edition, user=editor, seen_version=edition.version)
    workflow.edition_mark_reviewed(edition=edition, user=other_editor, seen_version=edition.version)
    edition.refresh_from_db()
    assert edition.force_reviewed_by == other_editor


def test_editing_a_live_release_changes_nothing_public_until_published(client, writer, editor):
    live = factories.edition(state=State.PUBLISHED, headline_en="Live words", body_en="<p>Live body</p>")
    url = f"/en/releases/{live.release_id}/{live.release.slug}/"
    draft = workflow.edition_start_new(release=live.release, user=writer)
    draft = factories.submit(factories.edit(draft, writer, headline_en="Changed words"), writer)
    surfaces = (url, "/en/releases/", "/en/", "/en/feed/", "/en/feed/atom/")
    for page in surfaces:
        assert "Changed words" not in client.get(page).content.decode(), page
    assert "Live words" in client.get(url).content.decode()
    assert "Live words" in client.get("/en/feed/atom/").content.decode()
    factories.publish(draft, editor, note_kind="minor")
    html = client.get(url).content.decode()
    assert "Changed words" in html and "Live words" not in html
    assert "Changed words" in client.get("/en/feed/").content.decode()
    live.refresh_from_db()
    assert live.state == State.SUPERSEDED


def test_a_new_edition_of_a_live_release_needs_a_change_note(writer, editor):
    live = factories.edition(state=State.PUBLISHED)
    draft = factories.submit(workflow.edition_start_new(release=live.release, user=writer), writer)
    with pytest.raises(ValidationError):
        factories.publish(draft, editor)


def test_a_public_correction_appears_dated_on_the_release_page(client, writer, editor):
    live = factories.edition(state=State.PUBLISHED)
    draft = workflow.edition_start_new(release=live.release, user=writer)
    draft = factories.edit(draft, writer, change_note_ar="صُحّح اسم المكان.",
                           change_note_en="The place name was corrected.")
    factories.publish(factories.submit(draft, writer), editor, note_kind=Correction.Kind.CORRECTION)
    html = client.get(f"/en/releases/{live.release_id}/{live.release.slug}/").content.decode()
    assert "The place name was corrected." in html and "<time datetime=" in html
    assert "صُحّح اسم المكان." in client.get(f"/ar/releases/{live.release_id}/{live.release.slug}/").content.decode()


def test_a_minor_change_note_is_not_public(client, writer, editor):
    live = factories.edition(state=State.PUBLISHED)
    draft = factories.edit(workflow.edition_start_new(release=live.release, user=writer), writer,
                           change_note_en="Typo fixed quietly")
    factories.publish(factories.submit(draft, writer), editor, note_kind="minor")
    assert "Typo fixed quietly" not in client.get(f"/en/releases/{live.release_id}/{live.release.slug}/").content.decode()


def test_withdrawal_keeps_the_page_with_the_notice_and_removes_it_from_lists(client, editor):
    live = factories.edition(state=State.PUBLISHED, body_en="<p>Body that goes away</p>", headline_en="Withdrawn one")
    workflow.release_withdraw(release=live.release, user=editor, notice_ar="سُحب البيان.", notice_en="Withdrawn in error.")
    page = client.get(f"/en/releases/{live.release_id}/{live.release.slug}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Withdrawn in error." in html and "Body that goes away" not in html
    assert "Withdrawn one" not in client.get("/en/releases/").content.decode()


def test_a_published_release_cannot_be_deleted_in_the_admin(client, editor):
    live = factories.edition(state=State.PUBLISHED)
    client.force_login(factories.user(is_superuser=True))
    response = client.post(f"/admin/releases/release/{live.release_id}/delete/", {"post": "yes"})
    assert response.status_code == 403
    response = client.post(f"/admin/releases/edition/{live.pk}/delete/", {"post": "yes", "seen_version": live.version})
    assert response.status_code == 403
    assert Release.objects.filter(pk=live.release_id).exists()


def test_deleting_a_draft_asks_for_confirmation_then_deletes_it(client, writer):
    edition = factories.edition(author=writer)
    client.force_login(writer)
    response = client.get(f"/admin/releases/edition/{edition.pk}/delete/")
    html = response.content.decode()
    assert response.status_code == 200 and 'name="post"' in html
    assert f'name="seen_version" value="{edition.version}"' in html
    assert Edition.objects.filter(pk=edition.pk).exists()
    response = client.post(f"/admin/releases/edition/{edition.pk}/delete/",
                           {"post": "yes", "seen_version": edition.version})
    assert response.status_code == 302
    assert not Edition.objects.filter(pk=edition.pk).exists()


def test_a_draft_is_not_deleted_from_a_stale_confirmation_page(client, writer):
    edition = factories.edition(author=writer, headline_ar="نص محفوظ")
    client.force_login(writer)
    stale = edition.version
    factories.edit(edition, writer, headline_ar="نص أحدث")
    response = client.post(f"/admin/releases/edition/{edition.pk}/delete/", {"post": "yes", "seen_version": stale})
    assert response.status_code == 302
    assert Edition.objects.get(pk=edition.pk).headline_ar == "نص أحدث"


def test_restoring_an_old_edition_makes_a_new_draft(writer, editor):
    first = factories.edition(state=State.PUBLISHED, headline_en="First words")
    second = factories.edit(workflow.edition_start_new(release=first.release, user=writer), writer,
                            headline_en="Second words")
    factories.publish(factories.submit(second, writer), editor, note_kind="minor")
    first.refresh_from_db()
    restored = workflow.edition_restore(edition=first, user=editor)
    assert restored.state == State.DRAFT and restored.number == 3
    assert restored.headline_en == "First words"
    assert Edition.objects.filter(release=first.release).count() == 3


def test_concurrent_saves_refuse_the_second_and_show_its_text_back(client, writer):
    from tests.test_admin import edition_post_data

    edition = factories.edition(author=writer, headline_ar="الأصل")
    client.force_login(writer)
    loaded = edition.version
    first = edition_post_data(headline_ar="حفظ الأول", seen_version=loaded)
    second = edition_post_data(headline_ar="حفظ الثاني", seen_version=loaded)
    for data in (first, second):
        data.pop("kind")
    assert client.post(f"/admin/releases/edition/{edition.pk}/change/", first).status_code == 302
    response = client.post(f"/admin/releases/edition/{edition.pk}/change/", second)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed edition" in html or "غيّر شخص آخر" in html
    assert "حفظ الثاني" in html
    edition.refresh_from_db()
    assert edition.headline_ar == "حفظ الأول"


def test_publish_scheduled_records_due_editions_and_is_idempotent(writer, editor, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    live = factories.edition(state=State.PUBLISHED, published_at=start - datetime.timedelta(days=1))
    draft = factories.submit(workflow.edition_start_new(release=live.release, user=writer), writer)
    factories.schedule(draft, editor, start + datetime.timedelta(hours=1), note_kind="minor")
    time_machine.move_to(start + datetime.timedelta(hours=2), tick=False)
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    assert "Overdue" in out.getvalue() or "متأخر" in out.getvalue()
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.state == State.PUBLISHED and live.state == State.SUPERSEDED
    assert Release.objects.get(pk=live.release_id).live_edition == draft
    count = AuditEntry.objects.count()
    call_command("publish_scheduled", stdout=io.StringIO())
    assert AuditEntry.objects.count() == count


def test_unscheduling_takes_an_edition_back_to_review(writer, editor):
    edition = factories.schedule(submitted(writer), editor, timezone.now() + datetime.timedelta(days=1))
    workflow.edition_unschedule(edition=edition, user=editor, seen_version=edition.version)
    edition.refresh_from_db()
    assert edition.state == State.IN_REVIEW and edition.published_at is None
    assert not Release.objects.published().filter(pk=edition.release_id).exists()


@pytest.mark.parametrize("local, message", [
    ("2026-03-08T02:30", "does not exist"),
    ("2026-11-01T01:30", "happens twice"),
])
def test_a_time_lost_or_repeated_at_a_dst_change_is_a_clear_error(local, message, settings, time_machine):
    from django.utils import translation

    time_machine.move_to(datetime.datetime(2026, 1, 5, tzinfo=datetime.timezone.utc))
    from releases.admin_workflow import ActionForm

    settings.TIME_ZONE = "America/New_York"
    with translation.override("en"):
        form = ActionForm({"at": local, "seen_version": "1"}, action="schedule")
        assert not form.is_valid()
        assert message in str(form.errors["at"]) and "America/New_York" in str(form.errors["at"])


def test_schedule_time_is_read_in_the_mission_time_zone(settings, time_machine):
    from releases.admin_workflow import ActionForm

    time_machine.move_to(datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc))
    settings.TIME_ZONE = "America/New_York"
    form = ActionForm({"at": "2027-01-15T09:30", "seen_version": "1"}, action="schedule")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"].astimezone(datetime.timezone.utc).hour == 14


def test_every_public_transition_tells_the_site_after_commit(writer, editor, monkeypatch, django_capture_on_commit_callbacks):
    from releases import events

    calls = []
    monkeypatch.setattr(events, "public_change", lambda ids, *, event: calls.append((ids, event)))
    edition = submitted(writer)
    at = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        edition = factories.schedule(edition, editor, at)
    with django_capture_on_commit_callbacks(execute=True):
        edition = workflow.edition_unschedule(edition=edition, user=editor, seen_version=edition.version)
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(edition, editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.release_withdraw(release=edition.release, user=editor, notice_ar="سحب")
    release = [edition.release_id]
    assert calls == [(release, "scheduled"), (release, "unscheduled"), (release, "published"), (release, "withdrawn")]


def test_nothing_is_told_when_a_transition_is_refused(writer, monkeypatch, django_capture_on_commit_callbacks):
    from releases import events

    calls = []
    monkeypatch.setattr(events, "public_change", lambda ids, *, event: calls.append(ids))
    edition = submitted(writer)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        factories.publish(edition, writer)
    assert calls == []
