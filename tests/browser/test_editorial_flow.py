"""A release goes from a writer's draft to the public site, through the admin, in each admin language."""

import pytest
from django.conf import settings

from releases.models import Edition
from releases.states import State
from tests import factories
from tests.browser import admin_pages as admin

ADMIN_LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_writer_translator_and_editor_take_a_release_to_the_public_site(
    new_context, shot, writer, translator, editor, language
):
    existing = factories.edition(state=State.PUBLISHED, headline_ar="بيان منشور من قبل")

    writing = admin.login(new_context(language=language).new_page(), writer.username)
    # Opening an edition first once left the add form without its Kind field (issue 7).
    admin.open_edition(writing, existing)
    shot(writing, f"{language}-0-writer-opens-an-existing-edition")
    pk = admin.create_release(
        writing, kind="statement", headline="البعثة ترحب باعتماد القرار بالإجماع",
        body="رحبت البعثة الدائمة باعتماد القرار.\n\nوأكدت دعمها لجهود الأمين العام.", place="نيويورك",
    )
    admin.fill_in(writing, "summary", "ترحيب بالقرار ودعم لجهود الأمين العام.")
    shot(writing, f"{language}-1-writer-created-a-draft-and-typed-a-summary")
    admin.save_and_submit(writing)
    shot(writing, f"{language}-2-writer-submitted")
    edition = Edition.objects.get(pk=pk)
    # Typed in the summary's editor, stored as the rich text it made.
    assert (edition.state, edition.summary_ar) == (State.IN_REVIEW, "<p>ترحيب بالقرار ودعم لجهود الأمين العام.</p>")

    translating = admin.login(new_context(language=language).new_page(), translator.username)
    admin.open_edition(translating, edition)
    admin.add_english(
        translating, headline="Mission welcomes the unanimous adoption of the resolution",
        body="The Permanent Mission welcomed the adoption of the resolution.", place="New York",
    )
    shot(translating, f"{language}-3-translator-added-english")

    publishing = admin.login(new_context(language=language).new_page(), editor.username)
    admin.open_edition(publishing, edition)
    admin.publish_confirmed(publishing, on_confirmation=lambda page: shot(page, f"{language}-4-editor-confirms"))
    shot(publishing, f"{language}-5-editor-published")
    edition.refresh_from_db()
    assert edition.state == State.PUBLISHED

    reader = new_context(language=language).new_page()
    for public_language, headline in (("ar", "البعثة ترحب باعتماد القرار بالإجماع"),
                                      ("en", "Mission welcomes the unanimous adoption of the resolution")):
        reader.goto(f"/{public_language}/releases/{edition.release_id}/")
        assert reader.locator("h1").inner_text() == headline
        shot(reader, f"{language}-6-public-{public_language}")
        reader.goto(f"/{public_language}/")
        assert reader.get_by_role("link", name=headline).count() == 1

