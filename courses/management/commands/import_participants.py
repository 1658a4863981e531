"""``import_participants PATH [--cohort SLUG] [--dry-run] [--no-email]`` (BRIEF §4).

``--no-email`` records a past workshop's attendance without e-mailing anyone:
enrolments complete and certificates are issued as usual, silently.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from courses.imports import (
    ImportFileError,
    import_apply,
    import_plan,
    summary_message,
    table_read,
)


class Command(BaseCommand):
    help = (
        "Import participants from a .csv or .xlsx file (columns: email, given_name, "
        "family_name, native_name, gender, birth_year, country, organisation, "
        "organisation_type, position, cohort, attended). All or nothing: any invalid row "
        "lists every problem as 'row N: column: message' and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .csv (UTF-8) or .xlsx file.")
        parser.add_argument("--cohort", help="Enrol every row in the cohort with this slug.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--sheet", help="The sheet of an .xlsx workbook to read (default: its only list)."
        )
        parser.add_argument(
            "--no-email",
            action="store_true",
            help=(
                "Record attendance without e-mailing anyone: certificates earned are "
                "still issued, but not e-mailed."
            ),
        )

    def handle(
        self, *args, path, cohort=None, dry_run=False, no_email=False, sheet=None, **options
    ):
        try:
            table = table_read(path, sheet=sheet)
        except ImportFileError as error:
            raise CommandError(str(error), returncode=1) from None

        show_bar = options.get("verbosity", 1) > 0
        with tqdm(
            total=len(table.rows),
            desc="Checking",
            unit="row",
            file=self.stderr._out,
            disable=not show_bar,
        ) as bar:
            plan = import_plan(
                table,
                cohort_slug=cohort,
                send_email=not no_email,
                progress=lambda done, _total: bar.update(done - bar.n),
            )
        if plan.errors:
            for error in plan.errors:
                self.stderr.write(error)
            count = len(plan.errors)
            raise CommandError(
                ngettext(
                    "%(count)d problem found; nothing was imported.",
                    "%(count)d problems found; nothing was imported.",
                    count,
                )
                % {"count": count},
                returncode=1,
            )
        if table.ignored_columns:
            self.stdout.write(
                _("Ignored columns: %(columns)s") % {"columns": ", ".join(table.ignored_columns)}
            )
        if dry_run or not plan.changes_anything:
            self.stdout.write(summary_message(plan.summary(), dry_run=dry_run))
            return
        with tqdm(
            total=len(plan.rows),
            desc="Importing",
            unit="row",
            file=self.stderr._out,
            disable=not show_bar,
        ) as bar:
            try:
                summary = import_apply(
                    plan,
                    acting_user=None,
                    source_name=str(path),
                    progress=lambda done, _total: bar.update(done - bar.n),
                )
            except ValidationError as error:
                # Found only while writing (e.g. a cohort filled up meanwhile); rolled back.
                for message in error.messages:
                    self.stderr.write(message)
                raise CommandError(_("Nothing was imported."), returncode=1) from None
        self.stdout.write(self.style.SUCCESS(summary_message(summary)))
