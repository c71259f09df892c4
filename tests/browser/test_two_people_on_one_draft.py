"""Two people edit the same draft in two browsers: the later save is refused, and keeps its text."""

import pytest
from django.conf import settings

from releases.models import Edition
from tests import factories
from tests.browser import admin_pages as admin


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_second_save_sees_the_conflict_and_its_own_text(new_context, shot, writer, editor, language):
    draft = factories.edition(author=writer, headline_ar="العنوان الأول", english=False)
    first = admin.login(new_context(language=language).new_page(), writer.username)
    second = admin.login(new_context(language=language).new_page(), editor.username)
    admin.open_edition(first, draft)
    admin.open_edition(second, draft)

    admin.fill_in(first, "headline", "عنوان الكاتب")
    admin.save(first)
    assert not admin.shows_conflict(first, draft)

    admin.fill_in(second, "headline", "عنوان المحرر")
    admin.save(second)
    shot(second, f"{language}-second-save-refused")

    assert admin.shows_conflict(second, draft), admin.messages(second)
    assert second.locator("#id_headline_ar").input_value() == "عنوان المحرر"
    assert Edition.objects.get(pk=draft.pk).headline_ar == "عنوان الكاتب"
