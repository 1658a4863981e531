"""``export_participants PATH`` — every participant as .csv or .xlsx (BRIEF §4)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from portal.registry import exports
from portal.registry.selectors import EXPORT_HEADERS, participant_export_rows, participant_list


class Command(BaseCommand):
    help = "Export the participant registry to a .csv (UTF-8) or .xlsx file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write: a path ending in .csv or .xlsx.")

    def handle(self, *args, path, **options):
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise CommandError(_("Give a path ending in .csv or .xlsx."), returncode=1)
        queryset = participant_list()
        rows = tqdm(
            participant_export_rows(queryset),
            total=queryset.count(),
            desc="Exporting",
            unit="row",
            file=self.stderr._out,
            disable=options.get("verbosity", 1) == 0,
        )
        # Write next to the target and rename, so a failure leaves no half file.
        partial = target.with_name(target.name + ".partial")
        try:
            if suffix == ".csv":
                with open(partial, "w", encoding="utf-8-sig", newline="") as handle:
                    exports.csv_write(EXPORT_HEADERS, rows, handle)
            else:
                with open(partial, "wb") as handle:
                    exports.xlsx_write(EXPORT_HEADERS, rows, handle)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": target, "error": error.strerror},
                returncode=1,
            ) from None
        partial.replace(target)
        self.stdout.write(
            self.style.SUCCESS(
                _("Exported %(count)d participants to %(path)s.")
                % {"count": rows.n, "path": target}
            )
        )
