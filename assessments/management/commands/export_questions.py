"""``manage.py export_questions {moodle,gift} [--quiz ID] [--output PATH]``: the bank as a file.

Originals only (not translations); kinds the format cannot hold are left out
(see ``assessments.formats``).
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from assessments.formats import gift, moodle_xml
from assessments.selectors import questions_for_export

WRITERS = {"moodle": moodle_xml.export, "gift": gift.export}


class Command(BaseCommand):
    help = "Export the question bank (or one quiz's questions) as Moodle XML or GIFT."

    def add_arguments(self, parser):
        parser.add_argument("format", choices=sorted(WRITERS))
        parser.add_argument("--quiz", type=int, help="Only this quiz's questions.")
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args, format, quiz, output, **options):
        content = WRITERS[format](questions_for_export(quiz_id=quiz))
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"wrote {output}")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
