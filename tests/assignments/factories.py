"""Factories and files for the assignments tests."""

import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from assignments.models import Assignment, AssignmentDeadline, RubricCriterion

RUBRIC = [
    ("Counts complete", [("Missing sites", 0), ("Most sites", 5), ("Every site", 10)]),
    ("Double counts avoided", [("Not addressed", 0), ("Partly", 3), ("Fully", 6)]),
]


def make_assignment(*, course, rubric=RUBRIC, **fields) -> Assignment:
    defaults = {
        "title": "Field count sheet",
        "instructions": "Fill in the count sheet at the roost and hand it in.",
        "accepts_sheets": True,
        "accepts_photos": True,
        "accepts_pdf": True,
        "accepts_text": True,
        "pass_mark": Decimal(50),
    }
    defaults.update(fields)
    assignment = Assignment.objects.create(course=course, **defaults)
    for n, (title, levels) in enumerate(rubric or []):
        RubricCriterion.objects.create(
            assignment=assignment,
            sort_order=n,
            title=title,
            levels=[
                ("level", {"points": Decimal(points), "description": text})
                for text, points in levels
            ],
        )
    return assignment


def deadline(assignment, cohort, due_at, **fields) -> AssignmentDeadline:
    return AssignmentDeadline.objects.create(
        assignment=assignment, cohort=cohort, due_at=due_at, **fields
    )


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


COUNT_SHEET = b"site,date,adults,juveniles\nKhurkh roost,2025-09-14,412,37\n"


def xlsx_bytes(rows=(("site", "adults"), ("Khurkh", 412))) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_bomb() -> bytes:
    """A workbook whose sheet unpacks from a few kilobytes to 40 MB of nothing."""
    real = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        for info in real.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info.filename, real.read(info.filename))
        bomb.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (40 * 1024 * 1024) + b"/>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
)
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"This program"
