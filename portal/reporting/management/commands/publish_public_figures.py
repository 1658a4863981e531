"""Publish today's public figures ahead of the first visitor (from cron or the worker)."""

from django.core.management.base import BaseCommand

from portal.reporting.services import public_figures_publish


class Command(BaseCommand):
    help = "Publish today's public figures (once a day; a second run changes nothing)."

    def handle(self, *args, **options):
        figures = public_figures_publish()
        hidden = sum(len(h) for h in figures["hidden"].values())
        self.stdout.write(f"Published: {len(figures['cells'])} views, {hidden} cells hidden.")
