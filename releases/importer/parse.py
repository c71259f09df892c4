"""Reading one release file: a headline line, a dateline line, then paragraphs.

Everything that can be wrong with a file is found here, before anything is
written, and raised as `ImportRefused` with a message for the person who
runs the import.
"""

import datetime
import os
import re
import stat
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _

from releases.models import Edition
from releases.sanitise import strip_bidi_controls

from .dateline import ENGLISH_WEEKDAYS, BadDate, NotADateline, parse_dateline

# A release is a few pages of text; anything this large is not one.
MAX_FILE_BYTES = 1024 * 1024
MAX_LINE_CHARS = 20_000
# Magic numbers of what people save by mistake instead of plain text.
_SIGNATURES = {
    b"PK\x03\x04": "a Word document (.docx) or another zip archive",
    b"\xd0\xcf\x11\xe0": "a Word 97-2003 document (.doc)",
    b"%PDF": "a PDF document",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# The control characters (Unicode category Cc: C0 and C1) other than tab, line and page ends.
_FORBIDDEN_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LETTERS = re.compile(r"[^\W\d_]+")
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]")
_LATIN_LETTER = re.compile("[\x00-\x7f\u00c0-\u024f]")
# Direction marks at the ends of a line are invisible leftovers of word processors.
_EDGE_MARKS = "\u200e\u200f\u061c\ufeff"


class ImportRefused(Exception):
    """A file that can't be imported; the message says why, in words for its owner."""


@dataclass(frozen=True)
class ParsedRelease:
    language: str
    headline: str
    place: str
    source: str
    date: datetime.date
    paragraphs: tuple
    has_year: bool
    warnings: tuple = ()

    @property
    def body_html(self):
        """One <p> per paragraph, escaped: the text is kept exactly as written."""
        return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in self.paragraphs)


def read_file(path):
    """The bytes of `path`, refusing files too large to be a release without reading them whole."""
    try:
        # O_NONBLOCK: if a pipe or a device takes the file's place after it was listed,
        # opening it must not wait for a writer; fstat then refuses it.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(descriptor, "rb", closefd=True) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ImportRefused(_("This is not a regular file (a pipe, a socket or a device): it is not read."))
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ImportRefused(_("The file can't be read: %(error)s") % {"error": error.strerror or error}) from None
    if len(data) > MAX_FILE_BYTES:
        size = path.stat().st_size / (1024 * 1024)
        raise ImportRefused(
            _("The file is %(size).1f MB; a release is never larger than %(limit)d MB. "
              "Is this the right file?") % {"size": size, "limit": MAX_FILE_BYTES // (1024 * 1024)}
        )
    return data


def decode(data):
    """The text of a UTF-8 file, with or without a BOM, with line ends made LF."""
    if data.startswith(_UTF16_BOMS):
        raise ImportRefused(_("The file is UTF-16. Save it as UTF-8 and import it again."))
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise ImportRefused(
                _("This is %(kind)s, not a plain-text file. Save it as plain text (UTF-8).") % {"kind": kind}
            )
    if b"\x00" in data:
        raise ImportRefused(_("This is a binary file, not a plain-text release."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(_not_utf8_message(data, error)) from None
    if _FORBIDDEN_CONTROL.search(text):
        raise ImportRefused(_("The file contains control characters: it is binary, not a plain-text release."))
    return strip_bidi_controls(text.replace("\r\n", "\n").replace("\r", "\n"))


def _not_utf8_message(data, error):
    line = data[: error.start].count(b"\n") + 1
    message = _("The file is not UTF-8 (byte 0x%(byte)02X on line %(line)d). Save it as UTF-8 and import it again.") % {
        "byte": data[error.start], "line": line,
    }
    try:
        data.decode("cp1256")
    except UnicodeDecodeError:
        return message
    return message + " " + _("It may be in the Windows Arabic encoding (Windows-1256).")


def parse_release(data, *, year=None):
    """A ParsedRelease from the bytes of one file; `year` is for datelines without one."""
    lines = [line.strip().strip(_EDGE_MARKS).strip() for line in decode(data).split("\n")]
    if not any(lines):
        raise ImportRefused(_("The file is empty."))
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportRefused(
                _("Line %(line)d is %(length)d characters long; a release never has a line that long. "
                  "Is this the right file?") % {"line": number, "length": len(line)}
            )
    numbered = [(number, line) for number, line in enumerate(lines, 1) if line]
    headline = " ".join(numbered[0][1].split())
    if len(numbered) < 2:
        raise ImportRefused(_("The file has a headline and nothing else: no dateline and no text."))
    dateline = _dateline(numbered, year=year)
    body_lines = lines[numbered[1][0]:]
    paragraphs = _paragraphs(body_lines)
    if not paragraphs:
        raise ImportRefused(_("The file has no text after the dateline."))
    _check_lengths(headline, dateline)
    return ParsedRelease(
        language=detect_language(" ".join([headline, *paragraphs])),
        headline=headline,
        place=" ".join(dateline.place.split()),
        source=" ".join(dateline.source.split()),
        date=dateline.date,
        paragraphs=tuple(paragraphs),
        has_year=dateline.has_year,
        warnings=tuple(_weekday_warnings(dateline)),
    )


def _dateline(numbered, *, year):
    number, line = numbered[1]
    try:
        return parse_dateline(line, year=year)
    except BadDate as error:
        raise ImportRefused(_("Line %(line)d: %(error)s") % {"line": number, "error": error}) from None
    except NotADateline:
        pass
    try:
        parse_dateline(numbered[0][1], year=year or 2000)
    except (BadDate, NotADateline):
        pass
    else:
        raise ImportRefused(_("The first line is a dateline: the headline is missing."))
    raise ImportRefused(
        _("No dateline: line %(line)d should read “place - source - day month [year]”, "
          "for example “New York - Media Office - 10 February 2022”.") % {"line": number}
    )


def _paragraphs(lines):
    """Paragraphs are separated by blank lines, and their lines joined with a space.

    A body with no blank line at all is one paragraph per line: that is how
    word processors save paragraphs as text.
    """
    text = "\n".join(lines).strip("\n")
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _check_lengths(headline, dateline):
    for name, value in (("headline", headline), ("dateline_place", dateline.place), ("dateline_source", dateline.source)):
        field = Edition._meta.get_field(name)
        if len(value) > field.max_length:
            raise ImportRefused(
                _("The %(field)s is %(length)d characters long; at most %(limit)d fit. "
                  "Is a blank line missing after it?")
                % {"field": field.verbose_name, "length": len(value), "limit": field.max_length}
            )


def _weekday_warnings(dateline):
    if dateline.weekday is not None and dateline.weekday != dateline.date.weekday():
        yield _("The dateline says %(said)s, but %(date)s was a %(actual)s. Is the year right?") % {
            "said": ENGLISH_WEEKDAYS[dateline.weekday],
            "date": dateline.date.isoformat(),
            "actual": ENGLISH_WEEKDAYS[dateline.date.weekday()],
        }


# detect_language() counts this many characters at a time, and stops once the rest can't change its answer.
_LANGUAGE_BLOCK = 1024


def detect_language(text):
    """"en" when the text is mostly in Latin letters, else "ar".

    Read a block at a time: once one script leads by more than the characters still unread,
    the rest can't change the answer (an Arabic release is decided a little past halfway).
    """
    arabic = latin = 0
    for start in range(0, len(text), _LANGUAGE_BLOCK):
        letters = "".join(_LETTERS.findall(text, start, start + _LANGUAGE_BLOCK))
        arabic += len(_ARABIC_LETTER.findall(letters))
        latin += len(_LATIN_LETTER.findall(letters))
        if abs(arabic - latin) > len(text) - start - _LANGUAGE_BLOCK:
            break
    return "en" if latin > arabic else "ar"
