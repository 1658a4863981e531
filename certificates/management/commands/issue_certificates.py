"""``issue_certificates (--cohort SLUG | --course SLUG) [--dry-run]``: issue earned certificates."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from certificates.documents import verify_url
from certificates.selectors import bulk_issue_preview
from certificates.services import issue_run_create, issue_run_execute


class Command(BaseCommand):
    help = (
        "Issue the certificates a cohort or course has earned. Prints one line per "
        "certificate (serial, holder, verification URL); progress goes to stderr, and so "
        "does one line per person whose certificate was revoked and is not re-issued. "
        "All or nothing: on an error no certificate of the run is kept."
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--cohort", metavar="SLUG", help="the cohort's slug")
        target.add_argument("--course", metavar="SLUG", help="the course page's slug")
        parser.add_argument("--reason", default="", help="kept in each certificate's history")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="list who would be issued a certificate and who not, and write nothing",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue the run for the task worker instead of running it here",
        )

    def handle(
        self,
        *args,
        cohort=None,
        course=None,
        reason="",
        background=False,
        dry_run=False,
        **options,
    ):
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
        preview = bulk_issue_preview(**target)
        not_reissued = [
            f"{certificate.holder_name}\t{_('revoked — not re-issued')}\t{certificate.serial}"
            for _enrolment, certificate in preview.revoked
        ]
        if dry_run:
            for enrolment in preview.to_issue:
                self.stdout.write(f"{enrolment.participant.full_name}\t{_('to be issued')}")
            for line in not_reissued:
                self.stdout.write(line)
            return
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
        for line in not_reissued:
            self.stderr.write(line)
        self.stderr.write(f"{run.issued} certificates issued.")
