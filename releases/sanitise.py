"""Rich text is stored as sanitised HTML, with an allowlist."""

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
URL_SCHEMES = {"http", "https", "mailto"}
# Bidi overrides and embeddings reorder text invisibly; isolates (U+2066-2069) are kept.
BIDI_CONTROLS = re.compile("[\u202a-\u202e]")
# A body is HTML when it starts with one of our tags, as the editor's output and the importer's
# always do; anything else is plain text, "<" and ">" included ("a<b و c>d" is text, never a tag).
STARTS_WITH_TAG = re.compile(r"\s*<(?:%s)(?:[\s/>])" % "|".join(sorted(ALLOWED_TAGS, key=len, reverse=True)),
                             re.IGNORECASE)


def text_to_paragraphs(text):
    """One <p> per blank-line-separated paragraph, escaped, whitespace normalised."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        f"<p>{escape(' '.join(paragraph.split()))}</p>" for paragraph in paragraphs if paragraph.strip()
    )


def sanitise_html(value):
    """Clean user HTML; plain text (anything that doesn't start with one of our tags) becomes paragraphs first."""
    value = BIDI_CONTROLS.sub("", value or "")
    if not is_html(value):
        value = text_to_paragraphs(value)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


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
