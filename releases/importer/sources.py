"""Which files to import, and which English file goes with which Arabic one.

The convention: the English translation of `NAME.txt` is `NAME.en.txt`,
in the same folder. `NAME.ar.txt` is accepted for the Arabic too. Naming
either file of a pair is enough to import both; `--pair ARABIC ENGLISH`
pairs files that are named otherwise.
"""

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

ENGLISH_SUFFIX = ".en.txt"
ARABIC_SUFFIXES = (".txt", ".ar.txt")


@dataclass
class Source:
    """One release to import: its Arabic file, and its English file if any."""

    arabic: Path | None
    english: Path | None = None

    @property
    def paths(self):
        return [path for path in (self.arabic, self.english) if path is not None]


def is_english_name(path):
    return path.name.lower().endswith(ENGLISH_SUFFIX)


def _stem(path):
    name = path.name
    for suffix in (ENGLISH_SUFFIX, ".ar.txt", ".txt"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def english_partner(path):
    candidate = path.with_name(_stem(path) + ENGLISH_SUFFIX)
    return candidate if candidate.is_file() and not special_file_kind(candidate) else None


def arabic_partner(path):
    for suffix in (".txt", ".ar.txt"):
        candidate = path.with_name(_stem(path) + suffix)
        if candidate.is_file() and not special_file_kind(candidate):
            return candidate
    return None


def display_path(path):
    """A path as text that can always be printed and stored: bytes that aren't UTF-8 appear as \\xNN."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def display_name(path):
    return display_path(Path(path).name)


def special_file_kind(path):
    """What a path that is neither a regular file nor a folder is, or None. Never opens it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device file")
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return _("not a regular file")
    return None


def refusal_for(path):
    kind = special_file_kind(path)
    if kind is None:
        return _("No such file or folder.")
    return _("This is %(kind)s, not a file: it is not read.") % {"kind": kind}


def expand(paths):
    """Files named, and the .txt files in folders named (hidden ones left out), in order.

    Returns (files, missing): paths that don't exist, or that are pipes,
    sockets or devices (reading one could wait for ever), are reported, not fatal.
    """
    files, missing = [], []
    for path in map(Path, paths):
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if not found.name.lower().endswith(".txt") or any(
                    part.startswith(".") for part in found.relative_to(path).parts
                ):
                    continue
                if special_file_kind(found):
                    missing.append(found)
                elif found.is_file():
                    files.append(found)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def collect_sources(paths, *, pairs=()):
    """The releases to import from `paths`, with explicit `pairs` of (arabic, english) first.

    Returns (sources, missing).
    """
    files, missing = expand([*paths, *(path for pair in pairs for path in pair)])
    sources, seen = [], {}

    def add(arabic, english):
        key = (arabic or english).resolve()
        if key in seen:
            if english is not None and seen[key].english is None:
                seen[key].english = english
            return
        source = Source(arabic, english)
        sources.append(source)
        seen[key] = source
        if english is not None:
            seen[english.resolve()] = source

    for arabic, english in pairs:
        if Path(arabic).is_file() and Path(english).is_file():
            add(Path(arabic), Path(english))
    for path in files:
        if path.resolve() in seen:
            continue
        if is_english_name(path):
            add(arabic_partner(path), path)
        else:
            add(path, english_partner(path))
    return sources, missing
