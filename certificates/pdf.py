"""The certificate PDF: a plain ``CertificateDocument`` in, PDF bytes out.

Nothing here touches the ORM, so the layout is testable and benchmarkable on
its own. Text is vector and the fonts are embedded (reportlab subsets the
TrueType fonts it is given), so the page prints sharp at any size; each text
run is set in the first shipped font that has its glyphs (see ``fonts.py``).
"""

from __future__ import annotations

import copy
import hashlib
import io
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import segno
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.pdfgen import canvas

from .fonts import HAN, HANGUL, KANA, SERIF, SERIF_BOLD, Run, font_runs, register_fonts, script_of

PAGE = landscape(A4)
INK = colors.HexColor("#1d2b2a")
ACCENT = colors.HexColor("#1f6f5c")
MUTED = colors.HexColor("#5b6b68")
REVOKED_INK = colors.Color(0.75, 0.08, 0.08, alpha=0.55)
QR_MASK = 2
EMBOLDEN = 0.035  # stroke width, in ems, that emboldens a font without a bold cut


@dataclass(frozen=True)
class Signature:
    name: str
    title: str
    image: bytes | None = None


@dataclass(frozen=True)
class Logo:
    name: str
    image: bytes


@dataclass(frozen=True)
class CertificateDocument:
    """Everything a certificate prints, already worded in the language to print.

    ``labels`` holds the fixed wording (heading, "has successfully completed",
    "Serial number" …) so that the renderer needs no translation machinery.
    """

    issuer_name: str
    holder_name: str
    course_title: str
    serial: str
    issued_on: str
    verify_url: str
    holder_native_name: str = ""
    cohort_line: str = ""
    expires_on: str = ""
    signatories: tuple[Signature, ...] = ()
    logos: tuple[Logo, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)
    title: str = ""
    language: str = ""  # the holder's: picks the Han forms of a name (fonts.cjk_language)
    seal: bytes | None = None
    background: bytes | None = None
    accent: str = ""  # a "#rrggbb" colour for the frame and the issuer's name
    mark: str = ""  # printed across the page, e.g. "REVOKED"

    def label(self, key: str) -> str:
        return self.labels.get(key, DEFAULT_LABELS[key])


DEFAULT_LABELS = {
    "heading": "Certificate of Completion",
    "statement": "has successfully completed",
    "serial": "Serial number",
    "issued": "Issued",
    "expires": "Valid until",
    "verify": "Verify at",
}


def _run_text(run: Run, size: float):
    """The run's text as reportlab draws it: shaped (contextual forms) where the font needs it."""
    return shapeStr(run.text, run.font, size) if run.shaped else run.text


def _runs_width(runs: tuple[Run, ...], size: float) -> float:
    width = 0.0
    for run in runs:
        if run.shaped:
            data = shapeStr(run.text, run.font, size).__shapeData__
            width += sum(d.x_advance for d in data) * size / 1000
        else:
            width += pdfmetrics.stringWidth(run.text, run.font, size)
    return width


@lru_cache(maxsize=8192)
def _text_width(text: str, face: str, size: float, language: str = "") -> float:
    return _runs_width(font_runs(text, face, language), size)


def _fit_size(text: str, face: str, size: float, max_width: float, min_size: float = 9) -> float:
    width = _text_width(text, face, size)
    if width <= max_width:
        return size
    return max(min_size, size * max_width / width)


_BREAK_AFTER = frozenset(" -\u2010/")


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: after spaces and hyphens, between ideographs."""
    pieces: list[str] = []
    current = ""
    for char in text:
        wide = script_of(char) in {HAN, KANA, HANGUL} and not char.isspace()
        if current and wide and script_of(current[-1]) in {HAN, KANA}:
            pieces.append(current)
            current = ""
        current += char
        if char in _BREAK_AFTER:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _wrap(text: str, face: str, size: float, max_width: float, language: str) -> list[str]:
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        candidate = line + piece
        if line and _text_width(candidate.rstrip(), face, size, language) > max_width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fit_lines(
    text: str,
    face: str,
    size: float,
    max_width: float,
    *,
    min_size: float,
    max_lines: int = 1,
    language: str = "",
) -> tuple[list[str], float]:
    """Lines and a type size at which ``text`` fits ``max_width``.

    The text is set on one line at ``size`` if it fits, else scaled down to
    ``min_size``; below that it wraps (at spaces and hyphens, or between
    ideographs) onto up to ``max_lines`` lines at the largest size from
    ``size`` down that fits. Only a text too long for even that is scaled
    further, so nothing ever runs past ``max_width``.
    """
    width = _text_width(text, face, size, language)
    if width <= max_width:
        return [text], size
    scaled = size * max_width / width
    if scaled >= min_size or max_lines == 1:
        return [text], scaled
    for lines_wanted in range(2, max_lines + 1):
        trial = min(size, size * max_width * lines_wanted / width)
        while trial >= min_size:
            lines = _wrap(text, face, trial, max_width, language)
            if len(lines) <= lines_wanted and all(
                _text_width(line, face, trial, language) <= max_width for line in lines
            ):
                return lines, trial
            trial *= 0.95
    # Too long for max_lines lines at min_size: smaller still, never past the frame.
    trial = min_size
    while True:
        lines = _wrap(text, face, trial, max_width, language)
        if len(lines) <= max_lines:
            widest = max(_text_width(line, face, trial, language) for line in lines)
            return lines, min(trial, trial * max_width / widest)
        trial *= 0.9


def _draw(
    c: canvas.Canvas,
    text: str,
    x: float,
    y: float,
    *,
    face: str = SERIF,
    size: float = 12,
    align: str = "center",
    max_width: float | None = None,
    color=INK,
    language: str = "",
) -> None:
    """Draw ``text`` at ``x, y``, switching fonts per run; shrink it to ``max_width``."""
    if not text:
        return
    if max_width:
        size = _fit_size(text, face, size, max_width)
    runs = font_runs(text, face, language)
    width = _runs_width(runs, size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    emboldened = any(run.embolden for run in runs)
    if emboldened:
        # Fonts without a bold cut are emboldened by stroking their outlines; the
        # stroke and the text render mode are graphics state, restored after.
        c.saveState()
        c.setStrokeColor(color)
        c.setLineWidth(size * EMBOLDEN)
        c.setLineJoin(1)
    c.setFillColor(color)
    text_object = c.beginText(x, y)
    for run in runs:
        text_object.setFont(run.font, size)
        if emboldened:
            text_object.setTextRenderMode(2 if run.embolden else 0)
        text_object.textOut(_run_text(run, size))
    c.drawText(text_object)
    if emboldened:
        c.restoreState()


def _draw_lines(
    c: canvas.Canvas,
    text: str,
    x: float,
    y: float,
    *,
    face: str,
    size: float,
    max_width: float,
    min_size: float,
    max_lines: int,
    language: str = "",
    color=INK,
    leading: float = 1.18,
) -> float:
    """Draw ``text`` centred from ``y`` down, wrapped or scaled to fit; return the height used."""
    lines, size = fit_lines(
        text, face, size, max_width, min_size=min_size, max_lines=max_lines, language=language
    )
    for index, line in enumerate(lines):
        _draw(
            c,
            line,
            x,
            y - index * size * leading,
            face=face,
            size=size,
            color=color,
            language=language,
        )
    return (len(lines) - 1) * size * leading


def _draw_frame(c: canvas.Canvas, accent=ACCENT) -> None:
    width, height = PAGE
    c.setStrokeColor(accent)
    c.setLineWidth(3)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    c.setLineWidth(0.6)
    c.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)


def _qr_path(url: str) -> str:
    """The QR code of ``url`` as PDF path operators, one ``re`` per run of dark modules.

    In module units (integers, so formatting costs nothing), rows counted from
    the top; ``_draw_qr`` places and scales it. The mask is fixed: pattern 2
    (every third column) is the one segno's scoring picks for most
    verification links, any mask is valid and announced in the code's format
    information, and scoring all eight took a third of a certificate's time.
    """
    matrix = segno.make_qr(url, error="m", boost_error=False, mask=QR_MASK).matrix
    parts = []
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                parts.append(f"{start} {row_index} {col_index - start} 1 re")
                start = None
    return f"{len(matrix)}\n" + "\n".join(parts)


def _draw_qr(c: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of ``url`` as one vector path, ``size`` points square at ``x, y``."""
    count, path = _qr_path(url).split("\n", 1)
    module = size / int(count)
    c.saveState()
    c.setFillColor(colors.black)
    # Module units, y downwards from the code's top edge.
    c.transform(module, 0, 0, -module, x, y + size)
    c.addLiteral(path + "\nf")
    c.restoreState()


@lru_cache(maxsize=64)
def _image(data: bytes) -> ImageReader:
    # Decoded once per process: every certificate of a course prints the same seal and signatures.
    return ImageReader(io.BytesIO(data))


_xobject_lock = threading.Lock()


@lru_cache(maxsize=64)
def _image_xobject(data: bytes) -> tuple[pdfdoc.PDFImageXObject, object]:
    """The image as a PDF XObject, compressed once per process, and its soft mask (alpha).

    reportlab's ``drawImage`` compresses (and ASCII85-encodes) an image's pixels
    again for every document; with a seal and two signatures that was most of a
    certificate's time. The stream is the same for every certificate, so it is
    built once here and registered with each document (``_draw_image``).
    """
    name = hashlib.md5(data, usedforsecurity=False).hexdigest()
    with _xobject_lock:
        a85, rl_config.useA85 = rl_config.useA85, 0  # binary streams: smaller, no encoding
        try:
            xobject = pdfdoc.PDFImageXObject(name, _image(data), mask="auto")
        finally:
            rl_config.useA85 = a85
    xobject.name = name
    smask = getattr(xobject, "_smask", None)
    if smask is not None:
        del xobject._smask
    return xobject, smask


def _register_xobject(c: canvas.Canvas, data: bytes) -> tuple[str, int, int]:
    """Register the cached XObject of ``data`` with ``c``'s document; its name and size."""
    shared, smask = _image_xobject(data)
    document = c._doc
    name = document.getXObjectName(shared.name)
    if not document.idToObject.get(name):
        # Copies: registering an object with a document marks it as that document's.
        xobject = copy.copy(shared)
        c._setXObjects(xobject)
        document.Reference(xobject, name)
        document.addForm(shared.name, xobject)
        if smask is not None:
            mask_name = document.getXObjectName(smask.name)
            if not document.idToObject.get(mask_name):
                smask = copy.copy(smask)
                c._setXObjects(smask)
                xobject.smask = document.Reference(smask, mask_name)
            else:
                xobject.smask = pdfdoc.PDFObjectReference(mask_name)
    c._formsinuse.append(shared.name)
    c._currentPageHasImages = 1
    return name, shared.width, shared.height


def _place_image(c: canvas.Canvas, data: bytes, x: float, y: float, w: float, h: float) -> None:
    name, _iw, _ih = _register_xobject(c, data)
    c.saveState()
    c.translate(x, y)
    c.scale(w, h)
    c.addLiteral(f"/{name} Do")
    c.restoreState()


def _draw_image(c: canvas.Canvas, data: bytes, x: float, y: float, max_w: float, max_h: float):
    """Draw an image centred on ``x``, from ``y`` up, as large as fits ``max_w`` by ``max_h``."""
    iw, ih = _image(data).getSize()
    scale = min(max_w / iw, max_h / ih)
    w, h = iw * scale, ih * scale
    _place_image(c, data, x - w / 2, y, w, h)


def draw_mark(c: canvas.Canvas, text: str, width: float, height: float) -> None:
    """``text`` in large red letters diagonally across the page (a revoked certificate)."""
    c.saveState()
    c.translate(width / 2, height / 2)
    c.rotate(28)
    size = 110.0
    size = min(size, size * (width * 0.72) / max(_text_width(text, SERIF_BOLD, size), 1))
    text_width = _text_width(text, SERIF_BOLD, size)
    c.setStrokeColor(REVOKED_INK)
    c.setLineWidth(4)
    c.rect(-text_width / 2 - 8 * mm, -size * 0.42, text_width + 16 * mm, size * 1.2)
    _draw(c, text, 0, -size * 0.15, face=SERIF_BOLD, size=size, color=REVOKED_INK)
    c.restoreState()


def mark_pdf(pdf: bytes, text: str) -> bytes:
    """``pdf`` with ``text`` printed across every page (``draw_mark``), the rest unchanged.

    Used for stored certificates that were revoked after they were rendered:
    the page as issued stays, with the mark over it.
    """
    from pypdf import PdfReader, PdfWriter

    register_fonts()
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        buffer = io.BytesIO()
        overlay = canvas.Canvas(buffer, pagesize=(width, height), initialFontName=SERIF)
        draw_mark(overlay, text, width, height)
        overlay.showPage()
        overlay.save()
        page.merge_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_certificate(document: CertificateDocument) -> bytes:
    """Render one certificate as a one-page A4 landscape PDF.

    Args:
        document: what to print.

    Returns:
        The PDF file's bytes, fonts subset and embedded.
    """
    register_fonts()
    buffer = io.BytesIO()
    width, height = PAGE
    c = canvas.Canvas(buffer, pagesize=PAGE, pageCompression=1, initialFontName=SERIF)
    c.setTitle(document.title or f"{document.label('heading')} {document.serial}")
    c.setAuthor(document.issuer_name)
    c.setSubject(document.course_title)
    accent = colors.HexColor(document.accent) if document.accent else ACCENT
    language = document.language
    if document.background:
        _place_image(c, document.background, 0, 0, width, height)
    _draw_frame(c, accent)

    centre = width / 2
    text_width = width - 70 * mm

    if document.logos:
        slot = (width - 60 * mm) / len(document.logos)
        for index, logo in enumerate(document.logos):
            _draw_image(
                c,
                logo.image,
                30 * mm + slot * (index + 0.5),
                height - 38 * mm,
                slot - 8 * mm,
                18 * mm,
            )
        y = height - 48 * mm
    else:
        y = height - 36 * mm

    _draw(c, document.issuer_name.upper(), centre, y, size=13, color=accent, max_width=text_width)
    y -= 17 * mm
    y -= _draw_lines(
        c,
        document.label("heading"),
        centre,
        y,
        face=SERIF_BOLD,
        size=30,
        max_width=text_width,
        min_size=20,
        max_lines=2,
        language=language,
    )

    # The names: as large as fits, wrapped rather than shrunk past legibility.
    y -= 25 * mm
    native = document.holder_native_name
    if native and native != document.holder_name:
        y -= _draw_lines(
            c,
            native,
            centre,
            y,
            face=SERIF_BOLD,
            size=30,
            max_width=text_width,
            min_size=16,
            max_lines=2,
            language=language,
        )
        y -= 11 * mm
        y -= _draw_lines(
            c,
            document.holder_name,
            centre,
            y,
            face=SERIF,
            size=17,
            max_width=text_width,
            min_size=11,
            max_lines=2,
            language=language,
        )
        y -= 12 * mm
    else:
        y -= _draw_lines(
            c,
            document.holder_name,
            centre,
            y,
            face=SERIF_BOLD,
            size=30,
            max_width=text_width,
            min_size=16,
            max_lines=3,
            language=language,
        )
        y -= 15 * mm
    c.setStrokeColor(accent)
    c.setLineWidth(0.5)
    c.line(centre - 70 * mm, y + 6 * mm, centre + 70 * mm, y + 6 * mm)

    _draw(
        c,
        document.label("statement"),
        centre,
        y - 2 * mm,
        size=13,
        color=MUTED,
        max_width=text_width,
        language=language,
    )
    y -= 14 * mm
    y -= _draw_lines(
        c,
        document.course_title,
        centre,
        y,
        face=SERIF_BOLD,
        size=21,
        max_width=text_width,
        min_size=14,
        max_lines=2,
        language=language,
    )
    _draw(
        c,
        document.cohort_line,
        centre,
        y - 9 * mm,
        size=12,
        max_width=text_width,
        language=language,
    )

    # Signatories along the bottom, between the QR code and the seal.
    right = width - (62 if document.seal else 25) * mm
    if document.signatories:
        left = 75 * mm
        slot = (right - left) / len(document.signatories)
        for index, person in enumerate(document.signatories):
            x = left + slot * (index + 0.5)
            line_y = 36 * mm
            if person.image:
                _draw_image(c, person.image, x, line_y + 1 * mm, slot - 10 * mm, 14 * mm)
            c.setStrokeColor(INK)
            c.setLineWidth(0.5)
            c.line(x - slot / 2 + 6 * mm, line_y, x + slot / 2 - 6 * mm, line_y)
            _draw(
                c,
                person.name,
                x,
                line_y - 5 * mm,
                face=SERIF_BOLD,
                size=11,
                max_width=slot - 8 * mm,
                language=language,
            )
            _draw(
                c,
                person.title,
                x,
                line_y - 10 * mm,
                size=9,
                color=MUTED,
                max_width=slot - 8 * mm,
                language=language,
            )
    if document.seal:
        _draw_image(c, document.seal, width - 40 * mm, 18 * mm, 34 * mm, 34 * mm)

    # Serial, dates and the QR code to the verification page, bottom left.
    qr_size = 30 * mm
    _draw_qr(c, document.verify_url, 20 * mm, 20 * mm, qr_size)
    details = [
        f"{document.label('serial')}: {document.serial}",
        f"{document.label('issued')}: {document.issued_on}",
    ]
    if document.expires_on:
        details.append(f"{document.label('expires')}: {document.expires_on}")
    y = 20 * mm + qr_size + 9 * mm
    for line in reversed(details):
        _draw(c, line, 20 * mm, y, size=9, align="left", color=INK, language=language)
        y += 4.5 * mm
    _draw(
        c,
        f"{document.label('verify')}: {document.verify_url}",
        20 * mm,
        15.5 * mm,
        size=6.5,
        align="left",
        color=MUTED,
        max_width=width - 40 * mm,
    )
    if document.mark:
        draw_mark(c, document.mark, width, height)

    c.showPage()
    c.save()
    return buffer.getvalue()
