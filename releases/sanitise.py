"""Rich text is stored as sanitised HTML, with an allowlist."""

import functools
import html
import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "blockquote", "q", "ul", "ol", "li",
    "h2", "h3", "h4", "a", "abbr", "bdi", "span", "sub", "sup", "figure", "figcaption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "bdi": {"dir"},
    "span": {"lang", "dir"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "*": {"lang", "dir"},
}
# A summary is the standfirst under the headline, and the description in meta tags, feeds and
# alerts: paragraphs, emphasis and links, never headings, lists or quotations.
SUMMARY_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "abbr", "bdi", "span"}
# The translated fields that hold rich text, each with its own allowlist; the rest are plain text.
RICH_TEXT_TAGS = {"body": ALLOWED_TAGS, "summary": SUMMARY_TAGS}
URL_SCHEMES = {"http", "https", "mailto"}
# Bidi overrides and embeddings reorder text invisibly; isolates (U+2066-2069) are kept.
BIDI_CONTROLS = re.compile("[\u202a-\u202e]")
# A body is HTML when it starts with one of our tags, as the editor's output and the importer's
# always do; anything else is plain text, "<" and ">" included ("a<b و c>d" is text, never a tag).
# Blocks that read as a paragraph of their own when the allowlist refuses them, and lists around them.
_PARAGRAPH_LIKE = {"h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "figcaption", "dd", "dt"}
_REFUSED_BLOCKS = {"ul", "ol", "dl", "figure"}
STARTS_WITH_TAG = re.compile(
    r"\s*<(?:%s)(?:[\s/>])" % "|".join(sorted(ALLOWED_TAGS | _PARAGRAPH_LIKE | _REFUSED_BLOCKS, key=len, reverse=True)),
    re.IGNORECASE)


_PARAGRAPH_LIKE_TAG = re.compile(r"<(/?)(%s)\b[^>]*>" % "|".join(sorted(_PARAGRAPH_LIKE)), re.IGNORECASE)
_REFUSED_BLOCK = re.compile(r"<(/?)(%s)\b[^>]*>" % "|".join(sorted(_REFUSED_BLOCKS)), re.IGNORECASE)
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")


def text_to_paragraphs(text):
    """One <p> per blank-line-separated paragraph, escaped, whitespace normalised."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        f"<p>{escape(' '.join(paragraph.split()))}</p>" for paragraph in paragraphs if paragraph.strip()
    )


def sanitise_html(value, tags=ALLOWED_TAGS):
    """Clean user HTML; plain text (anything that doesn't start with one of our tags) becomes paragraphs first.

    A tag outside `tags` is dropped and its text kept: a heading pasted into a summary becomes
    plain words of the paragraph around it.
    """
    value, tags = value or "", frozenset(tags)
    return (_sanitise_remembered if len(value) <= _REMEMBER_UP_TO else _sanitise)(value, tags)


def _sanitise(value, tags):
    value = BIDI_CONTROLS.sub("", value)
    if not is_html(value):
        value = text_to_paragraphs(value)
    elif "p" in tags:
        # A block the allowlist refuses (a heading pasted into a summary) becomes a paragraph, not
        # loose words run into the next block's.
        value = _REFUSED_BLOCK.sub(lambda match: match.group(0) if match.group(2).lower() in tags else "", value)
        value = _PARAGRAPH_LIKE_TAG.sub(lambda match: match.group(0) if match.group(2).lower() in tags
                                        else f"<{match.group(1)}p>", value)
    cleaned = _EMPTY_PARAGRAPH.sub("", _clean(value, tags)).strip()
    if cleaned and not is_html(cleaned):
        # Cleaned twice, it must stay the same: text outside any tag would read as plain text next time.
        cleaned = _EMPTY_PARAGRAPH.sub("", _clean(f"<p>{cleaned}</p>", tags)).strip()
    return cleaned


# The same text is cleaned several times on its way in (the importer, the workflow, the model's
# save, each making sure): the last few answers are kept, for texts of a usual size.
_REMEMBER_UP_TO = 200_000
_sanitise_remembered = functools.lru_cache(maxsize=64)(_sanitise)


def _clean(value, tags):
    return nh3.clean(
        value,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def rich_text_field(name):
    """The rich-text field that the column `name` holds ("summary" for "summary_en"), or None."""
    base = name.rsplit("_", 1)[0] if "_" in name else name
    return base if base in RICH_TEXT_TAGS else None


def sanitise_field(name, value):
    """`value` as the column `name` stores it: rich text cleaned with its own allowlist; the rest as given."""
    base = rich_text_field(name)
    if base is None or not value:
        return value
    return sanitise_html(value, RICH_TEXT_TAGS[base])


# Where one block of text ends and the next begins: paragraphs, list items, headings, line breaks.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|figcaption|div)\s*>|<br\s*/?>", re.IGNORECASE)


# A tag as the sanitiser writes it: a name after "<" (so "5 < 6" is text), quoted attribute values
# that may hold ">". Django's strip_tags, which parses with HTMLParser, took three times as long
# and gave the same text for every body and summary of a 20,000-release archive.
_TAG = re.compile(r"""<[A-Za-z/!?][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")


def text_blocks(value):
    """The text of each block of stored rich text (or of plain text), whitespace normalised, entities decoded."""
    blocks = (" ".join(html.unescape(_TAG.sub("", block)).split()) for block in _BLOCK_END.split(value or ""))
    return [block for block in blocks if block]


def html_to_text(value, separator="\n"):
    """Stored rich text as plain text, one block per line (or per `separator`)."""
    return separator.join(text_blocks(value))


def is_html(value):
    return bool(STARTS_WITH_TAG.match(value or ""))


def strip_bidi_controls(value):
    return BIDI_CONTROLS.sub("", value or "")


def reject_bidi_controls(value):
    """Bidi overrides can make a headline read differently from what it says; refuse them."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if value and BIDI_CONTROLS.search(value):
        raise ValidationError(
            _(
                "This text contains an invisible bidirectional control character "
                "(U+202A to U+202E), which can reverse how it reads. Remove it and save again."
            ),
            code="bidi_control",
        )
