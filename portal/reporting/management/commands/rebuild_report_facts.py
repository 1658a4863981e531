"""``manage.py rebuild_report_facts``: rebuild the participation facts from their sources."""

import time

from django.core.management.base import BaseCommand

from portal.reporting.services import participation_facts_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the participation report's facts from the registry, enrolments, cohorts "
        "and certificates, all or nothing (after a bulk change made outside the services, "
        "or after changing YOUTH_MAX_AGE)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done, total):
            width = 30
            filled = int(width * done / total) if total else width
            self.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done * 100 // max(total, 1)} %",
                ending="",
            )

        written = participation_facts_rebuild(progress=progress)
        self.stderr.write("")
        self.stdout.write(
            f"{written:,} participation facts written in {time.perf_counter() - started:.1f} s"
        )
