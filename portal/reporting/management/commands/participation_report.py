"""``manage.py participation_report --by DIMS [--year Y] [--course SLUG] [--cohort SLUG]
[--format csv|xlsx|json] [--output PATH]`` (BRIEF §4)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.reporting import selectors
from portal.reporting.definitions import parse_dimensions
from portal.reporting.exporters import breakdown_csv, report_xlsx
from portal.reporting.report import Filters


class Command(BaseCommand):
    help = (
        "Participants, completed and certified by one or two of gender, country, youth, "
        "organisation_type, course, cohort, year (BRIEF §3 definitions)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--by", required=True, help="Comma list of one or two dimensions.")
        parser.add_argument("--year", type=int)
        parser.add_argument("--course", default="", help="A course's slug.")
        parser.add_argument("--cohort", default="", help="A cohort's slug.")
        parser.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, *args, by, year, course, cohort, format, output, **options):
        from courses.models import Cohort, CoursePage

        try:
            dims = parse_dimensions(by)
        except ValueError as error:
            raise CommandError(f"--by: {error}") from error
        if not dims:
            raise CommandError("--by: give at least one dimension.")
        if course and not CoursePage.objects.filter(slug=course).exists():
            raise CommandError(f"--course: no course has the slug {course!r}.")
        if cohort and not Cohort.objects.filter(slug=cohort).exists():
            raise CommandError(f"--cohort: no cohort has the slug {cohort!r}.")
        if format == "xlsx" and not output:
            raise CommandError("--format xlsx needs --output PATH.")
        filters = Filters(year=year, course=course, cohort=cohort)

        if format == "xlsx":
            breakdowns = [dims, *[list(d) for d in selectors.DEFAULT_BREAKDOWNS if list(d) != dims]]
            body = report_xlsx(
                selectors.participation_report(filters=filters, breakdowns=breakdowns)
            )
        else:
            result = selectors.breakdown(dims, filters=filters)
            if format == "csv":
                body = breakdown_csv(result)
            else:
                body = (
                    json.dumps(
                        [
                            {
                                **dict(zip(dims, row.keys, strict=True)),
                                "participants": row.participants,
                                "completed": row.completed,
                                "certified": row.certified,
                            }
                            for row in result.rows
                        ],
                        ensure_ascii=False,
                        indent=2,
                    )
                    + "\n"
                ).encode("utf-8")
        if output:
            Path(output).write_bytes(body)
            self.stderr.write(f"Wrote {output}")
        else:
            self.stdout.write(body.decode("utf-8"), ending="")
