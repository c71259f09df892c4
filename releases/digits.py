"""One digit system per page.

`ARABIC_DIGITS` chooses Arabic-Indic (١٢٣) or Latin (123) digits for Arabic
pages; every other language reads Latin digits. Numbers we generate (dates,
counts, page numbers) always follow it. Stored text keeps the digits its
writer typed; with `DIGITS_IN_TEXT` on (the default), the page shows them in
the page's system too, converted while rendering and never written back.
"""

import re

from django.conf import settings
from django.utils import translation

LATIN = "0123456789"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
EASTERN_ARABIC_INDIC = "۰۱۲۳۴۵۶۷۸۹"
_TO_ARABIC_INDIC = str.maketrans(LATIN + EASTERN_ARABIC_INDIC, ARABIC_INDIC * 2)
TO_LATIN = str.maketrans(ARABIC_INDIC + EASTERN_ARABIC_INDIC, LATIN * 2)
# In HTML, only text between tags is converted, and never an entity (&#39;) inside it.
_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")
# A word with a Latin letter in it keeps its digits: COP28, G20, A/RES/77/1, ISO 9001 stay as written.
# Only words with a digit are looked at (the others can't change): a whole word, from its start (the
# look-behind keeps this linear on a long word without one), through its first digit, to its end.
_DIGIT = LATIN + ARABIC_INDIC + EASTERN_ARABIC_INDIC
_WORD = re.compile(rf"(?<!\S)[^\s{_DIGIT}]*[{_DIGIT}]\S*")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def to_latin_digits(text):
    """Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits as 0-9."""
    return text.translate(TO_LATIN)


def to_arabic_indic_digits(text):
    """Latin (and Eastern Arabic-Indic) digits as Arabic-Indic digits (٠-٩)."""
    return text.translate(_TO_ARABIC_INDIC)


def page_digits(language=None):
    """'arabic-indic' or 'latin': the digit system of a page in `language`."""
    language = language or translation.get_language()
    if language in settings.PRESSOFFICE_ARABIC_SCRIPT_LANGUAGES and settings.PRESSOFFICE_ARABIC_DIGITS == "arabic-indic":
        return "arabic-indic"
    return "latin"


def localise_digits(text, language=None):
    """A number we generate, in the page's digit system."""
    table = _TO_ARABIC_INDIC if page_digits(language) == "arabic-indic" else TO_LATIN
    return str(text).translate(table)


def _convert_word(match, table):
    word = match.group(0)
    return word if _LATIN_LETTER.search(word) else word.translate(table)


def localise_text_digits(text, language=None, *, html=False):
    """Stored text (plain, or sanitised HTML with `html=True`) with its digits in the page's system."""
    if not text or not settings.PRESSOFFICE_DIGITS_IN_TEXT:
        return text
    table = _TO_ARABIC_INDIC if page_digits(language) == "arabic-indic" else TO_LATIN
    pieces = _TAG_OR_ENTITY.split(text) if html else [text]
    return "".join(
        piece if html and index % 2 else _WORD.sub(lambda match: _convert_word(match, table), piece)
        for index, piece in enumerate(pieces)
    )
