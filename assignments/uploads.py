"""What a learner hands in is checked by its content, not only its name.

:func:`upload_check` reads the bytes of one uploaded file and either returns
what it is (:class:`CheckedFile`) or raises :class:`UploadRefused` with a
message that says what to fix. Nothing is stored before every file of a
submission has passed (see ``services.submission_hand_in``).

- The name's extension must be of a kind the assignment accepts, and the
  content must be that kind: a CSV is text that reads as a table, an XLSX a
  workbook (a ZIP whose parts, unpacked, stay small: a ZIP bomb is refused
  before anything is unpacked), a photo a JPEG or PNG that Pillow can decode
  within a pixel limit, a PDF a PDF without scripts or embedded programs, a
  DOCX a Word document (a ZIP, checked like a workbook) without macros.
- Programs (Windows, Linux and macOS executables, scripts) are refused
  whatever their name; so are SVG and HTML, which can carry scripts.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from portal.core.spreadsheets import SpreadsheetError, spreadsheet_read

from .models import FileKind

SUFFIXES = {
    ".csv": FileKind.SHEET,
    ".xlsx": FileKind.SHEET,
    ".jpg": FileKind.PHOTO,
    ".jpeg": FileKind.PHOTO,
    ".png": FileKind.PHOTO,
    ".pdf": FileKind.PDF,
    ".docx": FileKind.DOCUMENT,
}
CONTENT_TYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Programs, whatever they are called: PE/COFF, ELF, Mach-O (both byte orders, fat), scripts.
PROGRAM_SIGNATURES = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
MARKUP_SIGNS = (b"<svg", b"<script", b"<html", b"<!doctype html", b"<?xml")
# A workbook or Word document unpacks to at most this much, and no part more than RATIO times
# its packed size.
XLSX_MAX_UNPACKED = 100 * 1024 * 1024
XLSX_MAX_RATIO = 200
PHOTO_MAX_PIXELS = 60_000_000
PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")


class UploadRefused(ValueError):
    """The file is not what it claims to be, or not what the assignment accepts."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str
    content_type: str
    data: bytes
    sha256: str


def kind_labels(kinds) -> str:
    return ", ".join(str(FileKind(kind).label) for kind in kinds)


def upload_check(*, name: str, data: bytes, kinds: list[str], max_bytes: int) -> CheckedFile:
    """Check one uploaded file's name, size and content.

    Raises:
        UploadRefused: the message names the file and says what to fix.
    """
    shown = PurePath(name).name[:200] or "?"
    suffix = PurePath(shown).suffix.lower()
    kind = SUFFIXES.get(suffix)
    if kind is None or kind not in kinds:
        raise UploadRefused(
            _("“%(name)s”: this assignment accepts %(kinds)s.")
            % {"name": shown, "kinds": kind_labels(kinds)}
        )
    if not data:
        raise UploadRefused(_("“%(name)s” is empty.") % {"name": shown})
    if len(data) > max_bytes:
        raise UploadRefused(
            _("“%(name)s” is larger than %(size)s; make it smaller or split it.")
            % {"name": shown, "size": f"{max_bytes / (1024 * 1024):g} MB"}
        )
    if data.startswith(PROGRAM_SIGNATURES):
        raise UploadRefused(
            _("“%(name)s” is a program, not a %(kind)s; hand in the file itself.")
            % {"name": shown, "kind": FileKind(kind).label}
        )
    head = data[:1024].lstrip().lower()
    if kind != FileKind.PDF and any(head.startswith(sign) for sign in MARKUP_SIGNS):
        raise UploadRefused(
            _(
                "“%(name)s” is a web page or an SVG drawing, which can hold scripts; "
                "hand in %(kinds)s."
            )
            % {"name": shown, "kinds": kind_labels(kinds)}
        )
    checker = {
        ".csv": _check_csv,
        ".xlsx": _check_xlsx,
        ".jpg": _check_jpeg,
        ".jpeg": _check_jpeg,
        ".png": _check_png,
        ".pdf": _check_pdf,
        ".docx": _check_docx,
    }[suffix]
    checker(shown, data)
    return CheckedFile(
        name=shown,
        kind=kind,
        content_type=CONTENT_TYPES[suffix],
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _not_what_it_claims(name: str, what: str) -> UploadRefused:
    return UploadRefused(
        _("“%(name)s” is not a %(what)s, even though its name says so.")
        % {"name": name, "what": what}
    )


def _check_csv(name: str, data: bytes) -> None:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _not_what_it_claims(name, "CSV")
    try:
        spreadsheet_read(data, name="sheet.csv", byte_limit=len(data) + 1)
    except SpreadsheetError as error:
        raise UploadRefused(f"“{name}”: {error}") from None


def _office_part_names(name: str, data: bytes, what: str, bomb_message: str) -> set[str]:
    """The part names of an Office Open XML file (XLSX, DOCX), refusing ZIP bombs.

    Judged on the sizes the archive declares, before anything is unpacked.
    """
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise _not_what_it_claims(name, what)
    try:
        with zipfile.ZipFile(buffer) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise _not_what_it_claims(name, what) from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > XLSX_MAX_UNPACKED or any(
        info.file_size > XLSX_MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1_000_000
        for info in infos
    ):
        raise UploadRefused(bomb_message % {"name": name})
    return {info.filename for info in infos}


def _check_xlsx(name: str, data: bytes) -> None:
    names = _office_part_names(
        name,
        data,
        "XLSX",
        _("“%(name)s” unpacks to far more than its size (a ZIP bomb); save the sheet again."),
    )
    # The reader below unpacks in chunks, and zipfile stops at a part's declared size.
    if "xl/workbook.xml" not in names:
        raise _not_what_it_claims(name, "XLSX")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UploadRefused(
            _("“%(name)s” holds macros; save it as a plain workbook (.xlsx).") % {"name": name}
        )
    try:
        spreadsheet_read(data, name="sheet.xlsx", byte_limit=len(data) + 1)
    except SpreadsheetError as error:
        raise UploadRefused(f"“{name}”: {error}") from None


def _check_docx(name: str, data: bytes) -> None:
    names = _office_part_names(
        name,
        data,
        "DOCX",
        _("“%(name)s” unpacks to far more than its size (a ZIP bomb); save the document again."),
    )
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise _not_what_it_claims(name, "DOCX")
    if any(n.lower().endswith(("vbaproject.bin", ".exe", ".dll")) for n in names) or any(
        n.lower().startswith("word/embeddings/") for n in names
    ):
        raise UploadRefused(
            _(
                "“%(name)s” holds macros or embedded files; save it as a plain document "
                "(.docx) or print it to a PDF."
            )
            % {"name": name}
        )


def _check_image(name: str, data: bytes, expected: str) -> None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                raise _not_what_it_claims(name, expected)
            width, height = image.size
            if width * height > PHOTO_MAX_PIXELS:
                raise UploadRefused(
                    _("“%(name)s” has too many pixels; send a smaller photo.") % {"name": name}
                )
            image.verify()
    except UploadRefused:
        raise
    except Exception:  # Pillow raises many kinds for a broken or hostile image
        raise _not_what_it_claims(name, expected) from None


def _check_jpeg(name: str, data: bytes) -> None:
    if not data.startswith(b"\xff\xd8\xff"):
        raise _not_what_it_claims(name, "JPEG")
    _check_image(name, data, "JPEG")


def _check_png(name: str, data: bytes) -> None:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise _not_what_it_claims(name, "PNG")
    _check_image(name, data, "PNG")


def _check_pdf(name: str, data: bytes) -> None:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise _not_what_it_claims(name, "PDF")
    if any(sign in data for sign in PDF_ACTIVE_CONTENT):
        raise UploadRefused(
            _("“%(name)s” holds scripts or embedded files; print it to a plain PDF.")
            % {"name": name}
        )
