"""Dates as the office writes them: Arabic month names, the page's digits, the mission's zone by name."""

import datetime
import re

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .digits import localise_digits, to_latin_digits

# The Gulf and Egyptian month names the office uses in datelines.
ARABIC_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)


_YEAR = re.compile(r"[0-9]{1,4}")
# The archive's first year, and the last whose whole span a datetime holds in every zone.
MIN_YEAR, MAX_YEAR = 1900, 9998


def parse_year(value):
    """A year from a query string (Latin or Arabic-Indic digits), or None when it isn't one.

    Superscripts, circled digits and the other characters that `str.isdigit()`
    admits are refused, and so are years outside MIN_YEAR..MAX_YEAR.
    """
    text = to_latin_digits((value or "").strip())
    if not _YEAR.fullmatch(text):
        return None
    year = int(text)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def format_day(day, language=None, *, with_year=True):
    language = language or translation.get_language()
    if language in settings.PRESSOFFICE_ARABIC_SCRIPT_LANGUAGES:
        text = f"{day.day} {ARABIC_MONTHS[day.month - 1]}"
        if with_year:
            text += f" {day.year}"
        return localise_digits(text, language)
    with translation.override(language):
        return formats.date_format(day, "j F Y" if with_year else "j F")


def zone_label():
    """The mission's zone as a reader names it ("New York"), translated through the catalogue."""
    return _(str(settings.PRESSOFFICE_TIME_ZONE_LABEL))


def format_moment(value):
    """'12 March 2026, 10:00 New York time' / '١٢ مارس ٢٠٢٦، الساعة ١٠:٠٠ بتوقيت نيويورك'."""
    local = timezone.localtime(value)
    # Translators: a date, a time of day and the city whose clock it is.
    text = _("%(date)s, %(time)s %(zone)s time") % {
        "date": format_day(local.date()), "time": localise_digits(f"{local:%H:%M}"), "zone": zone_label(),
    }
    return text


def iso_moment(value):
    """A valid <time datetime> value: UTC, whole seconds."""
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_day(value):
    return timezone.localtime(value).date()
