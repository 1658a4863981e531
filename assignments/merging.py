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

from .models import CalendarToken, CohortGroupMember, MemberGrade, Submission


def submissions_enrolment_move(*, keep: Enrolment, merged: Enrolment) -> int:
    """Point the submissions handed in within ``merged`` at ``keep``; returns how many.

    Group membership follows unless ``keep`` is in a group already (then
    ``merged``'s goes); a member's own grade follows unless ``keep`` has one
    for the same grade (then the one of ``keep`` stays).
    """
    moved = Submission.objects.filter(enrolment=merged).update(enrolment=keep)
    if CohortGroupMember.objects.filter(enrolment=keep).exists():
        CohortGroupMember.objects.filter(enrolment=merged).delete()
    else:
        CohortGroupMember.objects.filter(enrolment=merged).update(enrolment=keep)
    held = set(MemberGrade.objects.filter(enrolment=keep).values_list("grade_id", flat=True))
    MemberGrade.objects.filter(enrolment=merged, grade_id__in=held).delete()
    MemberGrade.objects.filter(enrolment=merged).update(enrolment=keep)
    return moved


def participant_submissions_move(
    *, keep: Participant, duplicate: Participant, result: MergeResult
) -> None:
    """Move every submission of ``duplicate`` to ``keep``; their calendar token goes."""
    result.handles(Submission, "participant", "enrolment")
    # Memberships and members' own grades follow their enrolment: moved with it, or
    # folded in ``submissions_enrolment_move`` when two enrolments in a cohort combine.
    result.handles(CohortGroupMember, "enrolment")
    result.handles(MemberGrade, "enrolment")
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
