"""Alerts go out when a release goes public, in the languages in which it is public, and never before."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from releases import workflow
from releases.models import Delivery, Release
from releases.states import State
from tests import factories
from tests.task_queue import run_queue, waiting

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def publish(writer, editor, django_capture_on_commit_callbacks):
    """Publish as a person would, with the after-commit hook running."""
    def _publish(edition=None, **kwargs):
        edition = edition or factories.edition(author=writer, **kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            if edition.state == State.DRAFT:
                factories.submit(edition, writer)
            factories.publish(edition, editor)
        return edition
    return _publish


def test_publishing_sends_one_email_to_each_matching_confirmed_subscriber(smtp_server, publish):
    reader = factories.subscriber(languages=["ar"])
    edition = publish(headline_ar="بيان عن المياه")
    run_queue()
    [message] = smtp_server.to(reader.email)
    assert message["Subject"].strip() == "بيان عن المياه"
    assert Delivery.objects.get(subscriber=reader).status == Delivery.Status.SENT
    assert Delivery.objects.get(subscriber=reader).edition == edition


def test_subscribers_get_only_what_their_scope_covers(smtp_server, publish, writer):
    speaker, programme = factories.speaker(), factories.programme()
    everything = factories.subscriber()
    follows_speaker = factories.subscriber(scopes=[f"speaker:{speaker.pk}"])
    follows_programme = factories.subscriber(scopes=[f"programme:{programme.pk}"])
    follows_statements = factories.subscriber(scopes=["kind:statement"])
    with_speaker = factories.edition(kind=Release.Kind.NEWS, author=writer)
    with_speaker.speakers.add(speaker)
    publish(with_speaker)
    publish(kind=Release.Kind.STATEMENT)
    run_queue()
    assert len(smtp_server.to(everything.email)) == 2
    assert len(smtp_server.to(follows_speaker.email)) == 1
    assert smtp_server.to(follows_programme.email) == []
    assert len(smtp_server.to(follows_statements.email)) == 1


def test_a_bilingual_subscriber_gets_one_email_per_language_each_in_that_language(smtp_server, publish):
    reader = factories.subscriber(languages=["ar", "en"])
    publish(headline_ar="عنوان عربي", headline_en="English headline")
    run_queue()
    by_language = {m["Content-Language"]: m for m in smtp_server.to(reader.email)}
    assert set(by_language) == {"ar", "en"}
    assert by_language["ar"]["Subject"].strip() == "عنوان عربي"
    assert by_language["en"]["Subject"].strip() == "English headline"
    html = by_language["ar"].get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html and "عنوان عربي" in html
    assert '<html lang="en" dir="ltr">' in by_language["en"].get_body(("html",)).get_content()


def test_english_subscribers_wait_until_the_english_is_published(smtp_server, publish, writer, editor,
                                                                 django_capture_on_commit_callbacks):
    english_reader = factories.subscriber(languages=["en"])
    arabic_reader = factories.subscriber(languages=["ar"])
    edition = publish(english=False)
    run_queue()
    assert smtp_server.to(english_reader.email) == []
    assert len(smtp_server.to(arabic_reader.email)) == 1

    draft = workflow.edition_start_new(release=edition.release, user=writer)
    factories.edit(draft, writer, headline_en="Now in English", body_en="<p>Body</p>", dateline_place_en="New York")
    with django_capture_on_commit_callbacks(execute=True):
        factories.submit(draft, writer)
        factories.publish(draft, editor, note_kind="minor")
    run_queue()
    [message] = smtp_server.to(english_reader.email)
    assert message["Subject"].strip() == "Now in English"
    assert len(smtp_server.to(arabic_reader.email)) == 1, "a minor new edition sends nothing again"


def test_nothing_is_sent_for_drafts_or_editions_in_review(smtp_server, writer, django_capture_on_commit_callbacks):
    factories.subscriber(languages=["ar", "en"])
    with django_capture_on_commit_callbacks(execute=True):
        draft = factories.edition(author=writer)
        factories.submit(factories.edition(author=writer), writer)
    call_command("send_alerts", stdout=open("/dev/null", "w"))
    run_queue()
    assert smtp_server.messages == [] and not Delivery.objects.exists()
    assert draft.state == State.DRAFT


def test_a_scheduled_release_is_sent_at_its_time_by_publish_scheduled_and_only_once(
        smtp_server, writer, editor, time_machine, django_capture_on_commit_callbacks):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    reader = factories.subscriber(languages=["ar", "en"])
    edition = factories.edition(author=writer)
    with django_capture_on_commit_callbacks(execute=True):
        factories.submit(edition, writer)
        factories.schedule(edition, editor, start + HOUR)
    run_queue()
    call_command("send_alerts", stdout=open("/dev/null", "w"))
    assert smtp_server.messages == [], "nothing before the embargo lifts"
    time_machine.move_to(start + HOUR - datetime.timedelta(seconds=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    run_queue()
    assert smtp_server.messages == []

    time_machine.move_to(start + HOUR + datetime.timedelta(minutes=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    run_queue()
    run_queue()
    assert sorted(m["Content-Language"] for m in smtp_server.to(reader.email)) == ["ar", "en"]
    assert waiting() == 0


def test_a_scheduled_release_goes_out_at_its_time_even_before_publish_scheduled_runs(
        smtp_server, writer, editor, time_machine, django_capture_on_commit_callbacks):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    reader = factories.subscriber()
    edition = factories.edition(author=writer)
    with django_capture_on_commit_callbacks(execute=True):
        factories.submit(edition, writer)
        factories.schedule(edition, editor, start + HOUR)
    assert waiting() == 1, "a task waits for the scheduled time"
    time_machine.move_to(start + HOUR, tick=False)
    run_queue()
    assert len(smtp_server.to(reader.email)) == 1


def test_an_unscheduled_release_sends_nothing_when_its_old_time_comes(
        smtp_server, writer, editor, time_machine, django_capture_on_commit_callbacks):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    factories.subscriber()
    edition = factories.edition(author=writer)
    with django_capture_on_commit_callbacks(execute=True):
        factories.submit(edition, writer)
        factories.schedule(edition, editor, start + HOUR)
        edition.refresh_from_db()
        workflow.edition_unschedule(edition=edition, user=editor, seen_version=edition.version)
    time_machine.move_to(start + 2 * HOUR, tick=False)
    run_queue()
    assert smtp_server.messages == []


def test_a_second_publish_click_and_rerunning_every_task_send_nothing_twice(smtp_server, publish,
                                                                              django_capture_on_commit_callbacks):
    reader = factories.subscriber(languages=["ar", "en"])
    edition = publish()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Exception):
            workflow.edition_publish(edition=edition, user=factories.user(role="Editor"), seen_version=edition.version)
    from releases.events import PUBLISHED, public_change

    public_change([edition.release_id], event=PUBLISHED)  # as if the hook had fired twice
    run_queue()
    call_command("send_alerts", stdout=open("/dev/null", "w"))
    run_queue()
    assert len(smtp_server.to(reader.email)) == 2
    assert Delivery.objects.count() == 2


def test_a_new_edition_sends_only_with_a_public_correction_and_says_so(smtp_server, publish, writer, editor,
                                                                        django_capture_on_commit_callbacks):
    reader = factories.subscriber(languages=["ar", "en"])
    edition = publish(headline_en="Original words")
    run_queue()

    def new_edition(note_kind, note_en=""):
        draft = workflow.edition_start_new(release=edition.release, user=writer)
        factories.edit(draft, writer, change_note_ar="تصحيح الرقم", change_note_en=note_en)
        with django_capture_on_commit_callbacks(execute=True):
            factories.submit(draft, writer)
            factories.publish(draft, editor, note_kind=note_kind)
        run_queue()

    new_edition("minor")
    assert len(smtp_server.to(reader.email)) == 2
    new_edition("correction", note_en="The figure was 12, not 21.")
    messages = {m["Subject"].strip(): m for m in smtp_server.to(reader.email)}
    assert len(messages) == 4, list(messages)
    corrected = messages["Correction: Original words"]
    assert "The figure was 12, not 21." in corrected.get_body(("plain",)).get_content()
    assert "تصحيح الرقم" in messages["تصحيح: " + edition.headline_ar].get_body(("html",)).get_content()


def test_a_withdrawal_is_sent_to_those_who_received_the_release(smtp_server, publish, editor,
                                                                 django_capture_on_commit_callbacks):
    received = factories.subscriber(languages=["en"])
    edition = publish(headline_en="To be withdrawn")
    run_queue()
    later = factories.subscriber(languages=["en"], confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        workflow.release_withdraw(release=edition.release, user=editor, notice_ar="سحب", notice_en="Issued in error.")
    run_queue()
    subjects = [m["Subject"].strip() for m in smtp_server.to(received.email)]
    assert subjects == ["To be withdrawn", "Withdrawn: To be withdrawn"]
    assert "Issued in error." in smtp_server.to(received.email)[1].get_body(("plain",)).get_content()
    assert smtp_server.to(later.email) == []


def test_a_message_not_yet_sent_when_the_release_is_withdrawn_is_cancelled(smtp_server, publish, editor,
                                                                            django_capture_on_commit_callbacks):
    from releases.alerts.planning import deliveries_plan

    reader = factories.subscriber()
    edition = publish()
    deliveries_plan(release_ids=[edition.release_id])  # planned, not yet sent
    with django_capture_on_commit_callbacks(execute=True):
        workflow.release_withdraw(release=edition.release, user=editor, notice_ar="سحب")
    run_queue()
    assert smtp_server.to(reader.email) == []
    assert Delivery.objects.get().status == Delivery.Status.CANCELLED


def test_archive_releases_dated_in_the_past_and_old_releases_mail_nobody(smtp_server, editor,
                                                                          django_capture_on_commit_callbacks):
    reader = factories.subscriber(confirmed_at=timezone.now() - datetime.timedelta(days=400))
    edition = factories.edition(state=State.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.edition_publish(edition=edition, user=editor, at=timezone.now() - datetime.timedelta(days=30),
                                 seen_version=edition.version)
    run_queue()
    assert smtp_server.to(reader.email) == []


def test_a_new_subscriber_gets_no_backlog(smtp_server, publish):
    publish()
    newcomer = factories.subscriber(confirmed_at=timezone.now())
    call_command("send_alerts", stdout=open("/dev/null", "w"))
    assert smtp_server.to(newcomer.email) == []


def test_suppressed_and_unconfirmed_addresses_get_nothing(smtp_server, publish):
    factories.subscriber(suppressed_at=timezone.now())
    unconfirmed = factories.subscriber()
    type(unconfirmed).objects.filter(pk=unconfirmed.pk).update(confirmed_at=None)
    publish()
    run_queue()
    assert smtp_server.messages == []


def test_the_publish_click_only_queues_the_alerts_and_costs_the_same_with_many_subscribers(
        client, smtp_server, writer, editor, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)

    def publish_click():
        edition = factories.edition(author=writer)
        factories.submit(edition, writer)
        edition.refresh_from_db()
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/publish/",
                                   {"seen_version": edition.version})
        assert response.status_code == 302
        return len(queries)

    without_subscribers = publish_click()
    for _ in range(100):
        factories.subscriber(languages=["ar", "en"])
    assert publish_click() == without_subscribers
    assert smtp_server.messages == [] and not Delivery.objects.exists(), "the request sent nothing itself"
    run_queue()
    assert len(smtp_server.messages) == 100 * 2 * 2, "both releases, in both languages"
