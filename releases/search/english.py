"""English and other Latin-script words: Snowball's English (Porter2) stemmer, and stop words."""

from functools import lru_cache

import snowballstemmer

STOPWORDS = frozenset("""
a an the of in on at to for and or but nor is are was were be been being by with from as that this
these those it its his her hers their theirs our ours we he she they them him us you your i me my
has have had do does did not no will would shall should can could may might must which who whom
what whose also than then into onto over about after before during between among all any each such
there here where when while so if s t mr mrs ms dr he h e al bin bint ibn
""".split())

_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word):
    """The stem of a lower-case word, or "" for a stop word."""
    if word in STOPWORDS:
        return ""
    return _STEMMER.stemWord(word)


def acronym_stem(word):
    """A word written in capitals (WHO, US) is a name, even when its letters spell a stop word."""
    return _STEMMER.stemWord(word.lower()) if len(word) >= 2 else ""
