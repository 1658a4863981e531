"""The PDF summary, laid out as an annex to a meeting document (A4, reportlab).

Headline figures, targets, two charts drawn with reportlab.graphics (shares of
women and youth per year; participants per country), every breakdown as a
table, learning gain and the definitions. The text face is the project's
shipped CJK-capable font when the certificates app provides it, so names and
labels in any of the portal's languages print.
"""

import io

from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from portal.core.formatting import format_number, format_percent

from ..report import Breakdown, Report

GREEN = colors.HexColor("#0f5c4d")
AMBER = colors.HexColor("#c77d1a")
LINE = colors.HexColor("#d9ddd8")
SAND = colors.HexColor("#f4f1e8")


def _fonts() -> tuple[str, str]:
    """(regular, bold) font names: the shipped CJK face when available, else Helvetica."""
    try:
        from certificates.fonts import CJK, register_fonts

        register_fonts()
        return CJK, CJK
    except (ImportError, OSError):
        return "Helvetica", "Helvetica-Bold"


def _num(value) -> str:
    if value is None:
        return "\u2013"
    if isinstance(value, float):
        return format_number(value, 1)
    return format_number(value) if isinstance(value, int) else str(value)


def _pct(value) -> str:
    return "\u2013" if value is None else format_percent(value, 1)


def _table(
    data: list[list], widths: list[float], font: str, bold: str, total: bool, numeric: int = 4
) -> Table:
    """A table with a green header; the last ``numeric`` columns are right-aligned."""
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), font, 8.5),
        ("FONT", (0, 0), (-1, 0), bold, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), GREEN),
        ("ALIGN", (-numeric, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if total:
        style += [("FONT", (0, -1), (-1, -1), bold, 8.5), ("BACKGROUND", (0, -1), (-1, -1), SAND)]
    table.setStyle(TableStyle(style))
    return table


def _breakdown_table(breakdown: Breakdown, font: str, bold: str, width: float) -> Table:
    n = len(breakdown.dimensions)
    head = [*breakdown.dimension_labels, _("Participants"), _("Completed"), _("Certified"), "%"]
    data = [head]
    for row in breakdown.rows:
        data.append(
            [
                *row.labels,
                _num(row.participants),
                _num(row.completed),
                _num(row.certified),
                _pct(row.completion_rate),
            ]
        )
    total = breakdown.total
    data.append(
        [
            _("Total"),
            *[""] * (n - 1),
            _num(total.participants),
            _num(total.completed),
            _num(total.certified),
            _pct(total.completion_rate),
        ]
    )
    numbers = 4 * 20 * mm
    label_w = (width - numbers) / n
    return _table(data, [label_w] * n + [20 * mm] * 4, font, bold, total=True)


def _shares_chart(report: Report, font: str, width: float) -> Drawing | None:
    rows = [r for r in report.shares_by_year if r[1] is not None or r[2] is not None]
    if not rows:
        return None
    drawing = Drawing(width, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 14 * mm, width - 20 * mm, 40 * mm
    chart.data = [[r[1] or 0 for r in rows], [r[2] or 0 for r in rows]]
    chart.categoryAxis.categoryNames = [str(r[0]) for r in rows]
    chart.categoryAxis.labels.fontName = font
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = font
    chart.bars[0].fillColor = GREEN
    chart.bars[1].fillColor = AMBER
    chart.barLabelFormat = "%.0f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 14 * mm, 6 * mm
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(GREEN, _("Share of women (%)")), (AMBER, _("Share of youth (%)"))]
    drawing.add(legend)
    drawing.add(
        String(0, 58 * mm, _("Shares of women and youth per year (%)"), fontName=font, fontSize=9)
    )
    return drawing


def _country_chart(report: Report, font: str, width: float) -> Drawing | None:
    by_country = next((b for b in report.breakdowns if b.dimensions == ("country",)), None)
    if by_country is None or not by_country.rows:
        return None
    rows = sorted(by_country.rows, key=lambda r: -r.participants)[:15]
    height = (len(rows) * 6 + 18) * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 45 * mm, 6 * mm
    chart.width, chart.height = width - 60 * mm, len(rows) * 6 * mm
    # The bar chart draws its first category at the bottom; reverse so the largest is on top.
    chart.data = [[r.participants for r in reversed(rows)]]
    chart.categoryAxis.categoryNames = [r.labels[0][:28] for r in reversed(rows)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = GREEN
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(
        String(0, height - 6 * mm, _("Participants per country"), fontName=font, fontSize=9)
    )
    return drawing


def report_pdf(report: Report) -> bytes:
    """The report as an A4 PDF annex. Returns the PDF's bytes."""
    font, bold = _fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=_("Participation report"),
        author=_("Flyway Academy"),
    )
    width = doc.width
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle(
        "h2", fontName=bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4
    )
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, alignment=TA_LEFT)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=10)

    def esc(text) -> str:
        return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    story = [
        Paragraph(esc(_("Annex — Flyway Academy participation report")), h1),
    ]
    if report.frozen_year and report.frozen_at:
        source = _("Frozen figures of %(year)s, frozen on %(when)s.") % {
            "year": report.frozen_year,
            "when": report.frozen_at.strftime("%Y-%m-%d"),
        }
    else:
        source = _("Live figures.")
    filters = ", ".join(f"{name}: {value}" for name, value in report.filters.describe())
    story.append(
        Paragraph(
            esc(
                " ".join(
                    [
                        source,
                        _("Filters: %(filters)s.") % {"filters": filters or _("none")},
                        _("Generated %(when)s UTC.")
                        % {"when": f"{report.generated_at:%Y-%m-%d %H:%M}"},
                    ]
                )
            ),
            body,
        )
    )

    h = report.headline
    story.append(Paragraph(esc(_("Headline figures")), h2))
    headline = [
        [_("Figure"), _("Value")],
        [_("Participants"), _num(h.participants)],
        [_("Share of women"), f"{_pct(h.women_share)}  ({_num(h.women)})"],
        [_("Share of youth"), f"{_pct(h.youth_share)}  ({_num(h.youth)})"],
        [_("Countries"), _num(h.countries)],
        [_("Completed"), f"{_num(h.completed)}  ({_pct(h.completion_rate)})"],
        [_("Certified"), _num(h.certified)],
        [
            _("Average learning gain"),
            (
                f"{_num(float(h.learning_gain))} "
                + _("points (%(n)s learners)") % {"n": h.learning_gain_learners}
            )
            if h.learning_gain is not None
            else "\u2013",
        ],
    ]
    story.append(_table(headline, [70 * mm, 60 * mm], font, bold, total=False, numeric=1))

    if report.targets:
        story.append(Paragraph(esc(_("Targets")), h2))
        data = [[_("Target"), _("Year"), _("At least"), _("Actual"), _("Status")]]
        for t in report.targets:
            status = {True: _("On track"), False: _("Off track"), None: _("No data")}[t.on_track]
            data.append([str(t.label), str(t.year), _num(float(t.minimum)), _num(t.actual), status])
        story.append(
            _table(
                data,
                [64 * mm, 18 * mm, 22 * mm, 22 * mm, 28 * mm],
                font,
                bold,
                total=False,
                numeric=3,
            )
        )

    for chart in (_shares_chart(report, font, width), _country_chart(report, font, width)):
        if chart is not None:
            story += [Spacer(1, 6 * mm), chart]

    for breakdown in report.breakdowns:
        story.append(
            KeepTogether(
                [
                    Paragraph(esc(breakdown.title), h2),
                    _breakdown_table(breakdown, font, bold, width),
                ]
            )
            if len(breakdown.rows) < 30
            else Paragraph(esc(breakdown.title), h2)
        )
        if len(breakdown.rows) >= 30:
            story.append(_breakdown_table(breakdown, font, bold, width))

    for title, rows in (
        (_("Learning gain by gender"), report.gain_by_gender),
        (_("Learning gain by country"), report.gain_by_country),
    ):
        if rows:
            story.append(Paragraph(esc(title), h2))
            data = [["", _("Learners"), _("Pre (%)"), _("Post (%)"), _("Gain")]]
            for g in rows:
                data.append(
                    [
                        g.label,
                        _num(g.learners),
                        *[
                            _num(float(v) if v is not None else None)
                            for v in (g.pre, g.post, g.gain)
                        ],
                    ]
                )
            story.append(
                _table(data, [60 * mm, 22 * mm, 22 * mm, 22 * mm, 22 * mm], font, bold, total=False)
            )

    story.append(Paragraph(esc(_("Definitions")), h2))
    for d in report.definitions:
        story.append(Paragraph(f"<b>{esc(d.term)}</b>: {esc(d.meaning)}", small))

    def footer(canvas, doc_):
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(18 * mm, 10 * mm, _("Flyway Academy — participation report"))
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, _("Page %(n)s") % {"n": doc_.page})
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
