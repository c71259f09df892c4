"""The newsroom desk in the admin: each role's queue, handoffs, readable history and diffs, both languages."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone, translation

from releases import workflow
from releases.admin_queues import queues_for
from releases.diff import inline_diff
from releases.models import Notification
from releases.notifications import send_handoff_email
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def _queue(user, key):
    return next(queue for queue in queues_for(user) if queue.key == key)


def _keys(user):
    return [queue.key for queue in queues_for(user)]


def _home(client, user, language="en"):
    client.force_login(user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


# Queues


def test_each_role_sees_its_own_queues(writer, translator, editor):
    assert _keys(writer) == ["returned", "mine"]
    assert _keys(translator) == ["translate_en", "translator_stale_en"]
    assert {"review", "scheduled", "overdue", "stale_en", "second_look"} <= set(_keys(editor))
    assert "translate_en" not in _keys(editor)


def test_a_writer_sees_their_drafts_and_not_another_writers(writer):
    mine = factories.edition(author=writer, headline_ar="مسودتي")
    factories.edition(author=factories.user(role="Writer"), headline_ar="مسودة زميل")
    factories.edition(author=writer, state=State.PUBLISHED, headline_ar="منشور لي")
    assert [edition.pk for edition in _queue(writer, "mine").editions] == [mine.pk]


def test_what_came_back_to_the_writer_is_listed_with_the_editors_comment(client, writer, editor):
    edition = factories.submit(factories.edition(author=writer, headline_ar="نص أعيد"), writer)
    workflow.edition_return(edition=edition, user=editor, seen_version=edition.version, comment="اختصر الفقرة الثانية")
    factories.edit(edition, writer, summary_ar="ملخص")  # editing it afterwards keeps it "returned"
    queue = _queue(writer, "returned")
    assert [e.pk for e in queue.editions] == [edition.pk] and queue.count == 1
    assert edition.pk not in [e.pk for e in _queue(writer, "mine").editions]
    html = _home(client, writer)
    assert "اختصر الفقرة الثانية" in html
    assert f'href="/admin/releases/edition/{edition.pk}/change/"' in html
    # Submitted again, it has left the queue.
    factories.submit(edition, writer)
    assert _queue(writer, "returned").count == 0


def test_translators_see_what_waits_for_english_and_stale_english(translator, writer):
    waiting = factories.edition(english=False, headline_ar="بلا إنجليزية")
    factories.edition(headline_ar="مترجم")
    factories.edition(english=False, state=State.PUBLISHED, headline_ar="منشور بالعربية فقط")
    live = factories.edition(state=State.PUBLISHED, headline_ar="قديم")
    draft = workflow.edition_start_new(release=live.release, user=writer)
    factories.edit(draft, writer, body_ar="<p>نص عربي تغير بعد الترجمة</p>")
    assert [e.pk for e in _queue(translator, "translate_en").editions] == [waiting.pk]
    assert [e.pk for e in _queue(translator, "translator_stale_en").editions] == [draft.pk]


def test_a_live_stale_translation_is_listed_until_someone_starts_a_new_edition(editor, writer):
    live = factories.edition(state=State.PUBLISHED, headline_ar="حي")
    live.translation_basis = {"en": {**live.source_values(), "body": "<p>نص أقدم</p>"}}
    live.refresh_translation_status()
    live.save()
    assert [e.pk for e in _queue(editor, "stale_en").editions] == [live.pk]
    draft = workflow.edition_start_new(release=live.release, user=writer)
    assert [e.pk for e in _queue(editor, "stale_en").editions] == [draft.pk]


def test_editors_see_review_scheduled_with_times_overdue_and_force_published(client, editor, other_editor, writer):
    now = timezone.now()
    review = factories.submit(factories.edition(author=writer, headline_ar="للمراجعة"), writer)
    later = factories.edition(state=State.SCHEDULED, published_at=now + datetime.timedelta(days=2), headline_ar="لاحقاً")
    overdue = factories.edition(state=State.SCHEDULED, published_at=now - datetime.timedelta(minutes=5),
                                headline_ar="متأخر")
    forced = factories.edition(author=other_editor, state=State.PUBLISHED, headline_ar="نشر بالقوة",
                               force_publish_reason="عاجل", reviewer=other_editor)
    assert [e.pk for e in _queue(editor, "review").editions] == [review.pk]
    assert [e.pk for e in _queue(editor, "scheduled").editions] == [later.pk]
    assert [e.pk for e in _queue(editor, "overdue").editions] == [overdue.pk]
    assert [e.pk for e in _queue(editor, "second_look").editions] == [forced.pk]
    # The editor who forced it can't give it its own second look: it isn't in their queue.
    assert _queue(other_editor, "second_look").count == 0
    html = _home(client, editor)
    assert later.published_at and "New York time" in html
    workflow.edition_mark_reviewed(edition=forced, user=editor, seen_version=forced.version)
    assert _queue(editor, "second_look").count == 0


def test_counts_are_whole_and_see_all_lists_the_same_editions(client, writer):
    for n in range(11):
        factories.edition(author=writer, headline_ar=f"مسودة {n}")
    queue = _queue(writer, "mine")
    assert (queue.count, len(queue.editions), queue.more) == (11, 8, 3)
    client.force_login(writer)
    response = client.get(queue.url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 11


def test_an_unknown_queue_in_the_list_shows_nothing_and_no_error(client, writer):
    factories.edition(author=writer)
    client.force_login(writer)
    for value in ("review", "nonsense", "x" * 500):
        response = client.get("/admin/releases/edition/", {"queue": value})
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0


def test_the_home_page_runs_a_constant_number_of_queries(client, editor, writer, django_assert_max_num_queries):
    client.force_login(editor)
    client.get("/admin/")
    for n in range(12):
        factories.submit(factories.edition(author=writer, headline_ar=f"مراجعة {n}"), writer)
        factories.edition(state=State.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=n + 1))
    with django_assert_max_num_queries(30):
        response = client.get("/admin/")
    assert response.status_code == 200


# Handoffs


def test_a_submission_notifies_every_editor_but_not_the_writer(writer, editor, other_editor):
    edition = factories.submit(factories.edition(author=writer), writer)
    assert set(Notification.objects.values_list("recipient", "kind")) == {
        (editor.pk, "submitted"), (other_editor.pk, "submitted")}
    assert Notification.objects.filter(edition=edition, actor=writer).count() == 2


def test_nobody_is_told_of_what_they_did_themselves(editor, other_editor):
    factories.submit(factories.edition(author=editor), editor)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [other_editor.pk]


def test_returning_notifies_the_writer_with_the_comment(client, writer, editor):
    edition = factories.submit(factories.edition(author=writer, headline_ar="نص"), writer)
    workflow.edition_return(edition=edition, user=editor, seen_version=edition.version + 0, comment="أضف التاريخ")
    notification = Notification.objects.get(recipient=writer)
    assert (notification.kind, notification.comment, notification.actor) == ("returned", "أضف التاريخ", editor)
    html = _home(client, writer)
    assert "returned" in html and "أضف التاريخ" in html


def test_a_finished_translation_and_a_publication_notify_the_next_people(writer, translator, editor, other_editor):
    edition = factories.submit(factories.edition(author=writer), writer)
    Notification.objects.all().delete()
    edition.refresh_from_db()
    workflow.edition_mark_translated(edition=edition, user=translator, seen_version=edition.version)
    assert set(Notification.objects.values_list("recipient", "kind")) == {
        (editor.pk, "translated"), (other_editor.pk, "translated")}
    Notification.objects.all().delete()
    factories.publish(edition, editor)
    assert set(Notification.objects.values_list("recipient", "kind")) == {
        (writer.pk, "published"), (translator.pk, "published")}


def test_a_refused_transition_notifies_nobody(writer, translator):
    edition = factories.edition(author=writer, english=False)
    with pytest.raises(Exception):
        workflow.edition_mark_translated(edition=edition, user=translator, seen_version=edition.version)
    with pytest.raises(Exception):
        workflow.edition_submit(edition=edition, user=writer, seen_version=edition.version + 5)
    assert not Notification.objects.exists()


def test_opening_a_notification_marks_it_read_and_goes_to_the_edition(client, writer, editor):
    edition = factories.submit(factories.edition(author=writer), writer)
    notification = Notification.objects.get(recipient=editor)
    client.force_login(writer)
    # Somebody else's notification is not theirs to open.
    assert client.get(f"/admin/releases/notification/{notification.pk}/open/").status_code == 404
    client.force_login(editor)
    assert "submitted" in client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = client.get(f"/admin/releases/notification/{notification.pk}/open/")
    assert response.status_code == 302 and response["Location"] == f"/admin/releases/edition/{edition.pk}/change/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "Nothing new." in client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_opening_the_edition_itself_marks_its_notifications_read(client, writer, editor):
    edition = factories.submit(factories.edition(author=writer), writer)
    other = factories.submit(factories.edition(author=writer), writer)
    client.force_login(editor)
    assert client.get(f"/admin/releases/edition/{edition.pk}/change/").status_code == 200
    unread = Notification.objects.for_user(editor).unread()
    assert list(unread.values_list("edition", flat=True)) == [other.pk]


def test_mark_all_read_needs_a_post_and_touches_only_ones_own(client, writer, editor, other_editor):
    factories.submit(factories.edition(author=writer), writer)
    client.force_login(editor)
    client.get("/admin/releases/notification/read/")
    assert Notification.objects.unread().count() == 2
    client.post("/admin/releases/notification/read/")
    assert list(Notification.objects.unread().values_list("recipient", flat=True)) == [other_editor.pk]
    listing = client.get("/admin/releases/notification/")
    assert listing.status_code == 200 and len(listing.context["cl"].result_list) == 1


def test_handoffs_are_emailed_when_email_is_configured(settings, django_capture_on_commit_callbacks, writer, editor):
    from tests.task_queue import run_queue

    settings.PRESSOFFICE_HANDOFF_EMAILS = True
    editor.email = "editor@example.org"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        factories.submit(factories.edition(author=writer, headline_ar="بيان للمراجعة"), writer)
    run_queue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@example.org"] and "بيان للمراجعة" in message.subject
    assert "/admin/releases/edition/" in message.body


def test_no_handoff_email_without_a_mail_server(settings, django_capture_on_commit_callbacks, writer, editor):
    from tests.task_queue import run_queue

    settings.PRESSOFFICE_HANDOFF_EMAILS = False
    editor.email = "editor@example.org"
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        factories.submit(factories.edition(author=writer), writer)
    run_queue()
    assert mail.outbox == [] and Notification.objects.filter(recipient=editor).exists()


def test_a_failing_mail_server_retries_the_handoff_email_later(settings, writer, editor):
    from tests.task_queue import waiting

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    editor.email = "editor@example.org"
    editor.save()
    factories.submit(factories.edition(author=writer), writer)
    notification = Notification.objects.get(recipient=editor)
    assert send_handoff_email.call(notification_id=notification.pk) == "retrying"
    assert waiting() == 1


# History and diffs


def test_the_history_is_in_words_in_the_admins_language(client, writer, editor):
    writer.first_name, writer.last_name = "Layla", "Haddad"
    writer.save()
    edition = factories.submit(factories.edition(author=writer), writer)
    client.force_login(editor)
    english = client.get(f"/admin/releases/edition/{edition.pk}/history/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<bdi>Layla Haddad</bdi> submitted edition 1 for review." in english
    assert "in_review" not in english and "(submit)" not in english
    arabic = client.get(f"/admin/releases/edition/{edition.pk}/history/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    with translation.override("ar"):
        from django.utils.translation import gettext

        sentence = gettext("%(who)s submitted edition %(number)s for review.")
    assert sentence != "%(who)s submitted edition %(number)s for review."
    assert sentence.replace("%(who)s", "<bdi>Layla Haddad</bdi>").replace("%(number)s", "١") in arabic


def test_an_edit_names_the_fields_it_changed_in_words(client, writer):
    edition = factories.edition(author=writer)
    factories.edit(edition, writer, body_ar="<p>نص جديد</p>", headline_en="New")
    client.force_login(writer)
    html = client.get(f"/admin/releases/edition/{edition.pk}/history/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "body (Arabic) and headline (English)" in html and "body_ar" not in html


def test_the_audit_list_is_in_words_and_never_raw_codes(client, writer, editor):
    factories.submit(factories.edition(author=writer), writer)
    client.force_login(factories.user(is_superuser=True))
    html = client.get("/admin/releases/auditentry/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "submitted edition 1 for review" in html and "draft → in_review" not in html
    assert re.search(r'<a href="\?action=submit">\s*Submitted for review\s*</a>', html), "the filter names actions"
    filtered = client.get("/admin/releases/auditentry/", {"action": "submit"})
    assert {entry.action for entry in filtered.context["cl"].result_list} == {"submit"}


def test_one_date_style_per_language_in_the_mission_zone_with_arabic_months(client, writer, settings):
    at = datetime.datetime(2026, 11, 24, 12, 30, tzinfo=datetime.timezone.utc)  # 07:30 in New York
    edition = factories.edition(author=writer, dateline_date=datetime.date(2026, 12, 10))
    type(edition).objects.filter(pk=edition.pk).update(updated_at=at)
    client.force_login(writer)
    arabic = client.get("/admin/releases/edition/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "١٠ ديسمبر ٢٠٢٦" in arabic and "٢٤ نوفمبر ٢٠٢٦، الساعة ٠٧:٣٠ بتوقيت نيويورك" in arabic
    assert "ديسمبر، 2026" not in arabic and not re.search(r"نوفمبر [0-9]", arabic)
    english = client.get("/admin/releases/edition/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "10 December 2026" in english and "24 November 2026, 07:30 New York time" in english


def test_dates_django_formats_itself_follow_the_same_order(client, editor):
    at = datetime.datetime(2026, 11, 24, 12, 30, tzinfo=datetime.timezone.utc)
    release = factories.edition(state=State.PUBLISHED, published_at=at).release
    client.force_login(factories.user(is_superuser=True, last_login=at))
    page = client.get(f"/admin/releases/release/{release.pk}/change/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "٢٤ نوفمبر ٢٠٢٦، الساعة ٠٧:٣٠ بتوقيت نيويورك" in page
    from django.utils import formats

    with translation.override("ar"):
        assert formats.localize(timezone.localtime(at)) == "24 نوفمبر 2026، 07:30"
        assert formats.localize(at.date()) == "24 نوفمبر 2026"
    with translation.override("en"):
        assert formats.localize(timezone.localtime(at)) == "24 November 2026, 07:30"


def test_the_diff_marks_words_and_reads_right_to_left_in_arabic(client, editor, writer):
    live = factories.edition(state=State.PUBLISHED, headline_en="Old headline",
                             body_ar="<p>رحبت البعثة بالقرار.</p><p>فقرة ثانية.</p>")
    draft = workflow.edition_start_new(release=live.release, user=writer)
    factories.edit(draft, writer, body_ar="<p>رحبت البعثة الدائمة بالقرار.</p><p>فقرة ثانية.</p>",
                   headline_en="New headline")
    client.force_login(editor)
    html = client.get(f"/admin/releases/edition/{draft.pk}/diff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(r'<div class="desk-diff-text" lang="ar" dir="rtl">رحبت البعثة<span class="visually-hidden">'
                     r'added: </span><ins> الدائمة</ins> بالقرار.\nفقرة ثانية.</div>', html), html
    assert '<div class="desk-diff-text" lang="en" dir="ltr">' in html
    assert "<style" not in html  # the CSP forbids inline styles: they were never applied


def test_the_diff_escapes_what_it_shows():
    html = inline_diff("<p>safe</p>", "<p>safe &lt;script&gt;alert(1)&lt;/script&gt;</p>")
    assert "<script>" not in html and "&lt;script&gt;" in html


# The admin in both languages


def test_the_admin_header_switches_language_and_comes_back_to_the_same_page(client, writer):
    client.force_login(writer)
    html = client.get("/admin/releases/edition/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    form = re.search(r'<form class="language-switch" action="([^"]+)" method="post">.*?</form>', html, re.S)
    assert form and 'name="language" value="en" lang="en"' in form.group(0)
    assert 'value="/admin/releases/edition/"' in form.group(0)
    response = client.post(form.group(1), {"language": "en", "next": "/admin/releases/edition/"})
    assert response.status_code == 302 and response["Location"] == "/admin/releases/edition/"
    page = client.get("/admin/releases/edition/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="en" dir="ltr">' in page


def test_the_edition_list_shows_both_headlines_with_their_direction(client, writer):
    factories.edition(author=writer, headline_ar="عنوان عربي", headline_en="English headline")
    client.force_login(writer)
    html = client.get("/admin/releases/edition/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="list-headline" lang="ar" dir="rtl">عنوان عربي</span>' in html
    assert '<span class="list-headline" lang="en" dir="ltr">English headline</span>' in html


def test_history_survives_odd_ids(client, editor):
    client.force_login(editor)
    for pk in ("0", "99999999999999999999", "abc"):
        assert client.get(f"/admin/releases/edition/{pk}/history/").status_code in (302, 404)


def test_the_notifications_list_filters_the_unread_ones(client, writer, editor):
    first = factories.submit(factories.edition(author=writer, headline_en="First to review"), writer)
    factories.submit(factories.edition(author=writer, headline_en="Second to review"), writer)
    client.force_login(editor)
    client.get(f"/admin/releases/notification/{Notification.objects.get(edition=first).pk}/open/")
    response = client.get("/admin/releases/notification/?read_at__isempty=1", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # an unknown filter would be a redirect with ?e=1
    assert list(response.context["cl"].result_list.values_list("edition__headline_en", flat=True)) == ["Second to review"]
