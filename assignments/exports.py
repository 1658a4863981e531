"""The gradebook as spreadsheet rows and bytes (CSV or XLSX).

Every text cell passes the portal's one formula neutraliser
(``portal.core.spreadsheets.neutralise``): a learner named ``=HYPERLINK(…)``
stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from portal.core.spreadsheets import neutralise


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    return neutralise(str(value))


def gradebook_table(gradebook) -> tuple[list[str], list[list]]:
    """Header and rows: the participant, one column per graded quiz and assignment,
    the weighted total, then completion and the certificate."""
    graded = [(i, c) for i, c in enumerate(gradebook.columns) if c.graded]
    others = [(i, c) for i, c in enumerate(gradebook.columns) if not c.graded]
    header = [
        _("Participant number"),
        _("Family name"),
        _("Given name"),
        *(c.label for _i, c in graded),
        _("Weighted total (%)"),
        _("Completed"),
        *(c.label for _i, c in others),
    ]
    rows = []
    for row in gradebook.rows:
        person = row.enrolment.participant
        rows.append(
            [
                person.pk,
                person.family_name,
                person.given_name,
                *(row.values[i] for i, _c in graded),
                row.weighted,
                row.enrolment.completed_at,
                *(row.values[i] for i, _c in others),
            ]
        )
    return header, rows


def table_csv(header: Sequence, rows: Sequence[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_cell(h) for h in header])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(header: Sequence, rows: Sequence[Sequence], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or "Gradebook")[:31])
    sheet.append([_cell(h) for h in header])
    for row in rows:
        sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
