"""Certificate designs per course and cohort: wording, look and, above all, who signs."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from certificates.models import (
    CertificateDesign,
    CertificateSettings,
    DesignCohort,
    DesignCourse,
    DesignSignatory,
    Signatory,
)
from certificates.preview import SAMPLE_HOLDERS, design_preview_pdf
from certificates.services import issue_run_create, issue_run_execute
from tests.certificates.factories import completed_enrolment, issued_certificate
from tests.courses.factories import CohortFactory, make_course


def _text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        return PdfReader(handle).pages[0].extract_text()


def _design(name, *signatories, course=None, cohort=None, **fields):
    design = CertificateDesign.objects.create(name=name, **fields)
    for order, (person, title) in enumerate(signatories):
        DesignSignatory.objects.create(design=design, name=person, title=title, sort_order=order)
    if course:
        DesignCourse.objects.create(design=design, course=course)
    if cohort:
        DesignCohort.objects.create(design=design, cohort=cohort)
    return design


@pytest.fixture
def site_signatory(db):
    setting = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    setting.save()
    Signatory.objects.create(settings=setting, name="Site Wide Signer", title="Everyone's")
    return setting


def test_each_course_certificate_carries_its_own_signatories(site_signatory):
    crane = make_course(modules=1, title="Crane survey techniques", slug="crane")
    banding = make_course(modules=1, title="Colour banding", slug="colour-banding")
    _design("Crane", ("Kenji Yamamoto", "Lead Instructor, Crane Survey"), course=crane)
    _design(
        "Banding",
        ("Nyambayar Batbayar", "Lead Instructor, Colour Banding"),
        ("Seo-yeon Park", "Programme Secretariat"),
        course=banding,
        heading="Certificate of Proficiency",
    )
    crane_text = _text(issued_certificate(course=crane))
    banding_text = _text(issued_certificate(course=banding))
    assert "Kenji Yamamoto" in crane_text
    assert "Nyambayar Batbayar" not in crane_text and "Site Wide Signer" not in crane_text
    assert "Nyambayar Batbayar" in banding_text and "Seo-yeon Park" in banding_text
    assert "Kenji Yamamoto" not in banding_text and "Site Wide Signer" not in banding_text
    assert "Certificate of Proficiency" in banding_text
    assert "Certificate of Proficiency" not in crane_text


def test_a_cohort_design_overrides_its_course_design(db):
    course = make_course(modules=1)
    special, ordinary = CohortFactory(course=course), CohortFactory(course=course)
    _design("Course", ("Course Signer", "Instructor"), course=course)
    _design("Cohort", ("Cohort Signer", "Host"), cohort=special)
    assert "Cohort Signer" in _text(issued_certificate(cohort=special))
    text = _text(issued_certificate(cohort=ordinary))
    assert "Course Signer" in text and "Cohort Signer" not in text


def test_the_default_design_then_the_site_settings(site_signatory):
    course = make_course(modules=1)
    assert "Site Wide Signer" in _text(issued_certificate(course=course))
    _design("Default", ("Default Signer", "Director"), is_default=True)
    text = _text(issued_certificate(course=make_course(modules=1)))
    assert "Default Signer" in text and "Site Wide Signer" not in text


def test_seal_and_signature_images_are_drawn(db):
    course = make_course(modules=1)
    seal = Image.objects.create(title="Seal", file=get_test_image_file("seal.png", colour="red"))
    ink = Image.objects.create(title="Ink", file=get_test_image_file(colour="black"))
    design = _design("Sealed", course=course, seal=seal)
    DesignSignatory.objects.create(design=design, name="Signer", title="Head", signature=ink)
    certificate = issued_certificate(course=course)
    with certificate.pdf.open("rb") as handle:
        assert len(PdfReader(handle).pages[0].images) == 2


def test_a_course_or_cohort_has_one_design_and_the_site_one_default(db):
    course = make_course(modules=1)
    _design("First", course=course, is_default=True)
    second = CertificateDesign.objects.create(name="Second")
    with pytest.raises(ValidationError, match="already has a design"):
        DesignCourse(design=second, course=course).full_clean()
    second.is_default = True
    with pytest.raises(ValidationError, match="already the default"):
        second.full_clean()


def test_accent_colour_is_checked(db):
    with pytest.raises(ValidationError, match="six hex digits"):
        CertificateDesign(name="Bad", accent="green").full_clean()


def test_a_bulk_issue_reads_the_design_once(db, secretariat):
    course = make_course(modules=1)
    cohort = CohortFactory(course=course)
    _design("Course", ("Course Signer", "Instructor"), course=course)
    for _n in range(3):
        completed_enrolment(cohort=cohort)
    run = issue_run_create(cohort=cohort, reason="Workshop over", acting_user=secretariat)
    with CaptureQueriesContext(connection) as queries:
        issue_run_execute(run=run)
    # The cohort's link, the course's link, signatories, logos: once for the run, not
    # once per certificate (three certificates here).
    design_reads = [q for q in queries.captured_queries if "design" in q["sql"]]
    assert len(design_reads) == 4


@pytest.mark.parametrize("mode", list(SAMPLE_HOLDERS))
def test_the_preview_prints_a_sample_holder_in_each_script(db, mode):
    design = _design("Preview", ("Kenji Yamamoto", "Lead Instructor"))
    pdf = design_preview_pdf(design, mode)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(reader.pages[0].extract_text().split())
    assert "KenjiYamamoto" in text
    sample = SAMPLE_HOLDERS[mode]
    assert "".join(sample.latin.split())[:20] in text
    response = design.serve_preview(None, mode)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def _formset(prefix, rows=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        data.setdefault(f"{prefix}-{index}-DELETE", "")
    return data


def test_the_admin_preview_shows_the_unsaved_design_as_a_pdf(client, secretariat):
    from django.urls import reverse

    design = _design("Preview", ("Saved Signer", "Director"))
    saved = design.signatories.get()
    client.force_login(secretariat)
    edit = reverse("wagtailsnippets_certificates_certificatedesign:edit", args=[design.pk])
    assert client.get(edit).status_code == 200
    preview = reverse(
        "wagtailsnippets_certificates_certificatedesign:preview_on_edit", args=[design.pk]
    )
    form = {
        "name": "Preview",
        "heading": "Certificate of Proficiency",
        "statement": "",
        "accent": "#8a3b12",
        # As the browser posts it: the saved signatory deleted, a new one added.
        **_formset(
            "signatories",
            [
                {"id": str(saved.pk), "name": "Saved Signer", "title": "Director", "DELETE": "1"},
                {"name": "Unsaved Signer", "title": "Host", "signature": ""},
            ],
        ),
        "signatories-INITIAL_FORMS": "1",
        **_formset("logos"),
        **_formset("course_links"),
        **_formset("cohort_links"),
    }
    answer = client.post(preview, form)
    assert answer.status_code == 200 and answer.json()["is_valid"], answer.content
    for mode in ("ja", "mong", "long"):
        response = client.get(preview, {"mode": mode})
        assert response["Content-Type"] == "application/pdf"
        text = "".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
        assert "UnsavedSigner" in text and "SavedSigner" not in text.replace("Unsaved", "")
        assert "CertificateofProficiency" in text
    design.refresh_from_db()
    assert design.heading == ""  # a preview saves nothing
