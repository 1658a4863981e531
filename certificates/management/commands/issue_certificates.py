"""``issue_certificates (--cohort SLUG | --course SLUG)``: issue every earned certificate."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from certificates.documents import verify_url
from certificates.services import issue_run_create, issue_run_execute


class Command(BaseCommand):
    help = (
        "Issue the certificates a cohort or course has earned. Prints one line per "
        "certificate (serial, holder, verification URL); progress goes to stderr. "
        "All or nothing: on an error no certificate of the run is kept."
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--cohort", metavar="SLUG", help="the cohort's slug")
        target.add_argument("--course", metavar="SLUG", help="the course page's slug")
        parser.add_argument("--reason", default="", help="kept in each certificate's history")
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue the run for the task worker instead of running it here",
        )

    def handle(self, *args, cohort=None, course=None, reason="", background=False, **options):
        from courses.models import Cohort, CoursePage

        target = {}
        if cohort:
            target["cohort"] = Cohort.objects.filter(slug=cohort).first()
            if target["cohort"] is None:
                raise CommandError(f"No cohort has the slug {cohort!r}.")
        else:
            target["course"] = CoursePage.objects.filter(slug=course).first()
            if target["course"] is None:
                raise CommandError(f"No course has the slug {course!r}.")
        run = issue_run_create(reason=reason, enqueue=background, **target)
        if background:
            self.stdout.write(f"Queued bulk issue {run.pk}; the task worker carries it out.")
            return

        bar = tqdm(total=0, unit="certificate", file=sys.stderr, disable=None)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        def issued(certificate) -> None:
            self.stdout.write(
                f"{certificate.serial}\t{certificate.holder_name}\t{verify_url(certificate.code)}"
            )

        try:
            issue_run_execute(run=run, on_progress=progress, on_issue=issued)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        finally:
            bar.close()
        self.stderr.write(f"{run.issued} certificates issued.")
