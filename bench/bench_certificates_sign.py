"""Certificates: what signing costs, kept apart from rendering (issue #20, item 4).

A certificate's PDF is rendered once, at issue, unsigned: the render bar of
``bench_certificates_render.py`` (and the 1,000-certificate bulk issue) is not
charged for signatures. The issuer's PAdES signature is added at download, and
the credentials are signed at download too; this measures each of those per
CPU second on one core, with the issuer's 3,072-bit RSA key and Ed25519 key:

- PDF signature (pyHanko, PAdES baseline, SHA-256): bar 20 per second, so a
  download never waits more than 50 ms for it;
- VC-JWT (RS256) and Data Integrity proof (``eddsa-rdfc-2022``, with RDF
  canonicalisation of the credential): bar 20 per second each.

Exits 1 when a bar is not met.
"""

import datetime
import sys
import tempfile
import time
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="flyway-bench-certificates-sign-")
benchdb.configure(TMP)

import django  # noqa: E402

django.setup()

from cryptography.hazmat.primitives.asymmetric import ed25519, rsa  # noqa: E402

BAR = 20.0
COUNT = 60


def rate(function, count: int = COUNT) -> float:
    function()  # warm: caches, imports
    start = time.process_time()
    for _ in range(count):
        function()
    return count / (time.process_time() - start)


def main() -> int:
    from certificates.credentials import (
        CredentialData,
        IssuerData,
        credential_build,
        credential_sign,
    )
    from certificates.data_integrity import proof_add
    from certificates.keys import x509_certificate_make
    from certificates.pdf import CertificateDocument, render_certificate
    from certificates.pdf_signing import pdf_sign

    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    ed_key = ed25519.Ed25519PrivateKey.generate()
    x509_pem = x509_certificate_make(rsa_key, issuer_name="Flyway Academy")
    pdf = render_certificate(
        CertificateDocument(
            issuer_name="Flyway Academy",
            holder_name="Batbayar Olziisaikhan",
            holder_native_name="Батбаяр Өлзийсайхан",
            course_title="Crane survey techniques",
            serial="FA-2026-000001",
            issued_on="26 November 2026",
            verify_url="https://academy.example/en/certificates/verify/" + "x" * 43 + "/",
        )
    )
    now = datetime.datetime.now(datetime.UTC)
    credential = credential_build(
        CredentialData(
            id="https://academy.example/en/certificates/verify/abc.json",
            subject_id="urn:uuid:0b7cbd6b-8f7e-5b8f-9d2f-2a9c4f0e1a11",
            holder_name="Batbayar Olziisaikhan",
            holder_native_name="Батбаяр Өлзийсайхан",
            achievement_id="https://academy.example/en/certificates/achievements/3.json",
            course_title="Crane survey techniques",
            course_description="Counting and ageing cranes in the field.",
            criteria_url="https://academy.example/en/courses/crane-surveys/",
            issued_at=now,
            expires_at=now + datetime.timedelta(days=3 * 365),
            status_url="https://academy.example/en/certificates/revocations.json",
            serial="FA-2026-000001",
            verify_url="https://academy.example/en/certificates/verify/abc/",
            achievement_image="https://academy.example/en/certificates/achievements/3/badge.png",
        ),
        IssuerData(
            id="https://academy.example/en/certificates/issuer.json",
            name="Flyway Academy",
            url="https://academy.example/",
        ),
    )

    results = {
        "PDF signature (PAdES)": rate(
            lambda: pdf_sign(pdf, key=rsa_key, certificate_pem=x509_pem, reason="bench")
        ),
        "VC-JWT (RS256)": rate(lambda: credential_sign(credential, key=rsa_key, kid="k")),
        "Data Integrity (eddsa-rdfc-2022)": rate(
            lambda: proof_add(credential, key=ed_key, verification_method="https://k", created=now),
            count=20,
        ),
    }
    for name, value in results.items():
        print(f"{name:34} {value:7.1f} per CPU second ({1000 / value:5.1f} ms) - bar {BAR:.0f}/s")
    benchdb.result("; ".join(f"{name} {value:.1f}/s" for name, value in results.items()))
    failures = [name for name, value in results.items() if value < BAR]
    if failures:
        print("NOT MET: " + ", ".join(failures))
        return 1
    print("met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
