"""A failing mail server loses nothing and sends nothing twice; the emails are what a reader expects."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from releases.alerts.planning import deliveries_plan
from releases.alerts.sending import deliveries_send_due
from releases.models import Delivery
from tests import factories
from tests.task_queue import run_queue, waiting

pytestmark = pytest.mark.django_db


def _status():
    out = io.StringIO()
    with translation.override("en"):
        call_command("send_alerts", status=True, stdout=out)
    return out.getvalue()


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    def _published(**fields):
        from releases.events import PUBLISHED, public_change

        release = factories.published_release(**fields)
        with django_capture_on_commit_callbacks(execute=True):
            public_change([release.pk], event=PUBLISHED)
        return release
    return _published


def test_when_the_server_is_down_messages_wait_and_go_out_once_it_is_back(smtp_server, published, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    readers = [factories.subscriber() for _ in range(3)]
    smtp_server.stop()
    published()
    run_queue()
    assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 1)}
    assert "ConnectionRefusedError" in Delivery.objects.first().last_error
    assert "Pending: 3" in _status()
    assert waiting() == 1, "a retry is queued for later"

    smtp_server.start()
    run_queue()
    assert smtp_server.messages == [], "not before the back-off has passed"
    time_machine.move_to(start + datetime.timedelta(minutes=2), tick=False)
    run_queue()
    run_queue()
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(r.email for r in readers)
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 2)}
    assert "Sent: 3" in _status()


def test_a_temporary_refusal_is_retried_and_a_permanent_one_is_not(smtp_server, published, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    reader = factories.subscriber()
    smtp_server.handler.refuse_with = "451 4.3.0 Try again later"
    published()
    run_queue()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1) and "451" in delivery.last_error

    smtp_server.handler.refuse_with = "550 5.1.1 No such user"
    time_machine.move_to(start + datetime.timedelta(minutes=2), tick=False)
    run_queue()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 2) and "550" in delivery.last_error
    assert f"to {reader.email} after 2 attempts" in _status()
    assert smtp_server.messages == []


def test_after_the_last_retry_a_message_is_marked_failed_for_an_editor_to_see(smtp_server, published, settings):
    settings.PRESSOFFICE_ALERTS_RETRY_DELAYS = [0, 0]
    factories.subscriber()
    smtp_server.stop()
    release = published()
    deliveries_plan(release_ids=[release.pk])
    for _attempt in range(3):
        deliveries_send_due()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert "Failed: 1" in _status()


def test_a_claim_left_by_a_worker_that_died_is_sent_again_with_the_same_message_id(smtp_server, published,
                                                                                    time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    factories.subscriber()
    release = published()
    Delivery.objects.all().delete()
    deliveries_plan(release_ids=[release.pk])
    Delivery.objects.update(status="sending", claimed_by="dead-worker", claimed_at=start)
    deliveries_send_due()
    assert smtp_server.messages == [], "a claim younger than the lease belongs to a live worker"
    time_machine.move_to(start + datetime.timedelta(minutes=16), tick=False)
    deliveries_send_due()
    [message] = smtp_server.messages
    assert message["Message-ID"] == Delivery.objects.get().message_id


def test_the_email_is_multipart_with_a_one_click_unsubscribe_and_no_tracking(smtp_server, published, settings):
    settings.SITE_URL = "https://press.example.org"
    reader = factories.subscriber(languages=["en"])
    release = published(headline_en="Water forum opens", summary_en="Ministers meet on water.",
                        dateline_place_en="Geneva")
    run_queue()
    [message] = smtp_server.to(reader.email)
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Water forum opens" in part and "Ministers meet on water." in part and "Geneva" in part
        assert f"https://press.example.org/en/releases/{release.pk}/" in part
    assert '<html lang="en" dir="ltr">' in html
    assert "<img" not in html and "<script" not in html and "<link" not in html
    assert not re.search(r'(src|href)="(?!https://press\.example\.org/)', html), "every link goes to our site"
    unsubscribe = re.fullmatch(r"<(https://press\.example\.org/en/alerts/unsubscribe/[^/]+/)>", message["List-Unsubscribe"].strip())
    assert unsubscribe and message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] == Delivery.objects.get().message_id
    assert message["Auto-Submitted"] == "auto-generated"
    assert "/en/alerts/manage/" in text
