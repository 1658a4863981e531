"""``manage.py export_gradebook --cohort SLUG --output PATH`` (BRIEF §4).

Writes ``.csv`` or ``.xlsx`` (by the output's extension): one row per enrolled
participant, one column per graded quiz and assignment, then completion.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.models import Cohort
from courses.selectors import cohort_gradebook

from ...exports import gradebook_table, table_csv, table_xlsx


class Command(BaseCommand):
    help = "Export a cohort's gradebook as CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", required=True, help="The cohort's slug.")
        parser.add_argument("--output", required=True, help="A .csv or .xlsx path.")

    def handle(self, *args, cohort, output, **options):
        path = Path(output)
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise CommandError("Give an --output path ending in .csv or .xlsx.")
        found = Cohort.objects.select_related("course").filter(slug=cohort).first()
        if found is None:
            raise CommandError(f"No cohort with the slug “{cohort}”.")
        header, rows = gradebook_table(cohort_gradebook(cohort=found))
        data = (
            table_csv(header, rows)
            if suffix == ".csv"
            else table_xlsx(header, rows, title=found.slug)
        )
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from None
        self.stdout.write(f"Wrote {len(rows)} participants to {path}.")
