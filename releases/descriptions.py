"""Short plain-text descriptions of a release: for meta tags, social cards, feeds and the API."""

import html
import re

from django.utils.html import strip_tags

# Where one block of text ends and the next begins: paragraphs, list items, headings, line breaks.
_BLOCK_END = re.compile(r"</(?:p|li|h[2-4]|blockquote|figcaption)\s*>|<br\s*/?>", re.I)
DEFAULT_LIMIT = 300


def paragraphs(body_html):
    """The text of each block of the body, whitespace normalised."""
    blocks = (" ".join(html.unescape(strip_tags(block)).split()) for block in _BLOCK_END.split(body_html or ""))
    return [block for block in blocks if block]


def shorten(text, limit=DEFAULT_LIMIT):
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,،;؛:")
    return cut + "…"


def describe(edition, limit=DEFAULT_LIMIT):
    """The summary, or as many whole paragraphs of the body as fit, joined by spaces."""
    summary = " ".join((edition.summary or "").split())
    if summary:
        return shorten(summary, limit)
    chosen = []
    for block in paragraphs(edition.body):
        if chosen and len(" ".join([*chosen, block])) > limit:
            break
        chosen.append(block)
    return shorten(" ".join(chosen), limit)
