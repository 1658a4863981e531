"""A course's badge image: the PNG that wallets, profiles and the credential show.

A course may have an image chosen in its certificate policy; otherwise one is
drawn here: a round seal in a colour of the course's own, the course title in
the middle and the issuer's name above it, set in the certificate fonts (each
run of text in the first shipped font that has its glyphs). Pure Pillow, no ORM.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from .fonts import FONT_FILES, FONTS_DIR, SERIF, SERIF_BOLD, font_runs

SIZE = 600
SCALE = 2  # drawn at twice the size and scaled down, for smooth edges


@lru_cache(maxsize=32)
def _font(face: str, size: int) -> ImageFont.FreeTypeFont:
    spec = next(f for f in FONT_FILES if f.name == face)
    return ImageFont.truetype(str(FONTS_DIR / spec.filename), size, index=spec.subfont_index)


def _colour(seed: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """A deep colour of the course's own and a light tint of it."""
    hue = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:2], "big") / 65535
    deep = colorsys.hls_to_rgb(hue, 0.30, 0.45)
    light = colorsys.hls_to_rgb(hue, 0.88, 0.40)
    return tuple(round(c * 255) for c in deep), tuple(round(c * 255) for c in light)


def _width(text: str, face: str, size: int) -> float:
    return sum(_font(run.font, size).getlength(run.text) for run in font_runs(text, face))


def _draw_line(draw, text: str, centre_x: float, y: float, face: str, size: int, fill) -> None:
    x = centre_x - _width(text, face, size) / 2
    for run in font_runs(text, face):
        # A font without a bold cut is drawn with a thin outline, as the PDF does.
        stroke = max(1, size // 40) if run.embolden else 0
        draw.text(
            (x, y),
            run.text,
            font=_font(run.font, size),
            fill=fill,
            stroke_width=stroke,
            stroke_fill=fill,
        )
        x += _font(run.font, size).getlength(run.text)


def _wrap(text: str, face: str, size: int, width: float) -> list[str]:
    """Lines of at most ``width``; words where there are spaces, characters otherwise."""
    units = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    lines: list[str] = []
    line = ""
    for unit in units:
        candidate = f"{line}{joiner}{unit}" if line else unit
        if line and _width(candidate, face, size) > width:
            lines.append(line)
            line = unit
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _title_lines(title: str, width: float) -> tuple[list[str], int]:
    """The title in at most four lines, as large as fits."""
    for size in range(64, 22, -4):
        lines = _wrap(title, SERIF_BOLD, size * SCALE, width)
        if len(lines) <= 4 and all(_width(x, SERIF_BOLD, size * SCALE) <= width for x in lines):
            return lines, size * SCALE
    lines = _wrap(title, SERIF_BOLD, 24 * SCALE, width)[:4]
    return lines, 24 * SCALE


def badge_png(*, title: str, issuer_name: str, seed: str) -> bytes:
    """The generated badge of a course: a 600 x 600 PNG with a transparent corner.

    Args:
        title: the course title, printed in the middle.
        issuer_name: printed above the title.
        seed: what the colour is derived from (the course's id), so that each
            course keeps its colour.
    """
    full = SIZE * SCALE
    deep, light = _colour(seed)
    image = Image.new("RGBA", (full, full), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    margin = 8 * SCALE
    draw.ellipse((margin, margin, full - margin, full - margin), fill=deep)
    ring = 34 * SCALE
    draw.ellipse((ring, ring, full - ring, full - ring), outline=light, width=4 * SCALE)
    inner = 52 * SCALE
    draw.ellipse((inner, inner, full - inner, full - inner), outline=light, width=1 * SCALE)

    centre = full / 2
    issuer_size = 26 * SCALE
    issuer = issuer_name.upper()
    while _width(issuer, SERIF, issuer_size) > full * 0.56 and issuer_size > 14 * SCALE:
        issuer_size -= 2 * SCALE
    _draw_line(draw, issuer, centre, 150 * SCALE, SERIF, issuer_size, light)
    draw.line((centre - 60 * SCALE, 198 * SCALE, centre + 60 * SCALE, 198 * SCALE), fill=light)

    lines, size = _title_lines(title, full * 0.62)
    line_height = size * 1.22
    top = centre - line_height * len(lines) / 2 + 30 * SCALE
    for index, line in enumerate(lines):
        _draw_line(draw, line, centre, top + index * line_height, SERIF_BOLD, size, "white")

    draw.regular_polygon((centre, full - 118 * SCALE, 14 * SCALE), 4, rotation=45, fill=light)
    image = image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def badge_from_image(data: bytes) -> bytes:
    """A chosen image as the badge: a PNG fitted into 600 x 600, its aspect kept."""
    with Image.open(io.BytesIO(data)) as source:
        source = source.convert("RGBA")
        source.thumbnail((SIZE, SIZE), Image.Resampling.LANCZOS)
        canvas = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
        canvas.paste(source, ((SIZE - source.width) // 2, (SIZE - source.height) // 2), source)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
