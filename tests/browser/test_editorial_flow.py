"""A release goes from a writer's draft to the public site, through the admin, in each admin language."""

import copy

import pytest
from django.conf import settings

from releases.admin import EditionAdmin
from releases.models import Edition
from releases.states import State
from tests import factories
from tests.browser import admin_pages as admin

ADMIN_LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Taken at import, before any request: see _edition_fieldsets_as_declared.
DECLARED_FIELDSETS = copy.deepcopy(EditionAdmin.fieldsets)
ISSUE_7_KIND_BUG = (
    "issue 7: EditionAdmin.get_fieldsets edits the class's fieldsets in place, so once any edition's "
    "change page has been shown, the add form has no Kind field and cannot be saved"
)


@pytest.fixture(autouse=True)
def _edition_fieldsets_as_declared():
    # Until the issue 7 fix lands, one test's visit to a change page would break every later
    # "Add edition" in this process. Delete this fixture with the xfail below.
    EditionAdmin.fieldsets = copy.deepcopy(DECLARED_FIELDSETS)


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_writer_translator_and_editor_take_a_release_to_the_public_site(
    new_context, shot, writer, translator, editor, language
):
    writing = admin.login(new_context(language=language).new_page(), writer.username)
    # The brief's flow opens an existing edition first: see the xfail below, then move it here.
    pk = admin.create_release(
        writing, kind="statement", headline="البعثة ترحب باعتماد القرار بالإجماع",
        body="رحبت البعثة الدائمة باعتماد القرار.\n\nوأكدت دعمها لجهود الأمين العام.", place="نيويورك",
    )
    admin.fill_in(writing, "summary", "ترحيب بالقرار ودعم لجهود الأمين العام.")
    shot(writing, f"{language}-1-writer-created-a-draft-and-typed-a-summary")
    admin.save_and_submit(writing)
    shot(writing, f"{language}-2-writer-submitted")
    edition = Edition.objects.get(pk=pk)
    assert (edition.state, edition.summary_ar) == (State.IN_REVIEW, "ترحيب بالقرار ودعم لجهود الأمين العام.")

    translating = admin.login(new_context(language=language).new_page(), translator.username)
    admin.open_edition(translating, edition)
    admin.add_english(
        translating, headline="Mission welcomes the unanimous adoption of the resolution",
        body="The Permanent Mission welcomed the adoption of the resolution.", place="New York",
    )
    shot(translating, f"{language}-3-translator-added-english")

    publishing = admin.login(new_context(language=language).new_page(), editor.username)
    admin.open_edition(publishing, edition)
    admin.publish_confirmed(publishing)
    shot(publishing, f"{language}-4-editor-published")
    edition.refresh_from_db()
    assert edition.state == State.PUBLISHED

    reader = new_context(language=language).new_page()
    for public_language, headline in (("ar", "البعثة ترحب باعتماد القرار بالإجماع"),
                                      ("en", "Mission welcomes the unanimous adoption of the resolution")):
        reader.goto(f"/{public_language}/releases/{edition.release_id}/")
        assert reader.locator("h1").inner_text() == headline
        shot(reader, f"{language}-5-public-{public_language}")
        reader.goto(f"/{public_language}/")
        assert reader.get_by_role("link", name=headline).count() == 1


@pytest.mark.xfail(strict=True, reason=ISSUE_7_KIND_BUG)
@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_a_writer_who_opened_an_existing_edition_can_still_start_a_new_release(new_context, shot, writer, language):
    existing = factories.edition(state=State.PUBLISHED, headline_ar="بيان منشور من قبل")
    writing = admin.login(new_context(language=language).new_page(), writer.username)
    admin.open_edition(writing, existing)
    shot(writing, f"{language}-0-writer-opens-an-existing-edition")
    writing.goto("/admin/releases/edition/add/")
    assert writing.locator("#id_kind").count() == 1, ISSUE_7_KIND_BUG
    admin.create_release(writing, kind="news", headline="خبر جديد", body="نص الخبر.", place="نيويورك")
    assert Edition.objects.filter(headline_ar="خبر جديد").exists()
