"""Field-by-field, language-by-language differences between two editions."""

import difflib
import re

from django.conf import settings
from django.utils.html import escape, strip_tags
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


def _words(value):
    return re.findall(r"\S+|\s+", strip_tags(value or ""))


def inline_diff(old, new):
    """HTML with <del> and <ins> around the words that changed."""
    a, b = _words(old), _words(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def edition_diff(old, new):
    """[(field label, language, diff html)] for every translated field that differs."""
    from .models import Edition

    rows = []
    for name in translator.get_options_for_model(Edition).fields:
        label = Edition._meta.get_field(name).verbose_name
        for language, _name in settings.LANGUAGES:
            field = build_localized_fieldname(name, language)
            before, after = getattr(old, field) or "", getattr(new, field) or ""
            if before != after:
                rows.append((label, language, inline_diff(before, after)))
    if old.dateline_date != new.dateline_date:
        rows.append((Edition._meta.get_field("dateline_date").verbose_name, "",
                     inline_diff(str(old.dateline_date), str(new.dateline_date))))
    return rows
