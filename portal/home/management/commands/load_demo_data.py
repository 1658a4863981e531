from django.core.management.base import BaseCommand

from portal.home import demo


class Command(BaseCommand):
    help = "Load the demo accounts and content. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        password = demo.demo_password()
        demo.load_all(password=password, stdout=self.stdout)
        emails = ", ".join(account.email for account in demo.DEMO_ACCOUNTS)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Log in as {emails}."))
