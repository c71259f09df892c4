"""The Hijri date (Umm al-Qura calendar) beside the Gregorian one, when the office wants it.

`HIJRI_DATES` is off by default; `release` shows it on release pages beside the
publication date, `dateline` also in every dateline. The conversion is
`hijridate`'s (Umm al-Qura tables, 1343-1500 AH); a date outside them shows no
Hijri date rather than a wrong one. Month names come from our catalogue.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .digits import localise_digits

MONTHS = (
    pgettext_lazy("Hijri month", "Muharram"),
    pgettext_lazy("Hijri month", "Safar"),
    pgettext_lazy("Hijri month", "Rabi al-Awwal"),
    pgettext_lazy("Hijri month", "Rabi al-Thani"),
    pgettext_lazy("Hijri month", "Jumada al-Ula"),
    pgettext_lazy("Hijri month", "Jumada al-Akhirah"),
    pgettext_lazy("Hijri month", "Rajab"),
    pgettext_lazy("Hijri month", "Shaban"),
    pgettext_lazy("Hijri month", "Ramadan"),
    pgettext_lazy("Hijri month", "Shawwal"),
    pgettext_lazy("Hijri month", "Dhu al-Qadah"),
    pgettext_lazy("Hijri month", "Dhu al-Hijjah"),
)
PLACES = {"off": set(), "release": {"release"}, "dateline": {"release", "dateline"}}


def shows_hijri(place):
    """Whether the Hijri date is shown in `place` ("release" or "dateline")."""
    return place in PLACES.get(settings.PRESSOFFICE_HIJRI_DATES, set())


def hijri_day(day):
    """'23 Ramadan 1447 AH' / '٢٣ رمضان ١٤٤٧ هـ' in the active language, or '' outside the tables."""
    from hijridate import Gregorian

    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return ""
    # Translators: a Hijri date: day, month name, year and the era ("AH", in Arabic "هـ").
    text = _("%(day)s %(month)s %(year)s AH") % {"day": hijri.day, "month": MONTHS[hijri.month - 1], "year": hijri.year}
    return localise_digits(text)
