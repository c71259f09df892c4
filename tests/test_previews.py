import datetime

import pytest

from releases import workflow
from releases.previews import preview_url
from releases.roles import EDITOR, WRITER
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def test_staff_preview_any_edition_in_the_public_template(client):
    edition = factories.edition(headline_en="Draft headline")
    client.force_login(factories.user(role=WRITER))
    response = client.get(f"/admin/releases/edition/{edition.pk}/preview/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft headline" in html and "Preview, not published" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_anonymous_visitors_cannot_use_the_staff_preview(client):
    edition = factories.edition(headline_en="Draft headline")
    response = client.get(f"/admin/releases/edition/{edition.pk}/preview/en/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_shareable_link_serves_one_edition_and_is_never_cached(client):
    edition = factories.edition(headline_en="Shared draft")
    other = factories.edition(headline_en="Other draft")
    response = client.get("/en" + preview_url(edition)[3:])
    html = response.content.decode()
    assert response.status_code == 200 and "Shared draft" in html and "Other draft" not in html
    assert "no-store" in response["Cache-Control"]
    assert "Other draft" in client.get("/en" + preview_url(other)[3:]).content.decode()


def test_a_shareable_link_expires_after_72_hours(client, time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    edition = factories.edition(headline_en="Shared draft")
    url = preview_url(edition)
    time_machine.shift(datetime.timedelta(hours=71))
    assert client.get(url).status_code == 200
    time_machine.shift(datetime.timedelta(hours=2))
    response = client.get(url)
    assert response.status_code == 404 and "Shared draft" not in response.content.decode()


def test_a_shareable_link_can_be_revoked(client):
    edition = factories.edition(headline_en="Shared draft")
    url = preview_url(edition)
    workflow.edition_revoke_previews(edition=edition, user=factories.user(role=EDITOR))
    assert client.get(url).status_code == 404


def test_a_forged_link_is_refused(client):
    edition = factories.edition(headline_en="Shared draft")
    assert client.get(preview_url(edition)[:-3] + "abc/").status_code == 404


def test_history_lists_editions_and_diffs_fields_by_language(client):
    editor = factories.user(role=EDITOR)
    writer = factories.user(role=WRITER)
    live = factories.edition(state=State.PUBLISHED, headline_en="Old headline", body_ar="<p>نص قديم</p>")
    draft = workflow.edition_start_new(release=live.release, user=writer)
    draft.headline_en = "New headline"
    draft.body_ar = "<p>نص جديد</p>"
    draft.save()
    client.force_login(editor)
    page = client.get(f"/admin/releases/edition/{draft.pk}/change/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The history in words, in the admin's language; never the raw action code.
    assert 'id="history"' in page and "started edition 2." in page and "new_edition" not in page
    diff = client.get(f"/admin/releases/edition/{draft.pk}/diff/?against={live.pk}").content.decode()
    assert "<del>Old</del><ins>New</ins>" in diff.replace(" ", "") or ("<del>Old" in diff and "<ins>New" in diff)
    assert "<del>قديم</del>" in diff and "<ins>جديد</ins>" in diff
