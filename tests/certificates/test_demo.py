from certificates import demo
from certificates.models import Certificate, CertificateSettings, CertificateStatus, Signatory
from certificates.services import certificate_revoke
from tests.certificates.factories import attend, cohort_days
from tests.courses.factories import CohortFactory, EnrolmentFactory


def _khurkh(course):
    cohort = CohortFactory(course=course, slug=demo.KHURKH_COHORT, attendance_threshold=60)
    days = cohort_days(cohort, 3)
    for attended in (3, 2, 1):
        attend(EnrolmentFactory(cohort=cohort), days[:attended])
    return cohort


def test_demo_issues_for_attendees_and_is_idempotent(course):
    _khurkh(course)
    demo.load(password="x")
    demo.load(password="x")
    assert Certificate.objects.count() == 2
    assert CertificateSettings.objects.count() == 1
    assert Signatory.objects.count() == len(demo.SIGNATORIES)


def test_loading_the_demo_again_leaves_a_revoked_certificate_revoked(course, secretariat):
    _khurkh(course)
    demo.load(password="x")
    certificate = Certificate.objects.order_by("serial").first()
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="Sheet forged")
    demo.load(password="x")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert not Certificate.objects.filter(
        participant=certificate.participant, status=CertificateStatus.VALID
    ).exists()
    assert Certificate.objects.count() == 2


def test_each_demo_course_gets_its_own_design_with_drawn_seal_and_signatures(db):
    from PIL import Image as PILImage

    from certificates.models import CertificateDesign, DesignCourse, DesignSignatory
    from tests.courses.factories import make_course

    crane = make_course(modules=1, slug="crane-survey-techniques")
    banding = make_course(modules=1, slug="colour-banding")
    demo.load(password="x")
    demo.load(password="x")
    crane_design = DesignCourse.objects.get(course=crane).design
    banding_design = DesignCourse.objects.get(course=banding).design
    assert crane_design != banding_design
    assert CertificateDesign.objects.filter(is_default=True).count() == 1
    crane_signers = set(crane_design.signatories.values_list("name", flat=True))
    banding_signers = set(banding_design.signatories.values_list("name", flat=True))
    assert "Kenji Yamamoto" in crane_signers and "Kenji Yamamoto" not in banding_signers
    assert DesignSignatory.objects.filter(signature__isnull=True).count() == 0
    for design in (crane_design, banding_design):
        assert design.seal is not None
        with design.seal.file.open("rb") as handle:
            seal = PILImage.open(handle)
            seal.load()
        assert seal.mode == "RGBA" and seal.getbbox()  # drawn, not blank
