"""Seal and signature images for the demo designs, drawn here (no outside artwork).

A seal is a round stamp in the design's colour with the issuer's initials; a
signature is a pen stroke made from the signer's name (the same name draws the
same stroke), on a transparent background, as a scanned signature would be.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

from .fonts import FONTS_DIR


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def seal_png(*, initials: str, colour: str, size: int = 600) -> bytes:
    """A round seal: two rings, a ring of dots and ``initials`` in the middle."""
    ink = (*_rgb(colour), 235)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = size / 2
    for radius, width in ((size * 0.48, size // 40), (size * 0.36, size // 80)):
        draw.ellipse(
            (centre - radius, centre - radius, centre + radius, centre + radius),
            outline=ink,
            width=width,
        )
    for n in range(36):
        angle = 2 * math.pi * n / 36
        x, y = centre + size * 0.42 * math.cos(angle), centre + size * 0.42 * math.sin(angle)
        dot = size / 90
        draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=ink)
    font = ImageFont.truetype(str(FONTS_DIR / "NotoSerif-Bold.ttf"), int(size * 0.26))
    draw.text((centre, centre), initials, font=font, fill=ink, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def signature_png(*, name: str, width: int = 700, height: int = 220) -> bytes:
    """A pen stroke from ``name``: loops and a flourish, the same for the same name."""
    rng = random.Random(name)  # noqa: S311 - a drawing, not a secret
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = []
    x = width * 0.06
    letters = [c for c in name if c.isalpha()] or ["x"]
    step = width * 0.8 / (len(letters) * 8)
    for index, letter in enumerate(letters):
        tall = 0.28 if letter.isupper() or index == 0 else 0.16
        phase = rng.uniform(0, math.pi)
        for t in range(8):
            angle = phase + t * math.pi / 4
            y = height * 0.55 - math.sin(angle) * height * tall * rng.uniform(0.7, 1.2)
            points.append((x + math.cos(angle) * step * 1.6, y))
            x += step
    # The flourish: a long stroke back under the name.
    points += [
        (x + width * 0.03, height * 0.62),
        (width * 0.5, height * 0.82),
        (width * 0.1, 0.78 * height),
    ]
    draw.line(points, fill=(22, 34, 84, 255), width=5, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
