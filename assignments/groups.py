"""Groups of a cohort for group work: made and filled by the cohort's staff.

A learner is in at most one group of a cohort (the membership hangs on their
enrolment). A group that has handed work in cannot be deleted; moving a
member leaves the work where it was handed in.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.models import Cohort, Enrolment

from .models import CohortGroup, CohortGroupMember, Submission


def cohort_group_create(*, cohort: Cohort, name: str) -> CohortGroup:
    """A new, empty group of ``cohort``.

    Raises:
        ValidationError: no name, or the cohort already has a group of that name.
    """
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the group a name."))
    if CohortGroup.objects.filter(cohort=cohort, name=name).exists():
        raise ValidationError(
            _("This cohort already has a group called %(name)s.") % {"name": name}
        )
    group = CohortGroup(cohort=cohort, name=name[:200])
    group.full_clean()
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError:
        raise ValidationError(
            _("This cohort already has a group called %(name)s.") % {"name": name}
        ) from None
    return group


def cohort_group_delete(*, group: CohortGroup) -> None:
    """Delete a group that has handed nothing in.

    Raises:
        ValidationError: the group has handed work in (its grades hang on it).
    """
    if Submission.objects.filter(group=group).exists():
        raise ValidationError(
            _("%(name)s has handed work in, so it stays; move its members instead.")
            % {"name": group.name}
        )
    group.delete()


@transaction.atomic
def cohort_groups_assign(*, cohort: Cohort, assignments: dict[int, int | None]) -> int:
    """Put learners of ``cohort`` in groups: enrolment pk → group pk (None: in no group).

    All or nothing. Returns how many learners changed group.

    Raises:
        ValidationError: an enrolment or a group not of this cohort.
    """
    enrolment_ids = set(
        Enrolment.objects.filter(cohort=cohort, pk__in=list(assignments)).values_list(
            "pk", flat=True
        )
    )
    group_ids = set(CohortGroup.objects.filter(cohort=cohort).values_list("pk", flat=True))
    if (
        enrolment_ids != set(assignments)
        or not {g for g in assignments.values() if g is not None} <= group_ids
    ):
        raise ValidationError(_("Choose learners and groups of this cohort only."))
    current = dict(
        CohortGroupMember.objects.filter(enrolment_id__in=enrolment_ids).values_list(
            "enrolment_id", "group_id"
        )
    )
    changed = [pk for pk, group_id in assignments.items() if current.get(pk) != group_id]
    CohortGroupMember.objects.filter(enrolment_id__in=changed).delete()
    CohortGroupMember.objects.bulk_create(
        CohortGroupMember(enrolment_id=pk, group_id=assignments[pk])
        for pk in changed
        if assignments[pk] is not None
    )
    return len(changed)
