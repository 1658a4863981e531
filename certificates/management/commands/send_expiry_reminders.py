"""``send_expiry_reminders``: the daily job that warns holders of expiring certificates."""

from django.core.management.base import BaseCommand

from certificates.services import expiry_reminders_send


class Command(BaseCommand):
    help = "E-mail holders whose certificate expires within the given days (once each)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60, help="look-ahead in days (60)")

    def handle(self, *args, days=60, **options):
        sent = expiry_reminders_send(within_days=days)
        self.stdout.write(f"{sent} reminders sent.")
