import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from PIL import Image

from releases.models import Edition, Release
from releases.roles import EDITOR, TRANSLATOR, WRITER
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db


def png_bytes(size=(20, 10)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def edition_post_data(**overrides):
    data = {
        "kind": "news",
        "headline_ar": "عنوان جديد",
        "headline_en": "",
        "summary_ar": "", "summary_en": "",
        "body_ar": "الفقرة الأولى.\n\nالفقرة الثانية.",
        "body_en": "",
        "dateline_place_ar": "نيويورك", "dateline_place_en": "",
        "dateline_source_ar": "المكتب الإعلامي", "dateline_source_en": "",
        "dateline_date": "2026-02-10",
        "occasion_ar": "", "occasion_en": "",
        "lead_image_alt_ar": "", "lead_image_alt_en": "",
        "lead_image_caption_ar": "", "lead_image_caption_en": "",
        "change_note_ar": "", "change_note_en": "",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def writer_client(client):
    client.force_login(factories.user(role=WRITER))
    return client


def test_writer_drafts_a_release_in_the_admin(writer_client):
    response = writer_client.post("/admin/releases/edition/add/", edition_post_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    edition = Edition.objects.get()
    assert edition.state == State.DRAFT
    assert edition.body_ar == "<p>الفقرة الأولى.</p><p>الفقرة الثانية.</p>"
    assert edition.release.kind == "news"


def test_arabic_inputs_are_rtl_and_english_ltr_whatever_the_admin_language(writer_client):
    for language in ("ar", "en"):
        html = writer_client.get("/admin/releases/edition/add/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        headline_ar = re.search(r'<input[^>]*name="headline_ar"[^>]*>', html).group(0)
        headline_en = re.search(r'<input[^>]*name="headline_en"[^>]*>', html).group(0)
        assert 'dir="rtl"' in headline_ar and 'lang="ar"' in headline_ar
        assert 'dir="ltr"' in headline_en and 'lang="en"' in headline_en


def test_admin_works_in_arabic_and_english(writer_client):
    arabic = writer_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    english = writer_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<html lang="en" dir="ltr">' in english


def test_admin_loads_nothing_from_third_party_hosts(writer_client):
    html = writer_client.get("/admin/releases/edition/add/").content.decode()
    # The form's own script and the editor it loads are ours, from our static files.
    assert 'src="/static/releases/edition_form.js"' in html
    assert 'data-editor="/static/django_prose_editor/editor.js"' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_admin_search_finds_arabic_and_english_headlines(writer_client):
    factories.edition(headline_ar="اجتماع التنمية المستدامة", headline_en="Sustainable development meeting")
    factories.edition(headline_ar="شيء آخر", headline_en="Something else")
    arabic = writer_client.get("/admin/releases/edition/", {"q": "التنمية"}).content.decode()
    english = writer_client.get("/admin/releases/edition/", {"q": "Sustainable"}).content.decode()
    assert "اجتماع التنمية المستدامة" in arabic and "شيء آخر" not in arabic
    assert "Sustainable development meeting" in english and "Something else" not in english


@pytest.mark.parametrize("query, shown, hidden", [
    ("state__exact=draft", "مسودة مترجمة", "خبر منشور"),
    ("state__exact=published", "خبر منشور", "مسودة مترجمة"),
    ("release__kind__exact=statement", "خبر منشور", "مسودة مترجمة"),
    ("english=missing", "غير مترجم", "مسودة مترجمة"),
    ("english=complete", "مسودة مترجمة", "غير مترجم"),
    ("english=stale", "ترجمة قديمة", "مسودة مترجمة"),
])
def test_admin_list_filters_show_what_they_name_and_nothing_else(writer_client, writer, query, shown, hidden):
    from releases import workflow

    factories.edition(headline_ar="مسودة مترجمة")
    factories.edition(english=False, headline_ar="غير مترجم")
    factories.edition(state=State.PUBLISHED, kind="statement", headline_ar="خبر منشور")
    live = factories.edition(state=State.PUBLISHED, headline_ar="ترجمة قديمة")
    draft = workflow.edition_start_new(release=live.release, user=writer)
    factories.edit(draft, writer, body_ar="<p>نص عربي تغير بعد الترجمة</p>")
    response = writer_client.get(f"/admin/releases/edition/?{query}")
    assert response.status_code == 200
    headlines = [str(edition.headline_ar) for edition in response.context["cl"].result_list]
    assert shown in headlines and hidden not in headlines


def test_admin_filters_by_programme_and_speaker(writer_client):
    programme, speaker = factories.programme(), factories.speaker()
    edition = factories.edition(headline_en="Linked one")
    edition.programmes.add(programme)
    edition.speakers.add(speaker)
    factories.edition(headline_en="Unlinked one")
    for query in (f"programmes__id__exact={programme.pk}", f"speakers__id__exact={speaker.pk}"):
        html = writer_client.get(f"/admin/releases/edition/?{query}").content.decode()
        assert "Linked one" in html and "Unlinked one" not in html


@pytest.mark.parametrize(
    "name, content",
    [
        ("notes.png", b"this is not an image at all"),
        ("cut.png", png_bytes()[:60]),
        ("bomb.png", png_bytes(size=(9000, 9000))),
    ],
)
def test_bad_images_are_form_errors_never_500(writer_client, settings, name, content):
    settings.PRESSOFFICE_MAX_IMAGE_PIXELS = 10_000_000
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = writer_client.post("/admin/releases/edition/add/", edition_post_data(lead_image=upload))
    assert response.status_code == 200
    assert "lead_image" in response.context["adminform"].form.errors
    assert not Release.objects.exists()


def test_a_good_image_is_stored_under_an_unguessable_name(writer_client):
    upload = SimpleUploadedFile("my-secret-photo.png", png_bytes(), content_type="image/png")
    response = writer_client.post("/admin/releases/edition/add/",
                                  edition_post_data(lead_image=upload, lead_image_alt_ar="صورة"))
    assert response.status_code == 302
    name = Edition.objects.get().lead_image.name
    assert "my-secret-photo" not in name
    assert re.fullmatch(r"images/[0-9a-f]{2}/[0-9a-f]{32}\.png", name)


def test_bidi_override_in_a_headline_is_a_clear_form_error(writer_client):
    response = writer_client.post("/admin/releases/edition/add/", edition_post_data(headline_ar="عنوان\u202eمقلوب"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["headline_ar"]
    assert "bidirectional" in str(errors) or "ثنائي" in str(errors)


def test_hostile_html_in_the_body_is_sanitised(writer_client):
    body = '<p onclick="x()">نص</p><script>alert(1)</script><a href="javascript:alert(1)">رابط</a>'
    writer_client.post("/admin/releases/edition/add/", edition_post_data(body_ar=body))
    stored = Edition.objects.get().body_ar
    assert "<script" not in stored and "onclick" not in stored and "javascript:" not in stored
    assert "<p>نص</p>" in stored


def test_a_translator_sees_the_arabic_read_only_and_cannot_post_over_it(client):
    edition = factories.edition(english=False, headline_ar="العنوان الأصلي")
    client.force_login(factories.user(role=TRANSLATOR))
    page = client.get(f"/admin/releases/edition/{edition.pk}/change/").content.decode()
    assert 'name="headline_en"' in page and 'name="headline_ar"' not in page and "العنوان الأصلي" in page
    data = edition_post_data(headline_ar="عنوان مزور", headline_en="Translated headline",
                             body_en="Translated body", dateline_place_en="New York", seen_version=edition.version)
    data.pop("kind")
    response = client.post(f"/admin/releases/edition/{edition.pk}/change/", data)
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.headline_ar == "العنوان الأصلي" and edition.headline_en == "Translated headline"


def test_published_edition_cannot_be_changed_in_the_admin(client):
    edition = factories.edition(state=State.PUBLISHED, headline_ar="منشور")
    client.force_login(factories.user(role=EDITOR))
    data = edition_post_data(headline_ar="تغيير", seen_version=edition.version)
    data.pop("kind")
    response = client.post(f"/admin/releases/edition/{edition.pk}/change/", data)
    # Refused with a message, and the text typed is shown back rather than lost.
    assert response.status_code == 200
    assert "can no longer be changed" in response.content.decode() or "لم يعد" in response.content.decode()
    assert "تغيير" in response.content.decode()
    edition.refresh_from_db()
    assert edition.headline_ar == "منشور"


@pytest.mark.parametrize("debug, works", [(True, True), (False, False)])
def test_demo_passwords_work_only_in_debug(client, settings, debug, works):
    from releases.demo_content import ACCOUNTS

    username, _role, password = ACCOUNTS[0]
    for name, secret in ((username, password), ("real-" + username, "a-real-password-9")):
        account = factories.user(username=name)
        account.set_password(secret)
        account.save()
    settings.DEBUG = debug
    # django-axes checks lockouts per request, so a login outside a request must name one.
    request = HttpRequest()
    assert client.login(request=request, username=username, password=password) is works
    assert client.login(request=request, username="real-" + username, password="a-real-password-9")


def test_release_list_in_the_admin_shows_headlines_in_constant_queries(client, django_assert_max_num_queries):
    for n in range(6):
        factories.published_release(headline_ar=f"عنوان {n}")
    client.force_login(factories.user(is_superuser=True))
    with django_assert_max_num_queries(12):
        html = client.get("/admin/releases/release/").content.decode()
    assert "عنوان 5" in html


@pytest.mark.parametrize("model_name", ["Organisation", "Programme"])
def test_a_website_typed_without_its_scheme_is_taken_as_https(rf, model_name):
    """"example.org" became http://example.org (Django 5's default, with a warning that 6 will change it)."""
    from django.contrib import admin

    from releases import models

    model = getattr(models, model_name)
    request = rf.get("/")
    request.user = factories.user(is_superuser=True)
    form = admin.site._registry[model].get_form(request)()
    assert form.fields["website"].clean("example.org") == "https://example.org"
    assert form.fields["website"].clean("http://example.org") == "http://example.org"
