"""Field-by-field, language-by-language differences between two editions, word by word.

Words are compared as whole words (Arabic words keep their clitics and harakat
together), so a change reads as the words that were removed and the words that
came in. Each `<del>`/`<ins>` also says so in words, for screen readers, which
announce neither. Paragraphs stay paragraphs: the body's HTML is compared as
text with one line per block.
"""

import difflib
import re

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from releases.sanitise import html_to_text, rich_text_field

_TOKENS = re.compile(r"\n+|[^\S\n]+|[^\s]+")


def _words(value, rich):
    # Rich text (body, summary) is compared as its text, one line per block; a plain field as it is,
    # so that "a<b" in a headline stays three characters.
    return _TOKENS.findall(html_to_text(value) if rich else value or "")


def inline_diff(old, new, rich=True):
    """HTML with <del> and <ins> around the words that changed, and each change said in words."""
    a, b = _words(old, rich), _words(new, rich)
    removed, added = escape(_("removed:")), escape(_("added:"))
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<span class="visually-hidden">{removed} </span><del>{escape("".join(a[i1:i2]))}</del>')
        if j2 > j1:
            out.append(f'<span class="visually-hidden">{added} </span><ins>{escape("".join(b[j1:j2]))}</ins>')
    return mark_safe("".join(out))


def _direction(language):
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


def edition_diff(old, new):
    """[(field label, language code, language name, direction, diff html)] for every field that differs."""
    from .dates import format_day
    from .models import Edition

    rows = []
    for name in translator.get_options_for_model(Edition).fields:
        label = Edition._meta.get_field(name).verbose_name
        for language, language_name in settings.LANGUAGES:
            field = build_localized_fieldname(name, language)
            before, after = getattr(old, field) or "", getattr(new, field) or ""
            if before != after:
                rows.append((label, language, language_name, _direction(language),
                             inline_diff(before, after, rich=rich_text_field(field) is not None)))
    if old.dateline_date != new.dateline_date:
        change = format_html('<span class="visually-hidden">{} </span><del>{}</del> '
                             '<span class="visually-hidden">{} </span><ins>{}</ins>', _("removed:"),
                             format_day(old.dateline_date), _("added:"), format_day(new.dateline_date))
        rows.append((Edition._meta.get_field("dateline_date").verbose_name, "", "", "", change))
    return rows
