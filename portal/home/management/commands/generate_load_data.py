from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from portal.home.load_data import LOAD_PASSWORD, SIZES, LoadDataExists, load_data_generate


class Command(BaseCommand):
    help = (
        "Build the load test's data set (S, M or L: L is 10,000 participants, 60 courses of "
        "10 modules, 200 cohorts, 100,000 attempts) on a fresh database, and write the "
        "manifest that loadtest/locustfile.py reads. Refuses to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="S")
        parser.add_argument(
            "--manifest",
            default=str(Path(settings.VAR_DIR) / "loadtest.json"),
            help="where to write the manifest (default: var/loadtest.json)",
        )

    def handle(self, *args, size, manifest, verbosity=1, **options):
        chosen = SIZES[size]
        total = chosen.courses + chosen.cohorts + chosen.participants + 1
        with tqdm(total=total, disable=verbosity < 1, unit="step") as bar:

            def progress(stage: str, n: int) -> None:
                bar.set_description(stage)
                bar.update(1 if stage == "facts" else n)

            try:
                load_data_generate(size=chosen, manifest=Path(manifest), progress=progress)
            except LoadDataExists as error:
                raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Load data {size} built; manifest {manifest}. Accounts "
                f"load-learner-00001@example.org … and load-secretariat-01@example.org …, "
                f"password {LOAD_PASSWORD} (LOAD_PASSWORD)."
            )
        )
