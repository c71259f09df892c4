"""Admin search boxes that read the query as the public search does.

The admin searches drafts too, which the public index never holds, so it
matches the text itself: each query word becomes a pattern that accepts
every spelling the analyzer folds together (أ/إ/آ/ا, ة/ه, ى/ي, hamza
seats, harakat and tatweel between letters, any script of digit), built
from the word's stems without article, clitics or endings. An editor typing
الامم المتحده finds الأمم المتحدة.
"""

import re

from django.db.models import Q

from .analysis import is_arabic
from .arabic import search_fold, stems
from .english import STOPWORDS as ENGLISH_STOPWORDS

_WORD = re.compile(r"[^\W\d_]+|\d+")
_BETWEEN = "[\u0610-\u061a\u064b-\u065f\u0670\u0640\u0621\u0624\u0626]*"
_VARIANTS = {
    "ا": "[اأإآٱ]", "ه": "[هة]", "ي": "[يىی]", "و": "[و]", "ك": "[كک]",
    **{digit: f"[{digit}{chr(0x660 + int(digit))}{chr(0x6f0 + int(digit))}]" for digit in "0123456789"},
}


def _pattern(stem):
    return _BETWEEN.join(_VARIANTS.get(char, re.escape(char)) for char in stem)


def word_patterns(text):
    """One regular expression per meaningful word of `text`, each matching any spelling of the word."""
    patterns = []
    for word in _WORD.findall(search_fold(text)):
        if word.isdigit() or not is_arabic(word):
            if word not in ENGLISH_STOPWORDS:
                patterns.append(_pattern(word))
            continue
        found = stems(word, plurals=False)
        if found:
            patterns.append("|".join(f"(?:{_pattern(stem)})" for stem in found))
    return patterns


class AnalyzedSearchMixin:
    """A ModelAdmin's `search_fields` searched word by word with `word_patterns()`."""

    def get_search_results(self, request, queryset, search_term):
        patterns = word_patterns(search_term)
        fields = [name.lstrip("^=@") for name in self.get_search_fields(request)]
        if not patterns or not fields:
            return super().get_search_results(request, queryset, search_term)
        condition = Q()
        for pattern in patterns:
            any_field = Q()
            for name in fields:
                any_field |= Q(**{f"{name}__iregex": pattern})
            condition &= any_field
        may_have_duplicates = any("__" in name for name in fields)
        return queryset.filter(condition), may_have_duplicates
