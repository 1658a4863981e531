"""Assessments' merge step: every attempt kept, renumbered per quiz by start."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.merging import participant_attempts_move
from assessments.models import Attempt, AttemptStatus
from portal.registry.services import MergeResult
from tests.assessments.factories import make_question, make_quiz
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def attempt(quiz, participant, number, minutes_ago):
    started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return Attempt.objects.create(
        quiz=quiz,
        participant=participant,
        number=number,
        status=AttemptStatus.SUBMITTED,
        started_at=started,
        submitted_at=started,
        score=Decimal(number),
        max_score=Decimal("5"),
        percent=Decimal(20 * number),
        passed=False,
    )


def test_attempts_interleave_by_start_and_keep_their_scores():
    quiz, other_quiz = make_quiz([make_question()]), make_quiz([make_question()])
    keep, duplicate = ParticipantFactory(), ParticipantFactory()
    k1, k2 = attempt(quiz, keep, 1, 50), attempt(quiz, keep, 2, 10)
    d1, d2 = attempt(quiz, duplicate, 1, 60), attempt(quiz, duplicate, 2, 30)
    alone = attempt(other_quiz, duplicate, 1, 5)
    result = MergeResult(kept=keep)
    participant_attempts_move(keep=keep, duplicate=duplicate, result=result)
    numbers = dict(Attempt.objects.filter(quiz=quiz).values_list("pk", "number"))
    assert numbers == {d1.pk: 1, k1.pk: 2, d2.pk: 3, k2.pk: 4}
    scores = dict(Attempt.objects.values_list("pk", "score"))
    assert scores == {a.pk: a.score for a in (k1, k2, d1, d2, alone)}
    alone.refresh_from_db()
    assert (alone.participant_id, alone.number) == (keep.pk, 1)
    assert result.moved_count(Attempt) == 3
