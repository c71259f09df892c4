from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from releases.addresses import kept
from releases.alerts import scopes
from releases.alerts.forms import SubscribeForm, scope_options
from releases.models import Programme, Speaker

register = template.Library()

# The sign-up form of a page with no speaker or programme of its own is the same on every such page
# of one language: it is rendered once per language (and URLconf, as addresses.reverse_once is).
_rendered = {}


def _current(context):
    return next((obj for obj in (context.get("object"), context.get("speaker"), context.get("programme"))
                 if isinstance(obj, (Speaker, Programme))), None)


def alert_form(current, prefix):
    """The sign-up form for a page: its speaker or programme offered, and chosen, first."""
    form = SubscribeForm(auto_id=f"{prefix}-%s", initial={
        "languages": [translation.get_language()],
        "scope": scopes.choice_for(current) if current else scopes.EVERYTHING,
    })
    return {"form": form, "groups": scope_options(current=current)}


@register.simple_tag(takes_context=True)
def alert_fields(context, prefix="alert"):
    """The sign-up form's fields as HTML. On a page without a speaker or programme only the code and the
    language decide them, so they are rendered once (not with DEBUG on: templates change under runserver)."""
    current = _current(context)

    def render():
        return render_to_string("releases/alerts/_fields.html", alert_form(current, prefix))

    if current is not None or settings.DEBUG:
        return render()
    return kept(_rendered, translation.get_language(), prefix, make=render, limit=100)
