"""Character folding for matching: the first stage of the search analyzer, and all of the importer's name linking.

The same word is spelled in several ways in practice: with or without hamza
on the alef, with or without harakat, stretched with tatweel, with a final
yeh or alef maqsura, a teh marbuta or a heh, and with the article or a
proclitic glued to it. `normalise()` folds all of these to one form, so
that the same function applied to a document and to a query (or to a name
and to a text) makes them comparable. The folded form is for comparing
only; it is never shown or stored as the text itself. Search goes further
(clitics, suffixes, plurals: `releases.search.arabic`) on top of `fold()`.
"""

import re
import unicodedata

# The digit tables are the site's one digit system's; the importer imports to_latin_digits from here too.
from releases.digits import TO_LATIN, to_arabic_indic_digits, to_latin_digits  # noqa: F401

# Harakat, shadda, sukun and the small marks above and below letters,
# the superscript (dagger) alef, and the Quranic annotation signs.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_TATWEEL = "\u0640"
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و",
    "ئ": "ي", "ى": "ي", "ی": "ي", "ې": "ي",
    "ة": "ه", "ۃ": "ه",
    "ک": "ك",
})
# Every format character (category Cf) of the Basic Multilingual Plane and the tag block.
_FORMAT_CHARACTERS = re.compile("[%s]" % "".join(
    re.escape(chr(code)) for code in [*range(0x10000), *range(0xE0000, 0xE0080)]
    if unicodedata.category(chr(code)) == "Cf"
))
# Letters and digits; the underscore that \w also matches is not part of a word.
WORD = re.compile(r"[^\W_]+")
# The article, alone or behind a one-letter proclitic (wa-, fa-, bi-, ka-, li-).
# Longest first. A bare proclitic without the article is left alone: without a
# dictionary, the و of وزير can't be told from the و of وقال.
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
# Keep at least this many letters, so that short words (الى, الف) survive.
_MIN_STEM = 2


def _removed(pattern):
    return {code: None for code in range(0x10000) if pattern.fullmatch(chr(code))}


# One table does all of fold()'s character work in a single pass: marks, tatweel
# and invisible format characters (ZWNJ, LRM, RLM, ALM, BOM, which would split or
# glue words) removed, letter forms and digits mapped.
FOLD_TABLE = {
    **_removed(_MARKS), **_removed(_FORMAT_CHARACTERS),
    **{code: None for code in range(0xE0000, 0xE0080)}, ord(_TATWEEL): None,
    **_LETTERS, **TO_LATIN,
}


def fold(text, *, casefold=True, table=FOLD_TABLE):
    """Character-level folding: letter forms, marks, tatweel, digits and case.

    Spacing and punctuation are kept, so the result still lines up word for
    word with the input. `table` may extend FOLD_TABLE (search removes hamza seats too).
    """
    # NFKC turns presentation forms (ﻻ, ﷲ) back into ordinary letters.
    text = unicodedata.normalize("NFKC", text or "").translate(table)
    return text.casefold() if casefold else text


def strip_article(word):
    """`word` without a leading article or article-plus-proclitic."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            return word[len(prefix):]
    return word


def words(text):
    """The normalised words of `text`, in order."""
    return [strip_article(word) for word in WORD.findall(fold(text))]


def normalise(text):
    """The normalised form of `text`: its normalised words, separated by single spaces."""
    return " ".join(words(text))
