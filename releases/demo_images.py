"""Lead images for the demo content, drawn here with Pillow: ours, free to use like the rest of the project.

Each is a flat illustration, 1600 x 900, drawn at twice that size and scaled
down so its edges are smooth. No text, so one image serves every language.
"""

import io
import math

from PIL import Image, ImageDraw

WIDTH, HEIGHT, SCALE = 1600, 900, 2
NAVY, INK, GOLD, PAPER = (24, 42, 74), (29, 29, 31), (201, 162, 74), (255, 253, 249)
BURGUNDY, TEAL, SKY, GREEN = (122, 21, 49), (28, 110, 122), (170, 208, 226), (88, 140, 86)


def _canvas(background):
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
    return image, ImageDraw.Draw(image)


def _s(*values):
    return [value * SCALE for value in values]


def _arc_seats(draw, centre, radius, start, end, count, size, colour):
    cx, cy = centre
    for index in range(count):
        angle = math.radians(start + (end - start) * index / max(1, count - 1))
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        draw.ellipse(_s(x - size, y - size, x + size, y + size), fill=colour)


def council_chamber():
    """The horseshoe table of a council chamber, seen from above."""
    image, draw = _canvas(NAVY)
    draw.rectangle(_s(0, 760, 1600, 900), fill=(18, 32, 58))
    draw.arc(_s(420, 120, 1180, 880), 180, 360, fill=PAPER, width=70 * SCALE)
    draw.rectangle(_s(420, 500, 490, 760), fill=PAPER)
    draw.rectangle(_s(1110, 500, 1180, 760), fill=PAPER)
    _arc_seats(draw, (800, 500), 440, 180, 360, 17, 22, GOLD)
    for x in (378, 1222):  # the seats along the two arms, outside the table
        for y in range(560, 760, 60):
            draw.ellipse(_s(x - 22, y - 22, x + 22, y + 22), fill=GOLD)
    draw.rectangle(_s(700, 560, 900, 640), fill=(56, 88, 140))
    draw.ellipse(_s(760, 250, 840, 330), outline=GOLD, width=8 * SCALE)
    return image


def water_network():
    """A pipe carrying water from a tap to a row of village houses."""
    image, draw = _canvas(SKY)
    draw.ellipse(_s(-200, 560, 900, 1200), fill=GREEN)
    draw.ellipse(_s(600, 600, 1900, 1250), fill=(70, 118, 70))
    draw.rectangle(_s(0, 700, 1600, 900), fill=(62, 104, 64))
    for index, x in enumerate(range(760, 1500, 170)):
        top = 520 + (index % 2) * 30
        draw.rectangle(_s(x, top, x + 120, top + 130), fill=PAPER)
        draw.polygon(_s(x - 15, top, x + 60, top - 70, x + 135, top), fill=BURGUNDY)
        draw.rectangle(_s(x + 45, top + 60, x + 75, top + 130), fill=TEAL)
    draw.rectangle(_s(120, 760, 1500, 790), fill=(40, 70, 120))
    draw.rectangle(_s(180, 420, 230, 790), fill=(90, 90, 96))
    draw.rectangle(_s(180, 400, 360, 440), fill=(90, 90, 96))
    draw.rectangle(_s(330, 440, 360, 470), fill=(90, 90, 96))
    draw.polygon(_s(345, 500, 315, 560, 345, 590, 375, 560), fill=(40, 120, 200))
    draw.ellipse(_s(315, 540, 375, 600), fill=(40, 120, 200))
    draw.ellipse(_s(1250, 90, 1410, 250), fill=(250, 214, 120))
    return image


def assembly_hall():
    """Rows of seats in a semicircle facing a rostrum, as in an assembly hall."""
    image, draw = _canvas((34, 52, 44))
    for row, radius in enumerate(range(240, 660, 84)):
        _arc_seats(draw, (800, 860), radius, 195, 345, 11 + row * 4, 16, (GOLD, (214, 190, 120))[row % 2])
    draw.rectangle(_s(620, 720, 980, 900), fill=(120, 84, 40))
    draw.rectangle(_s(740, 640, 860, 720), fill=PAPER)
    draw.ellipse(_s(740, 50, 860, 170), outline=GOLD, width=10 * SCALE)
    draw.line(_s(800, 50, 800, 170), fill=GOLD, width=6 * SCALE)
    draw.line(_s(740, 110, 860, 110), fill=GOLD, width=6 * SCALE)
    return image


def open_book():
    """An open book in front of a rising sun, with a pencil beside it."""
    image, draw = _canvas((246, 232, 214))
    draw.ellipse(_s(520, 120, 1080, 680), fill=(240, 178, 92))
    draw.rectangle(_s(0, 560, 1600, 900), fill=(226, 205, 180))
    draw.polygon(_s(300, 470, 790, 540, 790, 820, 300, 760), fill=PAPER)
    draw.polygon(_s(1300, 470, 810, 540, 810, 820, 1300, 760), fill=PAPER)
    draw.rectangle(_s(788, 540, 812, 825), fill=BURGUNDY)
    for offset in range(0, 200, 40):
        draw.line(_s(360, 540 + offset, 740, 590 + offset), fill=(190, 180, 170), width=8 * SCALE)
        draw.line(_s(860, 590 + offset, 1240, 540 + offset), fill=(190, 180, 170), width=8 * SCALE)
    draw.polygon(_s(1340, 820, 1520, 560, 1560, 585, 1380, 845), fill=(232, 190, 60))
    draw.polygon(_s(1340, 820, 1380, 845, 1330, 870), fill=INK)
    return image


def delegation():
    """A group of visitors in front of a building with columns."""
    image, draw = _canvas((214, 226, 236))
    draw.polygon(_s(300, 260, 800, 90, 1300, 260), fill=PAPER)
    draw.rectangle(_s(320, 260, 1280, 300), fill=PAPER)
    for x in range(360, 1260, 130):
        draw.rectangle(_s(x, 300, x + 50, 620), fill=PAPER)
    draw.rectangle(_s(280, 620, 1320, 660), fill=PAPER)
    draw.rectangle(_s(0, 660, 1600, 900), fill=(150, 160, 172))
    colours = [BURGUNDY, TEAL, NAVY, GOLD, GREEN, (160, 90, 140), (200, 110, 70)]
    for index, x in enumerate(range(230, 1400, 165)):
        colour, lift = colours[index % len(colours)], (index % 3) * 18
        draw.rounded_rectangle(_s(x, 600 - lift, x + 120, 900), radius=50 * SCALE, fill=colour)
        draw.ellipse(_s(x + 20, 500 - lift, x + 100, 580 - lift), fill=(120, 84, 60) if index % 2 else (200, 150, 110))
    return image


def island():
    """A small island with a palm tree, waves and the sun."""
    image, draw = _canvas((150, 200, 226))
    draw.ellipse(_s(1180, 100, 1360, 280), fill=(250, 214, 120))
    draw.rectangle(_s(0, 560, 1600, 900), fill=(36, 110, 160))
    draw.ellipse(_s(420, 500, 1180, 700), fill=(232, 206, 150))
    draw.line(_s(800, 600, 760, 260), fill=(120, 84, 40), width=26 * SCALE)
    for angle in (160, 195, 230, 310, 345, 20):  # fronds that droop at their tips
        middle = (760 + 120 * math.cos(math.radians(angle)), 260 + 70 * math.sin(math.radians(angle)) - 30)
        tip = (760 + 240 * math.cos(math.radians(angle)), 260 + 90 * math.sin(math.radians(angle)) + 40)
        draw.line(_s(760, 260, *middle, *tip), fill=GREEN, width=30 * SCALE, joint="curve")
    for row in range(3):
        for x in range(-60, 1700, 160):
            y = 700 + row * 60
            draw.arc(_s(x + row * 50, y, x + row * 50 + 120, y + 50), 200, 340, fill=PAPER, width=7 * SCALE)
    return image


DRAWINGS = {
    "council_chamber": council_chamber, "water_network": water_network, "assembly_hall": assembly_hall,
    "open_book": open_book, "delegation": delegation, "island": island,
}


def draw_png(name):
    """The PNG bytes of the drawing `name`."""
    image = DRAWINGS[name]().resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
