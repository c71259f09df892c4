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


def reverse_once(viewname, /, **kwargs):
    key = (get_resolver(get_urlconf()), get_script_prefix(), translation.get_language(), viewname, *kwargs.items())
    url = _known.get(key)
    if url is None:
        if len(_known) > 1000:  # a few dozen keys in practice, but never grow without bound
            _known.clear()
        url = _known[key] = reverse(viewname, kwargs=kwargs or None)
    return url


def media_path(name):
    """reverse("media", kwargs={"name": name}): the path of /media/ reversed once, and the name quoted as
    reverse() quotes it."""
    return reverse_once("media", name="-")[:-1] + quote(name, safe=_PATH_SAFE)
