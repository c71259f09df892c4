"""Recognising the speakers, programmes and organisations that a text mentions.

Only records that already exist are linked: the importer never creates a
speaker, because a name in a text is not enough to know who someone is.
Names and texts are compared word by word after Arabic normalisation
(`releases.search.normalise`), with the honorific left out of the name, so
"سعادة الشيخة عـلياء بنت سيف" in a text finds the speaker "علياء بن سيف".
A name needs two words or more, or must be an acronym written as one, so
that a lone given name never links anyone.
"""

import re
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from releases.search.normalise import WORD as _FOLDED_WORD, fold, strip_article, words
from releases.models import Organisation, Programme, Speaker

# Honorifics and titles that may start a stored name, but are not the name.
HONORIFICS = {
    word
    for title in (
        "سعادة", "معالي", "فخامة", "سمو", "صاحب", "صاحبة", "السيد", "السيدة", "الشيخ", "الشيخة",
        "الدكتور", "الدكتورة", "د", "الأستاذ", "الأستاذة", "السفير", "السفيرة",
        "H.E.", "His", "Her", "Excellency", "Highness", "Mr", "Mrs", "Ms", "Miss", "Dr",
        "Sheikh", "Sheikha", "Ambassador",
    )
    for word in words(title)
}
# In names, "bint" and "ibn" are spellings of the same particle as "bin".
_SAME_WORD = {"بنت": "بن", "ابن": "بن", "bint": "bin", "ibn": "bin"}
_RAW_WORD = re.compile(r"[^\W_]+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+$")


@dataclass
class Links:
    speakers: list = field(default_factory=list)
    programmes: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    # Names that more than one record answers to: none of them was linked.
    ambiguous: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.speakers or self.programmes or self.organisations or self.ambiguous)


def name_words(text):
    """The words of a name or a text, normalised for comparing names."""
    return [name_word for word in _FOLDED_WORD.findall(fold(text)) for name_word in _name_word(word)]


@lru_cache(maxsize=200_000)
def _name_word(folded):
    """What one folded word of a text is in names: a text repeats its words, so each is worked out once."""
    word = strip_article(folded)
    # عبدالرحمن and عبد الرحمن are the same name.
    if word.startswith("عبدال") and len(word) > 6:
        return ("عبد", word[5:])
    return (_SAME_WORD.get(word, word),)


def _pattern(name, *, titles=()):
    tokens = name_words(name)
    while tokens and (tokens[0] in HONORIFICS or tokens[0] in titles or tokens[0] == "the"):
        tokens.pop(0)
    return tuple(tokens) if len(tokens) >= 2 else None


def _patterns():
    """(kind, record, phrase) for every name that can be recognised."""
    for speaker in Speaker.objects.all():
        titles = set(name_words(speaker.honorific_ar or "")) | set(name_words(speaker.honorific_en or ""))
        for name in (speaker.name_ar, speaker.name_en):
            yield "speakers", speaker, _pattern(name or "", titles=titles)
    for programme in Programme.objects.all():
        for name in (programme.name_ar, programme.name_en, programme.short_name_ar, programme.short_name_en):
            yield "programmes", programme, _pattern(name or "") or _acronym(name)
    for organisation in Organisation.objects.all():
        for name in (organisation.name_ar, organisation.name_en, organisation.acronym_ar, organisation.acronym_en):
            yield "organisations", organisation, _pattern(name or "") or _acronym(name)


def _acronym(name):
    """A one-word short name: a Latin acronym matches case-sensitively, so WHO is not "who"."""
    name = (name or "").strip()
    if _ACRONYM.match(name):
        return name
    tokens = name_words(name)
    if len(tokens) == 1 and len(tokens[0]) >= 3 and not tokens[0].isascii():
        return tuple(tokens)
    return None


@dataclass
class _Names:
    """Every name that can be recognised, indexed for looking texts up."""

    by_phrase: dict
    words: list  # [(kind, one-word name: an acronym)]
    first: dict  # {first word of a name: [(kind, phrase)]}

    @classmethod
    def read(cls):
        by_phrase = defaultdict(set)
        for kind, record, phrase in _patterns():
            if phrase:
                by_phrase[(kind, phrase)].add(record)
        words, first = [], defaultdict(list)
        for kind, phrase in by_phrase:
            if isinstance(phrase, str):
                words.append((kind, phrase))
            else:
                first[phrase[0]].append((kind, phrase))
        return cls(dict(by_phrase), words, dict(first))


_run = threading.local()


@contextmanager
def names_read_once():
    """Within: the names are read from the database once, not for each text (for a whole import)."""
    previous = getattr(_run, "names", None)
    _run.names = _Names.read()
    try:
        yield
    finally:
        _run.names = previous


def find_links(texts):
    """The records mentioned in `texts` (paragraphs, in any language)."""
    names = getattr(_run, "names", None) or _Names.read()
    by_phrase = names.by_phrase
    links = Links()
    found = defaultdict(list)
    for text in texts:
        for kind, phrase, span in _occurrences(text, names):
            found[kind].append((span, phrase))
    for kind, hits in found.items():
        for span, phrase in hits:
            # "برنامج مكافحة الإرهاب للسفر" mentions that programme, not also "برنامج مكافحة الإرهاب".
            if any(other != span and other[0] <= span[0] and span[1] <= other[1] and other[2] == span[2]
                   for other, _phrase in hits):
                continue
            records = by_phrase[(kind, phrase)]
            if len(records) > 1:
                label = phrase if isinstance(phrase, str) else " ".join(phrase)
                if label not in links.ambiguous:
                    links.ambiguous.append(label)
                continue
            record = next(iter(records))
            if record not in getattr(links, kind):
                getattr(links, kind).append(record)
    return links


def _occurrences(text, names):
    """(kind, phrase, (start, end, text id)) for each phrase found in `text`."""
    tokens = name_words(text)
    raw = set(_RAW_WORD.findall(text))
    for kind, phrase in names.words:
        if phrase in raw:
            yield kind, phrase, (-1, -1, id(phrase))
    first = names.first
    for start, token in enumerate(tokens):
        for kind, phrase in first.get(token, ()):
            if tuple(tokens[start:start + len(phrase)]) == phrase:
                yield kind, phrase, (start, start + len(phrase), id(text))
