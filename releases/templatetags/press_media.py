import logging

from django import template

from releases.media import media_url as _media_url

register = template.Library()
logger = logging.getLogger("releases.media")


@register.simple_tag(takes_context=True)
def media_url(context, field_file):
    """The address of an uploaded file; inside a shared preview it carries the preview's own token,
    so it stops working when the link expires or is revoked."""
    if not field_file:
        return ""
    request = context.get("request")
    return _media_url(field_file.name, preview_token=getattr(request, "preview_token", None))


@register.simple_tag
def image_size(field_file):
    """(width, height), or None when the file can't be read: the page then shows no image."""
    if not field_file:
        return None
    try:
        return field_file.width, field_file.height
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: never a 500 for the reader
        logger.error("Image %s can't be read; the page is shown without it.", field_file.name, exc_info=True)
        return None
