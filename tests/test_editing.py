"""Editing in the admin: one edit path, buttons that save, and each role's rules by direct POST."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from releases import workflow
from releases.models import Attachment, AuditEntry, Correction, Edition, Release
from releases.roles import EDITOR, TRANSLATOR, WRITER
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def form_data(edition, **overrides):
    """What the change form posts for `edition` as it is now, with `overrides` typed in."""
    edition.refresh_from_db()
    data = {"seen_version": edition.version, "dateline_date": edition.dateline_date.isoformat(),
            "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0"}
    for name in ("headline", "summary", "body", "dateline_place", "dateline_source", "occasion",
                 "lead_image_alt", "lead_image_caption", "change_note"):
        for language in ("ar", "en"):
            data[f"{name}_{language}"] = getattr(edition, f"{name}_{language}") or ""
    data.update(overrides)
    return data


def change(client, edition, **overrides):
    return client.post(f"/admin/releases/edition/{edition.pk}/change/", form_data(edition, **overrides), **EN)


def logged_in(client, role=None, **fields):
    user = factories.user(role=role, **fields)
    client.force_login(user)
    return user


# Writers are never blocked


def test_the_add_form_keeps_its_kind_field_after_an_edition_was_opened(client):
    writer = logged_in(client, WRITER)
    existing = factories.edition(author=writer)
    assert client.get(f"/admin/releases/edition/{existing.pk}/change/").status_code == 200
    add = client.get("/admin/releases/edition/add/").content.decode()
    assert 'name="kind"' in add
    response = client.post("/admin/releases/edition/add/", {
        "kind": "statement", "headline_ar": "بيان جديد", "body_ar": "نص.", "dateline_place_ar": "نيويورك",
        "dateline_source_ar": "المكتب الإعلامي", "dateline_date": "2026-02-10",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302
    created = Edition.objects.get(headline_ar="بيان جديد")
    assert created.release.kind == "statement" and created.author == writer


# Buttons that save


def test_save_and_submit_saves_the_typed_text_then_submits_it(client):
    writer = logged_in(client, WRITER)
    edition = factories.edition(author=writer, headline_ar="قبل")
    response = change(client, edition, headline_ar="النص الذي كُتب للتو", _workflow="submit")
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.headline_ar == "النص الذي كُتب للتو" and edition.state == State.IN_REVIEW
    actions = list(AuditEntry.objects.filter(edition=edition).order_by("pk").values_list("action", flat=True))
    assert actions == ["edit", "submit"]


def test_a_refused_submit_keeps_the_typed_text_on_the_page_and_saves_nothing(client):
    writer = logged_in(client, WRITER)
    edition = factories.edition(author=writer, headline_ar="قبل")
    response = change(client, edition, headline_ar="نص لن يضيع", _workflow="publish")
    assert response.status_code == 200
    assert "نص لن يضيع" in response.content.decode()
    edition.refresh_from_db()
    assert edition.headline_ar == "قبل" and edition.state == State.DRAFT


def test_save_and_publish_saves_then_asks_for_confirmation_naming_what_goes_public(client, writer):
    editor = logged_in(client, EDITOR)
    edition = factories.submit(factories.edition(author=writer, english=False), writer)
    response = change(client, edition, headline_ar="عنوان راجعه المحرر", _workflow="publish")
    assert response.status_code == 302 and response.url.endswith(f"/{edition.pk}/workflow/publish/")
    edition.refresh_from_db()
    assert edition.state == State.IN_REVIEW and edition.headline_ar == "عنوان راجعه المحرر"
    page = client.get(response.url, **EN).content.decode()
    assert "عنوان راجعه المحرر" in page and "Arabic" in page and "English" in page and "Not public in" in page
    published = client.post(response.url, {"seen_version": edition.version}, **EN)
    assert published.status_code == 302
    edition.refresh_from_db()
    assert edition.state == State.PUBLISHED and edition.reviewer == editor


def test_an_editor_never_publishes_text_they_did_not_see(client, writer):
    logged_in(client, EDITOR)
    edition = factories.submit(factories.edition(author=writer, headline_ar="النص الذي رآه المحرر"), writer)
    seen = edition.version
    workflow.edition_recall(edition=edition, user=writer, seen_version=seen)
    edition = factories.submit(factories.edit(edition, writer, headline_ar="نص لم يره أحد"), writer)
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/publish/", {"seen_version": seen}, **EN)
    assert response.status_code == 200 and "Someone else changed edition" in response.content.decode()
    edition.refresh_from_db()
    assert edition.state == State.IN_REVIEW
    assert not Release.objects.published().exists()


def test_a_post_without_its_version_is_a_form_error_with_the_text_shown_back(client):
    writer = logged_in(client, WRITER)
    edition = factories.edition(author=writer)
    data = form_data(edition, headline_ar="نص بلا نسخة")
    data.pop("seen_version")
    response = client.post(f"/admin/releases/edition/{edition.pk}/change/", data, **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "out of date" in html and "نص بلا نسخة" in html


@pytest.mark.parametrize("at", ["9999-12-31T23:59", "2040-01-01T10:00", "2020-01-01T10:00", "tomorrow", "\x00"])
def test_a_schedule_time_out_of_range_is_a_clear_error(client, writer, at):
    logged_in(client, EDITOR)
    edition = factories.submit(factories.edition(author=writer), writer)
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/schedule/",
                           {"seen_version": edition.version, "at": at}, **EN)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    edition.refresh_from_db()
    assert edition.state == State.IN_REVIEW and edition.published_at is None


def test_scheduling_in_the_past_or_too_far_ahead_is_refused_by_the_service(writer, editor):
    edition = factories.submit(factories.edition(author=writer), writer)
    now = datetime.datetime.now(datetime.timezone.utc)
    for at in (now - datetime.timedelta(minutes=1), now + datetime.timedelta(days=400)):
        with pytest.raises(ValidationError):
            factories.schedule(edition, editor, at)


# Idempotent actions


def test_publishing_twice_is_refused_and_records_one_correction(writer, editor):
    live = factories.edition(state=State.PUBLISHED)
    draft = workflow.edition_start_new(release=live.release, user=writer)
    draft = factories.submit(factories.edit(draft, writer, change_note_ar="تصحيح."), writer)
    seen = draft.version
    workflow.edition_publish(edition=draft, user=editor, seen_version=seen, note_kind="correction")
    with pytest.raises(ValidationError):
        workflow.edition_publish(edition=draft, user=editor, seen_version=seen, note_kind="correction")
    assert Correction.objects.filter(release=live.release).count() == 1


def test_starting_a_second_new_edition_is_refused_with_a_link_to_the_open_one(client, writer):
    logged_in(client, EDITOR)
    live = factories.edition(state=State.PUBLISHED)
    first = client.post(f"/admin/releases/edition/{live.pk}/workflow/new_edition/", {"seen_version": live.version})
    assert first.status_code == 302
    second = client.post(f"/admin/releases/edition/{live.pk}/workflow/new_edition/", {"seen_version": live.version})
    assert second.status_code == 302
    assert live.release.editions.count() == 2
    page = client.get(f"/admin/releases/edition/{live.pk}/change/", **EN).content.decode()
    assert "is already open" in page or "is open for changes" in page


def test_republishing_an_edition_that_is_not_a_draft_or_in_review_is_refused(editor):
    for state in (State.PUBLISHED, State.SUPERSEDED, State.SCHEDULED):
        edition = factories.edition(state=state)
        with pytest.raises(ValidationError):
            factories.publish(edition, editor)


def test_unscheduling_an_edition_that_is_already_public_is_refused(writer, editor, time_machine):
    now = datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.timezone.utc)
    time_machine.move_to(now, tick=False)
    edition = factories.schedule(factories.submit(factories.edition(author=writer), writer), editor,
                                 now + datetime.timedelta(hours=1))
    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)
    with pytest.raises(ValidationError):
        workflow.edition_unschedule(edition=edition, user=editor, seen_version=edition.version)
    edition.refresh_from_db()
    assert edition.state == State.SCHEDULED


# Roles and ownership, enforced on the server


def test_a_translator_cannot_change_an_attachments_arabic_title_or_file(client, writer):
    edition = factories.edition(author=writer)
    attachment = Attachment.objects.create(edition=edition, title_ar="العنوان العربي", title_en="",
                                           file=SimpleUploadedFile("a.txt", b"original"))
    translator = logged_in(client, TRANSLATOR)
    data = form_data(edition, **{
        "attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "1", "attachments-0-id": attachment.pk,
        "attachments-0-edition": edition.pk, "attachments-0-title_ar": "عنوان مزور",
        "attachments-0-title_en": "English title",
        "attachments-0-file": SimpleUploadedFile("b.txt", b"planted"),
    })
    response = client.post(f"/admin/releases/edition/{edition.pk}/change/", data, **EN)
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.title_ar == "العنوان العربي" and attachment.title_en == "English title"
    assert attachment.file.read() == b"original"
    edition.refresh_from_db()
    for fields in ({"title_ar": "عنوان مزور"}, {"file": SimpleUploadedFile("c.txt", b"planted")}):
        with pytest.raises(PermissionDenied):
            workflow.edition_update(edition=edition, user=translator, seen_version=edition.version, data={},
                                    attachments=[{"pk": attachment.pk, "fields": fields}])
    with pytest.raises(PermissionDenied):
        workflow.edition_update(edition=edition, user=translator, seen_version=edition.version, data={},
                                attachments=[{"pk": None, "fields": {"title_en": "New", "file": SimpleUploadedFile(
                                    "d.txt", b"x")}}])


def test_a_translator_changes_only_the_english_through_the_service(writer):
    translator = factories.user(role=TRANSLATOR)
    edition = factories.edition(author=writer, english=False)
    for data in ({"headline_ar": "مزور"}, {"dateline_date": datetime.date(2020, 1, 1)}, {"speakers": [factories.speaker()]}):
        with pytest.raises(PermissionDenied):
            factories.edit(edition, translator, **data)
    edited = factories.edit(edition, translator, headline_en="English headline")
    assert edited.headline_en == "English headline"


def test_a_writer_cannot_change_a_live_releases_kind_or_address(client):
    writer = logged_in(client, WRITER)
    live = factories.edition(state=State.PUBLISHED, author=writer)
    release = live.release
    response = client.post(f"/admin/releases/release/{release.pk}/change/", {"kind": "statement", "slug": "planted"},
                           **EN)
    release.refresh_from_db()
    assert release.kind == "news" and release.slug != "planted"
    assert response.status_code == 200 and "Only an editor" in response.content.decode()
    with pytest.raises(PermissionDenied):
        workflow.release_update(release=release, user=writer, kind="statement")


def test_an_editor_changes_a_releases_kind_and_address_and_it_is_audited(client):
    editor = logged_in(client, EDITOR)
    release = factories.published_release()
    old_url = release.get_absolute_url()
    response = client.post(f"/admin/releases/release/{release.pk}/change/", {"kind": "statement", "slug": "new-words"})
    assert response.status_code == 302
    release.refresh_from_db()
    assert (release.kind, release.slug) == ("statement", "new-words")
    entry = AuditEntry.objects.get(action="release_change")
    assert entry.user == editor and "new-words" in entry.reason
    assert client.get("/ar" + old_url[3:]).status_code == 301


def test_a_writer_cannot_edit_or_delete_another_writers_draft(client):
    owner = factories.user(role=WRITER)
    draft = factories.edition(author=owner, headline_ar="مسودة زميل")
    logged_in(client, WRITER)
    assert 'name="headline_ar"' not in client.get(f"/admin/releases/edition/{draft.pk}/change/").content.decode()
    response = change(client, draft, headline_ar="تغيير غير مسموح")
    assert response.status_code == 200 and "belongs to another writer" in response.content.decode()
    response = client.post(f"/admin/releases/edition/{draft.pk}/delete/", {"post": "yes", "seen_version": draft.version})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.headline_ar == "مسودة زميل"


def test_a_writer_cannot_edit_their_submitted_edition_but_can_recall_it(client):
    writer = logged_in(client, WRITER)
    edition = factories.submit(factories.edition(author=writer, headline_ar="مقدّم"), writer)
    response = change(client, edition, headline_ar="تغيير بعد التقديم")
    assert response.status_code == 200 and "in review" in response.content.decode()
    edition.refresh_from_db()
    assert edition.headline_ar == "مقدّم"
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/recall/", {"seen_version": edition.version})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.state == State.DRAFT


def test_only_the_author_or_an_editor_revokes_preview_links(client):
    owner = factories.user(role=WRITER)
    draft = factories.edition(author=owner)
    logged_in(client, WRITER)
    url = f"/admin/releases/edition/{draft.pk}/workflow/revoke_previews/"
    assert client.post(url, {"seen_version": draft.version}).status_code == 403
    draft.refresh_from_db()
    assert draft.preview_generation == 0
    client.force_login(owner)
    assert client.post(url, {"seen_version": draft.version}).status_code == 302
    draft.refresh_from_db()
    assert draft.preview_generation == 1


@pytest.mark.parametrize("action", ["withdraw", "restore", "return", "unschedule", "publish", "schedule",
                                    "force_publish", "mark_reviewed"])
def test_a_writer_posting_an_action_they_are_not_offered_is_refused(client, action):
    writer = logged_in(client, WRITER)
    edition = factories.edition(state=State.PUBLISHED, author=writer)
    before = (edition.state, edition.version, AuditEntry.objects.count())
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/{action}/", {
        "seen_version": edition.version, "at": "2027-01-01T10:00", "comment": "x", "force_reason": "x",
        "notice_ar": "سحب",
    })
    assert response.status_code == 403
    edition.refresh_from_db()
    assert (edition.state, edition.version, AuditEntry.objects.count()) == before
    assert not Release.objects.filter(withdrawn_at__isnull=False).exists()


@pytest.mark.parametrize("transition", [
    lambda e, u: workflow.release_withdraw(release=e.release, user=u, notice_ar="سحب"),
    lambda e, u: workflow.edition_restore(edition=e, user=u),
    lambda e, u: workflow.edition_start_new(release=e.release, user=u),
    lambda e, u: workflow.edition_revoke_previews(edition=e, user=u),
])
def test_each_transition_checks_its_permission(transition):
    outsider = factories.user()  # staff, but in no role
    edition = factories.edition(state=State.PUBLISHED)
    with pytest.raises(PermissionDenied):
        transition(edition, outsider)


def test_submit_and_return_check_their_permission(writer):
    other_writer = factories.user(role=WRITER)
    draft = factories.edition(author=writer)
    with pytest.raises(PermissionDenied):
        workflow.edition_submit(edition=draft, user=other_writer, seen_version=draft.version)
    submitted = factories.submit(draft, writer)
    with pytest.raises(PermissionDenied):
        workflow.edition_return(edition=submitted, user=writer, seen_version=submitted.version, comment="x")


def test_plain_publish_is_not_offered_on_ones_own_submission(editor):
    edition = factories.submit(factories.edition(author=editor), editor)
    offered = workflow.available_actions(editor, edition)
    assert "publish" not in offered and "force_publish" in offered
    other = factories.user(role=EDITOR)
    assert "publish" in workflow.available_actions(other, edition)


@pytest.mark.parametrize("url", ["workflow/publish/", "preview/ar/", "diff/"])
def test_workflow_preview_and_diff_views_check_the_object_permission(client, url):
    edition = factories.edition()
    logged_in(client)  # staff without a role: may not see editions
    assert client.get(f"/admin/releases/edition/{edition.pk}/{url}").status_code == 403


# Deletable drafts, honest state


def test_a_draft_that_went_through_review_can_be_deleted_and_its_history_stays(client, writer, editor):
    edition = factories.submit(factories.edition(author=writer, headline_ar="مسودة ستحذف"), writer)
    edition = workflow.edition_return(edition=edition, user=editor, seen_version=edition.version, comment="أعد")
    release_pk = edition.release_id
    client.force_login(writer)
    response = client.post(f"/admin/releases/edition/{edition.pk}/delete/", {"post": "yes", "seen_version": edition.version})
    assert response.status_code == 302
    assert not Edition.objects.filter(pk=edition.pk).exists() and not Release.objects.filter(pk=release_pk).exists()
    history = list(AuditEntry.objects.order_by("pk").values_list("action", "edition_number", "subject"))
    assert [action for action, _n, _s in history] == ["submit", "return", "delete"]
    assert all(number == 1 and subject == "مسودة ستحذف" for _a, number, subject in history)


def test_a_superuser_deletes_a_draft_with_a_history(client, writer):
    edition = factories.submit(factories.edition(author=writer), writer)
    edition = workflow.edition_recall(edition=edition, user=writer, seen_version=edition.version)
    client.force_login(factories.user(is_superuser=True))
    response = client.post(f"/admin/releases/edition/{edition.pk}/delete/", {"post": "yes", "seen_version": edition.version})
    assert response.status_code == 302 and not Edition.objects.filter(pk=edition.pk).exists()


def test_a_withdrawn_release_shows_withdrawn_everywhere_in_the_admin(client, editor):
    live = factories.edition(state=State.PUBLISHED, headline_ar="بيان مسحوب")
    workflow.release_withdraw(release=live.release, user=editor, notice_ar="سُحب.")
    client.force_login(editor)
    listing = client.get("/admin/releases/edition/", **EN).content.decode()
    page = client.get(f"/admin/releases/edition/{live.pk}/change/", **EN).content.decode()
    assert "Withdrawn" in listing and "Withdrawn" in page
    assert '<strong>Published</strong>' not in page


def test_a_translator_marks_a_translation_ready_for_review(client, writer):
    edition = factories.submit(factories.edition(author=writer, english=False), writer)
    logged_in(client, TRANSLATOR)
    response = change(client, edition, headline_en="Headline", body_en="Body", dateline_place_en="New York",
                      _workflow="mark_translated")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(edition=edition, action="translated").exists()
    edition.refresh_from_db()
    assert edition.is_complete_in("en") and edition.state == State.IN_REVIEW


# Bad parameters


def test_bad_ids_in_admin_parameters_are_not_server_errors(client):
    logged_in(client, EDITOR)
    edition = factories.edition()
    for url in (f"/admin/releases/edition/{edition.pk}/diff/?against=abc",
                f"/admin/releases/edition/{edition.pk}/diff/?against=99999999999999999999999",
                "/admin/releases/edition/add/?speakers=abc", "/admin/releases/edition/add/?programmes=1,abc,%00"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/admin/releases/edition/{edition.pk}/workflow/no-such-action/").status_code == 404


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_an_absurd_dateline_date_is_a_clear_form_error(client, day):
    writer = logged_in(client, WRITER)
    edition = factories.edition(author=writer)
    response = change(client, edition, dateline_date=day)
    assert response.status_code == 200
    assert "dateline_date" in response.context["adminform"].form.errors
    edition.refresh_from_db()
    assert edition.dateline_date.isoformat() != day
