"""Addresses that can't change while a URLconf is loaded, reversed once instead of on every page.

Every page names the same dozen addresses in its frame (home, list, feeds, footer links), and a
dozen files per lead image under the same `/media/` path; each `reverse()` costs more than the
rest of the tag around it. The key is everything `reverse()` reads: the URLconf (a changed one is
a new resolver: Django's `clear_url_caches()`), the script prefix, and the language (`/ar/`, `/en/`).
"""

from urllib.parse import quote

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

_known = {}
# What reverse() leaves unquoted in an argument: RFC 3986's `pchar`.
_PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"


def kept(store, language, *names, make, limit=1000):
    """`make()`, made once per URLconf, script prefix and `language` (everything `reverse()` reads)
    and `names`, and kept in `store` (a dict, emptied if it ever holds more than `limit`)."""
    key = (get_resolver(get_urlconf()), get_script_prefix(), language, *names)
    value = store.get(key)
    if value is None:
        if len(store) > limit:  # a few dozen keys in practice, but never grow without bound
            store.clear()
        value = store[key] = make()
    return value


def reverse_once(viewname, /, **kwargs):
    return kept(_known, translation.get_language(), viewname, *kwargs.items(),
                make=lambda: reverse(viewname, kwargs=kwargs or None))


def release_path(pk, slug, language=None):
    """reverse("releases:detail", kwargs={"pk": pk, "slug": slug or "-"}) in `language` (the active one by
    default): `Release.get_absolute_url()`, on every card."""
    return _release_path(_release_address(language or translation.get_language()), pk, slug)


def release_paths(language):
    """`release_path` in `language` as a function of (pk, slug), with the address looked up once: for
    the sitemap's 20,000, where finding it again each time cost four times the rest."""
    parts = _release_address(language)
    return lambda pk, slug: _release_path(parts, pk, slug)


def _release_address(language):
    def make():
        with translation.override(language):
            return reverse("releases:detail", kwargs={"pk": 987654321, "slug": "SLUG"}).partition("/987654321/SLUG/")

    return kept(_known, language, "release_path", make=make)


def _release_path(parts, pk, slug):
    head, _marker, tail = parts
    return f"{head}/{int(pk)}/{quote(slug or '-', safe=_PATH_SAFE)}/{tail}"


def media_path(name):
    """reverse("media", kwargs={"name": name}): the path of /media/ reversed once, and the name quoted as
    reverse() quotes it."""
    return reverse_once("media", name="-")[:-1] + quote(name, safe=_PATH_SAFE)
