"""Printable PDF files for the library: field data sheets and short text documents.

Plain data in, bytes out (no ORM), so the layouts can be tested on their own.
A data sheet is a real form: a header of boxes to fill in, a ruled table with
room to write in the field, and the codes to use printed at its foot.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)


@dataclass
class DataSheet:
    title: str
    subtitle: str
    header_fields: list[str]
    #: (label, relative width)
    columns: list[tuple[str, float]]
    rows: int = 18
    codes: list[str] = field(default_factory=list)
    footer: str = ""


@dataclass
class TextDocument:
    title: str
    subtitle: str
    #: (heading, paragraphs); a paragraph starting with "- " is a bullet.
    sections: list[tuple[str, list[str]]]
    footer: str = ""


def _styles():
    sheet = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=sheet["Title"], fontSize=16, spaceAfter=2 * mm),
        "subtitle": ParagraphStyle("s", parent=sheet["Normal"], fontSize=9, textColor=colors.grey),
        "h": ParagraphStyle("h", parent=sheet["Heading2"], fontSize=12, spaceBefore=4 * mm),
        "body": ParagraphStyle("b", parent=sheet["Normal"], fontSize=10, leading=13.5),
        "small": ParagraphStyle("x", parent=sheet["Normal"], fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("c", parent=sheet["Normal"], fontSize=8, leading=9.5),
    }


def _footer(text: str):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(doc.leftMargin, 8 * mm, text)
        canvas.drawRightString(
            doc.pagesize[0] - doc.rightMargin, 8 * mm, f"{canvas.getPageNumber()}"
        )
        canvas.restoreState()

    return draw


def data_sheet_pdf(sheet: DataSheet) -> bytes:
    """A landscape A4 field form: header boxes, a ruled table, the codes to use."""
    buffer = io.BytesIO()
    size = landscape(A4)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=10 * mm,
        bottomMargin=14 * mm,
        title=sheet.title,
        author="Flyway Academy",
    )
    styles = _styles()
    width = size[0] - doc.leftMargin - doc.rightMargin
    story = [Paragraph(sheet.title, styles["title"]), Paragraph(sheet.subtitle, styles["subtitle"])]
    story.append(Spacer(1, 3 * mm))

    per_row = 4
    header_rows = []
    for start in range(0, len(sheet.header_fields), per_row):
        chunk = sheet.header_fields[start : start + per_row]
        chunk += [""] * (per_row - len(chunk))
        header_rows.append([Paragraph(f"<b>{label}</b>", styles["cell"]) for label in chunk])
    header = Table(header_rows, colWidths=[width / per_row] * per_row, rowHeights=11 * mm)
    header.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [header, Spacer(1, 3 * mm)]

    total = sum(w for _label, w in sheet.columns)
    col_widths = [width * w / total for _label, w in sheet.columns]
    head = [Paragraph(f"<b>{label}</b>", styles["cell"]) for label, _w in sheet.columns]
    body = [[""] * len(sheet.columns) for _ in range(sheet.rows)]
    table = Table(
        [head, *body],
        colWidths=col_widths,
        rowHeights=[10 * mm] + [7 * mm] * sheet.rows,
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6efe9")),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8f7")]),
            ]
        )
    )
    story.append(table)
    if sheet.codes:
        story.append(Spacer(1, 2 * mm))
        story += [Paragraph(code, styles["small"]) for code in sheet.codes]
    doc.build(story, onFirstPage=_footer(sheet.footer), onLaterPages=_footer(sheet.footer))
    return buffer.getvalue()


def text_document_pdf(document: TextDocument) -> bytes:
    """A portrait A4 document of headed sections: a protocol or a summary report."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=document.title,
        author="Flyway Academy",
    )
    styles = _styles()
    story = [
        Paragraph(document.title, styles["title"]),
        Paragraph(document.subtitle, styles["subtitle"]),
        Spacer(1, 4 * mm),
    ]
    for heading, paragraphs in document.sections:
        story.append(Paragraph(heading, styles["h"]))
        bullets = []
        for text in paragraphs:
            if text.startswith("- "):
                bullets.append(ListItem(Paragraph(text[2:], styles["body"]), leftIndent=10))
                continue
            if bullets:
                story.append(ListFlowable(bullets, bulletType="bullet", start="•"))
                bullets = []
            story.append(Paragraph(text, styles["body"]))
            story.append(Spacer(1, 2 * mm))
        if bullets:
            story.append(ListFlowable(bullets, bulletType="bullet", start="•"))
    doc.build(story, onFirstPage=_footer(document.footer), onLaterPages=_footer(document.footer))
    return buffer.getvalue()
