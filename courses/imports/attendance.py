"""The ``attended`` column and what it completes: checks, counts and consequences.

Functions over an ``ImportPlan`` (``planning``), called by ``import_plan``.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.registry.imports import row_error

from ..hooks import CompletionCandidate, completion_consequences
from ..models import CohortMode, EnrolmentStatus
from ..selectors import AttendanceSummary, attendance_import_state, enrolment_requirements_met

if TYPE_CHECKING:
    from .planning import ImportPlan, PlannedRow

# --- Attendance (the ``attended`` column) ------------------------------------------

ATTENDED_SEPARATORS = re.compile(r"[,;\s]+")


def _attended_entries(cell: Any) -> list[Any]:
    """The entries of an ``attended`` cell: dates, day numbers, or text to check."""
    if isinstance(cell, (datetime.date, int)):  # an .xlsx date or number cell
        return [cell]
    entries = [part for part in ATTENDED_SEPARATORS.split(str(cell)) if part]
    return [] if [e.casefold() for e in entries] == ["none"] else entries


def _attended_date(entry: Any, sheet: list[datetime.date]) -> datetime.date:
    """One entry as a date: a date as it is, day N as the N-th day of the sheet.

    Raises:
        ValidationError: neither a date nor the number of a day on the sheet.
    """
    if isinstance(entry, datetime.datetime):
        return entry.date()
    if isinstance(entry, datetime.date):
        return entry
    text = str(entry).strip()
    if text.isdigit():
        number = int(text)
        if not 1 <= number <= len(sheet):
            raise ValidationError(
                ngettext(
                    "there is no day %(number)d: the cohort has %(count)d day on its "
                    "attendance sheet.",
                    "there is no day %(number)d: the cohort has %(count)d days on its "
                    "attendance sheet.",
                    len(sheet),
                )
                % {"number": number, "count": len(sheet)}
            )
        return sheet[number - 1]
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is neither a date (YYYY-MM-DD) nor a day number.") % {"value": text}
        ) from None


def attendance_check(plan: ImportPlan) -> None:
    """Read every ``attended`` cell into dates of its row's cohort; problems go to the plan.

    A date must fall within the cohort's dates; one not yet on its attendance
    sheet is added to it (``plan.new_days``). Day numbers count the days
    already on the sheet, in date order.
    """
    rows = [r for r in plan.rows if r.attended_cell not in (None, "")]
    if not rows:
        return
    # Every cohort of the file: the enrolment plan counts their places from this state.
    cohorts = {r.cohort.pk: r.cohort for r in plan.rows if r.cohort is not None}
    state = attendance_import_state(
        cohorts=list(cohorts.values()),
        participant_ids=[r.participant.pk for r in plan.rows if r.participant is not None],
    )
    plan.attendance_state = state
    for planned in rows:
        problems: list[str] = []
        cohort = planned.cohort
        if cohort is None:
            problems.append(
                _("give the cohort (a cohort column, or one cohort for the whole file).")
            )
        elif not cohort.records_attendance:
            problems.append(
                _("cohort “%(slug)s” has no attendance: only in-person and blended ones do.")
                % {"slug": cohort.slug}
            )
        else:
            sheet = [day.date for day in state.days.get(cohort.pk, [])]
            dates: set[datetime.date] = set()
            for entry in _attended_entries(planned.attended_cell):
                try:
                    date = _attended_date(entry, sheet)
                except ValidationError as error:
                    problems.append(error.messages[0])
                    continue
                if (cohort.start_date and date < cohort.start_date) or (
                    cohort.end_date and date > cohort.end_date
                ):
                    problems.append(
                        _("%(date)s is not a day of cohort “%(slug)s” (%(start)s to %(end)s).")
                        % {
                            "date": date.isoformat(),
                            "slug": cohort.slug,
                            "start": cohort.start_date or "…",
                            "end": cohort.end_date or "…",
                        }
                    )
                    continue
                dates.add(date)
            if not problems:
                planned.attended = sorted(dates)
                new = dates - set(sheet)
                if new:
                    plan.new_days.setdefault(cohort, set()).update(new)
        plan.errors.extend(row_error(planned.row, "attended", p) for p in problems)


def attendance_plan(plan: ImportPlan) -> None:
    """Check the enrolments that attendance is recorded on, and count what changes.

    A participant not yet in the cohort is enrolled by the same row; one on
    its waiting list, withdrawn from it, or who would join the waiting list
    (the cohort is full) is an error: attendance counts only for a place.
    """
    state = plan.attendance_state
    if state is None:
        return
    for planned in plan.rows:
        if planned.attended is None:
            continue
        cohort = planned.cohort
        if planned.waitlisted:
            plan.errors.append(
                row_error(
                    planned.row,
                    "attended",
                    _(
                        "cohort “%(slug)s” is full, so %(email)s would join its waiting "
                        "list; attendance counts only for a place. Raise its capacity first."
                    )
                    % {"slug": cohort.slug, "email": planned.email_address},
                )
            )
            continue
        enrolment = None
        if not planned.enrol:
            enrolment = state.enrolments.get((planned.participant.pk, cohort.pk))
        if enrolment is not None and enrolment.status != EnrolmentStatus.ACTIVE:
            plan.errors.append(
                row_error(
                    planned.row,
                    "attended",
                    _(
                        "%(email)s is not active in cohort “%(slug)s” (%(status)s); "
                        "attendance counts only for a place."
                    )
                    % {
                        "email": planned.email_address,
                        "slug": cohort.slug,
                        "status": enrolment.get_status_display().lower(),
                    },
                )
            )
            continue
        days = {day.date: day for day in state.days.get(cohort.pk, [])}
        wanted = set(planned.attended)
        changes = 0
        for date in set(days) | plan.new_days.get(cohort, set()):
            day = days.get(date)
            recorded = None
            if enrolment is not None and day is not None:
                recorded = state.recorded.get((enrolment.pk, day.pk))
            if recorded is None or recorded != (date in wanted):
                changes += 1
        planned.attendance_changes = changes


# --- Completion, certificates and e-mails -------------------------------------------


def completion_plan(plan: ImportPlan) -> None:
    """Which enrolments the recorded attendance completes, and what that brings.

    The completion rule is ``courses.selectors.enrolment_requirements_met``,
    judged on the attendance the import leaves (the sheet's days plus the new
    ones). An enrolment the import creates has done no modules, so in a
    blended cohort it completes only if the course asks for none (asked of
    the rule with an unsaved enrolment would need its modules; it has none).
    Certificates and e-mails are asked of the apps above courses through the
    completion-preview hook.
    """
    state = plan.attendance_state
    candidates = []
    by_row: dict[int, PlannedRow] = {}
    for planned in plan.rows:
        if not planned.attendance_changes or planned.attended is None:
            continue
        cohort = planned.cohort
        days = len(
            {day.date for day in state.days.get(cohort.pk, [])} | plan.new_days.get(cohort, set())
        )
        attendance = AttendanceSummary(
            days=days, present=len(planned.attended), threshold=cohort.attendance_threshold
        )
        enrolment = None
        if not planned.enrol:
            enrolment = state.enrolments.get((planned.participant.pk, cohort.pk))
            if enrolment.completed_at is not None:
                continue  # earned before; completion is never taken away nor earned twice
        if enrolment is not None:
            enrolment.cohort = cohort
            completes = enrolment_requirements_met(enrolment=enrolment, attendance=attendance)
        elif cohort.mode == CohortMode.IN_PERSON:
            completes = attendance.met
        else:
            completes = False
        if not completes:
            continue
        planned.completes = True
        by_row[planned.row] = planned
        candidates.append(
            CompletionCandidate(
                key=planned.row,
                course_id=cohort.course_id,
                participant_id=planned.participant.pk if planned.participant else None,
                enrolment_id=enrolment.pk if enrolment is not None else None,
            )
        )
    consequences = completion_consequences(candidates=candidates, send_email=plan.send_email)
    for row, found in consequences.items():
        planned = by_row[row]
        planned.certificate = any(c.certificate for c in found)
        planned.email = any(c.email for c in found)
        planned.revoked = any(c.revoked for c in found)
