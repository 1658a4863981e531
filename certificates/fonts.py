"""The fonts shipped for certificates, and which of them can draw a piece of text.

reportlab embeds TrueType outlines only, so the project ships two TrueType
families (see the licence texts beside them in ``certificates/fonts/``):

- Noto Serif (regular and bold, OFL-1.1): Latin with diacritics, Greek and
  Cyrillic, including Mongolian's extra letters (U+04E8/9, U+04AE/F). It is the certificate's face.
- WenQuanYi Micro Hei (Apache-2.0): CJK ideographs, kana, Hangul and Cyrillic,
  the fallback for everything Noto Serif does not have.

Fonts are registered with reportlab once per process (``register_fonts``);
``font_runs`` splits a text into runs that one font can draw, so a name such as
"山田 太郎 (Yamada Tarō)" mixes faces without a missing-glyph box.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

SERIF = "FlywaySerif"
SERIF_BOLD = "FlywaySerif-Bold"
CJK = "FlywayCJK"


@dataclass(frozen=True)
class FontFile:
    name: str
    filename: str
    subfont_index: int = 0


FONT_FILES = (
    FontFile(SERIF, "NotoSerif-Regular.ttf"),
    FontFile(SERIF_BOLD, "NotoSerif-Bold.ttf"),
    FontFile(CJK, "wqy-microhei.ttc", subfont_index=0),
)

# For each face the certificate asks for, the fonts tried in order.
FALLBACKS = {
    SERIF: (SERIF, CJK),
    SERIF_BOLD: (SERIF_BOLD, CJK),
}

_lock = threading.Lock()


@cache
def _font(name: str) -> TTFont:
    spec = next(f for f in FONT_FILES if f.name == name)
    return TTFont(spec.name, str(FONTS_DIR / spec.filename), subfontIndex=spec.subfont_index)


@cache
def _charset(name: str) -> frozenset[int]:
    return frozenset(_font(name).face.charToGlyph)


def register_fonts() -> None:
    """Register the shipped fonts with reportlab; later calls do nothing.

    Parsing a font file costs tens of milliseconds, so this happens once per
    process, never per certificate.
    """
    registered = pdfmetrics.getRegisteredFontNames()
    if all(f.name in registered for f in FONT_FILES):
        return
    with _lock:
        registered = pdfmetrics.getRegisteredFontNames()
        for spec in FONT_FILES:
            if spec.name not in registered:
                pdfmetrics.registerFont(_font(spec.name))


def _drawable(char: str) -> bool:
    # Spaces, joiners and other format characters need no glyph of their own.
    return not (char.isspace() or unicodedata.category(char) in {"Cf", "Cc"})


def supported(char: str, font: str) -> bool:
    """True when ``font`` (a registered name above) has a glyph for ``char``."""
    return not _drawable(char) or ord(char) in _charset(font)


def unsupported_characters(text: str) -> list[str]:
    """The characters of ``text`` that no shipped font can draw.

    The registry asks for this when a profile is saved (``validators``), so
    that a name a certificate could not print is refused then, with the
    characters named.

    Args:
        text: any text, e.g. a participant's name.

    Returns:
        The distinct characters without a glyph in any shipped font, in the
        order they first appear; empty when the whole text can be printed.
    """
    missing: list[str] = []
    fonts = [f.name for f in FONT_FILES]
    for char in text or "":
        if char in missing or not _drawable(char):
            continue
        if not any(ord(char) in _charset(font) for font in fonts):
            missing.append(char)
    return missing


def font_runs(text: str, face: str = SERIF) -> list[tuple[str, str]]:
    """Split ``text`` into ``(font name, text)`` runs, each drawable by its font.

    Spaces stay with the run they are in, so a name set in one face is not cut
    into pieces. A character no font has goes to the last fallback (it cannot
    happen for names checked with ``unsupported_characters``).
    """
    chain = FALLBACKS.get(face, (face,))
    runs: list[tuple[str, str]] = []
    for char in text:
        if runs and not _drawable(char):
            font = runs[-1][0]
        else:
            font = next((f for f in chain if supported(char, f)), chain[-1])
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs
