"""The search analyzer: the one place where documents and queries become index terms.

`document_tokens()` turns a text into the terms stored in the index;
`query_terms()` turns what a reader typed into terms to look up. Both go
through the same steps, so a query matches a document exactly when they
share terms:

1. fold characters (`arabic.search_fold`, on top of `normalise.fold`): alef
   and hamza forms, hamza seats (مسؤول = مسئول), teh marbuta, alef maqsura,
   harakat, tatweel, bidi and other invisible controls, presentation forms,
   and Arabic-Indic digits to Latin ones;
2. cut into words at anything that is not a letter or a digit, and between
   letters and digits, so كوفيد-١٩, كوفيد 19 and كوفيد19 are all كوفيد + 19;
3. stem each word: Arabic by `arabic.stems()` (clitics, the article, suffixes,
   broken plurals), Latin script by Snowball's English stemmer;
4. join compound names: عبد الرحمن and عبدالرحمن, أبو ظبي and أبوظبي
   each give one compound term as well as their parts.

A document keeps every reading of an ambiguous word; a query asks for any
of them (a `Term` holds alternatives).
"""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from . import arabic, english

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# The first word of a compound name, and the form the compound is indexed under.
COMPOUND_HEADS = {"عبد": "عبد", "ابو": "ابو", "ابي": "ابو", "ابا": "ابو"}
_HEAD = re.compile("|".join(COMPOUND_HEADS))


@dataclass(frozen=True)
class Term:
    """One thing a query asks for: any of `alternatives`, each a set of terms that must all match."""

    alternatives: tuple
    highlight: frozenset = field(default_factory=frozenset)

    @classmethod
    def of(cls, stems, highlight=()):
        return cls(tuple((stem,) for stem in stems), frozenset(stems) | frozenset(highlight))

    @property
    def tokens(self):
        return {token for alternative in self.alternatives for token in alternative}


def is_arabic(text):
    return bool(_ARABIC_LETTER.search(text or ""))


def _word_stems(word):
    if word.isdigit():
        return (word.lstrip("0") or "0",)
    lower = word.casefold()
    if word.isascii() or not is_arabic(word):
        if word.isupper() and len(word) >= 2:
            return (english.acronym_stem(word),)
        stem = english.stem(lower)
        return (stem,) if stem else ()
    # A one-letter Arabic word is a particle or an abbreviation (د. for doctor), never a search term.
    return arabic.stems(lower) if len(lower) >= 2 else ()


@lru_cache(maxsize=300_000)
def _entries(word):
    """(folded word, its stems) for one token, a joined compound name as its two parts."""
    lower = word.casefold()
    for head in COMPOUND_HEADS:
        if lower.startswith(head + "ال") and len(lower) > len(head) + 3:
            rest = word[len(head):]
            return ((head, (head,)), (rest.casefold(), _word_stems(rest)))
    return ((lower, _word_stems(word)),)


def _words(text):
    """(folded word, its stems) in order, with joined compound names split (عبدالرحمن: عبد + الرحمن)."""
    for word in _TOKEN.findall(arabic.search_fold(text, casefold=False)):
        yield from _entries(word)


def _with_compounds(text):
    """(stems, compound) per word; `compound` is the compound term when the word heads a name."""
    words = list(_words(text))
    for index, (word, stems) in enumerate(words):
        following = words[index + 1][1] if index + 1 < len(words) else ()
        compound = COMPOUND_HEADS[word] + following[0] if word in COMPOUND_HEADS and following else None
        yield stems, compound


_worked_out = threading.local()


@contextmanager
def tokens_known(tokens):
    """Within: `document_tokens()` of the texts in `tokens` ({text: its tokens}, worked out by this
    function in another process: the importer's reading process) is taken from there."""
    previous = getattr(_worked_out, "tokens", None)
    _worked_out.tokens = tokens
    try:
        yield
    finally:
        _worked_out.tokens = previous


def document_tokens(text):
    """The index terms of a text: each word's stems, then the compound names."""
    known = getattr(_worked_out, "tokens", None)
    if known and text in known:
        return list(known[text])
    folded = arabic.search_fold(text, casefold=False)
    entries = [entry for word in _TOKEN.findall(folded) for entry in _entries(word)]
    tokens = [stem for _word, stems in entries for stem in stems]
    if _HEAD.search(folded):
        for (word, _stems), (_next, following) in zip(entries, entries[1:]):
            if word in COMPOUND_HEADS and following:
                tokens.append(COMPOUND_HEADS[word] + following[0])
    return tokens


def query_terms(text):
    """What a query asks for: one `Term` per meaningful word, compound names as one term."""
    terms, skip = [], False
    entries = list(_with_compounds(text))
    for index, (stems, compound) in enumerate(entries):
        if skip:
            skip = False
            continue
        if compound:
            terms.append(Term.of((compound,), highlight=stems + entries[index + 1][0]))
            skip = True
        elif stems:
            terms.append(Term.of(stems))
    return _unique(terms)


@lru_cache(maxsize=100_000)
def word_stems(word):
    """The stems of one word as written in a text, for highlighting it."""
    return frozenset(stem for stems, _compound in _with_compounds(word) for stem in stems)


def _unique(terms):
    return list(dict.fromkeys(terms))
