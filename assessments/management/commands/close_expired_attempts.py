"""``manage.py close_expired_attempts``: grade open attempts whose time limit has passed.

Attempts are also closed when their learner comes back; run this from cron so
that instructors' reports do not show abandoned timed attempts as open.
"""

from django.core.management.base import BaseCommand

from assessments.services import attempts_close_expired


class Command(BaseCommand):
    help = "Grade every open attempt whose time limit (plus grace period) has passed."

    def handle(self, *args, **options):
        count = attempts_close_expired()
        self.stdout.write(f"closed {count} attempt(s)")
