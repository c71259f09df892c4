"""Editors see who subscribed to what and what was sent; they export, suppress and delete."""

import pytest
from django.utils import timezone

from releases.models import Delivery, Scope, Subscriber
from releases.roles import EDITOR, WRITER
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editors_see_subscriber_counts_per_scope_and_language(editor_client):
    speaker = factories.speaker(name_en="Amina Haddad")
    factories.subscriber(languages=["ar", "en"], scopes=["all"])
    factories.subscriber(languages=["en"], scopes=["all", f"speaker:{speaker.pk}"])
    factories.subscriber(languages=["en"], scopes=["all"], suppressed_at=timezone.now())
    html = editor_client.get("/admin/releases/subscriber/counts/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 confirmed subscribers" in html
    row = html[html.index("all releases"):]
    assert row.split("</tr>")[0].count("<td>") == 3 and "<td>2</td><td>1</td><td>2</td>" in row.split("</tr>")[0]
    assert "Amina Haddad" in html


def test_editors_read_the_delivery_log_of_one_release(editor_client):
    release, other = factories.published_release(), factories.published_release()
    reader = factories.subscriber()
    for rel, status in ((release, "sent"), (other, "failed")):
        Delivery.objects.create(key=f"release:{rel.pk}:ar:{reader.pk}", release=rel, subscriber=reader, language="ar",
                                kind="release", status=status, next_attempt_at=timezone.now())
    summary = editor_client.get("/admin/releases/delivery/by-release/").content.decode()
    assert f"?release__id__exact={release.pk}" in summary
    log = editor_client.get(f"/admin/releases/delivery/?release__id__exact={release.pk}")
    assert log.status_code == 200
    assert [d.release for d in log.context["cl"].result_list] == [release]


def test_editors_export_subscribers_as_csv_without_spreadsheet_formulas(editor_client):
    factories.subscriber(email="=cmd@example.org", languages=["ar", "en"])
    factories.subscriber(email="jane@example.org")
    response = editor_client.post("/admin/releases/subscriber/", {
        "action": "export_csv", "_selected_action": list(Subscriber.objects.values_list("pk", flat=True)),
    })
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=cmd@example.org,\"ar,en\"" in text and "jane@example.org,ar," in text


def test_a_suppressed_address_is_never_sent_anything_again(editor_client, smtp_server, django_capture_on_commit_callbacks):
    from releases.events import PUBLISHED, public_change
    from tests.task_queue import run_queue

    reader = factories.subscriber()
    editor_client.post("/admin/releases/subscriber/", {"action": "suppress", "_selected_action": [reader.pk]})
    reader.refresh_from_db()
    assert reader.suppressed_at is not None
    release = factories.published_release()
    with django_capture_on_commit_callbacks(execute=True):
        public_change([release.pk], event=PUBLISHED)
    run_queue()
    assert smtp_server.messages == []


def test_deleting_a_subscriber_removes_their_choices_and_delivery_records(editor_client):
    reader = factories.subscriber(scopes=["all", "kind:news"])
    release = factories.published_release()
    Delivery.objects.create(key="k", release=release, subscriber=reader, language="ar", kind="release",
                            next_attempt_at=timezone.now())
    response = editor_client.post(f"/admin/releases/subscriber/{reader.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Subscriber.objects.exists() and not Scope.objects.exists() and not Delivery.objects.exists()


def test_writers_see_no_subscribers(client):
    client.force_login(factories.user(role=WRITER))
    assert client.get("/admin/releases/subscriber/").status_code == 403
    assert client.get("/admin/releases/subscriber/counts/").status_code == 403


def test_the_editor_role_holds_the_alerts_permissions():
    editor = factories.user(role=EDITOR)
    for permission in ("view_subscriber", "delete_subscriber", "export_subscriber", "change_subscriber", "view_delivery"):
        assert editor.has_perm(f"releases.{permission}"), permission
