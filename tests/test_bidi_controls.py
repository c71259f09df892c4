"""Bidi overrides (U+202A-U+202E) are refused in every text that reaches the public; isolates are allowed."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from releases import workflow
from releases.fields import PublicCharField, PublicTextField
from releases.models import Edition, Release
from releases.states import State
from tests import factories
from tests.test_admin import edition_post_data

pytestmark = pytest.mark.django_db
OVERRIDE = "\u202e"
PUBLIC_TEXT = {
    "edition": {"headline", "summary", "body", "dateline_place", "dateline_source", "occasion", "lead_image_alt",
                "lead_image_caption", "change_note"},
    "release": {"withdrawal_notice"},
    "speaker": {"honorific", "name", "bio"},
    "appointment": {"post_title"},
    "programme": {"name", "short_name", "description"},
    "organisation": {"name", "acronym"},
    "attachment": {"title"},
    "correction": {"note"},
}


def public_text_fields():
    for model in apps.get_app_config("releases").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (PublicCharField, PublicTextField)):
                yield model, field


def test_every_text_the_public_reads_carries_the_rule_in_every_language():
    covered = {(model._meta.model_name, field.attname) for model, field in public_text_fields()}
    from django.conf import settings

    for model_name, names in PUBLIC_TEXT.items():
        for name in names:
            assert (model_name, name) in covered
            for code, _label in settings.LANGUAGES:
                assert (model_name, f"{name}_{code}") in covered, f"{model_name}.{name}_{code}"


@pytest.mark.parametrize("model, field", list(public_text_fields()), ids=lambda v: getattr(v, "attname", None) or v.__name__)
def test_each_public_text_field_refuses_an_override_on_validation_and_on_save(model, field):
    with pytest.raises(ValidationError):
        field.clean(f"نص {OVERRIDE}مقلوب", None)
    field.clean("نص \u2067معزول\u2069 سليم", None)  # isolates are how mixed text is written properly


def test_the_withdrawal_notice_with_an_override_is_refused_and_nothing_changes(editor):
    release = factories.published_release()
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        workflow.release_withdraw(release=release, user=editor, notice_ar=f"سحب {OVERRIDE}البيان")
    assert "U+202A" in " ".join(refused.value.messages)
    release.refresh_from_db()
    assert release.withdrawn_at is None and not release.withdrawal_notice_ar


def test_an_override_in_the_occasion_caption_alt_text_or_change_note_is_a_form_error(client, writer):
    client.force_login(writer)
    for name in ("occasion_ar", "occasion_en", "lead_image_alt_en", "lead_image_caption_ar", "change_note_en"):
        response = client.post("/admin/releases/edition/add/", edition_post_data(**{name: f"x{OVERRIDE}y"}))
        assert response.status_code == 200, name
        assert name in response.context["adminform"].form.errors
        assert response.context["adminform"].form.data[name] == f"x{OVERRIDE}y"  # the typed text comes back
    assert not Release.objects.exists()


def test_no_save_path_can_store_an_override(db):
    edition = factories.edition(state=State.DRAFT)
    edition.occasion_en = f"Meeting {OVERRIDE}"
    with pytest.raises(ValidationError):
        edition.save()
    assert not Edition.objects.get(pk=edition.pk).occasion_en
