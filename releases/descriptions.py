"""Short plain-text descriptions of a release: for meta tags, social cards, feeds and the API."""

from releases.sanitise import text_blocks

DEFAULT_LIMIT = 300


def shorten(text, limit=DEFAULT_LIMIT):
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,،;؛:")
    return cut + "…"


def describe(edition, limit=DEFAULT_LIMIT):
    """The summary, or as many whole paragraphs of the body as fit, joined by spaces."""
    # The summary is rich text too (paragraphs, emphasis, links): its words, without the tags.
    summary = " ".join(text_blocks(edition.summary))
    if summary:
        return shorten(summary, limit)
    chosen = []
    for block in text_blocks(edition.body):
        if chosen and len(" ".join([*chosen, block])) > limit:
            break
        chosen.append(block)
    return shorten(" ".join(chosen), limit)
