"""Reading a participant list with the course columns (``cohort``, ``attended``)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from portal.registry import imports as people

from .planning import COURSE_COLUMNS


def table_read(
    source: str | Path | BinaryIO, *, name: str | None = None, sheet: str | None = None
) -> people.Table:
    """``portal.registry.imports.table_read`` with this app's columns.

    Raises:
        ImportFileError: wrong type, too big, empty, unreadable, or columns missing.
    """
    return people.table_read(source, name=name, sheet=sheet, extra_columns=COURSE_COLUMNS)
