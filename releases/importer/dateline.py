"""The dateline: `place - source - [weekday] day month [year]`.

The office writes it in many ways: a hyphen, an en dash or an em dash, with
or without spaces; Latin or Arabic-Indic digits; Gulf and Egyptian month
names (فبراير), Levantine ones (شباط) or English ones (February); sometimes
a weekday, and usually no year. Everything is compared after Arabic
normalisation, so spelling variants such as أبريل/إبريل/ابريل or
أغسطس/اغسطس need no entries of their own.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from releases.search.normalise import words

# Per month: the Gulf/Egyptian name (used on export), the Levantine name,
# the Maghrebi names, then English. Variants that differ only in hamza,
# alef or teh marbuta are covered by normalisation.
MONTHS = {
    1: ("يناير", "كانون الثاني", "جانفي", "january", "jan"),
    2: ("فبراير", "شباط", "فيفري", "february", "feb"),
    3: ("مارس", "آذار", "march", "mar"),
    4: ("أبريل", "نيسان", "أفريل", "april", "apr"),
    5: ("مايو", "أيار", "ماي", "may"),
    6: ("يونيو", "يونية", "حزيران", "جوان", "june", "jun"),
    7: ("يوليو", "يوليه", "يولية", "تموز", "جويلية", "يوليوز", "july", "jul"),
    8: ("أغسطس", "آب", "أوت", "غشت", "august", "aug"),
    9: ("سبتمبر", "أيلول", "شتنبر", "september", "sep", "sept"),
    10: ("أكتوبر", "تشرين الأول", "october", "oct"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر", "november", "nov"),
    12: ("ديسمبر", "كانون الأول", "دجنبر", "december", "dec"),
}
ENGLISH_MONTHS = (
    None, "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS = {  # Monday is 0, as in datetime.
    0: ("الاثنين", "الإثنين", "monday", "mon"),
    1: ("الثلاثاء", "tuesday", "tue", "tues"),
    2: ("الأربعاء", "wednesday", "wed"),
    3: ("الخميس", "thursday", "thu", "thur", "thurs"),
    4: ("الجمعة", "friday", "fri"),
    5: ("السبت", "saturday", "sat"),
    6: ("الأحد", "sunday", "sun"),
}
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Words that may stand in a date without changing it: "يوم الخميس", "the 10th of",
# and the م or ميلادي that marks a Gregorian year.
_FILLERS = {"يوم", "the", "of"}
_ERA = {"م", "ميلادي", "ميلاديه", "ad"}

_MONTH_NAMES = {tuple(words(name)): number for number, names in MONTHS.items() for name in names}
_WEEKDAY_NAMES = {tuple(words(name))[0]: number for number, names in WEEKDAYS.items() for name in names}
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
# A year, perhaps with the م of "2022م" written against it.
_YEAR = re.compile(r"^(\d{4})(?:م|ad)?$")

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH = f"[{re.escape(DASHES)}]"
# First try separators that can't be part of a name: a dash with a space on
# either side, or an en or em dash. Only if that fails, split on every dash,
# so that "Port-au-Prince - Media Office - 10 May" keeps its place name.
_SPACED_SEPARATOR = re.compile(rf"\s+{_DASH}\s*|\s*{_DASH}\s+|\s*[\u2013\u2014\u2015\ufe58]\s*")
_ANY_SEPARATOR = re.compile(rf"\s*{_DASH}\s*")


class NotADateline(ValueError):
    """The line does not have the shape of a dateline."""


class BadDate(ValueError):
    """The line is a dateline, but its date can't be used: impossible, or without a year."""


@dataclass(frozen=True)
class Dateline:
    place: str
    source: str
    date: datetime.date
    has_year: bool
    weekday: int | None = None


def parse_date(text, *, year=None):
    """The date in `text`, e.g. "الخميس ١٠ فبراير" or "February 10, 2022".

    `year` is used when the text has none. Raises NotADateline when `text`
    is not a date at all, and BadDate when it is one that can't be used.
    """
    tokens = [token for token in words(text) if token not in _FILLERS]
    weekday = _WEEKDAY_NAMES.get(tokens[0]) if tokens else None
    if weekday is not None:
        tokens = [token for token in tokens[1:] if token not in _FILLERS]
    day, month, tokens = _day_and_month(tokens)
    if day is None:
        raise NotADateline(text)
    stated_year = None
    if tokens and _YEAR.match(tokens[0]):
        stated_year, tokens = int(_YEAR.match(tokens[0]).group(1)), tokens[1:]
        if tokens and tokens[0] in _ERA:
            tokens = tokens[1:]
    if tokens:
        raise NotADateline(text)
    # 2000 is a leap year: the most days any month can have.
    if day > calendar.monthrange(stated_year or year or 2000, month)[1] or day < 1:
        raise BadDate(
            _("«%(date)s» is not a date: %(month)s has no day %(day)d.")
            % {"date": text, "month": ENGLISH_MONTHS[month], "day": day}
        )
    if stated_year is None and year is None:
        raise BadDate(
            _("The dateline «%(date)s» has no year. Add the year to the dateline, "
              "or run the import again with --year YEAR.") % {"date": text}
        )
    return datetime.date(stated_year or year, month, day), stated_year is not None, weekday


def _day_and_month(tokens):
    """(day, month, remaining tokens) for "10 February" or "February 10", else (None, None, tokens)."""
    if tokens and _DAY.match(tokens[0]):
        month, rest = _month(tokens[1:])
        if month:
            return int(_DAY.match(tokens[0]).group(1)), month, rest
    month, rest = _month(tokens)
    if month and rest and _DAY.match(rest[0]):
        return int(_DAY.match(rest[0]).group(1)), month, rest[1:]
    return None, None, tokens


def _month(tokens):
    """The month at the start of `tokens`, allowing a doubled name such as "شباط/فبراير"."""
    month, rest = _one_month(tokens)
    if month:
        again, after = _one_month(rest)
        if again == month:
            rest = after
    return month, rest


def _one_month(tokens):
    for length in (2, 1):
        number = _MONTH_NAMES.get(tuple(tokens[:length])) if len(tokens) >= length else None
        if number:
            return number, tokens[length:]
    return None, tokens


def parse_dateline(line, *, year=None):
    """The place, source and date of a dateline line.

    Raises NotADateline when the line isn't one, and BadDate when its date
    is impossible or has no year and `year` is None.
    """
    problem = None
    for separator in (_SPACED_SEPARATOR, _ANY_SEPARATOR):
        parts = [part.strip() for part in separator.split(line.strip())]
        try:
            return _dateline_from_parts(parts, year=year)
        except BadDate as error:
            problem = problem or error
        except NotADateline:
            continue
    raise problem or NotADateline(line)


def _dateline_from_parts(parts, *, year):
    if len(parts) < 2:
        raise NotADateline(parts)
    date_text = parts.pop()
    # "… - الخميس - 10 فبراير": a weekday in a segment of its own belongs to the date.
    if len(parts) >= 2 and len(words(parts[-1])) == 1 and words(parts[-1])[0] in _WEEKDAY_NAMES:
        date_text = f"{parts.pop()} {date_text}"
    date, has_year, weekday = parse_date(date_text, year=year)
    if len(parts) > 2 or not parts[0]:
        raise NotADateline(parts)
    return Dateline(
        place=parts[0], source=parts[1] if len(parts) == 2 else "", date=date, has_year=has_year, weekday=weekday
    )


def format_date(date, *, language):
    """The date as the office writes it, with the year: "10 فبراير 2022" or "10 February 2022"."""
    month = MONTHS[date.month][0] if language == "ar" else ENGLISH_MONTHS[date.month]
    return f"{date.day} {month} {date.year}"
