"""What every public page's frame needs: language versions, navigation state, fonts."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from releases import alternates
from releases.addresses import reverse_once

register = template.Library()

# The font file each script's pages preload: the regular weight of their running text. The bold
# and the accented-Latin file load only when a page uses them (unicode-range, font-weight).
PRELOAD = {"arabic": "releases/fonts/noto-naskh-arabic-400.woff2", "latin": "releases/fonts/noto-naskh-latin-400.woff2"}


@register.simple_tag
def site_url(name):
    """`{% url name %}` for an address without arguments (the frame's links), reversed once per language."""
    return reverse_once(name)


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    return format_html_join(
        "\n", '<link rel="alternate" hreflang="{}" href="{}">', alternates.hreflang_links(context)
    )


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Every language's version of this page (or its home page), for the language switch."""
    return [version for version in alternates.versions(context) if not version.is_current]


@register.simple_tag(takes_context=True)
def og_locale(context):
    locale, others = alternates.og_locales(context)
    tags = [format_html('<meta property="og:locale" content="{}">', locale)]
    tags += [format_html('<meta property="og:locale:alternate" content="{}">', other) for other in others]
    return format_html_join("\n", "{}", ((tag,) for tag in tags))


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    request = context["request"]
    return request.build_absolute_uri(path if path is not None else request.get_full_path())


@register.simple_tag(takes_context=True)
def nav_current(context, url, section=False):
    """aria-current for a navigation link: "page" on the page itself, "true" inside its section."""
    path = context["request"].path
    if context.get("error_page"):
        return ""
    if path == url:
        return mark_safe(' aria-current="page"')
    if section and path.startswith(url):
        return mark_safe(' aria-current="true"')
    return ""


@register.simple_tag
def font_preload():
    script = "arabic" if translation.get_language() in settings.PRESSOFFICE_ARABIC_SCRIPT_LANGUAGES else "latin"
    return format_html('<link rel="preload" href="{}" as="font" type="font/woff2" crossorigin>', static(PRELOAD[script]))
