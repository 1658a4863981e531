"""Participant lists and personal data as CSV, XLSX and ZIP bytes.

Plain data in, bytes out: nothing here touches the ORM (the rows come from
``selectors.participant_export_rows``). Every text cell that a spreadsheet
would run as a formula is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from portal.core.spreadsheets import neutralise

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(row: Sequence[Any]) -> list[Any]:
    return ["" if value is None else neutralise(value) for value in row]


def csv_write(headers: Sequence[str], rows: Iterable[Sequence[Any]], output: io.TextIOBase) -> None:
    """Write a CSV (UTF-8 with BOM is the caller's choice of ``output`` encoding)."""
    writer = csv.writer(output)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(_safe(row))


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """CSV as UTF-8 with a BOM, so that Excel shows every script correctly."""
    output = io.StringIO(newline="")
    csv_write(headers, rows, output)
    return output.getvalue().encode("utf-8-sig")


def xlsx_write(headers: Sequence[str], rows: Iterable[Sequence[Any]], output) -> None:
    """Write a one-sheet XLSX workbook; every value is a literal, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Participants")
    sheet.append(list(headers))
    for row in rows:
        cells = []
        for value in _safe(row):
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(output)


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    output = io.BytesIO()
    xlsx_write(headers, rows, output)
    return output.getvalue()


def personal_data_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def personal_data_zip(data: dict[str, Any]) -> bytes:
    """A ZIP with ``personal-data.json`` and one CSV per list in ``data``."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", personal_data_json(data))
        profile = data.get("profile", {})
        archive.writestr(
            "profile.csv",
            csv_bytes(["field", "value"], ([k, _flat(v)] for k, v in profile.items())),
        )
        for name, items in data.items():
            if isinstance(items, list) and items and isinstance(items[0], dict):
                headers = list(items[0].keys())
                archive.writestr(
                    f"{name}.csv",
                    csv_bytes(headers, ([_flat(item.get(h)) for h in headers] for item in items)),
                )
    return output.getvalue()


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value
