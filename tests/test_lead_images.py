"""Lead images as a reader gets them: responsive renditions, alt text in every language, never a broken page."""

import io
import logging
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone, translation
from PIL import Image

from releases.images import missing_alt_text, renditions
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_memory():
    renditions.forget()
    yield
    renditions.forget()


def page(client, edition, language="en"):
    with translation.override(language):
        url = edition.release.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_release_page_offers_webp_and_jpeg_in_sizes_for_every_screen(client):
    edition = factories.edition_with_image()
    html = page(client, edition)
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', html).group(1)
    jpeg = re.search(r'<img src="[^"]+\.jpg" srcset="([^"]+)"', html).group(1)
    for srcset, extension in ((webp, "webp"), (jpeg, "jpg")):
        widths = [int(width) for width in re.findall(rf"\.{extension} (\d+)w", srcset)]
        assert widths == [400, 640, 800, 1200, 1600]
    assert 'width="1600" height="900"' in html
    assert 'alt="What the picture shows"' in html


def test_each_rendition_is_the_size_it_says(client):
    edition = factories.edition_with_image()
    made = renditions.renditions_for(edition.lead_image.name)
    for item in made.items:
        with default_storage.open(item.name) as handle, Image.open(handle) as image:
            assert image.size == (item.width, item.height)
            assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[item.format]


def test_a_small_original_is_never_enlarged():
    edition = factories.edition_with_image(lead_image=factories.image_file(size=(500, 300)))
    made = renditions.renditions_for(edition.lead_image.name)
    assert [item.width for item in made.of_format("jpeg")] == [400, 500]


def test_renditions_are_made_once_and_read_back_afterwards(client, monkeypatch):
    edition = factories.edition_with_image()
    page(client, edition)
    renditions.forget()  # another process, or a restart

    def must_not_run(original):
        raise AssertionError("renditions made a second time")

    monkeypatch.setattr(renditions, "_make", must_not_run)
    assert "<picture>" in page(client, edition, "ar")


def test_rendition_names_are_keyed_and_lead_back_to_their_original(settings):
    edition = factories.edition_with_image()
    original = edition.lead_image.name
    names = [item.name for item in renditions.renditions_for(original).items]
    assert all(renditions.source_name(name) == original for name in names)
    assert renditions.source_name(f"renditions/{original}/800-0000000000.webp") is None
    assert renditions.source_name(original) is None
    settings.SECRET_KEY = "another-secret"
    assert renditions._name(original, 800, "webp") not in names


def test_renditions_carry_no_camera_metadata():
    exif = Image.Exif()
    exif[0x8825] = {2: (40.0, 45.0, 0.0)}  # GPS latitude
    exif[0x010F] = "Camera maker"
    photo = factories.image_file(name="photo.jpg", format="JPEG", exif=exif.tobytes())
    edition = factories.edition_with_image(lead_image=photo)
    with default_storage.open(edition.lead_image.name) as handle, Image.open(handle) as image:
        assert image.getexif()  # the original had some
    for item in renditions.renditions_for(edition.lead_image.name).items:
        with default_storage.open(item.name) as handle, Image.open(handle) as image:
            assert not image.getexif()


@pytest.mark.parametrize("damage", ["missing", "broken"])
def test_a_missing_or_broken_image_leaves_every_page_up_without_it(client, caplog, damage):
    edition = factories.edition_with_image(headline_en="Still readable")
    name = edition.lead_image.name
    default_storage.delete(name)
    if damage == "broken":
        default_storage.save(name, io.BytesIO(b"\x89PNG\r\n\x1a\n not really"))
    with caplog.at_level(logging.ERROR, logger="releases.images.renditions"):
        html = page(client, edition)
        for url in ("/en/", "/en/releases/", "/en/api/releases/", "/en/feed.json", f"/en/api/releases/{edition.release_id}/"):
            assert client.get(url).status_code == 200, url
    assert "Still readable" in html and "<picture>" not in html and "og:image" not in html
    assert any(name in record.getMessage() for record in caplog.records)


def test_social_cards_show_an_absolute_jpeg_with_its_alt_text(client):
    edition = factories.edition_with_image()
    html = page(client, edition)
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+/1200-[0-9a-f]+\.jpg">', html)
    assert '<meta property="og:image:alt" content="What the picture shows">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_cards_and_the_home_page_lead_story_show_the_image(client):
    factories.edition_with_image(headline_en="With a picture")
    home = client.get("/en/").content.decode()
    assert 'class="lead-story has-image"' in home and "<picture>" in home
    assert "<picture>" in client.get("/en/releases/").content.decode()


def test_alt_text_is_required_in_each_language_the_release_is_published_in():
    image = factories.image_file()
    both = factories.edition(state=State.DRAFT, lead_image=image, lead_image_alt_ar="وصف")
    assert missing_alt_text(both) == ["en"]
    arabic_only = factories.edition(state=State.DRAFT, english=False, lead_image=factories.image_file())
    assert missing_alt_text(arabic_only) == ["ar"]
    without_image = factories.edition(state=State.DRAFT)
    assert missing_alt_text(without_image) == []
    described = factories.edition_with_image(state=State.DRAFT)
    assert missing_alt_text(described) == []


def test_an_image_without_its_alt_text_can_be_saved_but_not_published(writer, editor):
    # A draft may wait for its description; nothing goes public with an image nobody described.
    edition = factories.edition(state=State.DRAFT, author=writer, english=False)
    edition = factories.edit(edition, writer, lead_image=factories.image_file())
    assert edition.lead_image
    factories.submit(edition, writer)
    with pytest.raises(ValidationError) as refused:
        factories.publish(edition, editor)
    with translation.override("en"):
        assert "no alt text in Arabic" in " ".join(refused.value.messages)
    edition.refresh_from_db()
    assert edition.state == State.IN_REVIEW
    with pytest.raises(ValidationError):
        factories.schedule(edition, editor, at=timezone.now() + timedelta(hours=1))
    edition = factories.edit(edition, editor, lead_image_alt_ar="صورة القاعة")
    assert factories.publish(edition, editor).state == State.PUBLISHED


def test_a_translator_can_save_english_while_the_arabic_alt_text_is_missing_and_the_editor_is_told(client, writer):
    from releases.roles import TRANSLATOR
    from tests.test_admin import edition_post_data

    edition = factories.edition(state=State.IN_REVIEW, english=False, author=writer, submitted_by=writer,
                                lead_image=factories.image_file(), lead_image_alt_ar="")
    client.force_login(factories.user(role=TRANSLATOR))
    data = edition_post_data(headline_en="Translated", body_en="Text", dateline_place_en="New York",
                             lead_image_alt_en="A picture", seen_version=edition.version)
    data.pop("kind")
    response = client.post(f"/admin/releases/edition/{edition.pk}/change/", data)
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.headline_en == "Translated" and edition.lead_image_alt_en == "A picture"

    client.force_login(factories.user(role="Editor"))
    response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/publish/",
                           {"seen_version": edition.version, "confirm": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "no alt text in Arabic" in response.content.decode()
    edition.refresh_from_db()
    assert edition.state == State.IN_REVIEW


def test_publishing_makes_the_renditions_before_anyone_asks(editor, writer, django_capture_on_commit_callbacks):
    edition = factories.edition_with_image(state=State.IN_REVIEW, author=writer, submitted_by=writer)
    with django_capture_on_commit_callbacks(execute=True):
        factories.publish(edition, editor)
    assert default_storage.exists(renditions._manifest_name(edition.lead_image.name))
