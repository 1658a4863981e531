"""Spreadsheet bytes from plain rows; no ORM here.

Cells that a spreadsheet would run as a formula are neutralised by the one
neutraliser (``portal.core.spreadsheets.neutralise``), so that a learner's name
such as ``=HYPERLINK(...)`` stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook

from portal.core.spreadsheets import neutralise


def cell_value(value):
    """A value as an export cell: text neutralised; numbers and dates pass unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    return neutralise(str(value))


def rows_to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell_value(h) for h in header])
    for row in rows:
        writer.writerow([cell_value(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rows_to_xlsx(header: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([cell_value(h) for h in header])
    for row in rows:
        cells = []
        for value in row:
            value = cell_value(value)
            cells.append(float(value) if isinstance(value, Decimal) else value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
