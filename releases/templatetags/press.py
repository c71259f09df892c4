from django import template
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from releases.dates import format_day, localise_digits

register = template.Library()


@register.filter
def digits(value):
    return localise_digits(value)


@register.filter
def day(value):
    return format_day(value) if value else ""


@register.filter
def moment(value):
    """A time in the mission's time zone, with the zone named."""
    if not value:
        return ""
    local = timezone.localtime(value)
    text = f"{format_day(local.date())} {local:%H:%M} ({timezone.get_current_timezone_name()})"
    return localise_digits(text)


@register.simple_tag
def dateline(edition):
    parts = [edition.dateline_place, edition.dateline_source or _("Media Office"), format_day(edition.dateline_date)]
    return " - ".join(part for part in parts if part)


@register.simple_tag(takes_context=True)
def counterpart_url(context, language):
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.simple_tag
def other_languages():
    from django.conf import settings

    current = translation.get_language()
    return [(code, translation.get_language_info(code)) for code, _name in settings.LANGUAGES if code != current]


@register.filter
def post_in(speaker, day):
    return speaker.post_on(day)


@register.simple_tag
def edition_field(edition, name, language):
    """One language's column of a translated field, whatever the active language."""
    return getattr(edition, f"{name}_{language}", "") or ""
