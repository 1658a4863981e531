"""Spreadsheet import of participants (BRIEF §4), used by the command and the admin.

Three steps, so that the admin can show a preview and the command a dry run:

1. ``table_read`` turns a ``.csv`` or ``.xlsx`` file into header + rows of text
   (no ORM), or raises ``ImportFileError`` with a message about the file.
2. ``import_plan`` checks every row against the registry and says what would
   happen: every problem as ``row N: column: message`` (row 1 is the header
   line, so N is the line a spreadsheet shows), and the creates, updates,
   enrolments and attendance (the ``attended`` column; see docs/operations.md).
3. ``import_apply`` writes a plan without errors in one transaction, with the
   history rows; any failure leaves the database as it was.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.signals import changes_batched

from . import validation
from .models import HistoryAction, Participant, ParticipantHistory
from .services import (
    REPORTED_FIELDS,
    participant_diff,
    participant_search_text,
    search_text_for,
)
from .signals import participants_changed

REQUIRED_COLUMNS = ("email", "given_name", "family_name")
OPTIONAL_COLUMNS = (
    "native_name",
    "gender",
    "birth_year",
    "country",
    "organisation",
    "organisation_type",
    "position",
    "cohort",
    "attended",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
NAME_COLUMNS = ("given_name", "family_name", "native_name")
TEXT_COLUMNS = ("given_name", "family_name", "native_name", "organisation", "position")

ProgressCallback = Callable[[int, int], None]


def max_bytes() -> int:
    return getattr(settings, "REGISTRY_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "REGISTRY_IMPORT_MAX_ROWS", 50_000)


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says what to fix."""


@dataclass
class Table:
    columns: list[str]
    rows: list[dict[str, Any]]
    ignored_columns: list[str] = field(default_factory=list)


@dataclass
class PlannedRow:
    row: int
    email: str
    values: dict[str, Any]
    participant: Participant | None = None
    changes: dict[str, list] = field(default_factory=dict)
    cohort: Any = None
    enrol: bool = False
    # The ``attended`` cell as read; the dates it names once checked (None:
    # attendance is left as it is); how many sheet cells importing changes.
    attended_cell: Any = None
    attended: list[datetime.date] | None = None
    attendance_changes: int = 0

    @property
    def action(self) -> str:
        if self.participant is None:
            return "create"
        return "update" if self.changes else "unchanged"


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # Days the ``attended`` column adds to cohorts' attendance sheets, by cohort.
    new_days: dict[Any, set[datetime.date]] = field(default_factory=dict)
    attendance_state: Any = None

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.action == "create")

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.action == "update")

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if r.action == "unchanged")

    @property
    def enrolled(self) -> int:
        return sum(1 for r in self.rows if r.enrol)

    @property
    def attendance(self) -> int:
        """Participants whose attendance the import records or changes."""
        return sum(1 for r in self.rows if r.attendance_changes)

    @property
    def changes_anything(self) -> bool:
        return bool(self.created or self.updated or self.enrolled or self.attendance)

    def summary(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "enrolled": self.enrolled,
            "attendance": self.attendance,
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
                    "email": r.email,
                    "name": f"{r.values.get('given_name', '')} {r.values.get('family_name', '')}",
                    "changes": sorted(r.changes),
                    "cohort": str(r.cohort) if r.enrol else "",
                    "attended": (
                        [d.isoformat() for d in r.attended]
                        if r.attended is not None and r.attendance_changes
                        else None
                    ),
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


def summary_message(summary: dict[str, int], *, dry_run: bool = False) -> str:
    """One sentence for the command and the admin: what was (or would be) done."""
    attendance = summary.get("attendance", 0)
    if not (summary["created"] or summary["updated"] or summary["enrolled"] or attendance):
        return ngettext(
            "Nothing to change: the %(rows)d row is already in the registry as given.",
            "Nothing to change: all %(rows)d rows are already in the registry as given.",
            summary["rows"],
        ) % {"rows": summary["rows"]}
    if dry_run:
        text = _(
            "Dry run: would create %(created)d, update %(updated)d and enrol %(enrolled)d "
            "(%(unchanged)d unchanged); nothing was written."
        )
    else:
        text = _(
            "Created %(created)d, updated %(updated)d, enrolled %(enrolled)d "
            "(%(unchanged)d unchanged)."
        )
    text = text % summary
    if attendance:
        if dry_run:
            more = ngettext(
                "Would record the attendance of %(count)d participant.",
                "Would record the attendance of %(count)d participants.",
                attendance,
            )
        else:
            more = ngettext(
                "Recorded the attendance of %(count)d participant.",
                "Recorded the attendance of %(count)d participants.",
                attendance,
            )
        text = f"{text} {more % {'count': attendance}}"
    return text


def row_error(row: int, column: str, message: str) -> str:
    return f"row {row}: {column}: {message}"


# --- 1. Reading the file ------------------------------------------------------


def _header(value: Any) -> str:
    return validation.clean_text(value).lstrip("\ufeff").casefold().replace(" ", "_")


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _build_table(header: list[Any], body: Iterable[list[Any]]) -> Table:
    columns = [_header(h) for h in header]
    if not any(columns):
        raise ImportFileError(_("The first line must hold the column names; it is empty."))
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
    rows = []
    for number, values in enumerate(body, start=2):
        if not any(v not in (None, "") for v in values):
            continue  # blank lines between blocks of a workshop list
        if len(rows) >= max_rows():
            raise ImportFileError(
                _("The file has more than %(max)d rows; split it into smaller files.")
                % {"max": max_rows()}
            )
        record = {"_row": number}
        for name, value in zip(columns, values, strict=False):
            if name in COLUMNS:
                record[name] = _cell(value)
        rows.append(record)
    ignored = [c for c in columns if c and c not in COLUMNS]
    return Table(columns=columns, rows=rows, ignored_columns=ignored)


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file is not UTF-8 text; save it as “CSV UTF-8” or as an .xlsx workbook.")
        ) from None
    if "\x00" in text:
        raise ImportFileError(_("The file is not a CSV text file; check that it is not binary."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
        body = list(reader)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    except csv.Error as error:
        raise ImportFileError(
            _("row %(row)d: the line cannot be read (%(error)s); it may be too long.")
            % {"row": reader.line_num, "error": error}
        ) from None
    return _build_table(header, body)


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    """True if any worksheet of the workbook holds a formula cell (``<f>`` element)."""
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = archive.read(name)
            if b"<f>" in xml or b"<f " in xml or b":f>" in xml or b":f " in xml:
                return True
    return False


def _read_xlsx_formulas(data: bytes) -> Table:
    """The slow, exact reader: a formula cell comes back as its text (``=…``)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError(_("The workbook cannot be opened; save it again as .xlsx.")) from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        return _build_table(list(header), (list(r) for r in rows))
    finally:
        workbook.close()


def _read_xlsx(data: bytes) -> Table:
    """Read the first sheet of a workbook.

    calamine (Rust) reads a 10,000-row list in a fraction of a second, but
    gives a formula cell's cached value; a workbook with formulas is read with
    openpyxl instead, so that the formula is kept as text (and neutralised in
    every export) rather than silently replaced.
    """
    import python_calamine

    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise ImportFileError(
            _("The file is not an Excel workbook (.xlsx), even though its name says so.")
        )
    try:
        with zipfile.ZipFile(buffer) as archive:
            if _has_formulas(archive):
                return _read_xlsx_formulas(data)
    except zipfile.BadZipFile:
        raise ImportFileError(_("The workbook cannot be opened; save it again as .xlsx.")) from None
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (python_calamine.CalamineError, IndexError, ValueError):
        raise ImportFileError(_("The workbook cannot be opened; save it again as .xlsx.")) from None
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return _build_table(list(rows[0]), rows[1:])


def table_read(source: str | Path | BinaryIO, *, name: str | None = None) -> Table:
    """Read a participant list.

    Args:
        source: a path or a binary file object.
        name: the file name (for the extension) when ``source`` is a file object.

    Raises:
        ImportFileError: wrong type, too big, empty, unreadable, or columns missing.
    """
    if isinstance(source, (str, Path)):
        name = str(source)
        try:
            with open(source, "rb") as handle:
                data = handle.read(max_bytes() + 1)
        except OSError as error:
            raise ImportFileError(
                _("Cannot open %(name)s: %(error)s") % {"name": name, "error": error.strerror}
            ) from None
    else:
        data = source.read(max_bytes() + 1)
    suffix = Path(name or "").suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(_("Give a .csv or .xlsx file."))
    if len(data) > max_bytes():
        raise ImportFileError(
            _("The file is larger than %(mb)d MB; split it into smaller files.")
            % {"mb": max_bytes() // (1024 * 1024)}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    return _read_csv(data) if suffix == ".csv" else _read_xlsx(data)


# --- 2. Checking against the registry ----------------------------------------


def _max_length(name: str) -> int:
    return Participant._meta.get_field(name).max_length


def _parse_row(record: dict[str, Any], errors: list[str]) -> tuple[str, dict[str, Any]]:
    """The row's profile values; every problem appended to ``errors``."""
    number = record["_row"]
    values: dict[str, Any] = {}

    def fail(column: str, message: str) -> None:
        errors.append(row_error(number, column, message))

    email = ""
    try:
        email = validation.parse_email(record.get("email"))
    except ValidationError as error:
        fail("email", error.messages[0])
    for name in TEXT_COLUMNS:
        if name not in record:
            continue
        text = validation.clean_text(record.get(name))
        if name in REQUIRED_COLUMNS and not text:
            fail(name, _("is required."))
            continue
        if len(text) > _max_length(name):
            fail(
                name,
                _("is %(length)d characters long; keep it to %(max)d.")
                % {"length": len(text), "max": _max_length(name)},
            )
            continue
        checks = []
        if name in ("given_name", "family_name"):
            checks.append(validation.validate_latin_name)
        if name in NAME_COLUMNS:  # printed on certificates
            checks.append(validation.validate_printable)
        for check in checks:
            try:
                check(text)
            except ValidationError as error:
                fail(name, error.messages[0])
        if text or name in REQUIRED_COLUMNS:
            values[name] = text
    parsers = {
        "gender": validation.parse_gender,
        "birth_year": validation.parse_birth_year,
        "country": validation.parse_country,
        "organisation_type": validation.parse_organisation_type,
    }
    for name, parse in parsers.items():
        raw = record.get(name)
        if raw in (None, ""):
            continue  # a blank cell leaves the registry's value as it is
        try:
            values[name] = parse(raw)
        except ValidationError as error:
            fail(name, error.messages[0])
    return email, values


def _cohort_model():
    try:
        return apps.get_model("courses", "Cohort")
    except LookupError:
        return None


def _existing_enrolments(participants: list[Participant], cohort_ids: set[int]) -> set:
    if not participants or not cohort_ids:
        return set()
    Enrolment = apps.get_model("courses", "Enrolment")
    pairs = Enrolment.objects.filter(
        participant__in=[p.pk for p in participants], cohort_id__in=cohort_ids
    ).values_list("participant_id", "cohort_id")
    return set(pairs)


def _participants_by_email(emails: list[str]) -> dict[str, Participant]:
    found: dict[str, Participant] = {}
    chunk = 500
    for start in range(0, len(emails), chunk):
        part = emails[start : start + chunk]
        # Stored addresses are lower-cased by the services, so ``in`` is exact.
        for participant in Participant.objects.filter(email__in=part):
            found[participant.email.lower()] = participant
    return found


def import_plan(
    table: Table, *, cohort_slug: str | None = None, progress: ProgressCallback | None = None
) -> ImportPlan:
    """Check every row and work out what importing ``table`` would do.

    Args:
        table: from ``table_read``.
        cohort_slug: enrol every row in this cohort (a row's ``cohort`` cell wins).
        progress: called as ``progress(done, total)`` while rows are checked.

    Returns:
        The plan; ``plan.errors`` lists every problem (nothing may be written then).
    """
    plan = ImportPlan(ignored_columns=table.ignored_columns)
    total = len(table.rows)
    Cohort = _cohort_model()
    cohorts: dict[str, Any] = {}
    wanted_slugs = {validation.clean_text(r.get("cohort")) for r in table.rows} - {""}
    if cohort_slug:
        wanted_slugs.add(cohort_slug)
    if wanted_slugs and Cohort is not None:
        cohorts = {c.slug: c for c in Cohort.objects.filter(slug__in=wanted_slugs)}
    if cohort_slug and cohort_slug not in cohorts:
        plan.errors.append(
            row_error(0, "--cohort", _("there is no cohort “%(slug)s”.") % {"slug": cohort_slug})
        )

    seen: dict[str, int] = {}
    parsed: list[tuple[dict[str, Any], str, dict[str, Any]]] = []
    for index, record in enumerate(table.rows, start=1):
        email, values = _parse_row(record, plan.errors)
        if email:
            if email in seen:
                plan.errors.append(
                    row_error(
                        record["_row"],
                        "email",
                        _("%(email)s appears twice in the file (also on row %(other)d).")
                        % {"email": email, "other": seen[email]},
                    )
                )
            else:
                seen[email] = record["_row"]
        slug = validation.clean_text(record.get("cohort")) or cohort_slug or ""
        if slug and slug not in cohorts and slug != cohort_slug:
            plan.errors.append(
                row_error(
                    record["_row"],
                    "cohort",
                    _("there is no cohort “%(slug)s”.") % {"slug": slug},
                )
            )
        parsed.append((record, email, values))
        if progress and (index % 500 == 0 or index == total):
            progress(index, total)

    existing = _participants_by_email([email for _r, email, _v in parsed if email])
    for record, email, values in parsed:
        participant = existing.get(email)
        if participant is not None and participant.anonymised_at is not None:
            participant = None
        planned = PlannedRow(row=record["_row"], email=email, values=values)
        planned.participant = participant
        values["email"] = email
        if participant is not None:
            planned.changes = participant_diff(participant, values)
        slug = validation.clean_text(record.get("cohort")) or cohort_slug or ""
        planned.cohort = cohorts.get(slug)
        planned.attended_cell = record.get("attended")
        plan.rows.append(planned)

    _attendance_check(plan)
    if plan.errors:
        return plan
    enrolled = _existing_enrolments(
        [r.participant for r in plan.rows if r.participant is not None],
        {c.pk for c in cohorts.values()},
    )
    for planned in plan.rows:
        if planned.cohort is None:
            continue
        if planned.participant is None:
            planned.enrol = True
        else:
            planned.enrol = (planned.participant.pk, planned.cohort.pk) not in enrolled
    _attendance_plan(plan)
    return plan


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
    # Imported here: the courses app builds on the registry, not the reverse.
    from courses.selectors import attendance_import_state

    cohorts = {r.cohort.pk: r.cohort for r in rows if r.cohort is not None}
    state = attendance_import_state(
        cohorts=list(cohorts.values()),
        participant_ids=[r.participant.pk for r in rows if r.participant is not None],
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
    from courses.models import EnrolmentStatus

    free = dict(state.free_places)
    for planned in plan.rows:  # in file order: earlier rows take the places first
        cohort = planned.cohort
        if planned.enrol and free.get(cohort.pk) is not None:
            free[cohort.pk] -= 1
            if planned.attended is not None and free[cohort.pk] < 0:
                plan.errors.append(
                    row_error(
                        planned.row,
                        "attended",
                        _(
                            "cohort “%(slug)s” is full, so %(email)s would join its waiting "
                            "list; attendance counts only for a place. Raise its capacity first."
                        )
                        % {"slug": cohort.slug, "email": planned.email},
                    )
                )
                continue
        if planned.attended is None:
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
                        "email": planned.email,
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


def _attendance_apply(plan: ImportPlan, enrolled: dict, *, acting_user) -> None:
    """Add the new days to the sheets and record each row's attendance, through courses.

    Args:
        enrolled: the enrolments made by this import, by (participant id, cohort id).

    Raises:
        ValidationError: as ``row N: attended: message`` (the transaction rolls back).
    """
    rows = [r for r in plan.rows if r.attendance_changes]
    if not rows:
        return
    from courses.selectors import participant_cohort_enrolments
    from courses.services import cohort_day_create, enrolment_attendance_set

    for cohort, dates in plan.new_days.items():
        for date in sorted(dates):
            cohort_day_create(cohort=cohort, date=date)
    pairs = {(r.participant.pk, r.cohort.pk) for r in rows}
    enrolments = {**participant_cohort_enrolments(pairs=pairs - set(enrolled)), **enrolled}
    for planned in rows:
        try:
            enrolment_attendance_set(
                enrolment=enrolments[(planned.participant.pk, planned.cohort.pk)],
                present_dates=planned.attended,
                acting_user=acting_user,
            )
        except ValidationError as error:
            raise ValidationError(
                row_error(planned.row, "attended", " ".join(error.messages))
            ) from error


# --- 3. Writing ----------------------------------------------------------------


def _insert_defaults(model) -> dict[str, Any]:
    return {f.attname: f.get_default() for f in model._meta.concrete_fields if not f.primary_key}


def _insert_rows(model, rows: list[dict[str, Any]], batch_size: int = 1000) -> None:
    """INSERT plain rows (by attname) with one prepared statement per batch.

    Why not ``bulk_create``: it builds a model instance and compiles the SQL of
    every value, which is most of a 10,000-row import's time; here each value
    is only prepared for the database (``get_db_prep_save``), so JSON, dates and
    countries are stored exactly as the ORM would store them, on every backend.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 — names come from the model
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    prepared = [(f.attname, f, isinstance(f, models.JSONField)) for f in fields]
    plain = (str, int, bool, type(None))

    def prepare(row):
        # Text, numbers and NULL go to the driver as they are; JSON and dates
        # are prepared the way the ORM prepares them.
        return [
            row.get(name)
            if not is_json and isinstance(row.get(name), plain)
            else field.get_db_prep_save(row.get(name), connection)
            for name, field, is_json in prepared
        ]

    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, [prepare(row) for row in rows[start : start + batch_size]])


def _pks_by_email(emails: list[str]) -> dict[str, int]:
    pks: dict[str, int] = {}
    for start in range(0, len(emails), 500):
        chunk = emails[start : start + 500]
        pks.update(Participant.objects.filter(email__in=chunk).values_list("email", "pk"))
    return pks


@transaction.atomic
def import_apply(
    plan: ImportPlan,
    *,
    acting_user,
    source_name: str,
    progress: ProgressCallback | None = None,
) -> dict[str, int]:
    """Write a checked plan: creates, updates, enrolments and their history rows.

    All or nothing: any error raised here rolls the whole import back.

    Raises:
        ValueError: the plan has errors.
    """
    if plan.errors:
        raise ValueError("A plan with errors cannot be applied.")
    summary = plan.summary()  # before the rows point at the participants they create
    reason = _("Imported from %(name)s") % {"name": source_name}
    actor = acting_user if getattr(acting_user, "pk", None) else None
    total = len(plan.rows)
    done = 0

    now = timezone.now()
    new_rows = [r for r in plan.rows if r.action == "create"]
    participant_defaults = _insert_defaults(Participant)
    records = []
    for planned in new_rows:
        record = {**participant_defaults, **planned.values, "created_at": now, "updated_at": now}
        record["search_text"] = search_text_for(planned.values)
        records.append(record)
    _insert_rows(Participant, records)
    pks = _pks_by_email([r.email for r in new_rows])
    history_defaults = _insert_defaults(ParticipantHistory)
    history_records = [
        {
            **history_defaults,
            "participant_id": pks[planned.email],
            "action": HistoryAction.IMPORTED,
            "acting_user_id": actor.pk if actor else None,
            "reason": reason,
            "changes": {k: [None, v] for k, v in planned.values.items() if v not in ("", None)},
            "created_at": now,
        }
        for planned in new_rows
    ]
    enrolling = {pks[r.email] for r in new_rows if r.enrol}
    fetched = Participant.objects.in_bulk(list(enrolling)) if enrolling else {}
    for planned in new_rows:
        if planned.enrol:
            planned.participant = fetched[pks[planned.email]]
    done += len(new_rows)
    if progress:
        progress(done, total)

    history = []
    updated_rows = [r for r in plan.rows if r.action == "update"]
    changed_fields: set[str] = set()
    for planned in updated_rows:
        participant = planned.participant
        for name, (_old, new) in planned.changes.items():
            setattr(participant, name, new)
            changed_fields.add(name)
        participant.search_text = participant_search_text(participant)
        participant.updated_at = now
        history.append(
            ParticipantHistory(
                participant=participant,
                action=HistoryAction.UPDATED,
                acting_user=actor,
                reason=reason,
                changes=planned.changes,
            )
        )
    if updated_rows:
        Participant.objects.bulk_update(
            [r.participant for r in updated_rows],
            [*sorted(changed_fields), "search_text", "updated_at"],
            batch_size=500,
        )
    ParticipantHistory.objects.bulk_create(history, batch_size=500)
    _insert_rows(ParticipantHistory, history_records)
    done += len(updated_rows)
    if progress:
        progress(done, total)

    to_enrol = [r for r in plan.rows if r.enrol]
    if to_enrol:
        # Imported here: the courses app builds on the registry, not the reverse.
        from courses.services import enrolment_create

    # The change signals (report facts) of people whose reported fields changed
    # and of the new enrolments are sent together once, at the end of the block.
    with changes_batched():
        participants_changed.send_changes(
            sender=Participant,
            participant_ids=[
                r.participant.pk for r in updated_rows if REPORTED_FIELDS & set(r.changes)
            ],
        )
        enrolled = {}
        for planned in to_enrol:
            if planned.enrol:
                enrolled[(planned.participant.pk, planned.cohort.pk)] = enrolment_create(
                    participant=planned.participant, cohort=planned.cohort, acting_user=acting_user
                )
        _attendance_apply(plan, enrolled, acting_user=actor)
    if progress:
        progress(total, total)
    return summary
