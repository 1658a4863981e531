"""A property test of the participant merge: for random pairs, nothing is lost.

Both sides get random enrolments (some in the same cohorts), module progress,
attendance, attempts, certificates, consents, messages and blocks. After the
merge every row is still there (except what the merge documents it folds: the
duplicate itself, one of two enrolments in one cohort with its doubled
progress and attendance, messages and blocks between the two records), every
database constraint holds and the report's facts equal a full rebuild.
"""

import datetime
import secrets
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import Attempt, AttemptStatus
from certificates.models import Certificate, CertificateEvent, CertificateStatus
from courses.models import Attendance, Enrolment, EnrolmentStatus, ModuleProgress
from portal.network.models import ContactBlock, Message
from portal.registry import services
from portal.registry.models import HistoryAction, Participant
from portal.reporting.models import ParticipationFact
from portal.reporting.services import participation_facts_rebuild, participation_facts_refresh
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.factories import cohort_days
from tests.courses.factories import CohortFactory, make_course
from tests.registry.factories import ImportedParticipantFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

COHORTS = 3  # two of the first course, one of the second
DAYS = 2
MODULES = 2
QUIZZES = 2
NOW = timezone.now()

side = st.fixed_dictionaries(
    {
        "enrolments": st.dictionaries(
            st.integers(0, COHORTS - 1),
            st.fixed_dictionaries(
                {
                    "status": st.sampled_from(list(EnrolmentStatus)),
                    "days_ago": st.integers(0, 30),
                    "completed": st.booleans(),
                    "progress": st.sets(st.integers(0, MODULES - 1)),
                    "attendance": st.dictionaries(st.integers(0, DAYS - 1), st.booleans()),
                    "certificate": st.sampled_from([None, "valid", "revoked"]),
                    "expires_in": st.one_of(st.none(), st.integers(1, 900)),
                }
            ),
            max_size=COHORTS,
        ),
        # per quiz: the start offsets (minutes ago) of submitted attempts, and
        # whether one more attempt is open
        "attempts": st.lists(
            st.tuples(st.lists(st.integers(0, 10_000), max_size=3, unique=True), st.booleans()),
            min_size=QUIZZES,
            max_size=QUIZZES,
        ),
        "consents": st.integers(0, 2),
        "messages_to_other": st.integers(0, 2),
        "messages_to_twin": st.integers(0, 1),
        "blocks_other": st.booleans(),
        "blocks_twin": st.booleans(),
        "has_account": st.booleans(),
    }
)


class World:
    """Courses, cohorts, days and quizzes built once; people are built per example."""

    def __init__(self):
        courses = [make_course(modules=MODULES), make_course(modules=MODULES)]
        self.cohorts = [
            CohortFactory(course=courses[0]),
            CohortFactory(course=courses[0]),
            CohortFactory(course=courses[1]),
        ]
        self.modules = {course.pk: list(course.get_children().specific()) for course in courses}
        self.days = {cohort.pk: cohort_days(cohort, DAYS) for cohort in self.cohorts}
        self.quizzes = [make_quiz([make_question()]) for _ in range(QUIZZES)]
        self.other = ParticipantFactory()

    def certificate(self, enrolment, status, expires_in):
        issued = enrolment.enrolled_at + datetime.timedelta(hours=1)
        certificate = Certificate.objects.create(
            enrolment=enrolment,
            participant=enrolment.participant,
            course_id=enrolment.cohort.course_id,
            serial=f"FA-{secrets.token_hex(6)}",
            code=secrets.token_urlsafe(24),
            status=status,
            issued_at=issued,
            expires_at=NOW + datetime.timedelta(days=expires_in) if expires_in else None,
            revoked_at=NOW if status == CertificateStatus.REVOKED else None,
            holder_name=enrolment.participant.full_name,
            course_title="Course",
        )
        CertificateEvent.objects.create(
            certificate=certificate, action=CertificateEvent.Action.ISSUED, created_at=issued
        )

    def person(self, plan, *, imported):
        factory = ImportedParticipantFactory if imported or not plan["has_account"] else None
        person = factory() if factory else ParticipantFactory()
        for _ in range(plan["consents"]):
            services.consent_record(participant=person)
        for index, spec in plan["enrolments"].items():
            cohort = self.cohorts[index]
            enrolment = Enrolment.objects.create(
                participant=person,
                cohort=cohort,
                status=spec["status"],
                enrolled_at=NOW - datetime.timedelta(days=spec["days_ago"]),
                completed_at=NOW if spec["completed"] else None,
            )
            for m in spec["progress"]:
                ModuleProgress.objects.create(
                    enrolment=enrolment,
                    module=self.modules[cohort.course_id][m],
                    completed_at=NOW - datetime.timedelta(days=spec["days_ago"], minutes=m),
                )
            for d, present in spec["attendance"].items():
                Attendance.objects.create(
                    enrolment=enrolment, day=self.days[cohort.pk][d], present=present
                )
            status = spec["certificate"]
            if (
                status == "valid"
                and not Certificate.objects.filter(
                    participant=person, course_id=cohort.course_id, status=CertificateStatus.VALID
                ).exists()
            ):
                self.certificate(enrolment, CertificateStatus.VALID, spec["expires_in"])
            elif status == "revoked":
                self.certificate(enrolment, CertificateStatus.REVOKED, spec["expires_in"])
        for quiz, (offsets, open_one) in zip(self.quizzes, plan["attempts"], strict=True):
            number = 0
            for number, minutes in enumerate(sorted(offsets, reverse=True), start=1):
                started = NOW - datetime.timedelta(minutes=minutes)
                Attempt.objects.create(
                    quiz=quiz,
                    participant=person,
                    number=number,
                    status=AttemptStatus.SUBMITTED,
                    started_at=started,
                    submitted_at=started + datetime.timedelta(minutes=5),
                    score=Decimal(minutes % 2),
                    max_score=Decimal("1"),
                    percent=Decimal(100 * (minutes % 2)),
                    passed=bool(minutes % 2),
                )
            if open_one:
                Attempt.objects.create(
                    quiz=quiz,
                    participant=person,
                    number=number + 1,
                    started_at=NOW + datetime.timedelta(minutes=1),
                    max_score=Decimal("1"),
                )
        for _ in range(plan["messages_to_other"]):
            Message.objects.create(sender=person, recipient=self.other, body="Hello")
        if plan["blocks_other"]:
            ContactBlock.objects.create(blocker=person, blocked=self.other)
        return person


def snapshot(keep, duplicate):
    people = [keep.pk, duplicate.pk]
    enrolments = Enrolment.objects.filter(participant__in=people)
    return {
        "cohorts": set(enrolments.values_list("cohort_id", flat=True)),
        "enrolled_at": {
            cohort: min(e.enrolled_at for e in enrolments if e.cohort_id == cohort)
            for cohort in set(enrolments.values_list("cohort_id", flat=True))
        },
        "progress": {
            (p.enrolment.cohort_id, p.module_id)
            for p in ModuleProgress.objects.filter(enrolment__in=enrolments).select_related(
                "enrolment"
            )
        },
        "present": {
            (a.enrolment.cohort_id, a.day_id)
            for a in Attendance.objects.filter(
                enrolment__in=enrolments, present=True
            ).select_related("enrolment")
        },
        "attendance_days": {
            (a.enrolment.cohort_id, a.day_id)
            for a in Attendance.objects.filter(enrolment__in=enrolments).select_related("enrolment")
        },
        "attempts": {
            a.pk: (a.quiz_id, a.started_at, a.score, a.percent, a.passed)
            for a in Attempt.objects.filter(participant__in=people)
        },
        "certificates": {
            c.pk: set(c.events.values_list("pk", flat=True))
            for c in Certificate.objects.filter(participant__in=people)
        },
        "consents": Participant.objects.get(pk=keep.pk).consents.count()
        + Participant.objects.get(pk=duplicate.pk).consents.count(),
        "messages_out": Message.objects.filter(sender__in=people)
        .exclude(recipient__in=people)
        .count(),
    }


def test_merge_of_random_pairs_loses_nothing(secretariat):
    world = World()

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(keep_plan=side, duplicate_plan=side)
    def check(keep_plan, duplicate_plan):
        with transaction.atomic():
            keep = world.person(keep_plan, imported=False)
            duplicate = world.person(duplicate_plan, imported=True)
            for _ in range(keep_plan["messages_to_twin"]):
                Message.objects.create(sender=keep, recipient=duplicate, body="Me")
            if duplicate_plan["blocks_twin"]:
                ContactBlock.objects.create(blocker=duplicate, blocked=keep)
            participation_facts_refresh(participant_ids=[keep.pk, duplicate.pk])
            before = snapshot(keep, duplicate)

            services.participant_merge(
                keep=keep, duplicate=duplicate, acting_user=secretariat, reason="Same person"
            )

            assert not Participant.objects.filter(pk=duplicate.pk).exists()
            after = snapshot(keep, keep)
            enrolments = Enrolment.objects.filter(participant=keep)
            assert after["cohorts"] == before["cohorts"]
            assert enrolments.count() == len(before["cohorts"])
            assert after["enrolled_at"] == before["enrolled_at"]
            assert after["progress"] == before["progress"]
            assert after["present"] == before["present"]
            assert after["attendance_days"] == before["attendance_days"]
            # Every attempt is kept with its grade; numbered 1..n per quiz by start.
            assert set(after["attempts"]) == set(before["attempts"])
            for pk, (quiz, started, score, percent, passed) in before["attempts"].items():
                if score is not None:
                    assert after["attempts"][pk] == (quiz, started, score, percent, passed)
            for quiz in world.quizzes:
                attempts = list(
                    Attempt.objects.filter(quiz=quiz, participant=keep).order_by("number")
                )
                assert [a.number for a in attempts] == list(range(1, len(attempts) + 1))
                assert [a.started_at for a in attempts] == sorted(a.started_at for a in attempts)
                assert sum(a.status == AttemptStatus.IN_PROGRESS for a in attempts) <= 1
            # Every certificate is kept with its own events (plus a superseded one).
            assert set(after["certificates"]) == set(before["certificates"])
            for pk, events in before["certificates"].items():
                assert events <= after["certificates"][pk]
                new = CertificateEvent.objects.filter(certificate_id=pk).exclude(pk__in=events)
                assert set(new.values_list("action", flat=True)) <= {
                    CertificateEvent.Action.SUPERSEDED
                }
            for certificate in Certificate.objects.filter(participant=keep):
                assert certificate.enrolment.participant_id == keep.pk
                if certificate.status == CertificateStatus.SUPERSEDED:
                    assert certificate.superseded_by.status == CertificateStatus.VALID
            assert keep.consents.count() == before["consents"]
            assert after["messages_out"] == before["messages_out"]
            assert not Message.objects.filter(sender=keep, recipient=keep).exists()
            assert keep.history.filter(action=HistoryAction.MERGED).count() == 1
            connection.check_constraints()
            for row in list(enrolments) + list(Attempt.objects.filter(participant=keep)):
                row.full_clean(validate_unique=True, validate_constraints=True)
            facts = set(ParticipationFact.objects.values_list())
            participation_facts_rebuild()
            assert set(ParticipationFact.objects.values_list()) == facts
            transaction.set_rollback(True)

    check()
