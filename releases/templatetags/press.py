from django import template
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from releases.dates import format_day, format_moment, iso_moment, local_day
from releases.descriptions import describe
from releases.digits import localise_digits, localise_text_digits, page_digits
from releases.hijri import hijri_day, shows_hijri
from releases.models.querysets import SOURCE_LANGUAGE

register = template.Library()


@register.filter
def digits(value):
    """A number we generate, in the page's digit system."""
    return localise_digits(value)


@register.simple_tag
def select_options(choices, selected=None):
    """The <option>s of a menu, from (value, label) pairs, with the one whose value is `selected` chosen.

    The release list's menus hold dozens (every year, speaker and programme): a template loop cost
    more than the rest of the form."""
    chosen = mark_safe(" selected")
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((value, chosen if value == selected else "", label) for value, label in choices))


@register.filter
def text_digits(value):
    """Stored plain text with its digits in the page's system (DIGITS_IN_TEXT); autoescaped as usual."""
    return localise_text_digits(value)


@register.filter
def html_digits(value):
    """Stored, sanitised HTML with the digits of its text in the page's system; mark it |safe after."""
    return localise_text_digits(value, html=True)


@register.filter
def description(edition):
    """The summary, or the body's first whole paragraphs, as plain text for meta tags."""
    return describe(edition)


@register.simple_tag
def digit_system():
    return page_digits()


@register.filter
def day(value):
    return format_day(value) if value else ""


@register.filter
def moment(value):
    """A time in the mission's zone, named as a reader would: "12 March 2026, 10:00 New York time"."""
    return format_moment(value) if value else ""


@register.filter
def iso(value):
    """A valid `datetime` attribute: UTC, whole seconds; a date stays a date."""
    if not value:
        return ""
    return iso_moment(value) if hasattr(value, "hour") else value.isoformat()


def _hijri(day_value, place):
    text = hijri_day(day_value) if shows_hijri(place) else ""
    return format_html(' <span class="hijri">({})</span>', text) if text else ""


@register.simple_tag
def timestamp(value, place="release"):
    """<time> for a moment, with the Hijri date after it when the office wants it."""
    if not value:
        return ""
    return format_html('<time datetime="{}">{}</time>{}', iso_moment(value), format_moment(value),
                       _hijri(local_day(value), place))


@register.simple_tag
def date_of(value, place="dateline"):
    if not value:
        return ""
    return format_html('<time datetime="{}">{}</time>{}', value.isoformat(), format_day(value), _hijri(value, place))


@register.simple_tag
def dateline(edition):
    """place - source - date, as the office writes it; the date is a <time> that never breaks."""
    parts = [localise_text_digits(part) for part in (edition.dateline_place, edition.dateline_source or _("Media Office"))
             if part]
    date = date_of(edition.dateline_date, "dateline")
    return format_html("{}{}", "".join(format_html("{} - ", part) for part in parts), date)


@register.simple_tag
def separator():
    """Between items of a list: ", " in English, "، " in Arabic."""
    return pgettext("list separator", ", ")


@register.simple_tag
def source_language():
    return SOURCE_LANGUAGE


@register.simple_tag(takes_context=True)
def counterpart_url(context, language):
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.filter
def post_in(speaker, day):
    return speaker.post_on(day)


@register.simple_tag
def edition_field(edition, name, language):
    """One language's column of a translated field, whatever the active language."""
    return getattr(edition, f"{name}_{language}", "") or ""
