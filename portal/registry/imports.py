"""Reading participant lists and checking the people in them (BRIEF §4).

The registry's part of the participant import, usable without the courses app:

1. ``table_read`` turns a ``.csv`` or ``.xlsx`` file into rows of text keyed by
   column (the one reader, ``portal.core.spreadsheets``), or raises
   ``ImportFileError`` with a message about the file;
2. ``people_plan`` checks every row's person and says what would happen to
   them: created, updated (with the changes) or unchanged; every problem as
   ``row N: column: message`` (row 1 is the header line, so N is the line a
   spreadsheet shows). Each person is checked by ``participant_validate``,
   the rule every form and service uses.

``services.participants_import`` writes a people plan. Enrolment and
attendance columns are read here (``extra_columns``) but planned by the
courses app, which builds on the registry (``courses.imports``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.core.spreadsheets import SpreadsheetError, spreadsheet_read

from . import validation
from .models import Participant
from .services import participant_diff, participant_validate

REQUIRED_COLUMNS = ("email", "given_name", "family_name")
PEOPLE_COLUMNS = (
    *REQUIRED_COLUMNS,
    "native_name",
    "gender",
    "birth_year",
    "country",
    "organisation",
    "organisation_type",
    "position",
)
TEXT_COLUMNS = ("given_name", "family_name", "native_name", "organisation", "position")
PARSED_COLUMNS = {
    "gender": validation.parse_gender,
    "birth_year": validation.parse_birth_year,
    "country": validation.parse_country,
    "organisation_type": validation.parse_organisation_type,
}

ProgressCallback = Callable[[int, int], None]


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says what to fix."""


def row_error(row: int, column: str, message: str) -> str:
    """A problem as BRIEF §4 prints it: ``row N: column: message``."""
    return f"row {row}: {column}: {message}"


@dataclass
class Table:
    """A participant list: the known columns of each row (text), by column name.

    Each row is a dict with ``_row`` (its line number) and one entry per known
    column present in the file; ``ignored_columns`` are the others.
    """

    columns: list[str]
    rows: list[dict[str, Any]]
    ignored_columns: list[str] = field(default_factory=list)


def _header(value: Any) -> str:
    return validation.clean_text(value).lstrip("\ufeff").casefold().replace(" ", "_")


def table_read(
    source: str | Path | BinaryIO,
    *,
    name: str | None = None,
    sheet: str | None = None,
    extra_columns: tuple[str, ...] = (),
) -> Table:
    """Read a participant list.

    Args:
        source: a path or a binary file object.
        name: the file name (for the extension) when ``source`` is a file object.
        sheet: the sheet of a workbook to read (default: its only sheet with data).
        extra_columns: columns besides the people's that the caller reads
            (the courses app: ``cohort``, ``attended``).

    Raises:
        ImportFileError: wrong type, too big, empty, unreadable, or columns missing.
    """
    try:
        read = spreadsheet_read(source, name=name, sheet=sheet)
    except SpreadsheetError as error:
        raise ImportFileError(str(error)) from None
    known = (*PEOPLE_COLUMNS, *extra_columns)
    columns = [_header(h) for h in read.header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportFileError(
            "; ".join(row_error(1, c, _("required column is missing")) for c in missing)
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise ImportFileError(
            "; ".join(row_error(1, c, _("the column appears twice")) for c in duplicated)
        )
    wanted = [(index, name) for index, name in enumerate(columns) if name in known]
    rows = []
    for number, cells in read.rows:
        record: dict[str, Any] = {"_row": number}
        for index, column in wanted:
            record[column] = cells[index] if index < len(cells) else ""
        rows.append(record)
    ignored = [c for c in columns if c and c not in known]
    return Table(columns=columns, rows=rows, ignored_columns=ignored)


# --- Checking the people ---------------------------------------------------------


@dataclass
class PersonPlan:
    """What importing one row does to its person.

    ``values``: the row's profile values (blank cells left out, so they keep
    the registry's value); ``participant``: the existing one with this
    address, or None (created); ``changes``: ``{field: [old, new]}``.
    """

    row: int
    email: str
    values: dict[str, Any]
    participant: Participant | None = None
    changes: dict[str, list] = field(default_factory=dict)

    @property
    def action(self) -> str:
        if self.participant is None:
            return "create"
        return "update" if self.changes else "unchanged"


@dataclass
class PeoplePlan:
    """Every row's person, in file order, and every problem found."""

    people: list[PersonPlan] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for person in self.people if person.action == action)


def _parse_row(record: dict[str, Any], errors: list[str]) -> tuple[str, dict[str, Any]]:
    """The row's profile values, parsed from text; problems appended to ``errors``.

    Only what the spreadsheet form needs is done here (addresses, country names,
    gender words, blank cells); the rules on the values themselves are
    ``participant_validate``'s, applied by ``people_plan``.
    """
    number = record["_row"]
    values: dict[str, Any] = {}
    email = ""
    try:
        email = validation.parse_email(record.get("email"))
    except ValidationError as error:
        errors.append(row_error(number, "email", error.messages[0]))
    for name in TEXT_COLUMNS:
        if name not in record:
            continue
        text = validation.clean_text(record.get(name))
        if text or name in REQUIRED_COLUMNS:
            values[name] = text
    for name, parse in PARSED_COLUMNS.items():
        raw = record.get(name)
        if raw in (None, ""):
            continue  # a blank cell leaves the registry's value as it is
        try:
            values[name] = parse(raw)
        except ValidationError as error:
            errors.append(row_error(number, name, error.messages[0]))
    return email, values


def _participants_by_email(emails: list[str]) -> dict[str, Participant]:
    found: dict[str, Participant] = {}
    chunk = 500
    for start in range(0, len(emails), chunk):
        part = emails[start : start + chunk]
        # Stored addresses are lower-cased by the services, so ``in`` is exact.
        for participant in Participant.objects.filter(email__in=part):
            found[participant.email.lower()] = participant
    return found


def _validate(person: PersonPlan, errors: list[str]) -> None:
    """``participant_validate`` on the person as the import would save them."""
    if person.participant is None:
        candidate = Participant(**person.values)
    else:
        candidate = copy.copy(person.participant)  # the stored one is changed only on write
        for name, (_old, new) in person.changes.items():
            setattr(candidate, name, new)
    try:
        # Addresses were checked against the registry and the file in bulk.
        participant_validate(candidate, email_unique_checked=True)
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            errors.extend(row_error(person.row, column, message) for message in messages)


def people_plan(
    records: Iterable[dict[str, Any]], *, progress: ProgressCallback | None = None
) -> PeoplePlan:
    """Check every row's person and work out what importing would do to them.

    A person is found by e-mail address (an anonymised participant is never
    matched: their address is gone). Rows with problems stay in the plan, so
    that later checks (cohorts, attendance) still report theirs.

    Args:
        records: ``Table.rows``.
        progress: called as ``progress(done, total)`` while rows are checked.

    Returns:
        The plan; ``plan.errors`` lists every problem (nothing may be written then).
    """
    records = list(records)
    plan = PeoplePlan()
    total = len(records)
    seen: dict[str, int] = {}
    parsed = []
    for index, record in enumerate(records, start=1):
        row_errors: list[str] = []
        email, values = _parse_row(record, row_errors)
        if email:
            if email in seen:
                row_errors.append(
                    row_error(
                        record["_row"],
                        "email",
                        _("%(email)s appears twice in the file (also on row %(other)d).")
                        % {"email": email, "other": seen[email]},
                    )
                )
            else:
                seen[email] = record["_row"]
        parsed.append((record, email, values, row_errors))
        if progress and (index % 500 == 0 or index == total):
            progress(index, total)

    existing = _participants_by_email([email for _r, email, _v, _e in parsed if email])
    for record, email, values, row_errors in parsed:
        participant = existing.get(email)
        if participant is not None and participant.anonymised_at is not None:
            participant = None
        values["email"] = email
        person = PersonPlan(row=record["_row"], email=email, values=values)
        person.participant = participant
        if participant is not None:
            person.changes = participant_diff(participant, values)
        if not row_errors and person.action != "unchanged":
            _validate(person, row_errors)
        plan.errors.extend(row_errors)
        plan.people.append(person)
    return plan
