"""Make the site's web fonts: Noto Naskh Arabic (SIL OFL 1.1), cut to what the pages need.

One typeface serves both scripts. Arabic pages get one file per weight holding
the Arabic letters *and* ASCII, so digits, brackets, "%" and Latin words inside
Arabic text come from the same design as the letters around them. English
pages get a Latin file without any Arabic; accented Latin letters are in a
small extra file that a browser fetches only for a page that uses them.

The source is Google Fonts' build of Noto Naskh Arabic (it includes the Latin
glyphs), from the npm package @expo-google-fonts/noto-naskh-arabic. Run:

    npm install --prefix /tmp/naskh @expo-google-fonts/noto-naskh-arabic
    .venv/bin/pip install fonttools brotli
    .venv/bin/python scripts/subset_fonts.py /tmp/naskh/node_modules/@expo-google-fonts/noto-naskh-arabic

It writes static/releases/fonts/*.woff2 and the @font-face block of
static/releases/site.css, so the files and their unicode-range never disagree.
"""

import re
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static/releases/fonts"
CSS = ROOT / "static/releases/site.css"
WEIGHTS = {400: "400Regular/NotoNaskhArabic_400Regular.ttf", 700: "700Bold/NotoNaskhArabic_700Bold.ttf"}

# Punctuation that both scripts' running text uses: no-break space, guillemets, middle dot,
# dashes, curly quotes, bullet, ellipsis.
SHARED = "U+0020-007E,U+00A0,U+00AB,U+00B7,U+00BB,U+2013-2014,U+2018-2019,U+201C-201D,U+2022,U+2026"
ARABIC = ",".join([
    SHARED, "U+00D7,U+00F7",
    # Arabic comma, semicolon, letter mark, question mark; letters, tatweel, harakat and hamzas;
    # Arabic-Indic digits and signs (٪ ٫ ٬); dagger alef and wasla; the letters of loanwords (پ چ ڤ گ ی);
    # Eastern Arabic-Indic digits, which pasted text brings.
    "U+060C,U+061B-061C,U+061F,U+0621-063A,U+0640-0655,U+0660-066D,U+0670-0671",
    "U+067E,U+0686,U+06A4,U+06AF,U+06CC,U+06F0-06F9",
    # Joiners and direction marks, the isolates that <bdi> stands for in plain text.
    "U+200C-200F,U+2066-2069",
    # Presentation forms, which text copied from PDFs often carries.
    "U+FDF2,U+FE70-FEFC",
])
LATIN = SHARED + ",U+00A9"
# Accents and transliteration marks (ā, ḥ, ʿ): in their own file, fetched only when a page uses them.
LATIN_EXTRA = "U+00A1-00A8,U+00AA,U+00AC-00B6,U+00B8-00BA,U+00BC-00FF,U+0100-017F,U+02BC,U+02BE-02BF,U+1E00-1EFF,U+20AC"

ARABIC_FEATURES = "ccmp,locl,init,medi,fina,isol,rlig,liga,calt,kern,mark,mkmk,curs"
LATIN_FEATURES = "ccmp,liga,kern"

# (file stem, family, unicode-range, features)
FACES = [
    ("noto-naskh-arabic", "Press Naskh", ARABIC, ARABIC_FEATURES),
    ("noto-naskh-latin-extra", "Press Naskh", LATIN_EXTRA, LATIN_FEATURES),
    ("noto-naskh-latin", "Press Naskh Latin", LATIN, LATIN_FEATURES),
    ("noto-naskh-latin-extra", "Press Naskh Latin", LATIN_EXTRA, LATIN_FEATURES),
]
BEGIN, END = "/* fonts: begin (written by scripts/subset_fonts.py) */", "/* fonts: end */"


def make(source, stem, ranges, features, weight):
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = features.split(",")
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence records
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(ranges))
    subsetter.subset(font)
    target = FONTS / f"{stem}-{weight}.woff2"
    subset.save_font(font, str(target), options)
    return target


def font_face(stem, family, ranges, weight):
    return (f'@font-face {{ font-family: "{family}"; src: url("fonts/{stem}-{weight}.woff2") format("woff2"); '
            f"font-weight: {weight}; font-display: swap; unicode-range: {ranges.replace(',', ', ')}; }}")


def main(package):
    FONTS.mkdir(parents=True, exist_ok=True)
    rules, made = [], {}
    for stem, family, ranges, features in FACES:
        for weight, name in WEIGHTS.items():
            if (stem, weight) not in made:
                made[stem, weight] = make(Path(package) / name, stem, ranges, features, weight)
            rules.append(font_face(stem, family, ranges, weight))
    css = CSS.read_text()
    block = "\n".join([BEGIN, *rules, END])
    css = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: block, css, flags=re.S)
    CSS.write_text(css)
    for path in made.values():
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
