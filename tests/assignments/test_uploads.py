"""Issue 19 bar: uploads not what they claim are refused, with a message, storing nothing."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from assignments.models import Submission, SubmissionFile
from assignments.services import submission_hand_in
from assignments.uploads import UploadRefused, upload_check
from tests.assignments.factories import (
    COUNT_SHEET,
    EXECUTABLE,
    PDF,
    SVG_WITH_SCRIPT,
    make_assignment,
    png_bytes,
    upload,
    xlsx_bomb,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

ALL = ["sheet", "photo", "pdf"]
MB = 1024 * 1024


def _stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("counts.csv", EXECUTABLE, "is a program"),
        ("band-combination.png", SVG_WITH_SCRIPT, "SVG"),
        ("band-combination.svg", SVG_WITH_SCRIPT, "accepts"),
        ("counts.xlsx", xlsx_bomb(), "ZIP bomb"),
        ("counts.xlsx", COUNT_SHEET, "not a XLSX"),
        ("roost.jpg", png_bytes(), "not a JPEG"),
        ("plan.pdf", b"%PDF-1.4\n/OpenAction<</S/JavaScript/JS(app.alert(1))>>\n%%EOF", "scripts"),
    ],
)
def test_what_is_not_what_it_claims_is_refused_and_nothing_is_stored(
    enrolment, course, _private_root, name, data, words
):
    assignment = make_assignment(course=course)
    with pytest.raises(ValidationError) as refused:
        submission_hand_in(
            assignment=assignment,
            enrolment=enrolment,
            files=[upload("counts.csv", COUNT_SHEET), upload(name, data)],
        )
    message = " ".join(refused.value.messages)
    assert words in message and name in message
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()
    assert _stored(_private_root) == []


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("counts.csv", COUNT_SHEET, "sheet"),
        ("counts.xlsx", xlsx_bytes(), "sheet"),
        ("roost.png", png_bytes(), "photo"),
        ("plan.pdf", PDF, "pdf"),
    ],
)
def test_what_is_what_it_claims_passes(name, data, kind):
    checked = upload_check(name=name, data=data, kinds=ALL, max_bytes=MB)
    assert checked.kind == kind and len(checked.sha256) == 64


def test_size_and_type_limits_come_from_the_assignment():
    with pytest.raises(UploadRefused, match="larger than"):
        upload_check(name="counts.csv", data=COUNT_SHEET * 100, kinds=ALL, max_bytes=100)
    with pytest.raises(UploadRefused, match="accepts"):
        upload_check(name="roost.png", data=png_bytes(), kinds=["sheet"], max_bytes=MB)


def test_stored_files_are_private_not_under_the_media_root(
    enrolment, course, settings, _private_root
):
    assignment = make_assignment(course=course)
    submission = submission_hand_in(
        assignment=assignment, enrolment=enrolment, files=[upload("counts.csv", COUNT_SHEET)]
    )
    (stored,) = _stored(_private_root)
    assert stored.read_bytes() == COUNT_SHEET
    assert _stored(Path(settings.MEDIA_ROOT)) == []
    item = submission.files.get()
    assert item.original_name == "counts.csv" and "counts" not in item.file.name
    with pytest.raises(ValueError):
        item.file.url  # noqa: B018
