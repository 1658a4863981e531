from certificates import demo
from certificates.models import Certificate, CertificateSettings, Signatory
from courses.models import Attendance
from tests.certificates.factories import cohort_days
from tests.courses.factories import CohortFactory, EnrolmentFactory


def test_demo_issues_for_attendees_and_is_idempotent(course):
    cohort = CohortFactory(course=course, slug=demo.KHURKH_COHORT, attendance_threshold=60)
    days = cohort_days(cohort, 3)
    for attended in (3, 2, 1):
        enrolment = EnrolmentFactory(cohort=cohort)
        for day in days[:attended]:
            Attendance.objects.create(enrolment=enrolment, day=day, present=True)
    demo.load(password="x")
    demo.load(password="x")
    assert Certificate.objects.count() == 2
    assert CertificateSettings.objects.count() == 1
    assert Signatory.objects.count() == len(demo.SIGNATORIES)
