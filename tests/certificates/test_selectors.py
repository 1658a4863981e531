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


def test_completion_preview_says_issue_held_or_revoked(db):
    from certificates.selectors import completion_preview
    from courses.hooks import CompletionCandidate, completion_consequences

    held = issued_certificate()
    revoked_enrolment = completed_enrolment()
    certificate_revoke(
        certificate=certificate_issue(enrolment=revoked_enrolment, notify=False),
        acting_user=None,
        reason="Attendance sheet forged.",
    )
    fresh = completed_enrolment()
    candidates = [
        CompletionCandidate(
            key="held",
            course_id=held.course_id,
            participant_id=held.participant_id,
            enrolment_id=held.enrolment_id,
        ),
        CompletionCandidate(
            key="revoked",
            course_id=revoked_enrolment.cohort.course_id,
            participant_id=revoked_enrolment.participant_id,
            enrolment_id=revoked_enrolment.pk,
        ),
        CompletionCandidate(
            key="fresh",
            course_id=fresh.cohort.course_id,
            participant_id=fresh.participant_id,
            enrolment_id=fresh.pk,
        ),
        CompletionCandidate(key="new", course_id=fresh.cohort.course_id),
    ]
    found = completion_preview(candidates=candidates, send_email=True)
    assert found["held"].held and not found["held"].certificate
    assert found["revoked"].revoked and not found["revoked"].certificate
    assert found["fresh"].certificate and found["fresh"].email
    assert found["new"].certificate and found["new"].email
    assert not completion_preview(candidates=candidates, send_email=False)["new"].email
    # Registered in CertificatesConfig.ready(): courses reaches it through its hook.
    assert completion_consequences(candidates=candidates, send_email=True)["revoked"] == [
        found["revoked"]
    ]
