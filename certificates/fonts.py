"""The fonts shipped for certificates, and which of them sets each piece of a name.

reportlab embeds TrueType outlines only (not CFF), so the project ships
TrueType fonts from Debian's packages (licence texts beside them in
``certificates/fonts/``):

- Noto Serif, regular and bold (OFL-1.1): Latin with diacritics, Greek and
  Cyrillic, including Mongolian Cyrillic's extra letters (U+04E8, U+04AE). The certificate's face.
- IPAex Mincho (IPA Font License): Japanese, kana and kanji in their Japanese
  forms (今, 骨, 直 as Japanese readers write them).
- Nanum Myeongjo, regular and bold (OFL-1.1): Korean.
- WenQuanYi Micro Hei (Apache-2.0): Chinese (mainland forms) and the fallback
  for Hangul, kana and Cyrillic the others miss.
- Hanazono Mincho A, subset to CJK Extension A and the supplementary-plane
  ideographs it has (Hanazono Font License): 䶮, 𠮷 and other rare name
  characters.
- Noto Sans Mongolian (OFL-1.1): traditional Mongolian script, shaped with
  HarfBuzz (``uharfbuzz``) so that each letter takes its initial, medial or
  final form. It is set horizontally, as the font's glyphs stand (see
  ``docs/certificates.md``).

Which font sets a character depends on its script and, for Han ideographs,
on the language of the name: a name with kana is Japanese, one with Hangul
Korean; otherwise the holder's language decides (Japanese, Korean), and
Chinese forms are the default. Only Noto Serif and Nanum Myeongjo have a bold
cut; in a bold face, the others are emboldened by stroking their outlines
(``Run.embolden``).

Fonts are parsed and registered with reportlab once per process
(``register_fonts``), never per certificate.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

SERIF = "FlywaySerif"
SERIF_BOLD = "FlywaySerif-Bold"
CJK = "FlywayCJK"  # Chinese (WenQuanYi Micro Hei)
JAPANESE = "FlywayJapanese"
KOREAN = "FlywayKorean"
KOREAN_BOLD = "FlywayKorean-Bold"
HAN_EXT = "FlywayHanExt"
MONGOLIAN = "FlywayMongolian"


@dataclass(frozen=True)
class FontFile:
    name: str
    filename: str
    subfont_index: int = 0


FONT_FILES = (
    FontFile(SERIF, "NotoSerif-Regular.ttf"),
    FontFile(SERIF_BOLD, "NotoSerif-Bold.ttf"),
    FontFile(CJK, "wqy-microhei.ttc", subfont_index=0),
    FontFile(JAPANESE, "ipaexm.ttf"),
    FontFile(KOREAN, "NanumMyeongjo.ttf"),
    FontFile(KOREAN_BOLD, "NanumMyeongjoBold.ttf"),
    FontFile(HAN_EXT, "HanaMinA-Ext.ttf"),
    FontFile(MONGOLIAN, "NotoSansMongolian-Regular.ttf"),
)

# The bold cut of a font, where one is shipped; other fonts are emboldened.
BOLD = {SERIF: SERIF_BOLD, KOREAN: KOREAN_BOLD}
BOLD_FACES = frozenset({SERIF_BOLD})

# Scripts, as far as choosing a font goes.
LATIN = "latin"  # everything the serif is meant for: Latin, Cyrillic, Greek, digits
HAN = "han"
KANA = "kana"
HANGUL = "hangul"
MONGOL = "mongolian"

# Fonts tried, in order, for each script and CJK language of a name.
_CJK_CHAINS = {
    "zh": (CJK, JAPANESE, HAN_EXT),
    "ja": (JAPANESE, CJK, HAN_EXT),
    "ko": (KOREAN, JAPANESE, CJK, HAN_EXT),
}
_CHAINS = {
    LATIN: (SERIF, CJK),
    MONGOL: (MONGOLIAN,),
}
# Fonts whose text is shaped with HarfBuzz (contextual forms).
SHAPED = frozenset({MONGOLIAN})

_lock = threading.Lock()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16.

    reportlab writes each character as ``<%04X>``, five hex digits for 𠮷
    (U+20BB7), which PDF readers take as U+20BB and a stray digit: the glyph
    prints right but copies and searches wrong. PDF wants UTF-16BE, a
    surrogate pair here.
    """
    chars = [
        f"<{index:02X}> <{chr(code).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for index, code in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *chars,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


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


def script_of(char: str) -> str:
    """The script of ``char`` as far as choosing a font goes."""
    code = ord(char)
    if 0x1800 <= code <= 0x18AF or 0x11660 <= code <= 0x1167F:
        return MONGOL
    if (
        0xAC00 <= code <= 0xD7FF
        or 0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
        or 0xA960 <= code <= 0xA97F
    ):
        return HANGUL
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return KANA
    if (
        0x2E80 <= code <= 0x2FDF  # radicals
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x4DBF  # Extension A
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFF65  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # Extensions B and after, compatibility supplement
    ):
        return HAN
    return LATIN


def cjk_language(text: str, language: str = "") -> str:
    """The language whose forms the Han ideographs of ``text`` take: zh, ja or ko.

    Kana make a name Japanese and Hangul Korean, whatever the holder's
    language; otherwise the holder's language (``ja``, ``ko``) decides, and
    Chinese is the default.
    """
    scripts = {script_of(char) for char in text}
    if KANA in scripts:
        return "ja"
    if HANGUL in scripts:
        return "ko"
    language = (language or "").lower()
    if language.startswith("ja"):
        return "ja"
    if language.startswith("ko"):
        return "ko"
    return "zh"


def _chain(script: str, cjk: str) -> tuple[str, ...]:
    return _CHAINS.get(script) or _CJK_CHAINS[cjk]


def _drawable(char: str) -> bool:
    # Spaces, joiners, Mongolian variation selectors and other format
    # characters need no glyph of their own.
    if char.isspace() or unicodedata.category(char) in {"Cf", "Cc"}:
        return False
    return not 0x180B <= ord(char) <= 0x180F


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


class Run(NamedTuple):
    """A piece of text that one font sets."""

    font: str
    text: str
    embolden: bool = False  # stroke the outlines: a bold face the font has no cut of

    @property
    def shaped(self) -> bool:
        return self.font in SHAPED


def _font_for(char: str, chain: tuple[str, ...]) -> str:
    return next((f for f in chain if supported(char, f)), chain[-1])


@lru_cache(maxsize=8192)
def font_runs(text: str, face: str = SERIF, language: str = "") -> tuple[Run, ...]:
    """Split ``text`` into runs, each set by one font.

    Args:
        text: a name, a title, a label.
        face: ``SERIF`` or ``SERIF_BOLD``; in the bold face each font's bold
            cut is used, or the font is emboldened where it has none.
        language: the holder's language, which picks the forms of Han
            ideographs in a name without kana or Hangul (``cjk_language``).

    Spaces stay with the run they are in, so a name set in one face is not cut
    into pieces. A character no font has goes to its script's last font (it
    cannot happen for names checked with ``unsupported_characters``).
    """
    bold = face in BOLD_FACES
    cjk = cjk_language(text, language)
    runs: list[Run] = []
    for char in text:
        if runs and not _drawable(char):
            font = runs[-1].font
        else:
            font = _font_for(char, _chain(script_of(char), cjk))
        if bold:
            font = BOLD.get(font, font)
        if runs and runs[-1].font == font:
            runs[-1] = runs[-1]._replace(text=runs[-1].text + char)
        else:
            runs.append(Run(font, char, embolden=bold and font not in BOLD.values()))
    # Cached: labels, course titles and signatories repeat on every certificate.
    return tuple(runs)
