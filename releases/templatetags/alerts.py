from django import template
from django.utils import translation

from releases.alerts import scopes
from releases.alerts.forms import SubscribeForm, scope_options
from releases.models import Programme, Speaker

register = template.Library()


@register.simple_tag(takes_context=True)
def alert_form(context, prefix="alert"):
    """The sign-up form for a page: its speaker or programme offered, and chosen, first."""
    current = next((obj for obj in (context.get("object"), context.get("speaker"), context.get("programme"))
                    if isinstance(obj, (Speaker, Programme))), None)
    form = SubscribeForm(auto_id=f"{prefix}-%s", initial={
        "languages": [translation.get_language()],
        "scope": scopes.choice_for(current) if current else scopes.EVERYTHING,
    })
    return {"form": form, "groups": scope_options(current=current)}
