"""What a portal serves, printed as JSON, to compare a restored portal with its original.

Run as a script in a process of its own (the settings and database come from
the environment): ``python tests/core/backup_probe.py CODE [TOKEN]``. Prints the
participation report by gender and by country, the certificate's public
verification, its PDF's checksum, a credential signed now, and, given a TOKEN
signed elsewhere, the claims it verifies to with this portal's key.
"""

import hashlib
import io
import json
import sys

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from certificates.credentials import credential_build, credential_sign, credential_verify  # noqa: E402
from certificates.documents import credential_data, issuer_data, issuer_snapshot  # noqa: E402
from certificates.keys import public_jwk, signing_key  # noqa: E402
from certificates.selectors import certificate_for_code  # noqa: E402


def main(code: str, token: str | None) -> dict:
    reports = {}
    for by in ("gender", "country"):
        out = io.StringIO()
        call_command("participation_report", "--by", by, "--format", "json", stdout=out)
        reports[by] = json.loads(out.getvalue())
    certificate = certificate_for_code(code=code)
    response = Client().get(reverse("certificates:verify_json", args=[code]), secure=True)
    key = signing_key()
    with certificate.pdf.open("rb") as pdf:
        pdf_sha256 = hashlib.sha256(pdf.read()).hexdigest()
    issuer = issuer_data(issuer_snapshot(images=False))
    signed = credential_sign(
        credential_build(credential_data(certificate), issuer), key=key, kid=public_jwk(key)["kid"]
    )
    return {
        "reports": reports,
        "verification": {"status": response.status_code, "facts": response.json()},
        "pdf_sha256": pdf_sha256,
        "token": signed,
        "verified_claims": credential_verify(token or signed, public_key=key.public_key()),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)))
