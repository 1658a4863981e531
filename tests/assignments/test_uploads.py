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


def _docx(extra: dict[str, bytes] | None = None, *, body: bytes = b"<w:document/>") -> bytes:
    """A minimal Word document: the parts Word itself needs to open one."""
    import io
    import zipfile

    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "word/document.xml": b'<?xml version="1.0"?>' + body,
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return buffer.getvalue()


def test_a_word_document_passes_where_documents_are_accepted():
    checked = upload_check(name="site-plan.docx", data=_docx(), kinds=["document"], max_bytes=MB)
    assert checked.kind == "document"
    assert checked.content_type.endswith("wordprocessingml.document")
    with pytest.raises(UploadRefused, match="accepts"):
        upload_check(name="site-plan.docx", data=_docx(), kinds=["pdf"], max_bytes=MB)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (EXECUTABLE, "is a program"),
        (xlsx_bytes(), "not a DOCX"),
        (PDF, "not a DOCX"),
        (_docx({"word/vbaProject.bin": b"\x00macro"}), "macros"),
        (_docx({"word/embeddings/oleObject1.bin": b"\x00ole"}), "embedded files"),
        (_docx(body=b"<" + b" " * (40 * 1024 * 1024) + b"/>"), "ZIP bomb"),
    ],
)
def test_a_word_document_that_is_not_one_or_carries_code_is_refused(
    enrolment, course, _private_root, data, words
):
    assignment = make_assignment(course=course, accepts_documents=True)
    with pytest.raises(ValidationError) as refused:
        submission_hand_in(
            assignment=assignment, enrolment=enrolment, files=[upload("site-plan.docx", data)]
        )
    message = " ".join(refused.value.messages)
    assert words in message and "site-plan.docx" in message
    assert not Submission.objects.exists() and _stored(_private_root) == []


def test_a_word_document_is_handed_in_and_the_page_offers_it(
    enrolment, course, _private_root, client, learner
):
    from django.urls import reverse

    assignment = make_assignment(course=course, accepts_documents=True)
    submission = submission_hand_in(
        assignment=assignment, enrolment=enrolment, files=[upload("site-plan.docx", _docx())]
    )
    item = submission.files.get()
    assert item.kind == "document" and item.original_name == "site-plan.docx"
    client.force_login(learner)
    html = client.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()
    assert "Word documents (DOCX)" in html and ".docx" in html
