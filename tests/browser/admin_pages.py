"""Page objects for the admin's editorial screens: when the admin changes, only these change.

They find buttons by role and by their label in the page's own language, as a person
does, so a missing translation shows up here too.
"""

import re

from django.utils import translation
from django.utils.translation import gettext

EDITION_URL = re.compile(r"/admin/releases/edition/(\d+)/change/")
CONFLICT = (
    "Someone else changed edition %(number)d after you opened it. Nothing you did has been "
    "saved: your text is shown below. Open the edition in a new tab to see the other changes, "
    "merge, and try again."
)


def label(page, text):
    with translation.override(page.locator("html").get_attribute("lang")):
        return gettext(text)


def _press(page, text):
    # .first: the edition form shows its buttons both above and below the fields.
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=label(page, text), exact=True).first.click()
    response = navigation.value
    assert response is None or response.status < 500, f"{response.status} from {response.url} after {text!r}"


def messages(page):
    return page.locator(".messagelist li, .errornote, .errorlist li").all_inner_texts()


def shows_conflict(page, edition):
    """Whether the page tells this person that someone else saved first."""
    return label(page, CONFLICT) % {"number": edition.number} in " ".join(messages(page))


def _assert_succeeded(page):
    assert not page.locator(".errornote, .messagelist .error").count(), messages(page)


def login(page, username, password="password"):
    """Log in to the admin in this page's context (factories give every user the password "password")."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#login-form [type=submit]").click()
    assert "/admin/login/" not in page.url, messages(page)
    return page


def open_edition(page, edition):
    page.goto(f"/admin/releases/edition/{edition.pk}/change/")
    assert page.locator("#edition_form, .change-form").count(), page.url
    return page


def fill_in(page, field, text, *, language="ar"):
    """Type into a translated field. Today each field has language tabs: open the right one first."""
    tab = page.locator(f'a[href="#tab_id_{field}_{language}"]')
    if tab.count() and tab.is_visible():
        tab.click()
    page.locator(f"#id_{field}_{language}").fill(text)


def create_release(page, *, kind, headline, body, place, date="2026-02-10"):
    """Start a new release from "Add edition", save it as a draft; returns the edition's id."""
    page.goto("/admin/releases/edition/add/")
    page.locator("#id_kind").select_option(kind)
    fill_in(page, "headline", headline)
    fill_in(page, "body", body)
    fill_in(page, "dateline_place", place)
    page.locator("#id_dateline_date").fill(date)
    _press(page, "Save draft")
    _assert_succeeded(page)
    return int(EDITION_URL.search(page.url).group(1))


def save(page):
    _press(page, "Save")


def save_and_submit(page):
    """Save what was typed and submit it for review, in one press."""
    _press(page, "Save and submit for review")
    _assert_succeeded(page)


def add_english(page, *, headline, body, place):
    """On an open edition: type the English, save it, and mark the translation ready."""
    fill_in(page, "headline", headline, language="en")
    fill_in(page, "body", body, language="en")
    fill_in(page, "dateline_place", place, language="en")
    # "Mark ready" is offered only once the English is complete, so the first press is a plain save.
    save(page)
    _assert_succeeded(page)
    _press(page, "Save and mark the translation ready")
    _assert_succeeded(page)


def publish_confirmed(page, *, on_confirmation=lambda page: None):
    """Save, read the confirmation page (what goes public, in which languages), and publish."""
    _press(page, "Save and publish…")
    _assert_succeeded(page)
    on_confirmation(page)
    _press(page, "Publish now")
    _assert_succeeded(page)
