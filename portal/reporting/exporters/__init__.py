"""Writers that turn a plain :class:`~portal.reporting.report.Report` into bytes.

They never touch the ORM (STYLE §7), so each can be tested on hand-made rows.
"""

from .csv import breakdown_csv
from .pdf import report_pdf
from .xlsx import report_xlsx

__all__ = ["breakdown_csv", "report_pdf", "report_xlsx"]
