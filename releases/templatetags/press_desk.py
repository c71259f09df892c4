"""The desk's template tags: each role's queues, the handoffs, and the history in words."""

from django import template
from django.conf import settings
from django.utils.translation import get_language_bidi, get_language_info

from releases import history, notifications
from releases.admin_queues import queues_for

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_queues(context):
    return queues_for(context["request"].user)


@register.simple_tag(takes_context=True)
def desk_inbox(context):
    return notifications.inbox(context["request"].user)


@register.filter
def handoff(notification):
    return notifications.sentence(notification)


@register.filter
def in_words(entry):
    """An audit entry as a sentence in the admin's language."""
    return history.describe(entry)


@register.filter
def reason_words(entry):
    return history.reason(entry)


@register.filter
def state_words(code):
    return history.state_label(code)


@register.simple_tag
def text_direction(language):
    """`rtl` or `ltr` for text stored in `language`, whatever the admin's own language."""
    return "rtl" if get_language_bidi_of(language) else "ltr"


def get_language_bidi_of(language):
    try:
        return get_language_info(language)["bidi"]
    except KeyError:
        return get_language_bidi()


@register.simple_tag
def admin_languages():
    """(code, the language's own name) for the language switch."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


@register.filter
def headlines(edition):
    """[(language, direction, headline)] for each language the edition has a headline in, source first."""
    return [(code, "rtl" if get_language_bidi_of(code) else "ltr", text) for code, _name in settings.LANGUAGES
            if (text := getattr(edition, f"headline_{code}", "") or "")]


@register.filter
def field_value(obj, name):
    return getattr(obj, name, None)


@register.simple_tag
def mission_zone():
    """The mission's zone as the reader names it: "New York" / "نيويورك"."""
    from releases.dates import zone_label

    return zone_label()
