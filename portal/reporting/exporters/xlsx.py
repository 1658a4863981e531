"""The formatted workbook: a summary sheet, one sheet per breakdown, and the definitions."""

import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from portal.core.spreadsheets import neutralise

from ..report import Breakdown, Report

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0F5C4D")
TOTAL_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
PERCENT = "0.0"
INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of ``[]:*?/\\``)."""
    base = INVALID_SHEET_CHARS.sub(" ", text).strip()[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _header(ws, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=neutralise(value))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _widths(ws, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _write_breakdown(ws, breakdown: Breakdown) -> None:
    ws.cell(row=1, column=1, value=neutralise(breakdown.title)).font = TITLE_FONT
    headers = [
        *[str(label) for label in breakdown.dimension_labels],
        *[_("%(dimension)s (code)") % {"dimension": label} for label in breakdown.dimension_labels],
        _("Participants"),
        _("Completed"),
        _("Certified"),
        _("Completion rate (%)"),
    ]
    _header(ws, 3, headers)
    n = len(breakdown.dimensions)
    r = 4
    for row in breakdown.rows:
        values = [*row.labels, *["" if k is None else str(k) for k in row.keys]]
        for col, value in enumerate(values, start=1):
            ws.cell(row=r, column=col, value=neutralise(value))
        ws.cell(row=r, column=2 * n + 1, value=row.participants)
        ws.cell(row=r, column=2 * n + 2, value=row.completed)
        ws.cell(row=r, column=2 * n + 3, value=row.certified)
        rate = ws.cell(row=r, column=2 * n + 4, value=row.completion_rate)
        rate.number_format = PERCENT
        r += 1
    total = breakdown.total
    ws.cell(row=r, column=1, value=_("Total")).font = TOTAL_FONT
    for offset, value in enumerate(
        (total.participants, total.completed, total.certified, total.completion_rate), start=1
    ):
        cell = ws.cell(row=r, column=2 * n + offset, value=value)
        cell.font = TOTAL_FONT
        if offset == 4:
            cell.number_format = PERCENT
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(headers))}{max(r - 1, 3)}"
    _widths(ws, [28] * n + [16] * n + [14, 14, 14, 18])


def report_xlsx(report: Report) -> bytes:
    """The report as an .xlsx workbook.

    Sheets: "Summary" (filters, source and headline figures, targets),
    one per breakdown, "Learning gain" when there is any, and "Definitions".
    Text that a spreadsheet would run as a formula is neutralised.
    """
    wb = Workbook()
    taken: set[str] = set()
    ws = wb.active
    ws.title = sheet_title(_("Summary"), taken)
    ws.cell(row=1, column=1, value=_("Flyway Academy — participation report")).font = TITLE_FONT
    r = 3
    info = [
        (_("Generated"), report.generated_at.strftime("%Y-%m-%d %H:%M UTC")),
        (
            _("Source"),
            _("Frozen figures of %(year)s (frozen %(when)s)")
            % {"year": report.frozen_year, "when": report.frozen_at.strftime("%Y-%m-%d")}
            if report.frozen_year and report.frozen_at
            else _("Live figures"),
        ),
        *[(name, value) for name, value in report.filters.describe()],
    ]
    for name, value in info:
        ws.cell(row=r, column=1, value=neutralise(str(name))).font = TOTAL_FONT
        ws.cell(row=r, column=2, value=neutralise(str(value)))
        r += 1
    r += 1
    h = report.headline
    _header(ws, r, [_("Figure"), _("Value")])
    r += 1
    figures = [
        (_("Participants"), h.participants, None),
        (_("Women"), h.women, None),
        (_("Share of women (%)"), h.women_share, PERCENT),
        (_("Youth"), h.youth, None),
        (_("Share of youth (%)"), h.youth_share, PERCENT),
        (_("Countries"), h.countries, None),
        (_("Completed"), h.completed, None),
        (_("Certified"), h.certified, None),
        (
            _("Average learning gain (points)"),
            float(h.learning_gain) if h.learning_gain is not None else None,
            PERCENT,
        ),
    ]
    for label, value, fmt in figures:
        ws.cell(row=r, column=1, value=str(label))
        cell = ws.cell(row=r, column=2, value=value)
        if fmt:
            cell.number_format = fmt
        r += 1
    if report.targets:
        r += 1
        _header(ws, r, [_("Target"), _("Year"), _("At least"), _("Actual"), _("Status")])
        r += 1
        for t in report.targets:
            status = {True: _("On track"), False: _("Off track"), None: _("No data")}[t.on_track]
            for col, value in enumerate(
                (str(t.label), t.year, float(t.minimum), t.actual, str(status)), start=1
            ):
                cell = ws.cell(row=r, column=col, value=value)
                if col == 4:
                    cell.number_format = PERCENT
            r += 1
    _widths(ws, [34, 30, 14, 14, 14])

    for breakdown in report.breakdowns:
        _write_breakdown(wb.create_sheet(sheet_title(breakdown.title, taken)), breakdown)

    gains = [(_("Gender"), report.gain_by_gender), (_("Country"), report.gain_by_country)]
    if any(rows for _label, rows in gains):
        ws = wb.create_sheet(sheet_title(_("Learning gain"), taken))
        ws.cell(row=1, column=1, value=_("Learning gain (post - pre, points)")).font = TITLE_FONT
        r = 3
        for label, rows in gains:
            _header(ws, r, [str(label), _("Learners"), _("Pre (%)"), _("Post (%)"), _("Gain")])
            r += 1
            for g in rows:
                values = [g.label, g.learners, g.pre, g.post, g.gain]
                for col, value in enumerate(values, start=1):
                    if col > 2 and value is not None:
                        value = float(value)
                    cell = ws.cell(row=r, column=col, value=neutralise(value))
                    if col > 2:
                        cell.number_format = PERCENT
                r += 1
            r += 1
        _widths(ws, [30, 12, 12, 12, 12])

    ws = wb.create_sheet(sheet_title(_("Definitions"), taken))
    _header(ws, 1, [_("Term"), _("Meaning")])
    for r, definition in enumerate(report.definitions, start=2):
        ws.cell(row=r, column=1, value=neutralise(definition.term)).font = TOTAL_FONT
        cell = ws.cell(row=r, column=2, value=neutralise(definition.meaning))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    _widths(ws, [24, 100])

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
