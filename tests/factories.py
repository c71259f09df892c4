"""Plain factory functions: each makes one valid object, with overrides."""

import datetime
import io
import itertools
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from releases.models import Appointment, Edition, Organisation, Programme, Release, Scope, Speaker, Subscriber
from releases.states import State

# The Redis that tests may use (the `redis_server` fixture skips a test without one).
REDIS_URL = os.environ.get("PRESSOFFICE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")

_counter = itertools.count(1)


def user(*, username=None, role=None, **fields):
    username = username or f"user{next(_counter)}"
    account = get_user_model().objects.create_user(
        username=username, password="password", is_staff=True, **fields
    )
    if role:
        from releases.roles import ensure_roles

        ensure_roles()
        account.groups.add(Group.objects.get(name=role))
    return account


def organisation(**fields):
    n = next(_counter)
    fields.setdefault("name_ar", f"منظمة {n}")
    fields.setdefault("name_en", f"Organisation {n}")
    return Organisation.objects.create(**fields)


def speaker(**fields):
    n = next(_counter)
    fields.setdefault("name_ar", f"متحدث {n}")
    fields.setdefault("name_en", f"Speaker {n}")
    fields.setdefault("honorific_ar", "سعادة")
    fields.setdefault("honorific_en", "H.E.")
    fields.setdefault("slug", f"speaker-{n}")
    return Speaker.objects.create(**fields)


def appointment(*, speaker, **fields):
    fields.setdefault("post_title_ar", "المندوب الدائم")
    fields.setdefault("post_title_en", "Permanent Representative")
    fields.setdefault("started_on", datetime.date(2020, 1, 1))
    return Appointment.objects.create(speaker=speaker, **fields)


def programme(**fields):
    n = next(_counter)
    fields.setdefault("name_ar", f"برنامج {n}")
    fields.setdefault("name_en", f"Programme {n}")
    fields.setdefault("slug", f"programme-{n}")
    return Programme.objects.create(**fields)


def image_file(*, name="photo.png", size=(1600, 900), colour=(122, 21, 49), format="PNG", **save_options):
    """An uploadable image, drawn on the spot."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format, **save_options)
    return ContentFile(buffer.getvalue(), name=name)


def edition_with_image(**fields):
    """A published edition with a lead image described in both languages."""
    fields.setdefault("state", State.PUBLISHED)
    fields.setdefault("lead_image", image_file())
    fields.setdefault("lead_image_alt_ar", "وصف الصورة")
    if fields.get("english", True):
        fields.setdefault("lead_image_alt_en", "What the picture shows")
    return edition(**fields)


def edition(*, release=None, state=State.DRAFT, published_at=None, english=True, **fields):
    """An edition in `state`. Public states default to having gone public an hour ago."""
    n = next(_counter)
    release = release or Release.objects.create(kind=fields.pop("kind", Release.Kind.NEWS))
    fields.setdefault("number", (release.editions.count() + 1))
    fields.setdefault("headline_ar", f"عنوان الخبر رقم {n}")
    fields.setdefault("body_ar", f"<p>نص الخبر رقم {n}.</p>")
    fields.setdefault("dateline_place_ar", "نيويورك")
    fields.setdefault("dateline_source_ar", "المكتب الإعلامي")
    fields.setdefault("dateline_date", datetime.date(2026, 2, 10))
    if english:
        fields.setdefault("headline_en", f"Headline number {n}")
        fields.setdefault("body_en", f"<p>Body of release number {n}.</p>")
        fields.setdefault("dateline_place_en", "New York")
        fields.setdefault("dateline_source_en", "Media Office")
    if state in (State.PUBLISHED, State.SCHEDULED, State.SUPERSEDED) and published_at is None:
        published_at = timezone.now() - datetime.timedelta(hours=1)
    made = Edition(release=release, state=state, published_at=published_at, **fields)
    made.refresh_translation_status()
    made.save()
    if state == State.PUBLISHED:
        Release.objects.filter(pk=release.pk).update(live_edition=made)
    if published_at and (release.first_published_at is None or published_at < release.first_published_at):
        release.first_published_at = published_at
        release.save(update_fields=["first_published_at"])
    return made


def published_release(**fields):
    return edition(state=State.PUBLISHED, **fields).release


def png_bytes(size=(20, 10), colour="red"):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes():
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(*, main_part=True):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        content_type = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
                        if main_part else "application/xml")
        archive.writestr("[Content_Types].xml", f'<Types><Override PartName="/word/document.xml" ContentType="{content_type}"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def with_lead_image(edition, content=None, name="photo.png"):
    """Gives `edition` a lead image, described in each language it is complete in (as publishing requires)."""
    from django.core.files.base import ContentFile

    for code, _name in settings.LANGUAGES:
        field = f"lead_image_alt_{code}"
        if edition.is_complete_in(code) and not getattr(edition, field):
            setattr(edition, field, "وصف الصورة" if code == settings.LANGUAGE_CODE else "What the picture shows")
    edition.lead_image.save(name, ContentFile(content or png_bytes()), save=True)
    return edition


def attachment(*, edition, content=None, name="report.pdf", **fields):
    from django.core.files.base import ContentFile

    from releases.models import Attachment

    fields.setdefault("title_ar", "تقرير")
    fields.setdefault("title_en", "Report")
    made = Attachment(edition=edition, **fields)
    made.file.save(name, ContentFile(content or pdf_bytes()), save=True)
    return made


def subscriber(*, email=None, languages=("ar",), scopes=("all",), confirmed_at=None, **fields):
    """A confirmed subscriber. `scopes` are stored keys: "all", "kind:news", "speaker:<pk>", "programme:<pk>"."""
    from releases.alerts.scopes import scope_fields

    confirmed_at = confirmed_at or timezone.now() - datetime.timedelta(days=1)
    made = Subscriber(email=email or f"reader{next(_counter)}@example.org", confirmed_at=confirmed_at, **fields)
    made.set_languages(languages)
    made.save()
    for key in scopes:
        Scope.objects.create(subscriber=made, key=key, added_at=confirmed_at, **scope_fields(key))
    return made

# The workflow, as a person who has just loaded the edition would use it.


def edit(edition, user, **data):
    from releases import workflow

    edition.refresh_from_db()
    return workflow.edition_update(edition=edition, user=user, seen_version=edition.version, data=data)


def submit(edition, user):
    from releases import workflow

    edition.refresh_from_db()
    return workflow.edition_submit(edition=edition, user=user, seen_version=edition.version)


def publish(edition, user, **options):
    from releases import workflow

    edition.refresh_from_db()
    return workflow.edition_publish(edition=edition, user=user, seen_version=edition.version, **options)


def schedule(edition, user, at, **options):
    from releases import workflow

    edition.refresh_from_db()
    return workflow.edition_schedule(edition=edition, user=user, seen_version=edition.version, at=at, **options)
