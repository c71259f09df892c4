"""The desk in a real browser: an editor publishes from their queue, and the desk's pages at 1280 and 390 px.

Screenshots go to screenshots/desk/. axe must find no violation at all (WCAG 2.2 AA) on the
pages the desk owns (home and queues, the edition list, history, diff, notifications), and
no page may scroll sideways on a phone.
"""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from releases import workflow
from releases.states import State
from tests import factories
from tests.browser import admin_pages as admin
from tests.browser.checks import Findings, assert_known, axe

ADMIN_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _no_sideways_scroll(page):
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{page.url} scrolls sideways: {width[0]} px of content in {width[1]} px"


def _desk(writer, translator, editor):
    """A morning's work: a submission, a returned draft, a schedule, a translation to do."""
    long_headline = ("البعثة الدائمة ترحب باعتماد مجلس الأمن بالإجماع قرارًا بشأن حماية المدنيين "
                     "والعاملين في المجال الإنساني في النزاعات المسلحة")
    review = factories.submit(factories.edition(author=writer, headline_ar=long_headline,
                                                headline_en="Permanent Mission welcomes the unanimous adoption "
                                                            "of a Security Council resolution on protecting civilians"),
                              writer)
    returned = factories.submit(factories.edition(author=writer, headline_ar="كلمة في الحوار رفيع المستوى"), writer)
    returned.refresh_from_db()
    workflow.edition_return(edition=returned, user=editor, seen_version=returned.version,
                            comment="أضف اسم المتحدث ومنصبه في الفقرة الأولى.")
    factories.edition(author=writer, english=False, headline_ar="زيارة ميدانية لمواقع برنامج المياه النظيفة")
    factories.edition(state=State.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=1, hours=3),
                      headline_ar="بيان بمناسبة اليوم الدولي للتعليم", headline_en="Statement on the International Day of Education")
    live = factories.edition(state=State.PUBLISHED, headline_ar="توقيع اتفاقية لتمويل المرحلة الثالثة",
                             headline_en="Agreement signed to fund the third phase")
    draft = workflow.edition_start_new(release=live.release, user=writer)
    factories.edit(draft, writer, body_ar="<p>نص عربي تغير بعد الترجمة، فصارت الإنجليزية قديمة.</p>")
    return review, draft


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_an_editor_publishes_from_the_queue_after_the_confirmation(new_context, shot, writer, translator, editor,
                                                                   language):
    review, _draft = _desk(writer, translator, editor)
    page = admin.login(new_context(language=language).new_page(), editor.username)
    queue = page.locator("#queue-review")
    shot(page, f"{language}-editor-home-before")
    with page.expect_navigation():
        queue.get_by_role("link", name=review.headline_ar[:30], exact=False).first.click()
    assert f"/admin/releases/edition/{review.pk}/change/" in page.url

    def confirm(confirmation):
        text = confirmation.locator("#content").inner_text()
        with translation.override(language):
            names = [str(name) for _code, name in settings.LANGUAGES]
        assert all(name in text for name in names), text  # it names the languages that go public
        shot(confirmation, f"{language}-editor-confirms-from-the-queue")

    admin.publish_confirmed(page, on_confirmation=confirm)
    review.refresh_from_db()
    assert review.state == State.PUBLISHED
    page.goto("/admin/")
    assert page.locator(f'#queue-review a[href="/admin/releases/edition/{review.pk}/change/"]').count() == 0

    # The writer hears of it on their own desk, in their language.
    writing = admin.login(new_context(language=language).new_page(), writer.username)
    inbox = writing.locator(".desk-inbox").inner_text()
    with translation.override(language):
        assert review.headline[:20] in inbox, inbox
    shot(writing, f"{language}-writer-home-after")


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_the_desk_reads_well_at_1280_and_390_px_in_both_languages(new_context, shot, writer, translator, editor,
                                                                  language, size):
    review, draft = _desk(writer, translator, editor)
    width = "1280" if size == "desktop" else "390"
    findings = Findings()
    for person in (writer, translator, editor):
        page = admin.login(new_context(language=language, size=size).new_page(), person.username)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator(".desk-queue").count() >= 2
        role = person.groups.first().name.lower()
        shot(page, f"{language}-{width}-home-{role}")
        _no_sideways_scroll(page)
        findings.extend(axe(page, where=(language, size, f"home-{role}")))
    pages = {
        "edition-list": "/admin/releases/edition/",
        "queue-list": "/admin/releases/edition/?queue=review",
        "history": f"/admin/releases/edition/{draft.pk}/history/",
        "diff": f"/admin/releases/edition/{draft.pk}/diff/",
        "notifications": "/admin/releases/notification/",
        "audit-trail": "/admin/releases/auditentry/",
    }
    for name, url in pages.items():
        page.goto(url)
        assert page.locator("#content").count(), url
        shot(page, f"{language}-{width}-{name}")
        _no_sideways_scroll(page)
        findings.extend(axe(page, where=(language, size, name)))
    # Not only no critical or serious violation: none at all, on every page the desk owns.
    assert_known(findings, set(), checker=f"axe (desk, {language}, {size})")


def test_the_language_switch_changes_the_admin_and_stays_on_the_page(new_context, editor):
    page = admin.login(new_context(language="ar").new_page(), editor.username)
    page.goto("/admin/releases/edition/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    with page.expect_navigation():
        page.locator('.language-switch button[lang="en"]').click()
    assert page.url.endswith("/admin/releases/edition/")
    assert (page.locator("html").get_attribute("lang"), page.locator("html").get_attribute("dir")) == ("en", "ltr")
    with page.expect_navigation():
        page.locator('.language-switch button[lang="ar"]').click()
    assert page.locator("html").get_attribute("lang") == "ar"


def test_no_server_time_note_under_a_date_and_select2_boxes_have_labels(new_context, writer):
    contexts = new_context
    # A browser six hours ahead of the mission: Django would say "You are 6 hours ahead of server time".
    context = contexts.browser.new_context(base_url=contexts.origin, locale="ar", timezone_id="Asia/Dubai")
    contexts.opened.append(context)
    page = admin.login(context.new_page(), writer.username)
    edition = factories.edition(author=writer)
    admin.open_edition(page, edition)
    page.wait_for_load_state("load")
    assert page.locator("#id_dateline_date").count() == 1
    assert page.locator(".timezonewarning").count() == 0
    boxes = page.locator(".select2-search__field")
    assert boxes.count() >= 2
    for index in range(boxes.count()):
        assert boxes.nth(index).get_attribute("aria-label"), boxes.nth(index).evaluate("e => e.outerHTML")
    # Open, search and close the speakers' drop-down: axe finds nothing in what select2 drew.
    factories.speaker(name_ar="ليلى حداد", name_en="Layla Haddad")
    for step in ("closed", "open", "searched", "chosen"):
        if step == "open":
            page.locator(".field-speakers .select2-selection").click()
        elif step == "searched":
            page.keyboard.type("Lay")
            page.locator(".select2-results__option--highlighted").wait_for()
        elif step == "chosen":
            page.keyboard.press("Enter")
        select2 = Findings((key, detail) for key, detail in axe(page, where=(step,)) if "select2" in detail)
        assert not select2, f"axe, select2 {step}:\n{select2}\n" + page.locator(".field-speakers .select2-selection").evaluate("e => e.outerHTML")
    assert page.locator("#id_speakers option:checked").count() == 1
    # The "clear all" cross still clears, though it now sits outside the list of choices.
    page.locator(".field-speakers .select2-selection__clear").click()
    assert page.locator("#id_speakers option:checked").count() == 0
    assert page.locator(".field-speakers .select2-selection__clear").count() == 0
