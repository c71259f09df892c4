"""Uploaded files: private until their edition is public, then fast and long-cached; never a 500."""

import datetime
import logging

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from releases import workflow
from releases.media import media_url
from releases.models import Attachment, Edition
from releases.previews import preview_url
from releases.roles import EDITOR, WRITER
from releases.states import State
from tests import factories
from tests.test_admin import edition_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def get(client, name, **params):
    return client.get(media_url(name), params)


def test_a_published_releases_image_is_public_and_cached_for_long(client):
    edition = factories.with_lead_image(factories.edition(state=State.PUBLISHED))
    response = get(client, edition.lead_image.name)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == default_storage.open(edition.lead_image.name).read()
    cache = response["Cache-Control"]
    assert "public" in cache and "immutable" in cache and "max-age=31536000" in cache


def test_a_drafts_image_and_attachment_are_hidden_from_the_public_and_shown_to_staff(client):
    draft = factories.with_lead_image(factories.edition(state=State.DRAFT))
    attachment = factories.attachment(edition=draft)
    for name in (draft.lead_image.name, attachment.file.name):
        response = get(client, name)
        assert response.status_code == 404 and "no-cache" in response["Cache-Control"]
    client.force_login(factories.user(role=WRITER))
    for name in (draft.lead_image.name, attachment.file.name):
        response = get(client, name)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_scheduled_releases_image_becomes_public_at_its_time(client):
    at = datetime.datetime(2030, 5, 1, 12, tzinfo=datetime.timezone.utc)
    edition = factories.with_lead_image(factories.edition(state=State.SCHEDULED, published_at=at))
    with time_machine.travel(at - datetime.timedelta(minutes=1)):
        assert get(client, edition.lead_image.name).status_code == 404
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert get(client, edition.lead_image.name).status_code == 200


def test_a_withdrawn_releases_image_is_no_longer_served(client, editor):
    edition = factories.with_lead_image(factories.edition(state=State.PUBLISHED))
    workflow.release_withdraw(release=edition.release, user=editor, notice_ar="سحب")
    assert get(client, edition.lead_image.name).status_code == 404


def test_a_replaced_image_stops_being_reachable_and_is_deleted(client, django_capture_on_commit_callbacks):
    from tests.test_editing import change

    writer = factories.user(role=WRITER)
    client.force_login(writer)
    edition = factories.with_lead_image(factories.edition(author=writer))
    old = edition.lead_image.name
    with django_capture_on_commit_callbacks(execute=True):
        response = change(client, edition, lead_image=SimpleUploadedFile(
            "b.png", factories.png_bytes(colour="blue"), content_type="image/png"))
    assert response.status_code == 302, response.content.decode()[:2000]
    edition.refresh_from_db()
    assert edition.lead_image.name != old
    assert get(client, old).status_code == 404
    assert not default_storage.exists(old)
    assert get(client, edition.lead_image.name).status_code == 200


def test_a_deleted_drafts_files_stop_being_reachable(client, django_capture_on_commit_callbacks):
    draft = factories.with_lead_image(factories.edition(state=State.DRAFT))
    attachment = factories.attachment(edition=draft)
    names = [draft.lead_image.name, attachment.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        draft.release.delete()
    client.force_login(factories.user(is_superuser=True))
    for name in names:
        assert get(client, name).status_code == 404
        assert not default_storage.exists(name)


def test_a_file_shared_by_two_editions_survives_when_one_lets_it_go(django_capture_on_commit_callbacks):
    first = factories.with_lead_image(factories.edition(state=State.PUBLISHED))
    second = factories.edition(release=first.release, state=State.DRAFT, lead_image=first.lead_image.name)
    with django_capture_on_commit_callbacks(execute=True):
        second.lead_image = ""
        second.save()
    assert default_storage.exists(first.lead_image.name)


def test_a_preview_link_reaches_its_drafts_media_only_while_it_is_valid(client, editor):
    draft = factories.with_lead_image(factories.edition(state=State.DRAFT, headline_en="Shared"))
    url = "/en" + preview_url(draft)[3:]
    html = client.get(url).content.decode()
    image_url = next(part.split('"')[0] for part in html.split('src="')[1:] if "/media/" in part).replace("&amp;", "&")
    assert "preview=" in image_url
    assert client.get(image_url).status_code == 200
    assert client.get(media_url(draft.lead_image.name)).status_code == 404  # the bare address stays private
    with time_machine.travel(datetime.timedelta(hours=73)):
        assert client.get(image_url).status_code == 404  # expired with the link
    draft.refresh_from_db()
    workflow.edition_revoke_previews(edition=draft, user=editor)
    assert client.get(image_url).status_code == 404  # revoked with the link


def test_a_preview_link_of_one_draft_does_not_open_another_drafts_files(client):
    shared = factories.edition(state=State.DRAFT)
    other = factories.with_lead_image(factories.edition(state=State.DRAFT))
    token = preview_url(shared).rstrip("/").rsplit("/", 1)[1]
    assert get(client, other.lead_image.name, preview=token).status_code == 404


def test_files_no_record_uses_are_served_to_no_one(client):
    default_storage.save("images/ab/orphan.png", SimpleUploadedFile("x.png", factories.png_bytes()))
    client.force_login(factories.user(is_superuser=True))
    assert get(client, "images/ab/orphan.png").status_code == 404
    assert get(client, "../settings.py").status_code == 404


def test_a_missing_image_file_leaves_the_page_up_without_the_image(client, caplog):
    edition = factories.with_lead_image(factories.edition(state=State.PUBLISHED, headline_en="Still here"))
    default_storage.delete(edition.lead_image.name)
    with caplog.at_level(logging.ERROR):
        response = client.get(edition.release.get_absolute_url().replace("/ar/", "/en/"))
        media = get(client, edition.lead_image.name)
    assert response.status_code == 200 and "Still here" in response.content.decode()
    assert "<img" not in response.content.decode() and "og:image" not in response.content.decode()
    assert media.status_code == 404
    assert any(edition.lead_image.name in record.getMessage() for record in caplog.records)


def test_nginx_can_send_the_file_after_the_check(client, settings):
    settings.PRESSOFFICE_MEDIA_DELIVERY = "accel"
    edition = factories.with_lead_image(factories.edition(state=State.PUBLISHED))
    response = get(client, edition.lead_image.name)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + edition.lead_image.name
    assert not response.content
    draft = factories.with_lead_image(factories.edition(state=State.DRAFT))
    assert "X-Accel-Redirect" not in get(client, draft.lead_image.name)


def test_attachments_download_under_their_title_with_the_extension_of_their_type(client):
    edition = factories.edition(state=State.PUBLISHED)
    attachment = factories.attachment(edition=edition, title_ar="بيان", title_en="Joint statement")
    response = get(client, attachment.file.name)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")


# Uploads are recognised by content, not name.

def test_a_png_named_pdf_is_stored_as_png_when_it_is_a_lead_image():
    edition = factories.with_lead_image(factories.edition(), name="x.pdf")
    assert edition.lead_image.name.endswith(".png")


@pytest.mark.parametrize("name, content, stored", [
    ("report.pdf", factories.pdf_bytes(), ".pdf"),
    ("report.docx", factories.pdf_bytes(), ".pdf"),  # a real PDF misnamed is still a PDF
    ("notes.docx", factories.docx_bytes(), ".docx"),
    ("notes.txt", "بيان مشترك\nسطر ثان".encode(), ".txt"),
])
def test_attachments_that_are_what_we_allow_are_stored_under_their_real_type(name, content, stored):
    attachment = Attachment(edition=factories.edition(), title_ar="ملف")
    attachment.file = SimpleUploadedFile(name, content)
    attachment.full_clean()
    attachment.save()
    assert attachment.file.name.endswith(stored)


@pytest.mark.parametrize("name, content, says", [
    ("x.pdf", factories.png_bytes(), "PNG"),
    ("x.pdf", b"<!doctype html><html><script>alert(1)</script></html>", "HTML"),
    ("x.pdf", b"%PDF-1.7\n<html>not really</html>", "damaged"),
    ("x.docx", factories.docx_bytes(main_part=False), "zip"),
    ("x.txt", b"<html><body>hi</body></html>", "HTML"),
    ("x.txt", b"\xff\xfe\x00binary", "UTF-8"),
    ("x.exe", b"MZ\x90\x00", "program"),
])
def test_attachments_that_are_not_what_they_claim_are_refused_with_a_clear_message(name, content, says):
    attachment = Attachment(edition=factories.edition(), title_ar="ملف")
    attachment.file = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as refused:
        attachment.full_clean()
    assert says in " ".join(refused.value.message_dict["file"])


def test_the_admin_shows_a_fake_pdf_as_a_form_error_beside_the_attachment(client):
    client.force_login(factories.user(role=WRITER))
    data = edition_post_data(**{
        "attachments-TOTAL_FORMS": "1", "attachments-0-title_ar": "ملف", "attachments-0-title_en": "",
        "attachments-0-file": SimpleUploadedFile("statement.pdf", factories.png_bytes()),
    })
    response = client.post("/admin/releases/edition/add/", data)
    assert response.status_code == 200
    errors = str(response.context["inline_admin_formsets"][0].formset.errors)
    assert "PNG" in errors and "PDF" in errors
    assert not Edition.objects.exists()


@pytest.mark.parametrize("name", [
    "images/2026/ab12/photo.jpg", "attachments/x/تقرير ٢٠٢٦.pdf", "a b%20c?d#e&f=g", "images/~u:@!$'()*+,;=.png",
])
@pytest.mark.parametrize("prefix", ["/", "/office/"])
def test_a_files_address_is_the_one_reverse_builds(name, prefix):
    """Pages name their files through a /media/ path reversed once (`addresses.media_path`)."""
    from django.urls import reverse, set_script_prefix

    set_script_prefix(prefix)
    try:
        assert media_url(name) == reverse("media", kwargs={"name": name})
        assert media_url(name).startswith(f"{prefix}media/")
    finally:
        set_script_prefix("/")
