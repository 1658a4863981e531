"""Merging two participants loses nothing (issue 13, item 2).

The scenario of the issue first, then both sides holding every kind of row,
then the guard that every model pointing at a participant or an enrolment has
a merge step.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from assessments.models import Attempt, AttemptStatus
from certificates.models import Certificate, CertificateEvent, CertificateStatus
from certificates.services import certificate_issue
from courses.models import Attendance, Enrolment, EnrolmentStatus, ModuleProgress
from portal.network.models import ContactBlock, DirectoryProfile, Message
from portal.registry import services
from portal.registry.models import HistoryAction, Participant
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.factories import cohort_days, completed_enrolment
from tests.courses.factories import CohortFactory, EnrolmentFactory, make_course
from tests.registry.factories import ImportedParticipantFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def submitted_attempt(*, quiz, participant, number, score, started_at, enrolment=None):
    """A graded attempt as the submit service leaves it (out of 4 points, pass at 70 %)."""
    percent = (Decimal(score) / Decimal("4") * 100).quantize(Decimal("0.01"))
    return Attempt.objects.create(
        quiz=quiz,
        participant=participant,
        enrolment=enrolment,
        number=number,
        status=AttemptStatus.SUBMITTED,
        started_at=started_at,
        submitted_at=started_at + datetime.timedelta(minutes=10),
        score=Decimal(score),
        max_score=Decimal("4"),
        percent=percent,
        passed=percent >= 70,
    )


def merge(keep, duplicate, user, reason="Same person"):
    return services.participant_merge(
        keep=keep, duplicate=duplicate, acting_user=user, reason=reason
    )


# --- The issue's scenario ------------------------------------------------------------


def test_merge_keeps_both_first_attempts_renumbered_with_grades(secretariat):
    quiz = make_quiz([make_question()])
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    now = timezone.now()
    failing = submitted_attempt(quiz=quiz, participant=keep, number=1, score="1.00", started_at=now)
    passing = submitted_attempt(
        quiz=quiz,
        participant=duplicate,
        number=1,
        score="3.00",
        started_at=now - datetime.timedelta(days=2),
    )

    result = merge(keep, duplicate, secretariat)

    attempts = list(Attempt.objects.filter(quiz=quiz).order_by("number"))
    assert [a.pk for a in attempts] == [passing.pk, failing.pk]  # in order of start
    assert [a.number for a in attempts] == [1, 2]
    assert {a.participant_id for a in attempts} == {keep.pk}
    assert [a.score for a in attempts] == [Decimal("3.00"), Decimal("1.00")]
    assert [a.passed for a in attempts] == [True, False]
    assert result.moved_count(Attempt) == 1
    entry = keep.history.get(action=HistoryAction.MERGED)
    assert entry.changes["moved"][str(Attempt._meta.verbose_name_plural)] == 1


def test_merge_supersedes_one_of_two_valid_certificates_with_its_own_event(secretariat):
    course = make_course(modules=1)
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    first = certificate_issue(
        enrolment=completed_enrolment(participant=keep, cohort=CohortFactory(course=course)),
        notify=False,
    )
    second = certificate_issue(
        enrolment=completed_enrolment(participant=duplicate, cohort=CohortFactory(course=course)),
        notify=False,
    )
    events_before = {c.pk: list(c.events.values_list("pk", flat=True)) for c in (first, second)}

    result = merge(keep, duplicate, secretariat, reason="Two addresses")

    first.refresh_from_db()
    second.refresh_from_db()
    # Both never expire: the earlier issued stays valid.
    assert first.status == CertificateStatus.VALID
    assert second.status == CertificateStatus.SUPERSEDED
    assert second.superseded_by_id == first.pk
    assert {first.participant_id, second.participant_id} == {keep.pk}
    # Each certificate keeps its own events; the superseded one gains its own.
    assert list(first.events.values_list("pk", flat=True)) == events_before[first.pk]
    actions = list(second.events.values_list("action", flat=True))
    assert actions == [CertificateEvent.Action.ISSUED, CertificateEvent.Action.SUPERSEDED]
    event = second.events.get(action=CertificateEvent.Action.SUPERSEDED)
    assert event.acting_user == secretariat and "Two addresses" in event.reason
    assert result.moved_count(Certificate) == 1
    assert any(second.serial in note for note in result.notes)


def test_merge_keeps_the_later_expiring_certificate_valid(secretariat):
    course = make_course(modules=1)
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    now = timezone.now()
    first = certificate_issue(
        enrolment=completed_enrolment(participant=keep, cohort=CohortFactory(course=course)),
        expires_at=now + datetime.timedelta(days=30),
        notify=False,
    )
    second = certificate_issue(
        enrolment=completed_enrolment(participant=duplicate, cohort=CohortFactory(course=course)),
        expires_at=now + datetime.timedelta(days=400),
        notify=False,
    )
    merge(keep, duplicate, secretariat)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (CertificateStatus.SUPERSEDED, CertificateStatus.VALID)
    assert first.superseded_by_id == second.pk
    assert first.events.filter(action=CertificateEvent.Action.SUPERSEDED).count() == 1


# --- Both sides hold everything ----------------------------------------------------


def test_merge_combines_enrolments_in_one_cohort(secretariat):
    course = make_course(modules=3)
    modules = list(course.get_children().specific())
    cohort = CohortFactory(course=course)
    days = cohort_days(cohort, 3)
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    now = timezone.now()
    mine = EnrolmentFactory(
        participant=keep, cohort=cohort, enrolled_at=now, status=EnrolmentStatus.WAITLISTED
    )
    theirs = EnrolmentFactory(
        participant=duplicate,
        cohort=cohort,
        enrolled_at=now - datetime.timedelta(days=5),
        status=EnrolmentStatus.ACTIVE,
    )
    ModuleProgress.objects.create(
        enrolment=mine, module=modules[0], completed_at=now - datetime.timedelta(days=1)
    )
    ModuleProgress.objects.create(
        enrolment=theirs, module=modules[0], completed_at=now - datetime.timedelta(days=3)
    )
    ModuleProgress.objects.create(enrolment=theirs, module=modules[1], completed_at=now)
    Attendance.objects.create(enrolment=mine, day=days[0], present=True)
    Attendance.objects.create(enrolment=theirs, day=days[0], present=False)
    Attendance.objects.create(enrolment=theirs, day=days[1], present=True)
    Attendance.objects.create(enrolment=mine, day=days[2], present=False)
    quiz = make_quiz([make_question()])
    attempt = submitted_attempt(
        quiz=quiz, participant=duplicate, number=1, score="2", started_at=now, enrolment=theirs
    )

    result = merge(keep, duplicate, secretariat)

    (enrolment,) = Enrolment.objects.filter(cohort=cohort)
    assert enrolment.participant_id == keep.pk
    assert enrolment.enrolled_at == theirs.enrolled_at
    assert enrolment.status == EnrolmentStatus.ACTIVE
    progress = {p.module_id: p.completed_at for p in enrolment.module_progress.all()}
    assert progress == {
        modules[0].pk: now - datetime.timedelta(days=3),
        modules[1].pk: now,
    }
    present = {a.day_id: a.present for a in enrolment.attendance.all()}
    assert present == {days[0].pk: True, days[1].pk: True, days[2].pk: False}
    attempt.refresh_from_db()
    assert attempt.enrolment_id == enrolment.pk and attempt.participant_id == keep.pk
    assert result.notes  # says that two enrolments were combined
    connection.check_constraints()


def test_merge_moves_messages_blocks_consents_and_directory(secretariat):
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    other = ParticipantFactory()
    third = ParticipantFactory()
    services.consent_record(participant=duplicate)
    Message.objects.create(sender=duplicate, recipient=other, body="Hello")
    Message.objects.create(sender=other, recipient=duplicate, body="Hi back")
    Message.objects.create(sender=keep, recipient=duplicate, body="To my other self")
    ContactBlock.objects.create(blocker=duplicate, blocked=third)
    ContactBlock.objects.create(blocker=keep, blocked=third)
    ContactBlock.objects.create(blocker=other, blocked=duplicate)
    ContactBlock.objects.create(blocker=duplicate, blocked=keep)
    DirectoryProfile.objects.create(
        participant=duplicate, messaging_suspended_at=timezone.now(), messaging_suspended_reason="x"
    )

    result = merge(keep, duplicate, secretariat)

    assert Message.objects.filter(sender=keep, recipient=other).count() == 1
    assert Message.objects.filter(sender=other, recipient=keep).count() == 1
    assert ContactBlock.objects.filter(blocker=keep, blocked=third).count() == 1
    assert ContactBlock.objects.filter(blocker=other, blocked=keep).exists()
    assert not ContactBlock.objects.filter(blocker=keep, blocked=keep).exists()
    # A suspension for abuse is not lifted by merging.
    assert DirectoryProfile.objects.get(participant=keep).messaging_suspended_at is not None
    assert keep.consents.count() == 1
    assert result.moved_count(Message) == 2
    # The duplicate's block of a member keep already blocks, and its block of
    # keep itself, are dropped; the block someone else made of it moves.
    assert result.moved_count(ContactBlock) == 1
    assert ContactBlock.objects.count() == 2
    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    connection.check_constraints()


def test_merge_closes_one_of_two_open_attempts(secretariat):
    quiz = make_quiz([make_question()])
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    now = timezone.now()
    older = Attempt.objects.create(
        quiz=quiz,
        participant=duplicate,
        number=1,
        started_at=now - datetime.timedelta(hours=1),
        max_score=1,
    )
    newer = Attempt.objects.create(
        quiz=quiz, participant=keep, number=1, started_at=now, max_score=1
    )
    result = merge(keep, duplicate, secretariat)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.number, newer.number) == (1, 2)
    assert older.status == AttemptStatus.SUBMITTED and newer.status == AttemptStatus.IN_PROGRESS
    assert any("open" in note for note in result.notes)


# --- Every relation has a step; a missing step refuses rather than loses ------------


def test_every_relation_to_a_participant_or_an_enrolment_has_a_merge_step(secretariat):
    result = merge(ParticipantFactory(), ImportedParticipantFactory(), secretariat)
    relations = {
        f"{rel.related_model._meta.label}.{rel.field.name}"
        for model in (Participant, Enrolment)
        for rel in model._meta.related_objects
    }
    assert relations - result.handled == set(), "add a merge step for these relations"


def test_a_relation_without_a_step_refuses_the_merge(secretariat):
    from portal.network import receivers
    from portal.registry.signals import participant_merging

    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    message = Message.objects.create(sender=duplicate, recipient=ParticipantFactory(), body="Hi")
    assert participant_merging.disconnect(dispatch_uid="network_participant_merging")
    try:
        with pytest.raises(ValidationError, match="could not be moved"):
            merge(keep, duplicate, secretariat)
    finally:
        participant_merging.connect(
            receivers.participant_merging, dispatch_uid="network_participant_merging"
        )
    message.refresh_from_db()
    assert message.sender_id == duplicate.pk
    assert Participant.objects.filter(pk=duplicate.pk).exists()


def test_an_enrolment_row_without_a_step_refuses_the_merge(secretariat):
    from assessments import receivers
    from courses.signals import enrolments_combining

    cohort = CohortFactory(course=make_course(modules=1))
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    EnrolmentFactory(participant=keep, cohort=cohort)
    theirs = EnrolmentFactory(
        participant=duplicate,
        cohort=cohort,
        enrolled_at=timezone.now() + datetime.timedelta(days=1),
    )
    attempt = submitted_attempt(
        quiz=make_quiz([make_question()]),
        participant=duplicate,
        number=1,
        score="1",
        started_at=timezone.now(),
        enrolment=theirs,
    )
    assert enrolments_combining.disconnect(dispatch_uid="assessments_enrolments_combining")
    try:
        with pytest.raises(ValidationError, match="could not be moved"):
            merge(keep, duplicate, secretariat)
    finally:
        enrolments_combining.connect(
            receivers.enrolments_combining, dispatch_uid="assessments_enrolments_combining"
        )
    attempt.refresh_from_db()  # not cascaded away with the folded enrolment
    assert attempt.enrolment_id == theirs.pk
