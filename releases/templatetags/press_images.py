"""Lead images on public pages: a responsive <picture>, and the one image for social cards.

Both take their addresses from `releases.images.file_url()`, and neither
fails a page: an image that can't be read is left out (and logged).
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from releases.images import file_url, renditions_for

register = template.Library()

# The width a social card asks for (OpenGraph and Twitter recommend 1200 px).
SOCIAL_WIDTH = 1200


def _renditions(edition):
    return renditions_for(edition.lead_image.name) if edition is not None and edition.lead_image else None


def _srcset(renditions, format, request):
    return ", ".join(f"{file_url(item.name, request=request)} {item.width}w" for item in renditions.of_format(format))


@register.simple_tag(takes_context=True)
def lead_image(context, edition, sizes="100vw", loading="lazy"):
    """<picture> with WebP and JPEG srcsets; `sizes` is the width the layout gives the image."""
    renditions = _renditions(edition)
    if renditions is None:
        return ""
    request = context.get("request")
    fallback = renditions.closest("jpeg", 800)
    priority = mark_safe(' fetchpriority="high"') if loading == "eager" else ""
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>'
        "</picture>",
        _srcset(renditions, "webp", request), sizes, file_url(fallback.name, request=request),
        _srcset(renditions, "jpeg", request), sizes, renditions.width, renditions.height,
        edition.lead_image_alt or "", loading, priority,
    )


@register.simple_tag(takes_context=True)
def social_image(context, edition):
    """{url (absolute), width, height, alt} of the JPEG a social card shows, or None."""
    renditions = _renditions(edition)
    if renditions is None:
        return None
    item = renditions.closest("jpeg", SOCIAL_WIDTH)
    url = file_url(item.name, request=context.get("request"), absolute=True)
    return {"url": url, "width": item.width, "height": item.height, "alt": edition.lead_image_alt or ""}
