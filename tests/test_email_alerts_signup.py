"""Signing up from any public page, confirming by email, managing and leaving without an account."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from releases.alerts.tokens import manage_token
from releases.models import Delivery, Subscriber
from tests import factories
from tests.task_queue import run_queue

pytestmark = pytest.mark.django_db


def sign_up(client, language="en", **data):
    data = {"email": "jane@example.org", "languages": [language], "scope": "all", **data}
    return client.post(f"/{language}/alerts/", data, REMOTE_ADDR=data.pop("ip", "192.0.2.1"))


def confirmation_link(smtp_server, email):
    [message] = smtp_server.to(email)
    text = message.get_body(("plain",)).get_content()
    return re.search(r"https?://[^/\s]+(/\w\w/alerts/confirm/[^/\s]+/)", text).group(1)


@pytest.mark.parametrize("language,label", [("ar", "التنبيهات بالبريد الإلكتروني"), ("en", "Email alerts")])
def test_every_public_page_offers_the_sign_up_form_in_its_language(client, language, label):
    release = factories.published_release()
    for url in (f"/{language}/", f"/{language}/releases/", f"/{language}/releases/{release.pk}/{release.slug}/"):
        html = client.get(url).content.decode()
        assert f'action="/{language}/alerts/"' in html and label in html, url
        assert 'name="csrfmiddlewaretoken"' not in html, "the form lives on cached pages"


def test_speaker_and_programme_pages_offer_their_own_scope_already_chosen(client):
    speaker, programme = factories.speaker(), factories.programme()
    html = client.get(f"/en/speakers/{speaker.slug}/").content.decode()
    assert f'<option value="speaker:{speaker.slug}" selected>' in html
    html = client.get(f"/ar/programmes/{programme.slug}/").content.decode()
    assert f'<option value="programme:{programme.slug}" selected>' in html


def test_the_footer_form_of_one_page_never_shows_on_another():
    """Kept once rendered, the form of a page with no scope of its own must still follow the page's
    language, and a speaker's page must not lend its speaker to the next page."""
    speaker = factories.speaker()
    client = Client()
    client.get(f"/en/speakers/{speaker.slug}/")
    for language, label, other in (("ar", "التنبيهات بالبريد الإلكتروني", "en"), ("en", "Email alerts", "ar"),
                                   ("ar", "التنبيهات بالبريد الإلكتروني", "en")):
        html = client.get(f"/{language}/").content.decode()
        form = html[html.index('class="alert-form"'):html.index("</form>", html.index('class="alert-form"'))]
        assert '<option value="all" selected>' in form and "speaker:" not in form, language
        assert f'value="{language}" id="footer-alert-languages_' in form and label in html
        assert re.search(rf'value="{language}" id="[^"]+" checked', form), language
        assert not re.search(rf'value="{other}" id="[^"]+" checked', form), language
    html = client.get(f"/ar/speakers/{speaker.slug}/").content.decode()
    assert f'<option value="speaker:{speaker.slug}" selected>' in html


def test_signing_up_stores_nothing_until_the_link_in_the_email_is_confirmed(client, smtp_server):
    speaker = factories.speaker()
    response = sign_up(client, scope=f"speaker:{speaker.slug}", languages=["en", "ar"])
    assert response.status_code == 302 and response["Location"] == "/en/alerts/requested/"
    assert "Check your inbox" in client.get(response["Location"]).content.decode()
    run_queue()
    assert not Subscriber.objects.exists()
    link = confirmation_link(smtp_server, "jane@example.org")
    assert speaker.name_en in smtp_server.messages[0].get_body(("plain",)).get_content()

    page = client.get(link)
    assert page.status_code == 200 and "Confirm" in page.content.decode()
    assert not Subscriber.objects.exists(), "opening the link (or a mail scanner doing so) confirms nothing"
    confirmed = client.post(link)
    assert confirmed.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "jane@example.org" and subscriber.confirmed_at
    assert subscriber.language_codes == ["ar", "en"]
    assert [scope.speaker for scope in subscriber.scopes.all()] == [speaker]
    client.post(link)
    assert Subscriber.objects.count() == 1 and subscriber.scopes.count() == 1


def test_a_confirmation_link_expires_and_cannot_be_forged(client, smtp_server, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    sign_up(client)
    run_queue()
    link = confirmation_link(smtp_server, "jane@example.org")
    assert client.post(link[:-5] + "xxxx/").status_code == 404
    time_machine.move_to(timezone.now() + datetime.timedelta(days=3, minutes=1), tick=False)
    response = client.post(link)
    assert response.status_code == 404 and "no longer works" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_form_says_the_same_thing_and_does_the_same_work_for_a_known_address(client, django_assert_num_queries):
    factories.subscriber(email="known@example.org")
    responses = []
    for email in ("known@example.org", "new@example.org"):
        with django_assert_num_queries(1):  # the queued task, nothing that looks the address up
            response = sign_up(client, email=email)
        responses.append((response.status_code, response["Location"], response.content))
    assert responses[0] == responses[1]


def test_a_suppressed_address_gets_the_same_answer_and_no_email(client, smtp_server):
    factories.subscriber(email="stop@example.org", suppressed_at=timezone.now())
    assert sign_up(client, email="stop@example.org").status_code == 302
    run_queue()
    assert smtp_server.messages == []


@pytest.mark.parametrize("field,value,message", [
    ("email", "not-an-address", "Enter a valid email address"),
    ("email", "a@b.c\nBcc: x@y.z", "Enter a valid email address"),
    ("email", "jane@example.org\r\nBcc: x@example.org", "Enter a valid email address"),
    ("email", "ja\x00ne@example.org", "Null characters are not allowed"),
    ("email", "x" * 10_000 + "@example.org", "at most 254 characters"),
    ("email", "jane@exa\u202emple.org", "invisible bidirectional control"),
    ("email", "<script>alert(1)</script>@example.org", "Enter a valid email address"),
    ("email", "root@localhost", "Enter a valid email address"),
    ("email", "jane@exa\u200bmple\ufffe.org", "Enter a valid email address"),
    ("email", "", "This field is required"),
    ("scope", "speaker:nobody", "Choose what you want alerts for"),
    ("scope", "s" * 10_000, "at most 250 characters"),
    ("scope", "\x00", "Null characters are not allowed"),
    ("languages", "xx", "Select a valid choice"),
    ("languages", None, "Choose at least one language"),
])
def test_bad_input_gets_a_clear_message_and_queues_nothing(client, field, value, message):
    data = {"email": "jane@example.org", "languages": ["en"], "scope": "all", field: value}
    response = client.post("/en/alerts/", {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert not DBTaskResult.objects.exists()


def test_invalid_utf8_in_the_form_is_a_clear_error_not_a_crash(client):
    response = client.post("/en/alerts/", b"email=%FF%FE%00&languages=en&scope=all",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_sign_ups_are_limited_per_address_and_per_client(client):
    for _ in range(3):
        assert sign_up(client, email="busy@example.org").status_code == 302
    refused = sign_up(client, email="busy@example.org")
    assert refused.status_code == 429 and "try again" in refused.content.decode()
    for n in range(20):
        assert sign_up(client, email=f"reader{n}@example.org", ip="198.51.100.7").status_code == 302
    assert sign_up(client, email="one-more@example.org", ip="198.51.100.7").status_code == 429
    assert sign_up(client, email="one-more@example.org", ip="198.51.100.8").status_code == 302


def test_a_subscriber_changes_languages_and_scopes_from_the_link_in_any_email(client):
    speaker = factories.speaker()
    subscriber = factories.subscriber(languages=["ar", "en"], scopes=["all", f"speaker:{speaker.pk}"])
    url = f"/en/alerts/manage/{manage_token(subscriber)}/"
    page = client.get(url)
    assert page.status_code == 200 and "noindex" in page["X-Robots-Tag"] and "no-store" in page["Cache-Control"]
    keep = subscriber.scopes.get(key=f"speaker:{speaker.pk}")
    assert client.post(url, {"languages": ["en"], "scopes": [keep.pk]}).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.language_codes == ["en"] and list(subscriber.scopes.all()) == [keep]
    client.post(url, {"cancel": "1"})
    assert not Subscriber.objects.exists()
    assert client.get(url).status_code == 404


def test_one_click_unsubscribe_works_without_cookies_or_csrf_token_and_deletes_the_data():
    subscriber = factories.subscriber()
    release = factories.published_release()
    Delivery.objects.create(key="x", release=release, subscriber=subscriber, language="ar", kind="release",
                            next_attempt_at=timezone.now())
    url = f"/ar/alerts/unsubscribe/{manage_token(subscriber)}/"
    mail_client = Client(enforce_csrf_checks=True)
    assert mail_client.get(url).status_code == 200
    assert Subscriber.objects.exists(), "opening the link unsubscribes nobody"
    response = mail_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscriber.objects.exists() and not Delivery.objects.exists()
    assert mail_client.post(url, "List-Unsubscribe=One-Click",
                            content_type="application/x-www-form-urlencoded").status_code == 200


def test_a_forged_management_link_reveals_nothing(client):
    subscriber = factories.subscriber()
    token = manage_token(subscriber)
    forged = token.replace(token.split(":")[0], "WzIsImFhYWEiXQ")
    for url in (f"/en/alerts/manage/{forged}/", f"/en/alerts/unsubscribe/{forged}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/en/alerts/unsubscribe/{forged}/").status_code == 200
    assert Subscriber.objects.exists()


def test_a_failing_mail_server_retries_the_confirmation_email_later(settings):
    from releases.alerts.tasks import send_confirmation
    from tests.task_queue import waiting

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    assert send_confirmation.call(email="reader@example.org", token="x", language="en") == "retrying"
    assert waiting() == 1
    settings.PRESSOFFICE_ALERTS_RETRY_DELAYS = []  # no tries left: the failure is the task's
    with pytest.raises(OSError):
        send_confirmation.call(email="reader@example.org", token="x", language="en", attempt=1)
