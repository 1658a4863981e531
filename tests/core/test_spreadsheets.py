"""The one spreadsheet reader and the one formula neutraliser (portal.core.spreadsheets)."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from portal.core import spreadsheets
from portal.core.spreadsheets import SpreadsheetError, neutralise, spreadsheet_read

HEADER = "email,given_name,native_name\n"


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- encodings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),  # what Excel's "CSV UTF-8" writes
        ("utf-16", b""),  # Python writes the BOM itself
        ("utf-16-le", b""),  # no BOM: recognised by its zero bytes
        ("utf-16-be", b""),
    ],
)
def test_unicode_csv_is_read_in_every_script(encoding, prefix):
    text = HEADER + "a@example.org,Ivan,Иван Петров\nb@example.org,Taro,山田太郎\n"
    table = spreadsheet_read(prefix + text.encode(encoding), name="list.csv")
    assert table.header == ["email", "given_name", "native_name"]
    assert table.rows == [
        (2, ["a@example.org", "Ivan", "Иван Петров"]),
        (3, ["b@example.org", "Taro", "山田太郎"]),
    ]


@pytest.mark.parametrize(
    ("encoding", "names", "label"),
    [
        ("cp1251", ["Иван Петров", "Ольга Смирнова"], "Windows Cyrillic (CP1251)"),
        ("gb18030", ["王小明", "李娜"], "Chinese GB18030"),
        ("shift_jis", ["山田太郎", "佐藤花子"], "Japanese Shift-JIS"),
        ("euc_kr", ["김민준", "이서연"], "Korean EUC-KR"),
    ],
)
def test_legacy_encodings_are_named_in_the_message(encoding, names, label):
    text = HEADER + "".join(f"p{n}@example.org,Name,{name}\n" for n, name in enumerate(names))
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheet_read(text.encode(encoding), name="list.csv")
    message = str(caught.value)
    assert label in message
    assert "CSV UTF-8" in message


def test_binary_junk_is_not_taken_for_text():
    with pytest.raises(SpreadsheetError, match="not UTF-8 or UTF-16"):
        spreadsheet_read(b"\x81\x00\xff\xfe" * 3, name="list.csv")


def test_every_cell_stays_text_and_blank_rows_keep_the_numbering():
    data = b"email,birth_year,code\na@example.org,1975,007\n,,\nb@example.org,,1e3\n"
    table = spreadsheet_read(data, name="list.csv")
    assert table.rows == [(2, ["a@example.org", "1975", "007"]), (4, ["b@example.org", "", "1e3"])]


def test_semicolon_lists_are_read():
    table = spreadsheet_read(b"email;given_name\na@example.org;Ann\n", name="list.csv")
    assert table.rows == [(2, ["a@example.org", "Ann"])]


def test_a_line_with_too_many_cells_names_its_row():
    with pytest.raises(SpreadsheetError, match=r"row 3: the line has 3 cells but the first line 2"):
        spreadsheet_read(b"email,name\na@example.org,Ann\nb@example.org,Bo,extra\n", name="l.csv")


# --- size, type, emptiness ------------------------------------------------------------


def test_size_cap_comes_from_the_setting(settings):
    settings.SPREADSHEET_MAX_BYTES = 1024
    data = (HEADER + "a@example.org,Ann,Ann\n" * 100).encode()
    with pytest.raises(SpreadsheetError, match="larger than"):
        spreadsheet_read(data, name="list.csv")
    settings.SPREADSHEET_MAX_BYTES = 1024 * 1024
    assert len(spreadsheet_read(data, name="list.csv").rows) == 100


def test_size_cap_reads_no_more_than_it_allows(settings, tmp_path):
    """A huge file is refused after reading one byte past the cap, not all of it."""
    settings.SPREADSHEET_MAX_BYTES = 100
    handle = io.BytesIO(b"x" * 10_000)
    with pytest.raises(SpreadsheetError, match="larger than"):
        spreadsheet_read(handle, name="list.csv")
    assert handle.tell() == 101


def test_row_cap(settings):
    settings.SPREADSHEET_MAX_ROWS = 2
    data = (HEADER + "a@example.org,Ann,Ann\n" * 3).encode()
    with pytest.raises(SpreadsheetError, match="more than 2 rows"):
        spreadsheet_read(data, name="list.csv")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.txt", b"email\n", "Give a .csv or .xlsx file."),
        ("list.csv", b"", "The file is empty."),
        ("list.csv", b"  \n", "The file is empty."),
        ("list.xlsx", b"email,given_name\n", "not an Excel workbook"),
        ("list.xlsx", b"PK\x03\x04junk", "not an Excel workbook"),
        ("list.xlsx", "zip-without-workbook", "cannot be opened"),
    ],
)
def test_unreadable_files(name, content, message):
    if content == "zip-without-workbook":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("notes.txt", "not a workbook")
        content = buffer.getvalue()
    with pytest.raises(SpreadsheetError, match=message):
        spreadsheet_read(content, name=name)


# --- workbooks: sheets and formulas ---------------------------------------------------------


def test_the_only_data_sheet_is_read_whatever_its_place():
    data = workbook_bytes(
        {"Notes": [], "Participants": [["email", "birth_year"], ["a@example.org", 1975]]}
    )
    table = spreadsheet_read(data, name="list.xlsx")
    assert table.sheet == "Participants"
    assert table.rows == [(2, ["a@example.org", "1975"])]


def test_several_data_sheets_need_a_name_and_the_error_names_them():
    data = workbook_bytes({"2024": [["email"], ["a@x.org"]], "2025": [["email"], ["b@x.org"]]})
    with pytest.raises(SpreadsheetError) as caught:
        spreadsheet_read(data, name="list.xlsx")
    assert "“2024”, “2025”" in str(caught.value)
    assert spreadsheet_read(data, name="list.xlsx", sheet="2025").rows == [(2, ["b@x.org"])]


def test_a_missing_sheet_names_the_sheets_found():
    data = workbook_bytes({"Participants": [["email"], ["a@x.org"]], "Notes": []})
    with pytest.raises(
        SpreadsheetError, match="no sheet “2026”; its sheets are “Participants”, “Notes”"
    ):
        spreadsheet_read(data, name="list.xlsx", sheet="2026")


def test_formulas_are_detected_and_kept_as_their_text():
    data = workbook_bytes(
        {"List": [["email", "organisation"], ["a@x.org", '=HYPERLINK("http://evil","x")']]}
    )
    table = spreadsheet_read(data, name="list.xlsx")
    assert table.formulas is True
    assert table.rows == [(2, ["a@x.org", '=HYPERLINK("http://evil","x")'])]
    plain = spreadsheet_read(workbook_bytes({"List": [["email"], ["a@x.org"]]}), name="list.xlsx")
    assert plain.formulas is False


def test_formula_scan_streams_the_sheet_in_chunks(monkeypatch):
    """The scan reads the sheet's XML a chunk at a time and stops at the first formula."""
    rows = [["email", "n"]] + [[f"p{n}@x.org", n] for n in range(5000)] + [["z@x.org", "=1+1"]]
    data = workbook_bytes({"List": rows})
    reads: list[int] = []
    real_open = zipfile.ZipFile.open

    def spying_open(self, name, *args, **kwargs):
        stream = real_open(self, name, *args, **kwargs)
        if "worksheets" in str(name):
            real_read = stream.read

            def read(size=-1):
                reads.append(size)
                return real_read(size)

            stream.read = read
        return stream

    monkeypatch.setattr(zipfile.ZipFile, "open", spying_open)
    part = spreadsheets._SheetPart(name="List", path="xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        spreadsheets._scan(archive, part)
    assert part.has_formulas
    assert reads and all(size == spreadsheets._CHUNK for size in reads)
    assert len(reads) > 1


def test_dates_and_whole_numbers_read_as_people_write_them():
    import datetime

    data = workbook_bytes(
        {
            "List": [
                ["email", "day", "year", "ratio"],
                ["a@x.org", datetime.date(2025, 7, 8), 1975, 2.5],
            ]
        }
    )
    assert spreadsheet_read(data, name="list.xlsx").rows == [
        (2, ["a@x.org", "2025-07-08", "1975", "2.5"])
    ]


# --- the neutraliser ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "|x", "%x"])
def test_formula_like_text_is_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Ann", "", 12, 1.5, None, "a=b"])
def test_other_values_pass_unchanged(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("text", ["=1+1", "@SUM(A1)", "|cmd", "%x", "\nx"])
def test_every_export_neutralises_the_same_way(text):
    """Registry, question and report exports share the one neutraliser (one prefix set)."""
    import csv as csv_module

    from assessments.exports import rows_to_csv
    from portal.registry.exports import csv_bytes
    from portal.reporting.exporters import breakdown_csv
    from portal.reporting.report import Breakdown, Row

    def cells(data: bytes) -> list[str]:
        rows = list(csv_module.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        return [cell for row in rows[1:] for cell in row]

    assert "'" + text in cells(csv_bytes(["name"], [[text]]))
    assert "'" + text in cells(rows_to_csv(["name"], [[text]]))
    breakdown = Breakdown(
        dimensions=("cohort",),
        dimension_labels=("Cohort",),
        rows=(Row(keys=(text,), labels=(text,), participants=1, completed=0, certified=0),),
    )
    assert "'" + text in cells(breakdown_csv(breakdown))


# --- Bounded memory (issue 21: a 0.3 MB workbook took 783 MB) ---------------------


def test_a_row_reaching_past_the_column_limit_is_refused_with_what_to_fix(settings):
    settings.SPREADSHEET_MAX_COLUMNS = 256
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["email", "given_name"])
    sheet.append(["a@example.org", "Anna"])
    sheet.cell(row=3, column=300, value="stray")
    output = io.BytesIO()
    workbook.save(output)
    with pytest.raises(SpreadsheetError, match="beyond column 256"):
        spreadsheet_read(output.getvalue(), name="list.xlsx")


def test_a_sheet_declaring_a_huge_size_is_read_by_what_it_holds():
    import re
    import tracemalloc

    data = workbook_bytes({"People": [["email", "name"], ["a@example.org", "Anna"]]})
    source, output = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(
                    rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', content
                )
            target.writestr(item, content)
    tracemalloc.start()
    try:
        table = spreadsheet_read(output.getvalue(), name="list.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [cells for _, cells in table.rows] == [["a@example.org", "Anna"]]
    assert peak < 20 * 2**20


def test_reading_stops_one_row_past_the_row_limit():
    rows = [["email"]] + [[f"p{n}@example.org"] for n in range(200)]
    with pytest.raises(SpreadsheetError, match="more than 50 rows"):
        spreadsheet_read(workbook_bytes({"People": rows}), name="list.xlsx", row_limit=50)
    table = spreadsheets._table(iter(rows), limit=50)
    assert len(table.rows) == 51
