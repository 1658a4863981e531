"""Writing a checked participant import, all or nothing, through the services.

People through ``portal.registry.services.participants_import`` (validation
and history), enrolments through ``courses.services.enrolments_import`` (the
rule for places and the waiting list), attendance through
``enrolment_attendance_set`` (which completes enrolments; certificates follow
on commit, e-mailed or not as the plan says).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.signals import changes_batched
from portal.registry.imports import PeoplePlan, ProgressCallback, row_error
from portal.registry.services import participants_import

from ..selectors import participant_cohort_enrolments
from ..services import cohort_day_create, enrolment_attendance_set, enrolments_import
from .planning import ImportPlan


@transaction.atomic
def import_apply(
    plan: ImportPlan,
    *,
    acting_user,
    source_name: str,
    progress: ProgressCallback | None = None,
) -> dict:
    """Write a checked plan: people, enrolments, attendance, with their history.

    All or nothing: any error raised here rolls the whole import back.

    Args:
        plan: from ``import_plan``, without errors.
        acting_user: who imports (None for the command).
        source_name: the file's name, for the history's reason.
        progress: called as ``progress(done, total)``.

    Returns:
        ``plan.summary()``: what was done.

    Raises:
        ValueError: the plan has errors.
        ValidationError: found only while writing (e.g. a cohort filled up
            since the check), as ``row N: column: message``; rolled back.
    """
    if plan.errors:
        raise ValueError("A plan with errors cannot be applied.")
    summary = plan.summary()
    total = len(plan.rows)
    actor = acting_user if getattr(acting_user, "pk", None) else None
    reason = _("Imported from %(name)s") % {"name": source_name}
    # Report facts and the like are refreshed once for the whole file, not per row.
    with changes_batched():
        _import_write(plan, actor=actor, reason=reason, total=total, progress=progress)
    return summary


def _import_write(plan: ImportPlan, *, actor, reason: str, total: int, progress) -> None:
    people = participants_import(
        plan=PeoplePlan(people=[r.person for r in plan.rows]),
        acting_user=actor,
        reason=reason,
    )
    if progress:
        progress(total // 2, total)
    enrolled = enrolments_import(
        pairs=[(people[r.email_address], r.cohort) for r in plan.rows if r.enrol],
        acting_user=actor,
    )
    _attendance_apply(plan, people, enrolled, acting_user=actor)
    if progress:
        progress(total, total)


def _attendance_apply(plan: ImportPlan, people: dict, enrolled: dict, *, acting_user) -> None:
    """Add the new days to the sheets and record each row's attendance.

    Raises:
        ValidationError: as ``row N: attended: message`` (the transaction rolls back).
    """
    rows = [r for r in plan.rows if r.attendance_changes]
    if not rows:
        return
    for cohort, dates in plan.new_days.items():
        for date in sorted(dates):
            cohort_day_create(cohort=cohort, date=date)
    pairs = {(people[r.email_address].pk, r.cohort.pk) for r in rows}
    enrolments = {**participant_cohort_enrolments(pairs=pairs - set(enrolled)), **enrolled}
    for planned in rows:
        try:
            enrolment_attendance_set(
                enrolment=enrolments[(people[planned.email_address].pk, planned.cohort.pk)],
                present_dates=planned.attended,
                acting_user=acting_user,
                notify=plan.send_email,
            )
        except ValidationError as error:
            raise ValidationError(
                row_error(planned.row, "attended", " ".join(error.messages))
            ) from error
