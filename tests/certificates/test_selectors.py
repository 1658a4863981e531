from certificates.selectors import (
    certificate_for_code,
    certificates_for_participant,
    eligible_enrolments,
)
from certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from tests.certificates.factories import (
    attend,
    cohort_days,
    completed_enrolment,
    issued_certificate,
)
from tests.courses.factories import CohortFactory, EnrolmentFactory, make_course


def test_certificates_for_participant_leaves_out_superseded_in_one_query(
    participant, course, secretariat, django_assert_num_queries
):
    first = issued_certificate(course=course, participant=participant)
    revoked = issued_certificate(course=make_course(modules=1), participant=participant)
    certificate_revoke(certificate=revoked, acting_user=secretariat, reason="x")
    new = certificate_reissue(certificate=first, acting_user=secretariat, reason="Name")
    for _ in range(3):
        issued_certificate(course=make_course(modules=1), participant=participant)
    issued_certificate(course=course)  # someone else's
    with django_assert_num_queries(1):
        rows = list(certificates_for_participant(participant=participant))
        titles = [row.course.title for row in rows]
    assert first not in rows and new in rows and revoked in rows
    assert len(rows) == len(titles) == 5


def test_no_participant_no_certificates(db):
    assert list(certificates_for_participant(participant=None)) == []


def test_code_lookup(course):
    certificate = issued_certificate(course=course)
    assert certificate_for_code(code=certificate.code) == certificate
    assert certificate_for_code(code="") is None
    assert certificate_for_code(code="x" * 200) is None


def test_eligible_enrolments_in_one_query(course, secretariat, django_assert_num_queries):
    """Completed, active, holding no valid and no revoked certificate: one query."""
    cohort = CohortFactory(course=course, attendance_threshold=80)
    days = cohort_days(cohort, 5)
    expected = []
    for attended in (5, 4, 3, 0):
        enrolment = EnrolmentFactory(cohort=cohort)
        attend(enrolment, days[:attended])
        if attended >= 4:
            expected.append(enrolment)
    expected.append(completed_enrolment(cohort=cohort))
    already = completed_enrolment(cohort=cohort)
    certificate_issue(enrolment=already, notify=False)
    revoked = certificate_issue(enrolment=completed_enrolment(cohort=cohort), notify=False)
    certificate_revoke(certificate=revoked, acting_user=secretariat, reason="Sheet forged")
    with django_assert_num_queries(1):
        found = list(eligible_enrolments(cohort=cohort))
    assert found == expected
    assert list(eligible_enrolments(course=course)) == expected
