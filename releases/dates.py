"""Dates as the office writes them: Arabic month names, and a choice of digits."""

from django.conf import settings
from django.utils import formats, translation

import re

from .search.normalise import to_arabic_indic_digits, to_latin_digits

# The Gulf and Egyptian month names the office uses in datelines.
ARABIC_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)


_YEAR = re.compile(r"[0-9]{1,4}")


def parse_year(value):
    """A year from a query string (Latin or Arabic-Indic digits), or None when it isn't one.

    Only years whose whole span a datetime holds in every time zone are
    accepted (2 to 9998: year 1 or 9999 would run off the calendar when
    shifted to UTC); superscripts, circled digits and the other characters
    that `str.isdigit()` admits are refused.
    """
    text = to_latin_digits((value or "").strip())
    if not _YEAR.fullmatch(text):
        return None
    year = int(text)
    return year if 2 <= year <= 9998 else None


def localise_digits(text, language=None):
    """Arabic-Indic digits on Arabic pages when the setting asks for them."""
    language = language or translation.get_language()
    if language == "ar" and settings.PRESSOFFICE_ARABIC_DIGITS == "arabic-indic":
        return to_arabic_indic_digits(str(text))
    return str(text)


def format_day(day, language=None, *, with_year=True):
    language = language or translation.get_language()
    if language == "ar":
        text = f"{day.day} {ARABIC_MONTHS[day.month - 1]}"
        if with_year:
            text += f" {day.year}"
        return localise_digits(text, language)
    with translation.override(language):
        return formats.date_format(day, "j F Y" if with_year else "j F")
