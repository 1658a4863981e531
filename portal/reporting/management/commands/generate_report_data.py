"""``manage.py generate_report_data --participants N``: a synthetic registry for benchmarks.

Not the load test's data set: that is ``generate_load_data --size S|M|L`` (``portal.home``).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from portal.reporting.loaddata import generate_load_data


class Command(BaseCommand):
    help = (
        "Add N synthetic participants with enrolments, attempts and certificates "
        "(for benchmarks; never on a production database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, participants, seed, **options):
        if participants < 1:
            raise CommandError("--participants must be at least 1.")
        started = time.perf_counter()

        def progress(done, total):
            width = 30
            filled = int(width * done / total)
            self.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}", ending=""
            )

        counts = generate_load_data(participants=participants, seed=seed, progress=progress)
        self.stderr.write("")
        self.stdout.write(
            ", ".join(f"{name}: {n:,}" for name, n in counts.items())
            + f" in {time.perf_counter() - started:.1f} s"
        )
