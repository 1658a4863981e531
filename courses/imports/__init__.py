"""The participant import (BRIEF §4): people, enrolments, attendance, in one file.

It spans the registry (people) and courses (enrolments, attendance), so it
lives here, above the registry. Three steps, so that the admin can show a
preview and the command a dry run:

1. ``table_read`` (``reading``): the file as rows of text, or ``ImportFileError``;
2. ``import_plan`` (``planning``): every problem as ``row N: column: message``,
   and what would happen — people created and updated, enrolments with their
   places and waiting lists (naming the cohort and its capacity), attendance
   recorded, enrolments completed and, from the apps above (the completion
   preview hook), certificates to be issued and e-mails to be sent;
3. ``import_apply`` (``applying``): the plan written in one transaction
   through the registry's and courses' bulk services.

E-mails: ``send_email=False`` (``--no-email``, the admin's checkbox) records
attendance and completes enrolments as usual; certificates are still issued,
but nobody is e-mailed. The preview says which.

``jobs`` runs the same steps for admin uploads (``registry.ImportJob``).
"""

from portal.registry.imports import ImportFileError

from .applying import import_apply
from .messages import summary_message
from .planning import ImportPlan, PlannedRow, import_plan
from .reading import table_read

__all__ = [
    "ImportFileError",
    "ImportPlan",
    "PlannedRow",
    "import_apply",
    "import_plan",
    "summary_message",
    "table_read",
]
