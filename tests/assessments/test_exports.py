"""Spreadsheet bytes: formula injection is neutralised, numbers stay numbers."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from assessments.exports import cell_value, rows_to_csv, rows_to_xlsx


def test_cell_value():
    assert cell_value('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert cell_value("Batbayar") == "Batbayar"
    assert cell_value(Decimal("12.5")) == Decimal("12.5")
    assert cell_value(None) == ""


def test_csv_and_xlsx():
    rows = [["=cmd|' /C calc'!A0", Decimal("75.00"), True]]
    csv_text = rows_to_csv(["name", "percent", "passed"], rows).decode("utf-8-sig")
    assert "'=cmd" in csv_text and "75.00" in csv_text
    workbook = load_workbook(io.BytesIO(rows_to_xlsx(["name", "percent", "passed"], rows)))
    sheet = workbook.active
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 75.0
