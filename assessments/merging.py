"""Writes of a participant merge for assessments: every attempt is kept.

Connected in ``assessments.receivers`` to the registry's
:data:`~portal.registry.signals.participant_merging` and to courses'
:data:`~courses.signals.enrolments_combining`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from courses.models import Enrolment
from portal.registry.models import Participant
from portal.registry.services import MergeResult

from .models import Attempt, AttemptStatus
from .services import attempt_submit


def attempts_enrolment_move(*, keep: Enrolment, merged: Enrolment) -> int:
    """Point the attempts made within ``merged`` at ``keep``; returns how many."""
    return Attempt.objects.filter(enrolment=merged).update(enrolment=keep)


def participant_attempts_move(
    *, keep: Participant, duplicate: Participant, result: MergeResult
) -> None:
    """Move every attempt of ``duplicate`` to ``keep``, renumbered per quiz, grades unchanged.

    One attempt number per learner and quiz is a database constraint, so the
    attempts of both on a quiz are numbered again 1, 2, … in the order they
    were started. At most one attempt per quiz may be open: if both have one,
    the one started later stays open and the other is submitted with the
    answers it saved, as when its time runs out.

    Args:
        keep: the participant that stays.
        duplicate: the participant being merged into ``keep``.
        result: where moved rows and notes are counted.
    """
    result.handles(Attempt, "participant", "enrolment")
    theirs = Attempt.objects.filter(participant=duplicate)
    moved = theirs.count()
    quiz_ids = sorted(set(theirs.values_list("quiz_id", flat=True)))
    for quiz_id in quiz_ids:
        both = Attempt.objects.select_for_update().filter(
            quiz_id=quiz_id, participant__in=[keep, duplicate]
        )
        attempts = list(both.order_by("started_at", "pk"))
        open_attempts = [a for a in attempts if a.status == AttemptStatus.IN_PROGRESS]
        for attempt in open_attempts[:-1]:
            attempt_submit(attempt=attempt)
            result.note(
                _(
                    "Both had an open attempt at “%(quiz)s”; the earlier one was submitted "
                    "with the answers it had saved."
                )
                % {"quiz": attempt.quiz}
            )
        # Out of the way first, so that no intermediate numbering clashes.
        top = max(a.number for a in attempts)
        for position, attempt in enumerate(attempts, start=1):
            Attempt.objects.filter(pk=attempt.pk).update(number=top + position)
        for position, attempt in enumerate(attempts, start=1):
            Attempt.objects.filter(pk=attempt.pk).update(number=position, participant=keep)
    result.moved_add(Attempt, moved)
