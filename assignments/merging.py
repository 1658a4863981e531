"""Writes of a participant merge for assignments: every submission is kept.

Connected in ``assignments.receivers`` to the registry's
:data:`~portal.registry.signals.participant_merging` and to courses'
:data:`~courses.signals.enrolments_combining`. Submissions carry no
uniqueness per learner (the newest counts), so both people's work moves as it
is; where both handed in for one assignment, the newest is the one that
counts, as for one person who handed in twice, and a note says so.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from courses.models import Enrolment
from portal.registry.models import Participant
from portal.registry.services import MergeResult

from .models import CalendarToken, Submission


def submissions_enrolment_move(*, keep: Enrolment, merged: Enrolment) -> int:
    """Point the submissions handed in within ``merged`` at ``keep``; returns how many."""
    return Submission.objects.filter(enrolment=merged).update(enrolment=keep)


def participant_submissions_move(
    *, keep: Participant, duplicate: Participant, result: MergeResult
) -> None:
    """Move every submission of ``duplicate`` to ``keep``; their calendar token goes."""
    result.handles(Submission, "participant", "enrolment")
    result.handles(CalendarToken, "participant")
    both = set(
        Submission.objects.filter(participant=keep).values_list("assignment_id", flat=True)
    ) & set(
        Submission.objects.filter(participant=duplicate).values_list("assignment_id", flat=True)
    )
    moved = Submission.objects.filter(participant=duplicate).update(participant=keep)
    CalendarToken.objects.filter(participant=duplicate).delete()
    if both:
        result.note(
            _(
                "Both had handed in work for %(count)d assignments; the newest hand-in of "
                "each counts."
            )
            % {"count": len(both)}
        )
    result.moved_add(Submission, moved)
