"""Draw the site's icons with Pillow: a page of text on the office's burgundy. Ours, like the rest of the project.

    .venv/bin/python scripts/make_icons.py

writes static/releases/icons/: favicon.svg (hand-written below), favicon.ico,
apple-touch-icon.png and the web manifest's icon-192.png and icon-512.png.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static/releases/icons"
BURGUNDY, PAPER, FOLD = (122, 21, 49), (255, 253, 249), (232, 201, 209)
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#7a1531"/>\
<path d="M18 12h20l10 10v30H18z" fill="#fffdf9"/><path d="M38 12v10h10z" fill="#e8c9d1"/>\
<path d="M24 30h18M24 37h18M24 44h11" stroke="#7a1531" stroke-width="3.5" stroke-linecap="round"/></svg>
"""


def draw(size, *, rounded=True):
    scale = size * 4 / 64  # drawn at four times the size, then scaled down for smooth edges
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def s(*values):
        return [round(value * scale) for value in values]

    pen.rounded_rectangle(s(0, 0, 64, 64), radius=s(12)[0] if rounded else 0, fill=BURGUNDY)
    pen.polygon(s(18, 12, 38, 12, 48, 22, 48, 52, 18, 52), fill=PAPER)
    pen.polygon(s(38, 12, 38, 22, 48, 22), fill=FOLD)
    for y, end in ((30, 42), (37, 42), (44, 35)):
        pen.line(s(24, y, end, y), fill=BURGUNDY, width=s(3.5)[0])
        for x in (24, end):
            pen.ellipse(s(x - 1.75, y - 1.75, x + 1.75, y + 1.75), fill=BURGUNDY)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "favicon.svg").write_text(SVG)
    for size in (192, 512):
        draw(size).save(OUT / f"icon-{size}.png", optimize=True)
    # iOS rounds the corners itself, and shows transparency as black.
    draw(180, rounded=False).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
    draw(64).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
