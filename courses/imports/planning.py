"""Planning a participant import: what it would do, row by row and in total.

``import_plan`` checks the people (``portal.registry.imports.people_plan``),
the cohorts, the enrolments with the places left and the waiting lists, the
``attended`` column, and the completions that attendance brings with their
certificates and e-mails (asked of the apps above through
``courses.hooks.completion_consequences``). Nothing is written here.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.registry import validation
from portal.registry.imports import PersonPlan, ProgressCallback, Table, people_plan, row_error

from ..hooks import CompletionCandidate, completion_consequences
from ..models import Cohort, CohortMode, EnrolmentStatus
from ..selectors import AttendanceSummary, attendance_import_state, enrolment_requirements_met

COURSE_COLUMNS = ("cohort", "attended")


@dataclass
class PlannedRow:
    """One row: its person (``person``), and what happens to their enrolment.

    ``enrol``: a new enrolment in ``cohort``; ``waitlisted``: it joins the
    waiting list (the cohort is full). ``attended``: the dates of the
    ``attended`` cell once checked (None: attendance is left as it is);
    ``attendance_changes``: how many sheet cells importing changes;
    ``completes``: the attendance completes the enrolment; ``certificate``,
    ``email``, ``revoked``: what that completion would do (from the hook).
    """

    person: PersonPlan
    cohort: Cohort | None = None
    enrol: bool = False
    waitlisted: bool = False
    attended_cell: Any = None
    attended: list[datetime.date] | None = None
    attendance_changes: int = 0
    completes: bool = False
    certificate: bool = False
    email: bool = False
    revoked: bool = False

    @property
    def row(self) -> int:
        return self.person.row

    @property
    def email_address(self) -> str:
        return self.person.email

    @property
    def participant(self):
        return self.person.participant

    @property
    def action(self) -> str:
        return self.person.action


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    send_email: bool = True
    # Days the ``attended`` column adds to cohorts' attendance sheets, by cohort.
    new_days: dict[Any, set[datetime.date]] = field(default_factory=dict)
    attendance_state: Any = None

    def _count(self, test) -> int:
        return sum(1 for r in self.rows if test(r))

    @property
    def changes_anything(self) -> bool:
        summary = self.summary()
        return bool(
            summary["created"] or summary["updated"] or summary["enrolled"] or summary["attendance"]
        )

    def waitlists(self) -> list[dict[str, Any]]:
        """Per cohort with newcomers on its waiting list: slug, title, capacity, count."""
        counts: dict[int, list] = {}
        for r in self.rows:
            if r.waitlisted:
                entry = counts.setdefault(r.cohort.pk, [r.cohort, 0])
                entry[1] += 1
        return [
            {
                "cohort": cohort.slug,
                "title": cohort.title,
                "capacity": cohort.capacity,
                "count": count,
            }
            for cohort, count in counts.values()
        ]

    def summary(self) -> dict[str, Any]:
        """What the import does, in numbers (JSON: kept on the admin's job)."""
        return {
            "rows": len(self.rows),
            "created": self._count(lambda r: r.action == "create"),
            "updated": self._count(lambda r: r.action == "update"),
            "unchanged": self._count(lambda r: r.action == "unchanged"),
            "enrolled": self._count(lambda r: r.enrol),
            "waitlisted": self._count(lambda r: r.waitlisted),
            "waitlists": self.waitlists(),
            "attendance": self._count(lambda r: r.attendance_changes),
            "completed": self._count(lambda r: r.completes),
            "certificates": self._count(lambda r: r.certificate),
            "emails": self._count(lambda r: r.email),
            "revoked": self._count(lambda r: r.revoked),
            "send_email": self.send_email,
        }

    def preview(self, limit: int = 200) -> dict[str, Any]:
        """A JSON summary of what would happen, for the admin's preview page."""
        return {
            **self.summary(),
            "ignored_columns": self.ignored_columns,
            "rows_shown": [
                {
                    "row": r.row,
                    "action": r.action,
                    "email": r.email_address,
                    "name": (
                        f"{r.person.values.get('given_name', '')} "
                        f"{r.person.values.get('family_name', '')}"
                    ),
                    "changes": sorted(r.person.changes),
                    "cohort": str(r.cohort) if r.enrol else "",
                    "waitlisted": r.waitlisted,
                    "attended": (
                        [d.isoformat() for d in r.attended]
                        if r.attended is not None and r.attendance_changes
                        else None
                    ),
                    "certificate": r.certificate,
                    "email_sent": r.email,
                    "revoked": r.revoked,
                }
                for r in self.rows
                if r.action != "unchanged" or r.enrol or r.attendance_changes
            ][:limit],
            "new_days": [
                {"cohort": str(cohort), "dates": [d.isoformat() for d in sorted(dates)]}
                for cohort, dates in self.new_days.items()
                if dates
            ],
        }


def import_plan(
    table: Table,
    *,
    cohort_slug: str | None = None,
    send_email: bool = True,
    progress: ProgressCallback | None = None,
) -> ImportPlan:
    """Check every row and work out what importing ``table`` would do.

    Args:
        table: from ``table_read`` (with the course columns).
        cohort_slug: enrol every row in this cohort (a row's ``cohort`` cell wins).
        send_email: whether certificates earned by the import are e-mailed.
        progress: called as ``progress(done, total)`` while rows are checked.

    Returns:
        The plan; ``plan.errors`` lists every problem (nothing may be written then).
    """
    plan = ImportPlan(ignored_columns=table.ignored_columns, send_email=send_email)
    wanted_slugs = {validation.clean_text(r.get("cohort")) for r in table.rows} - {""}
    if cohort_slug:
        wanted_slugs.add(cohort_slug)
    cohorts = {c.slug: c for c in Cohort.objects.filter(slug__in=wanted_slugs)}
    if cohort_slug and cohort_slug not in cohorts:
        plan.errors.append(
            row_error(0, "--cohort", _("there is no cohort “%(slug)s”.") % {"slug": cohort_slug})
        )
    people = people_plan(table.rows, progress=progress)
    plan.errors.extend(people.errors)
    for record, person in zip(table.rows, people.people, strict=True):
        slug = validation.clean_text(record.get("cohort")) or cohort_slug or ""
        if slug and slug not in cohorts and slug != cohort_slug:
            plan.errors.append(
                row_error(
                    record["_row"], "cohort", _("there is no cohort “%(slug)s”.") % {"slug": slug}
                )
            )
        plan.rows.append(
            PlannedRow(
                person=person, cohort=cohorts.get(slug), attended_cell=record.get("attended")
            )
        )
    plan.errors.sort(key=_error_order)
    _attendance_check(plan)
    if plan.errors:
        return plan
    _enrolment_plan(plan, cohorts=list(cohorts.values()))
    _attendance_plan(plan)
    if not plan.errors:
        _completion_plan(plan)
    return plan


def _error_order(message: str) -> int:
    match = re.match(r"row (\d+):", message)
    return int(match.group(1)) if match else 0


def _enrolment_plan(plan: ImportPlan, *, cohorts: list[Cohort]) -> None:
    """Which rows enrol, and which of those join a waiting list (in file order)."""
    rows = [r for r in plan.rows if r.cohort is not None]
    if not rows:
        return
    if plan.attendance_state is None:
        plan.attendance_state = attendance_import_state(
            cohorts=cohorts,
            participant_ids=[r.participant.pk for r in rows if r.participant is not None],
        )
    state = plan.attendance_state
    free = dict(state.free_places)
    for planned in rows:
        if planned.participant is not None and (
            (planned.participant.pk, planned.cohort.pk) in state.enrolments
        ):
            continue
        planned.enrol = True
        places = free.get(planned.cohort.pk)
        if places is not None:
            planned.waitlisted = places <= 0
            free[planned.cohort.pk] = max(places - 1, 0)


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


def _attendance_check(plan: ImportPlan) -> None:
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


def _attendance_plan(plan: ImportPlan) -> None:
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


def _completion_plan(plan: ImportPlan) -> None:
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
