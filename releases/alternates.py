"""Links between a page and its versions in the other languages.

A view says which languages its page exists in (`page_languages` in the
context; every language when it says nothing). `hreflang` alternates name
only those, with absolute addresses. The language switch links to the same
page in a language it exists in, and to that language's home page otherwise;
an error page has no versions, so its switch goes to the home pages.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation

from .models.querysets import SOURCE_LANGUAGE


@dataclass(frozen=True)
class Version:
    code: str
    name: str
    url: str  # absolute
    exists: bool  # the same page, in this language
    is_current: bool
    direction: str  # "rtl" or "ltr"


def page_languages(context):
    if context.get("error_page"):
        return []
    languages = context.get("page_languages")
    return list(languages) if languages is not None else [code for code, _name in settings.LANGUAGES]


def home_url(code):
    with translation.override(code):
        return reverse("releases:home")


def versions(context):
    """Every language's version of the page. A page asks three times (hreflang, og:locale, the switch):
    each address is resolved and built once per request."""
    request = context["request"]
    current = translation.get_language()
    existing = page_languages(context)
    known = request.__dict__.setdefault("_language_versions", {})
    key = (current, tuple(existing))
    if key not in known:
        known[key] = _versions(request, current, existing)
    return known[key]


def _versions(request, current, existing):
    path = request.get_full_path()
    found = []
    for code, _name in settings.LANGUAGES:
        exists = code in existing
        url = translate_url(path, code) if exists else home_url(code)
        info = translation.get_language_info(code)
        found.append(Version(code, info["name_local"], request.build_absolute_uri(url), exists, code == current,
                             "rtl" if info["bidi"] else "ltr"))
    return found


def hreflang_links(context):
    """(hreflang, absolute URL) for each language the page exists in, and x-default for the source language's."""
    links = [(version.code, version.url) for version in versions(context) if version.exists]
    default = next((url for code, url in links if code == SOURCE_LANGUAGE), None)
    return links + [("x-default", default)] if default and len(links) > 1 else links


def og_locales(context):
    """(og:locale, [og:locale:alternate...]) for the page."""
    table = settings.PRESSOFFICE_OG_LOCALES
    current = translation.get_language()
    others = [table.get(version.code, version.code) for version in versions(context)
              if version.exists and not version.is_current]
    return table.get(current, current), others
