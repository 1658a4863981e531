"""``rotate_signing_key``: retire the issuer's current keys and make new ones.

Credentials and PDFs signed before keep verifying: the retired keys stay
published (JWKS, issuer profile, Multikey documents). See docs/operations.md.
"""

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from certificates.keys import key_dir, key_rotate, published_keys
from certificates.models import IssuerKeyKind


class Command(BaseCommand):
    help = (
        "Retire the issuer's current signing keys (RSA for VC-JWT and PDFs, Ed25519 for "
        "Data Integrity) and make new ones in CERTIFICATES_KEY_DIR; the old ones stay published."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            choices=[*IssuerKeyKind.values, "all"],
            default="all",
            help="which key to rotate (all)",
        )
        parser.add_argument(
            "--from-file",
            dest="from_file",
            help="take this PEM private key as the new key (one --kind only) instead of "
            "generating one, e.g. a key made in a hardware module's export",
        )
        parser.add_argument("--list", action="store_true", help="only list the published keys")

    def handle(self, *args, kind="all", from_file=None, **options):
        if options.get("list"):
            self._list()
            return
        kinds = IssuerKeyKind.values if kind == "all" else [kind]
        key = None
        if from_file:
            if len(kinds) != 1:
                raise CommandError("--from-file needs --kind rsa or --kind ed25519.")
            try:
                key = serialization.load_pem_private_key(Path(from_file).read_bytes(), None)
            except (OSError, ValueError, TypeError) as error:
                raise CommandError(
                    f"{from_file} is not a readable PEM private key: {error}"
                ) from error
        for each in kinds:
            try:
                row = key_rotate(kind=each, key=key)
            except ImproperlyConfigured as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"New current {each} key: {row.key_id}")
        self.stdout.write(
            f"Private keys are in {key_dir()}: copy that folder to every server and into "
            "the backup. The retired keys stay published, so what they signed still verifies."
        )
        self._list()

    def _list(self):
        for row in published_keys():
            state = f"retired {row.retired_at:%Y-%m-%d}" if row.retired_at else "current"
            self.stdout.write(f"  {row.kind:8} {state:18} {row.key_id}")
