"""Writing published releases back in the office's plain-text form.

The files are what `import_releases` reads: headline, dateline with the
year, then one paragraph per block, with `NAME.en.txt` beside `NAME.txt`
for the English. Inline formatting (bold, links) has no plain-text form
and is reduced to its text.
"""

from html.parser import HTMLParser
from pathlib import Path

from releases.digits import to_arabic_indic_digits
from releases.models import Release
from releases.models.querysets import SOURCE_LANGUAGE

from .dateline import format_date
from .sources import ENGLISH_SUFFIX

TRANSLATION_LANGUAGE = "en"
# Elements whose text is a paragraph of its own in plain text.
_BLOCKS = {"p", "li", "h2", "h3", "h4", "blockquote", "figcaption", "figure", "ul", "ol", "div"}


class _Paragraphs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self._text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.flush()
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data):
        self._text.append(data)

    def flush(self):
        text = " ".join("".join(self._text).split())
        if text:
            self.paragraphs.append(text)
        self._text = []


def html_to_paragraphs(html):
    """The plain-text paragraphs of a sanitised body, unescaped."""
    parser = _Paragraphs()
    parser.feed(html or "")
    parser.close()
    parser.flush()
    return parser.paragraphs


def edition_as_text(*, edition, language, digits="latin"):
    """The edition in `language` as a release file; `digits` applies to the Arabic dateline."""
    date = format_date(edition.dateline_date, language=language)
    if language == SOURCE_LANGUAGE and digits == "arabic-indic":
        date = to_arabic_indic_digits(date)
    place = getattr(edition, f"dateline_place_{language}")
    source = getattr(edition, f"dateline_source_{language}")
    dateline = " - ".join(part for part in (place, source, date) if part)
    paragraphs = html_to_paragraphs(getattr(edition, f"body_{language}"))
    return "\n\n".join([getattr(edition, f"headline_{language}"), dateline, *paragraphs]) + "\n"


def releases_export(*, directory, digits="latin", now=None):
    """Write every published release's public edition to `directory`; return the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for release in Release.objects.published(now).with_public_edition(now).order_by("pk"):
        edition = release.public_edition(now)
        stem = f"{edition.dateline_date:%Y-%m-%d}-{release.pk}"
        files = {f"{stem}.txt": SOURCE_LANGUAGE}
        if edition.is_complete_in(TRANSLATION_LANGUAGE):
            files[stem + ENGLISH_SUFFIX] = TRANSLATION_LANGUAGE
        for name, language in files.items():
            path = directory / name
            path.write_text(edition_as_text(edition=edition, language=language, digits=digits),
                            encoding="utf-8", newline="\n")
            written.append(path)
    return written
