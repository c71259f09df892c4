"""Media on S3-compatible storage: private objects, short-lived signed URLs, configured by environment only.

The tests start moto's S3 server on a free local port; they are skipped, with
the reason, only if it can't start.
"""

import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from releases.media import media_url
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
BUCKET = "press-media-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    try:
        from moto.server import ThreadedMotoServer

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
    except Exception as error:  # noqa: BLE001 - any failure to start is a reason to skip, given
        pytest.skip(f"moto's S3 server could not start here: {error}")
    endpoint = f"http://{host}:{port}"
    import boto3

    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                 aws_secret_access_key="testing").create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def s3_media(settings, s3_endpoint):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": s3_endpoint, "region_name": "us-east-1",
                    "access_key": "testing", "secret_key": "testing", "default_acl": "private",
                    "querystring_auth": True, "querystring_expire": 300, "file_overwrite": False, "signature_version": "s3v4",
                    "addressing_style": "path"},
    }}
    return s3_endpoint


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_environment_alone_puts_media_on_s3():
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(DEBUG="1", AWS_STORAGE_BUCKET_NAME="office-media", AWS_S3_ENDPOINT_URL="https://s3.example.org",
                       AWS_S3_REGION_NAME="eu-west-1", MEDIA_SIGNED_URL_SECONDS="120", DJANGO_SETTINGS_MODULE="pressoffice.settings")
    result = subprocess.run([sys.executable, "-c", "from django.conf import settings; import django; django.setup(); "
                             "d = settings.STORAGES['default']; o = d['OPTIONS']; "
                             "print(d['BACKEND'], o['bucket_name'], o['endpoint_url'], o['default_acl'], o['querystring_expire'])"],
                            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "office-media", "https://s3.example.org",
                                     "private", "120"], result.stderr


def test_uploads_are_private_objects_and_published_ones_are_reached_through_a_short_lived_signed_url(
        client, s3_media, settings):
    settings.PRESSOFFICE_MEDIA_DELIVERY = "redirect"
    edition = factories.with_lead_image(factories.edition(state=State.PUBLISHED))
    name = edition.lead_image.name
    assert fetch(f"{s3_media}/{BUCKET}/{name}")[0] == 403  # the object itself is private
    response = client.get(media_url(name))
    assert response.status_code == 302
    signed = response["Location"]
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    status, body = fetch(signed)
    assert status == 200 and body == factories.png_bytes()


def test_a_drafts_file_on_s3_is_not_signed_for_the_public(client, s3_media, settings):
    settings.PRESSOFFICE_MEDIA_DELIVERY = "redirect"
    draft = factories.with_lead_image(factories.edition(state=State.DRAFT))
    assert client.get(media_url(draft.lead_image.name)).status_code == 404


def test_files_on_s3_can_be_streamed_through_the_app_too(client, s3_media):
    edition = factories.with_lead_image(factories.edition(state=State.PUBLISHED))
    response = client.get(media_url(edition.lead_image.name))
    assert response.status_code == 200 and b"".join(response.streaming_content) == factories.png_bytes()


def test_a_file_missing_from_s3_leaves_the_page_up(client, s3_media):
    edition = factories.with_lead_image(factories.edition(state=State.PUBLISHED, headline_en="Without its image"))
    default_storage.delete(edition.lead_image.name)
    page = client.get(edition.release.get_absolute_url().replace("/ar/", "/en/"))
    assert page.status_code == 200 and "Without its image" in page.content.decode()
    assert client.get(media_url(edition.lead_image.name)).status_code == 404
