"""The certificate PDF: a plain ``CertificateDocument`` in, PDF bytes out.

Nothing here touches the ORM, so the layout is testable and benchmarkable on
its own. Text is vector and the fonts are embedded (reportlab subsets the
TrueType fonts it is given), so the page prints sharp at any size; each text
run is set in the first shipped font that has its glyphs (see ``fonts.py``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from .fonts import SERIF, SERIF_BOLD, font_runs, register_fonts

PAGE = landscape(A4)
INK = colors.HexColor("#1d2b2a")
ACCENT = colors.HexColor("#1f6f5c")
MUTED = colors.HexColor("#5b6b68")


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


def _text_width(text: str, face: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run, font, size) for font, run in font_runs(text, face))


def _fit_size(text: str, face: str, size: float, max_width: float, min_size: float = 9) -> float:
    width = _text_width(text, face, size)
    if width <= max_width:
        return size
    return max(min_size, size * max_width / width)


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
) -> None:
    """Draw ``text`` at ``x, y``, switching fonts per run; shrink it to ``max_width``."""
    if not text:
        return
    if max_width:
        size = _fit_size(text, face, size, max_width)
    width = _text_width(text, face, size)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    c.setFillColor(color)
    text_object = c.beginText(x, y)
    for font, run in font_runs(text, face):
        text_object.setFont(font, size)
        text_object.textOut(run)
    c.drawText(text_object)


def _draw_frame(c: canvas.Canvas) -> None:
    width, height = PAGE
    c.setStrokeColor(ACCENT)
    c.setLineWidth(3)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    c.setLineWidth(0.6)
    c.rect(13 * mm, 13 * mm, width - 26 * mm, height - 26 * mm)


def _draw_qr(c: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of ``url`` as one vector path (a rectangle per run of dark modules)."""
    matrix = segno.make_qr(url, error="m", boost_error=False).matrix
    module = size / len(matrix)
    path = c.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        start = None
        for col_index, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                path.rect(x + start * module, top, (col_index - start) * module, module)
                start = None
    c.setFillColor(colors.black)
    c.drawPath(path, stroke=0, fill=1)


def _draw_image(c: canvas.Canvas, data: bytes, x: float, y: float, max_w: float, max_h: float):
    reader = ImageReader(io.BytesIO(data))
    iw, ih = reader.getSize()
    scale = min(max_w / iw, max_h / ih)
    w, h = iw * scale, ih * scale
    c.drawImage(reader, x - w / 2, y, w, h, mask="auto", preserveAspectRatio=True)


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
    _draw_frame(c)

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
        top = height - 48 * mm
    else:
        top = height - 36 * mm

    _draw(c, document.issuer_name.upper(), centre, top, size=13, color=ACCENT, max_width=text_width)
    _draw(c, document.label("heading"), centre, top - 17 * mm, face=SERIF_BOLD, size=30)

    name_y = top - 42 * mm
    if document.holder_native_name and document.holder_native_name != document.holder_name:
        _draw(
            c,
            document.holder_native_name,
            centre,
            name_y,
            face=SERIF_BOLD,
            size=30,
            max_width=text_width,
        )
        _draw(c, document.holder_name, centre, name_y - 11 * mm, size=17, max_width=text_width)
        statement_y = name_y - 23 * mm
    else:
        _draw(
            c, document.holder_name, centre, name_y, face=SERIF_BOLD, size=30, max_width=text_width
        )
        statement_y = name_y - 15 * mm
    c.setStrokeColor(ACCENT)
    c.setLineWidth(0.5)
    c.line(centre - 70 * mm, statement_y + 6 * mm, centre + 70 * mm, statement_y + 6 * mm)

    _draw(c, document.label("statement"), centre, statement_y - 2 * mm, size=13, color=MUTED)
    _draw(
        c,
        document.course_title,
        centre,
        statement_y - 14 * mm,
        face=SERIF_BOLD,
        size=21,
        max_width=text_width,
    )
    _draw(c, document.cohort_line, centre, statement_y - 23 * mm, size=12, max_width=text_width)

    # Signatories along the bottom, right of the QR code.
    if document.signatories:
        left, right = 75 * mm, width - 25 * mm
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
            )
            _draw(
                c, person.title, x, line_y - 10 * mm, size=9, color=MUTED, max_width=slot - 8 * mm
            )

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
        _draw(c, line, 20 * mm, y, size=9, align="left", color=INK)
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

    c.showPage()
    c.save()
    return buffer.getvalue()
