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

from django.utils.translation import gettext as _

from portal.registry import validation
from portal.registry.imports import PersonPlan, ProgressCallback, Table, people_plan, row_error

from ..models import Cohort
from ..selectors import attendance_import_state
from .attendance import attendance_check, attendance_plan, completion_plan

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
    attendance_check(plan)
    if plan.errors:
        return plan
    _enrolment_plan(plan, cohorts=list(cohorts.values()))
    attendance_plan(plan)
    if not plan.errors:
        completion_plan(plan)
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
