"""A form with more text than the server accepts is stopped in the browser, and the text stays."""

import pytest

from releases.models import Edition
from tests import factories
from tests.browser import admin_pages as admin
from tests.browser.test_content_security_policy import open_page


@pytest.mark.django_db(transaction=True)
def test_an_oversized_edition_is_not_sent_and_its_text_stays_in_the_form(browser, live_server, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4000
    client.force_login(factories.user(is_superuser=True))
    page, _errors = open_page(browser, live_server, client, "/admin/releases/edition/add/")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    long_text = "فقرة طويلة جداً. " * 400
    page.fill("#id_headline_ar", "عنوان")
    admin.fill_in(page, "body", long_text)
    page.locator("button[name=_continue]").first.click()
    page.wait_for_timeout(500)
    assert dialogs and "Nothing has been sent" in dialogs[0]
    assert admin.field_text(page, "body") == long_text.strip()
    assert long_text.strip() in page.input_value("#id_body_ar")
    assert "/add/" in page.url and not Edition.objects.exists()
    page.context.close()
