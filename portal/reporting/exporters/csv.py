"""The CSV of BRIEF §4: the dimensions in the order given, then the three counts."""

import csv
import io

from portal.core.spreadsheets import neutralise

from ..definitions import MEASURES
from ..report import Breakdown


def breakdown_csv(breakdown: Breakdown) -> bytes:
    """One breakdown as UTF-8 CSV (no byte-order mark: scripts read the header as is).

    Columns: the dimension names as given, then ``participants``, ``completed``,
    ``certified``. Values are codes: countries as alpha-2, gender and youth as
    BRIEF §3 values, courses and cohorts as slugs; an unknown value is empty.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*breakdown.dimensions, *[str(m.value) for m in MEASURES]])
    for row in breakdown.rows:
        writer.writerow(
            [
                *[neutralise("" if k is None else str(k)) for k in row.keys],
                row.participants,
                row.completed,
                row.certified,
            ]
        )
    return buffer.getvalue().encode("utf-8")
