"""Snippets and headlines with the matched words marked, built from the text as written.

The index holds stems, not words, so neither FTS5's snippet() nor
PostgreSQL's ts_headline could show readable text; instead each word of the
original text is analysed as the index analysed it, and marked when one of
its stems is among the query's terms.
"""

import re

from html import escape
from django.utils.safestring import mark_safe

from .analysis import word_stems

# A word as written: letters and digits with their harakat, tatweel and joiners.
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d])+")


def _pieces(text, highlight):
    """(pieces, words): `pieces` are [text, is_match] covering `text`; `words` the indexes of the words among them.

    `highlight` holds stems, marked wherever a word has one, and tuples of
    stems (a name of several words), marked only where the words follow each other.
    """
    pieces, words, stems_of = [], [], []
    position = 0
    for found in _WORD.finditer(text):
        start = found.start()
        if start > position:
            pieces.append([text[position:start], False])
        word = found.group()
        stems = word_stems(word)
        words.append(len(pieces))
        stems_of.append(stems)
        pieces.append([word, not highlight.isdisjoint(stems)])
        position = found.end()
    if position < len(text):
        pieces.append([text[position:], False])
    for phrase in (item for item in highlight if isinstance(item, tuple)):
        for start in range(len(words) - len(phrase) + 1):
            if all(stem in stems_of[start + offset] for offset, stem in enumerate(phrase)):
                for index in words[start:start + len(phrase)]:
                    pieces[index][1] = True
    return pieces, words


def _render(pieces):
    return mark_safe("".join(f"<mark>{escape(piece)}</mark>" if hit else escape(piece) for piece, hit in pieces))


def marked(text, highlight):
    """`text`, escaped, with the words that match marked."""
    return _render(_pieces(text or "", highlight)[0])


def snippet(text, highlight, *, words=32):
    """The passage of `text` of about `words` words with the most matches, marked; escaped."""
    pieces, word_at = _pieces(" ".join((text or "").split()), highlight)
    if not word_at:
        return ""
    hits = [0]
    for index in word_at:
        hits.append(hits[-1] + pieces[index][1])
    # The window with the most marked words; the earliest one on a tie.
    best = max(range(max(1, len(word_at) - words + 1)), key=lambda start: (hits[min(start + words, len(word_at))] - hits[start], -start))
    first = word_at[best]
    last = word_at[min(best + words, len(word_at)) - 1]
    passage = _render(pieces[first:last + 1])
    before = "… " if best > 0 else ""
    after = " …" if last < word_at[-1] else ""
    return mark_safe(before + passage + after)
