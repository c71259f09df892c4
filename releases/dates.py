"""Dates as the office writes them: Arabic month names, and a choice of digits."""

from django.conf import settings
from django.utils import formats, translation

from .search.normalise import to_arabic_indic_digits

# The Gulf and Egyptian month names the office uses in datelines.
ARABIC_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)


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
