"""``manage.py import_questions PATH [--dry-run]``: fill the question bank from a file.

Spreadsheet (.csv, .xlsx), Moodle XML (.xml) or GIFT (.gift, .txt), all or nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.importing import ImportFileError
from assessments.services import question_import


class Command(BaseCommand):
    help = (
        "Import questions from a .csv or .xlsx file (see assessments/importing.py), "
        "Moodle XML (.xml) or GIFT (.gift, .txt)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args, path, dry_run, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            result = question_import(name=file.name, content=file.read_bytes(), dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        if result["errors"]:
            for line in result["errors"]:
                self.stderr.write(line)
            raise CommandError(f"{len(result['errors'])} problem(s); nothing was imported.")
        verb = "would create" if dry_run else "created"
        self.stdout.write(f"{verb} {result['created']}, updated {result['updated']}")
