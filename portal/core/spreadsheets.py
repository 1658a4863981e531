"""The one spreadsheet reader and the one formula neutraliser of the portal.

Every upload read as a table (participant lists, question banks) goes through
:func:`spreadsheet_read`; every CSV or XLSX export passes its cells through
:func:`neutralise`. Plain bytes in, plain text out: nothing here touches the ORM.

Reading, in this order, so that a bad file is refused before it costs much:

1. the size cap (``SPREADSHEET_MAX_BYTES``), checked on the bytes;
2. for a CSV, the encoding: UTF-8 with or without a BOM and UTF-16 (with a
   BOM, or without one when every other byte is zero) are read; a file in a
   legacy encoding (Windows Cyrillic CP1251, Chinese GB18030, Japanese
   Shift-JIS, Korean EUC-KR) is refused with a message that names the
   encoding it looks like and says how to save it as UTF-8 (guessing would
   store mangled names in the registry without anyone noticing);
3. for a workbook, the sheet: the one named, or else the only sheet holding
   data (an error names the sheets found), and whether it holds formulas —
   found by streaming the sheet's XML in chunks, never by loading the sheet;
4. the cells, every one as text. A workbook's sheet is streamed row by row
   with openpyxl in read-only mode, in bounded memory whatever size the sheet
   declares (a reader that builds the sheet as one dense grid once took 783 MB
   for a 0.3 MB file): a formula comes back as its text (``=…``) rather than
   its cached result (exports neutralise it), reading stops one row past the
   row limit, and a row reaching past ``SPREADSHEET_MAX_COLUMNS`` is refused.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree

from django.conf import settings
from django.utils.translation import gettext as _

# Text a spreadsheet would run as a formula starts with one of these (OWASP's
# CSV injection list: = + - @, tab, carriage return, and line feed, pipe and
# percent, which older spreadsheets treat alike).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")

SUFFIXES = (".csv", ".xlsx")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_ROWS = 50_000
DEFAULT_MAX_COLUMNS = 256

# Legacy encodings we recognise to say what to fix: codec -> how people know it.
LEGACY_ENCODINGS = {
    "cp1251": "Windows Cyrillic (CP1251)",
    "gb18030": "Chinese GB18030 (GBK)",
    "shift_jis": "Japanese Shift-JIS",
    "euc_kr": "Korean EUC-KR",
}
# The script each legacy encoding is used for: a decoding that yields it is the likely one.
_HOME_SCRIPTS = {
    "cp1251": ((0x0400, 0x04FF),),
    "gb18030": ((0x4E00, 0x9FFF),),
    "shift_jis": ((0x3040, 0x30FF), (0x4E00, 0x9FFF)),
    "euc_kr": ((0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F)),
}

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CHUNK = 64 * 1024
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[ >/]")


class SpreadsheetError(ValueError):
    """The file cannot be read as a table; the message says what to fix."""


@dataclass
class Table:
    """A sheet as text.

    ``header``: the first row's cells; ``rows``: (row number as a spreadsheet
    shows it, cells) for every later row that is not blank; ``sheet``: the
    sheet read (blank for a CSV); ``formulas``: whether the sheet held formula
    cells (kept as their text).
    """

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    sheet: str = ""
    formulas: bool = False


def max_bytes() -> int:
    """The largest upload the reader accepts (setting ``SPREADSHEET_MAX_BYTES``)."""
    return getattr(settings, "SPREADSHEET_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_columns() -> int:
    """The most columns a sheet's rows may reach (setting ``SPREADSHEET_MAX_COLUMNS``)."""
    return getattr(settings, "SPREADSHEET_MAX_COLUMNS", DEFAULT_MAX_COLUMNS)


def max_rows() -> int:
    """The most data rows the reader accepts (setting ``SPREADSHEET_MAX_ROWS``)."""
    return getattr(settings, "SPREADSHEET_MAX_ROWS", DEFAULT_MAX_ROWS)


# --- Neutralising formulas in exports -----------------------------------------------


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet would run as a formula (see ``FORMULA_PREFIXES``)."""
    return isinstance(text, str) and text.startswith(FORMULA_PREFIXES)


def neutralise(value: Any) -> Any:
    """A cell value safe to export: formula-like text gets a leading apostrophe.

    Spreadsheets show ``'=SUM(A1)`` as the text ``=SUM(A1)``. Anything that is
    not text (numbers, dates, None) is returned unchanged.
    """
    if looks_like_formula(value):
        return "'" + value
    return value


# --- Reading --------------------------------------------------------------------


def _load(source: str | Path | BinaryIO | bytes, limit: int) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, (str, Path)):
        try:
            with open(source, "rb") as handle:
                return handle.read(limit + 1)
        except OSError as error:
            raise SpreadsheetError(
                _("Cannot open %(name)s: %(error)s") % {"name": source, "error": error.strerror}
            ) from None
    return source.read(limit + 1)


def _too_big(limit: int) -> SpreadsheetError:
    return SpreadsheetError(
        _("The file is larger than %(size)s; split it into smaller files.")
        % {"size": f"{limit / (1024 * 1024):g} MB"}
    )


def spreadsheet_read(
    source: str | Path | BinaryIO | bytes,
    *,
    name: str | None = None,
    sheet: str | None = None,
    byte_limit: int | None = None,
    row_limit: int | None = None,
) -> Table:
    """Read a ``.csv`` or ``.xlsx`` file into text rows.

    Args:
        source: a path, a binary file object or the bytes.
        name: the file name (for its extension) when ``source`` is not a path.
        sheet: the sheet of a workbook to read; default: its only data sheet.
        byte_limit: refuse bigger files (default ``SPREADSHEET_MAX_BYTES``).
        row_limit: refuse more data rows (default ``SPREADSHEET_MAX_ROWS``).

    Returns:
        The ``Table``; blank rows are left out, row numbers are kept.

    Raises:
        SpreadsheetError: wrong type, too big, empty, in a legacy encoding,
            unreadable, or the sheet is missing or ambiguous.
    """
    limit = byte_limit or max_bytes()
    if isinstance(source, (str, Path)):
        name = str(source)
    suffix = Path(name or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise SpreadsheetError(_("Give a .csv or .xlsx file."))
    data = _load(source, limit)
    if len(data) > limit:
        raise _too_big(limit)
    if not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    rows_allowed = row_limit or max_rows()
    table = _read_csv(data) if suffix == ".csv" else _read_xlsx(data, sheet, rows_allowed)
    if len(table.rows) > rows_allowed:
        raise SpreadsheetError(
            _("The file has more than %(max)d rows; split it into smaller files.")
            % {"max": rows_allowed}
        )
    return table


def _table(
    rows: Iterable[list[str]], *, sheet: str = "", formulas: bool = False, limit: int | None = None
) -> Table:
    """The header and the non-blank rows; with ``limit``, stops reading one row past it."""
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or not any(header):
        raise SpreadsheetError(
            _("The first line must hold the column names; it is empty.")
            if header is not None
            else _("The file is empty.")
        )
    body = []
    for number, cells in enumerate(iterator, start=2):
        if any(cells):
            body.append((number, cells))
            if limit is not None and len(body) > limit:
                break  # the caller refuses the file: no need to read the rest
    return Table(header=header, rows=body, sheet=sheet, formulas=formulas)


# --- CSV ------------------------------------------------------------------------


def _looks_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'-be' for UTF-16 text without a BOM (mostly ASCII: every other byte 0)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    # Headers and e-mail addresses are ASCII, so most high bytes are zero.
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def legacy_encoding(data: bytes) -> str | None:
    """The legacy encoding (a key of ``LEGACY_ENCODINGS``) ``data`` most likely is in.

    charset-normalizer ranks the candidates by how chaotic each decoding is;
    among equally clean ones (short CJK lists decode cleanly in several), the
    one whose text is in its own script wins (Hangul for EUC-KR, kana or Han
    for Shift-JIS, Han for GB18030, Cyrillic for CP1251).
    """
    import charset_normalizer

    candidates = []
    for match in charset_normalizer.from_bytes(data[:65536], cp_isolation=list(LEGACY_ENCODINGS)):
        text = str(match)
        non_ascii = [c for c in text if ord(c) > 127]
        if not non_ascii:
            continue
        ranges = _HOME_SCRIPTS[match.encoding]
        home = sum(1 for c in non_ascii if any(a <= ord(c) <= b for a, b in ranges))
        candidates.append((round(match.chaos, 2), -home / len(non_ascii), match.encoding))
    return min(candidates)[2] if candidates else None


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        codec = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        codec = _looks_utf16(data) or "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        if codec == "utf-8":
            legacy = legacy_encoding(data)
            if legacy:
                raise SpreadsheetError(
                    _(
                        "The file is not UTF-8 text: it looks like %(encoding)s. Open it in "
                        "your spreadsheet and save it as “CSV UTF-8”, or as an .xlsx workbook."
                    )
                    % {"encoding": LEGACY_ENCODINGS[legacy]}
                ) from None
        raise SpreadsheetError(
            _(
                "The file is not UTF-8 or UTF-16 text; save it as “CSV UTF-8” "
                "or as an .xlsx workbook."
            )
        ) from None
    if "\x00" in text:
        raise SpreadsheetError(_("The file is not a CSV text file; check that it is not binary."))
    return text


_FIELDS_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _read_csv(data: bytes) -> Table:
    import pandas

    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        separator = dialect.delimiter
    except csv.Error:
        separator = ","
    try:
        frame = pandas.read_csv(
            io.StringIO(text),
            sep=separator,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pandas.errors.EmptyDataError:
        raise SpreadsheetError(_("The file is empty.")) from None
    except pandas.errors.ParserError as error:
        found = _FIELDS_ERROR.search(str(error))
        if found:
            expected, line, saw = (int(n) for n in found.groups())
            raise SpreadsheetError(
                _(
                    "row %(row)d: the line has %(saw)d cells but the first line %(expected)d; "
                    "remove the extra cells, or put the cell that holds a “%(separator)s” "
                    "in double quotes."
                )
                % {"row": line, "saw": saw, "expected": expected, "separator": separator}
            ) from None
        raise SpreadsheetError(
            _("The file cannot be read as CSV (%(error)s).") % {"error": error}
        ) from None
    rows = ([cell.strip() for cell in row] for row in frame.itertuples(index=False, name=None))
    return _table(rows)


# --- XLSX -----------------------------------------------------------------------


@dataclass
class _SheetPart:
    name: str
    path: str
    has_cells: bool = False
    has_formulas: bool = False


def _unreadable() -> SpreadsheetError:
    return SpreadsheetError(_("The workbook cannot be opened; save it again as .xlsx."))


def _workbook_parts(archive: zipfile.ZipFile) -> list[_SheetPart]:
    """The worksheets in workbook order with the XML part of each (small files only)."""
    # Two small parts; expat (3.13) resolves no external entities and caps entity
    # expansion, so an uploaded workbook cannot make it fetch or blow up.
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ElementTree.ParseError):
        raise SpreadsheetError(
            _("The workbook cannot be opened; save it again as .xlsx.")
        ) from None
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship")
    }
    parts = []
    for element in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(element.get(f"{{{_REL_NS}}}id"), "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts.append(_SheetPart(name=element.get("name", ""), path=posixpath.normpath(path)))
    return parts


def _scan(archive: zipfile.ZipFile, part: _SheetPart) -> None:
    """Stream a sheet's XML in chunks: does it hold any cell, any formula? Stops early."""
    tail = b""
    try:
        with archive.open(part.path) as stream:
            while chunk := stream.read(_CHUNK):
                window = tail + chunk
                part.has_cells = part.has_cells or bool(_CELL_TAG.search(window))
                if _FORMULA_TAG.search(window):
                    part.has_cells = part.has_formulas = True
                    return
                tail = window[-16:]  # a tag split between two chunks
    except KeyError:
        raise SpreadsheetError(
            _("The workbook cannot be opened; save it again as .xlsx.")
        ) from None


def _choose_sheet(parts: list[_SheetPart], wanted: str | None) -> _SheetPart:
    names = ", ".join(f"“{p.name}”" for p in parts)
    if wanted:
        for part in parts:
            if part.name.casefold() == wanted.casefold():
                return part
        raise SpreadsheetError(
            _("The workbook has no sheet “%(sheet)s”; its sheets are %(names)s.")
            % {"sheet": wanted, "names": names}
        )
    with_data = [p for p in parts if p.has_cells]
    if len(with_data) == 1:
        return with_data[0]
    if not with_data:
        raise SpreadsheetError(_("The file is empty."))
    raise SpreadsheetError(
        _(
            "The workbook has %(count)d sheets with data (%(names)s); keep only the list "
            "in the workbook, or name the sheet to read."
        )
        % {"count": len(with_data), "names": ", ".join(f"“{p.name}”" for p in with_data)}
    )


def _text(value: Any) -> str:
    """A workbook cell as the text a person reads in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


def _rows_openpyxl(data: bytes, sheet: str) -> Iterator[list[str]]:
    """Rows streamed by openpyxl in read-only mode; a formula comes back as its text.

    Memory stays bounded whatever the sheet declares: its stated size is
    ignored (``reset_dimensions``), missing rows cost nothing, each row is
    trimmed of its empty cells at the end, and a row reaching past
    ``SPREADSHEET_MAX_COLUMNS`` is refused.
    """
    from openpyxl import load_workbook

    columns_allowed = max_columns()
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        worksheet = workbook[sheet]
        worksheet.reset_dimensions()
        for row in worksheet.iter_rows(values_only=True):
            cells = [_text(value) for value in row[: columns_allowed + 1]]
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) > columns_allowed or (
                len(row) > columns_allowed and any(v is not None for v in row[columns_allowed:])
            ):
                raise SpreadsheetError(
                    _(
                        "The sheet has data beyond column %(max)d; delete the columns "
                        "the list does not need."
                    )
                    % {"max": columns_allowed}
                )
            yield cells
    finally:
        workbook.close()


def _read_xlsx(data: bytes, sheet: str | None, row_limit: int | None = None) -> Table:
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise SpreadsheetError(
            _("The file is not an Excel workbook (.xlsx), even though its name says so.")
        )
    try:
        with zipfile.ZipFile(buffer) as archive:
            parts = _workbook_parts(archive)
            if sheet:
                chosen = _choose_sheet(parts, sheet)
                _scan(archive, chosen)
            else:
                for part in parts:
                    _scan(archive, part)
                chosen = _choose_sheet(parts, None)
    except zipfile.BadZipFile:
        raise SpreadsheetError(
            _("The workbook cannot be opened; save it again as .xlsx.")
        ) from None
    if not chosen.has_cells:
        raise SpreadsheetError(_("The file is empty."))
    try:
        rows = _rows_openpyxl(data, chosen.name)
        return _table(rows, sheet=chosen.name, formulas=chosen.has_formulas, limit=row_limit)
    except SpreadsheetError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise SpreadsheetError(
            _("The workbook cannot be opened; save it again as .xlsx.")
        ) from None
