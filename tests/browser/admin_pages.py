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
    # .first: the edition form shows its buttons both above and below the fields. An action that
    # isn't this person's main one is in the workflow bar's "More actions" menu: open it first.
    button = page.get_by_role("button", name=label(page, text), exact=True)
    if not button.count() and page.locator("details.workflow-menu:not([open]) > summary").count():
        page.locator("details.workflow-menu > summary").first.click()
    with page.expect_navigation() as navigation:
        button.first.click()
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


def _rich_text(page, field, language):
    """The rich-text editor of a field, once edition_form.js has built it; None for a plain input."""
    if not page.locator(f"textarea#id_{field}_{language}[data-rich-text]").count():
        return None
    editor = page.locator(f"#id_{field}_{language}_editor")
    editor.wait_for(state="visible")
    return editor


def fill_in(page, field, text, *, language="ar"):
    """Type into a translated field, in its language's column. The body is the rich-text editor:
    select what is there and type over it, a paragraph at a time, as a person does."""
    editor = _rich_text(page, field, language)
    if editor is None:
        page.locator(f"#id_{field}_{language}").fill(text)
        return
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    for number, paragraph in enumerate(re.split(r"\n\s*\n", text)):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.insert_text(paragraph)


def field_text(page, field, *, language="ar"):
    """The text a field shows: an input's value, or the words in the rich-text editor."""
    editor = _rich_text(page, field, language)
    if editor is None:
        return page.locator(f"#id_{field}_{language}").input_value()
    return "\n\n".join(block.strip() for block in editor.locator(":scope > *").all_inner_texts())


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


def save_and_mark_translated(page):
    """Save the English typed so far and mark the translation ready, in one press."""
    _press(page, "Save and mark the translation ready")
    _assert_succeeded(page)


def publish_confirmed(page, *, on_confirmation=lambda page: None):
    """Save, read the confirmation page (what goes public, in which languages), and publish."""
    _press(page, "Save and publish…")
    _assert_succeeded(page)
    on_confirmation(page)
    _press(page, "Publish now")
    _assert_succeeded(page)
