"""In a real browser (Debian's Chromium, headless), the strict CSP breaks nothing: the admin's scripts,
the edition form's rich-text editor, modeltranslation's language tabs and the public pages all run with
no policy violation.

Uses the harness's Chromium (tests/browser/conftest.py, the `browser` fixture).
"""

import pytest

from releases.states import State
from tests import factories

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber));
"""


def open_page(browser, live_server, client, url, language="en"):
    context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language})
    cookie = client.cookies.get("sessionid")
    if cookie is not None:
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + url, wait_until="load")
    page.wait_for_timeout(300)
    return page, errors


@pytest.mark.django_db(transaction=True)
def test_the_admin_and_its_language_tabs_work_under_the_policy(browser, live_server, client):
    client.force_login(factories.user(is_superuser=True))
    draft = factories.edition(state=State.DRAFT)
    for url in ("/admin/", "/admin/releases/edition/add/", f"/admin/releases/edition/{draft.pk}/change/",
                "/admin/releases/speaker/add/", "/admin/releases/edition/?q=x"):
        page, errors = open_page(browser, live_server, client, url)
        assert page.evaluate("window.__violations") == [], url
        assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], (url, errors)
        if "/edition/" in url and ("/add/" in url or "/change/" in url):
            # The edition form's module ran: it built the rich-text editors (summary and body, in both
            # languages) and counted the fields.
            assert page.locator(".rich-text-content[contenteditable=true]").count() == 4, url
            assert page.locator("[data-completeness]").count() == 2, url
        elif "/add/" in url:
            # modeltranslation's jQuery UI tabs were built: its script ran.
            assert page.locator(".ui-tabs").count() > 0, url
        page.context.close()


@pytest.mark.django_db(transaction=True)
def test_the_public_pages_and_the_login_page_run_under_the_policy(browser, live_server, client):
    release = factories.published_release()
    for url, language in (("/ar/", "ar"), ("/en/releases/", "en"), (release.get_absolute_url(), "ar"), ("/ar/alerts/", "ar"),
                          ("/admin/login/", "ar"), ("/admin/login/", "en")):
        page, errors = open_page(browser, live_server, client, url, language)
        assert page.evaluate("window.__violations") == [], url
        assert not [e for e in errors if "Content Security Policy" in e], (url, errors)
        page.context.close()
