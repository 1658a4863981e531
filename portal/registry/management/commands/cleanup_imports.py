"""``manage.py cleanup_imports``: delete uploaded participant lists nobody needs any more.

Run it hourly from cron (docs/operations.md): a list's file goes when its
import is done, failed, cancelled, left unconfirmed for a day, or stuck.
"""

from django.core.management.base import BaseCommand

from portal.registry.services import import_jobs_cleanup


class Command(BaseCommand):
    help = "Delete the files of finished, cancelled, abandoned and stuck participant imports."

    def handle(self, *args, **options):
        counts = import_jobs_cleanup()
        if options["verbosity"]:
            self.stdout.write(
                "Imports cancelled: {cancelled}, failed: {failed}; files deleted: {files}".format(
                    **counts
                )
            )
