"""The edition form side by side (issue 12): Arabic on the right, English on the left, one row per field;
stacked, Arabic first, on a phone; rich text that round-trips; no sideways scroll; nothing for axe to report."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from releases import workflow
from releases.models import AuditEntry, Edition
from releases.sanitise import sanitise_html
from releases.states import State
from tests import factories
from tests.browser import admin_pages as admin
from tests.browser.checks import AXE, WCAG_22_AA, Findings, assert_known, axe

ADMIN_LANGUAGES = [code for code, _name in settings.LANGUAGES]


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def at_top(page):
    """Scrolled back up before a full-page picture: the sticky workflow bar would be drawn mid-page."""
    page.evaluate("window.scrollTo(0, 0)")
    return page


def completeness(page, language):
    return page.locator(f'[data-completeness="{language}"]').inner_text().strip()


def counted(page, language, filled, total=3):
    """The completeness line as the page says it, in the admin's language."""
    name = admin.label(page, dict(settings.LANGUAGES)[language])
    return admin.label(page, "%(language)s: %(filled)s of %(total)s required fields") % {
        "language": name, "filled": filled, "total": total}


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_a_translator_completes_the_english_side_by_side(new_context, shot, writer, translator, language):
    draft = factories.edition(author=writer, english=False, headline_ar="البعثة ترحب بالقرار",
                              body_ar="<p>رحبت البعثة بالقرار.</p><p>وأكدت دعمها.</p>")
    edition = factories.submit(draft, writer)

    page = admin.login(new_context(language=language).new_page(), translator.username)
    admin.open_edition(page, edition)
    # The Arabic is there to read, not to change; the English is there to write.
    assert not page.locator('[name="headline_ar"], [name="body_ar"]').count()
    assert page.locator("#id_headline_en").is_editable()
    assert page.locator('.field-headline .bilingual-cell[lang="ar"]').inner_text().count("البعثة ترحب بالقرار") == 1
    # One row per field: the Arabic on the right of its English, whatever the admin's direction.
    arabic, english = box(page, '.field-headline .bilingual-cell[lang="ar"]'), box(page, '.field-headline .bilingual-cell[lang="en"]')
    assert english["x"] + english["width"] <= arabic["x"] and abs(english["y"] - arabic["y"]) < 2
    assert page.locator(".ui-tabs, .mt-tabs, [role=tablist]").count() == 0
    # The count is live: it follows each field as it is typed.
    assert completeness(page, "en") == counted(page, "en", 0)
    admin.fill_in(page, "headline", "Mission welcomes the resolution", language="en")
    assert completeness(page, "en") == counted(page, "en", 1)
    admin.fill_in(page, "dateline_place", "New York", language="en")
    admin.fill_in(page, "body", "The Mission welcomed the resolution.\n\nIt reaffirmed its support.", language="en")
    assert completeness(page, "en") == counted(page, "en", 3)
    assert completeness(page, "ar") == counted(page, "ar", 3)
    shot(at_top(page), f"{language}-desktop-translator-typed-the-english")

    phone = admin.login(new_context(size="phone", language=language).new_page(), translator.username)
    admin.open_edition(phone, edition)
    arabic, english = box(phone, '.field-headline .bilingual-cell[lang="ar"]'), box(phone, '.field-headline .bilingual-cell[lang="en"]')
    assert arabic["y"] + arabic["height"] <= english["y"], "on a phone the Arabic comes first, above the English"
    assert no_sideways_scroll(phone)
    shot(phone, f"{language}-phone-translator-form")

    # One press saves the English and hands the edition to the editors.
    admin.save_and_mark_translated(page)
    shot(page, f"{language}-desktop-translator-marked-the-translation-ready")
    edition.refresh_from_db()
    assert edition.is_complete_in("en") and edition.state == State.IN_REVIEW
    assert edition.body_en == "<p>The Mission welcomed the resolution.</p><p>It reaffirmed its support.</p>"
    assert AuditEntry.objects.filter(edition=edition, action="translated").exists()
    assert admin.label(page, "Saved. The translation is marked ready for an editor.") in admin.messages(page)


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_the_arabic_that_changed_since_the_english_is_highlighted(new_context, shot, writer, translator, language):
    draft = factories.edition(author=writer, headline_ar="العنوان الأول", dateline_place_ar="نيويورك")
    draft = workflow.edition_update(edition=draft, user=writer, seen_version=draft.version,
                                    data={"headline_ar": "العنوان بعد التعديل"})
    edition = factories.submit(draft, writer)
    assert edition.is_stale_in("en")

    page = admin.login(new_context(language=language).new_page(), translator.username)
    admin.open_edition(page, edition)
    changed = page.locator('.field-headline .bilingual-cell[lang="ar"]')
    assert "changed-source" in changed.get_attribute("class")
    assert admin.label(page, "Changed since the %(language)s translation was made.") % {
        "language": admin.label(page, "English")} in changed.inner_text()
    # What the English was made from is one click away.
    changed.locator("details.changed-before summary").click()
    assert "العنوان الأول" in changed.locator("details.changed-before").inner_text()
    assert "changed-source" not in page.locator('.field-dateline_place .bilingual-cell[lang="ar"]').get_attribute("class")
    shot(at_top(page), f"{language}-desktop-translator-sees-what-changed")


RICH = ('<h2>عنوان فرعي</h2><p>نص <strong>مهم</strong> و<em>مائل</em> و'
        '<a href="https://www.un.org/ar/" rel="noopener noreferrer nofollow">رابط</a>.</p>'
        '<ul><li><p>أولاً</p></li><li><p>ثانياً</p></li></ul><ol><li><p>واحد</p></li></ol>'
        '<blockquote><p>اقتباس من الكلمة.</p></blockquote><p>a&lt;b و c&gt;d</p>')


def test_rich_text_round_trips_and_keeps_angle_brackets_as_text(new_context, writer):
    draft = factories.edition(author=writer, english=False, body_ar=RICH)
    stored = Edition.objects.get(pk=draft.pk).body_ar
    page = admin.login(new_context().new_page(), writer.username)
    admin.open_edition(page, draft)
    editor = page.locator("#id_body_ar_editor")
    editor.wait_for()
    # What the editor shows is the stored text, structure and all; and what it would write is the same.
    assert editor.locator("h2").inner_text() == "عنوان فرعي" and editor.locator("blockquote").count() == 1
    assert editor.locator("ul li").count() == 2 and editor.locator("a[href='https://www.un.org/ar/']").count() == 1
    assert "a<b و c>d" in editor.inner_text()
    assert sanitise_html(page.evaluate("document.getElementById('id_body_ar').richTextEditor.getHTML()")) == stored
    # Saved untouched, the body is exactly what was stored.
    admin.fill_in(page, "headline", "عنوان آخر")
    admin.save(page)
    draft.refresh_from_db()
    assert draft.headline_ar == "عنوان آخر" and draft.body_ar == stored

    # Typed in the editor, "<" and ">" are text, never tags.
    admin.fill_in(page, "body", "a<b و c>d\n\nالفقرة <الثانية>")
    admin.save(page)
    draft.refresh_from_db()
    assert draft.body_ar == "<p>a&lt;b و c&gt;d</p><p>الفقرة &lt;الثانية&gt;</p>"
    assert admin.field_text(page, "body") == "a<b و c>d\n\nالفقرة <الثانية>"


WORD = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->'
        '<p class="MsoNormal" style="margin:0cm;font-family:Calibri"><b><span lang="EN-GB" style="font-size:14pt">'
        'Mission</span></b> <span style="color:red">welcomes</span><o:p></o:p></p>'
        '<h1 style="color:red">Big title</h1><table><tr><td>cell</td></tr></table>'
        '<p><font face="Arial">font</font> <img src="file:///C:/x.png"> <a href="javascript:alert(1)">bad</a> '
        '<a href="https://un.org" onclick="x()">good</a></p><!--EndFragment--></body></html>')


def test_pasting_from_word_keeps_only_the_allowlist(new_context, writer):
    draft = factories.edition(author=writer, english=False)
    page = admin.login(new_context().new_page(), writer.username)
    admin.open_edition(page, draft)
    editor = page.locator("#id_body_en_editor")
    editor.click()
    editor.evaluate("""(element, html) => {
        const data = new DataTransfer();
        data.setData("text/html", html);
        data.setData("text/plain", "Mission welcomes");
        element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", WORD)
    sent = page.input_value("#id_body_en")
    for gone in ("style=", "class=", "<span", "<o:p", "<table", "<td", "<font", "<img", "javascript:", "onclick",
                 "<h1", "StartFragment"):
        assert gone not in sent, (gone, sent)
    assert "<strong>Mission</strong>" in sent and 'href="https://un.org"' in sent
    admin.save(page)
    draft.refresh_from_db()
    tags = set(re.findall(r"</?([a-z0-9]+)", draft.body_en))
    assert tags <= {"p", "strong", "em", "a", "h2", "h3", "ul", "ol", "li", "blockquote", "br"}, tags
    assert "Mission" in draft.body_en and "cell" in draft.body_en



def test_the_summary_has_its_own_editor_with_paragraphs_emphasis_and_links_only(new_context, shot, writer):
    draft = factories.edition(author=writer, english=False, summary_ar="<p>ملخص <strong>مهم</strong> a&lt;b</p>")
    stored = Edition.objects.get(pk=draft.pk).summary_ar
    page = admin.login(new_context().new_page(), writer.username)
    admin.open_edition(page, draft)
    editor = page.locator("#id_summary_ar_editor")
    editor.wait_for()
    assert editor.get_attribute("dir") == "rtl" and page.locator("#id_summary_en_editor").get_attribute("dir") == "ltr"
    assert editor.locator("strong").inner_text() == "مهم" and "a<b" in editor.inner_text()
    toolbar = page.locator(".rich-text[data-tools='summary']").first.locator(".rich-text-toolbar")
    commands = toolbar.locator("button[data-command]").evaluate_all("(buttons) => buttons.map((b) => b.dataset.command)")
    assert commands == ["paragraph", "bold", "italic", "link", "undo", "redo"], commands
    # The body's toolbar keeps everything.
    body_tools = page.locator(".rich-text[data-tools='body']").first.locator("button[data-command]").count()
    assert body_tools > len(commands)
    # Untouched, the summary is sent exactly as stored.
    admin.fill_in(page, "headline", "عنوان آخر")
    admin.save(page)
    draft.refresh_from_db()
    assert draft.summary_ar == stored
    # A heading and a list pasted into the summary become paragraphs; bold typed with the toolbar stays.
    editor = page.locator("#id_summary_ar_editor")
    editor.click()
    editor.evaluate("""(element) => {
        const data = new DataTransfer();
        data.setData("text/html", "<h2>عنوان ملصق</h2><ul><li>بند ملصق</li></ul>");
        data.setData("text/plain", "عنوان ملصق");
        element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""")
    sent = page.input_value("#id_summary_ar")
    assert "<h2" not in sent and "<ul" not in sent and "عنوان ملصق" in sent and "بند ملصق" in sent, sent
    page.keyboard.press("Enter")
    toolbar.locator("button[data-command='bold']").click()
    page.keyboard.insert_text("غامق")
    admin.save(page)
    draft.refresh_from_db()
    assert "<strong>غامق</strong>" in draft.summary_ar, draft.summary_ar
    assert set(re.findall(r"</?([a-z0-9]+)", draft.summary_ar)) <= {"p", "strong", "em", "a", "br"}, draft.summary_ar
    shot(page, "writer-summary-editor")


def axe_within(page, selector, *, where):
    """axe (WCAG 2.2 AA) on one part of the page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(Path(AXE).read_text())
    result = page.evaluate("([selector, tags]) => axe.run(document.querySelector(selector), "
                           "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", [selector, WCAG_22_AA])
    return Findings(((*where, violation["id"]), f"{violation['impact']}: {violation['help']} at "
                     + ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:4]))
                    for violation in result["violations"])


def form_pages(writer, translator, editor):
    """Each person's edition form, in each state that they work on."""
    draft = factories.edition(author=writer, english=False)
    draft.speakers.add(factories.speaker())
    in_review = factories.submit(factories.edition(author=writer), writer)
    live = factories.edition(state=State.PUBLISHED, author=writer)
    stale = factories.edition(author=writer)
    stale = factories.submit(workflow.edition_update(edition=stale, user=writer, seen_version=stale.version,
                                                     data={"headline_ar": "عنوان بعد الترجمة"}), writer)
    return [
        (writer, "add", "/admin/releases/edition/add/"),
        (writer, "draft", f"/admin/releases/edition/{draft.pk}/change/"),
        (translator, "translating", f"/admin/releases/edition/{in_review.pk}/change/"),
        (translator, "stale", f"/admin/releases/edition/{stale.pk}/change/"),
        (editor, "review", f"/admin/releases/edition/{in_review.pk}/change/"),
        (editor, "live", f"/admin/releases/edition/{live.pk}/change/"),
        (editor, "confirm-schedule", f"/admin/releases/edition/{in_review.pk}/workflow/schedule/"),
        (editor, "confirm-withdraw", f"/admin/releases/edition/{live.pk}/workflow/withdraw/"),
    ]


@pytest.mark.parametrize("language", ADMIN_LANGUAGES)
def test_the_edition_form_is_accessible_and_fits_a_phone(new_context, shot, writer, translator, editor, language):
    findings, problems = Findings(), []
    pages = form_pages(writer, translator, editor)
    for size in ("desktop", "phone"):
        for user, name, url in pages:
            page = admin.login(new_context(size=size, language=language).new_page(), user.username)
            page.goto(url)
            if page.locator("textarea[data-rich-text]").count():
                page.locator("#edition_form[data-rich-text=ready]").wait_for(state="attached")
            if not no_sideways_scroll(page):
                problems.append(f"{size} {name}: scrolls sideways, {page.evaluate('document.documentElement.scrollWidth')} px")
            if page.locator("details.workflow-menu > summary").count():
                page.locator("details.workflow-menu > summary").click()
                if not no_sideways_scroll(page):
                    problems.append(f"{size} {name}: the open menu scrolls sideways")
            shot(at_top(page), f"{language}-{size}-{name}")
            findings.extend(axe(page, where=(size, name)))
            if size == "desktop" and name in ("translating", "stale"):
                # The admin's dark theme: the colours the form sets keep their contrast there too. Only
                # the form: Django's own sidebar is not the form's (it fails contrast there, see README).
                page.emulate_media(color_scheme="dark")
                page.wait_for_timeout(400)  # the admin's links fade to their new colour (0.15 s)
                findings.extend(axe_within(page, "#content-main", where=("dark", name)))
            page.context.close()
    assert not problems, "\n".join(problems)
    assert_known(findings, set(), checker=f"axe, edition form ({language})")
