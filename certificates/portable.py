"""What a holder takes along: signed credentials, the signed PDF, the badge, a LinkedIn link.

Reads only: each function turns a certificate (and the issuer's published
keys) into something to download or link to. Credentials are signed when they
are downloaded, with the issuer's current keys; retired keys stay published,
so what was signed before still verifies (``keys.py``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.links import absolute_reverse, base_url

from .credentials import credential_build, credential_sign, issuer_profile
from .data_integrity import proof_add
from .documents import credential_data, issuer_data, issuer_snapshot
from .keys import current_key, published_keys, row_jwk
from .models import Certificate, IssuerKey, IssuerKeyKind
from .pdf_signing import pdf_sign

MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
LINKEDIN_ADD_URL = "https://www.linkedin.com/profile/add"


def jwks_url() -> str:
    return absolute_reverse("certificates:issuer_jwks")


def verification_method_url(key_id: str) -> str:
    """Where an Ed25519 key's Multikey document is published (a proof's ``verificationMethod``)."""
    return absolute_reverse("certificates:issuer_key", key_id=key_id)


def multikey_document(row: IssuerKey, *, issuer_id: str | None = None) -> dict:
    """The Multikey document of a published Ed25519 key (W3C Controlled Identifiers)."""
    document = {
        "@context": MULTIKEY_CONTEXT,
        "id": verification_method_url(row.key_id),
        "type": "Multikey",
        "controller": issuer_id or absolute_reverse("certificates:issuer_profile"),
        "publicKeyMultibase": row.key_id,
    }
    if row.retired_at:
        document["retired"] = row.retired_at.isoformat()
    return document


def issuer_jwks() -> dict:
    """Every key the issuer published, current and retired, as a JWK set."""
    return {"keys": [row_jwk(row) for row in published_keys()]}


def issuer_profile_document() -> dict:
    """The issuer's OB 3.0 profile with its Ed25519 keys, current and retired."""
    issuer = issuer_data(issuer_snapshot(images=False))
    methods = []
    for row in published_keys():
        if row.kind == IssuerKeyKind.ED25519:
            method = multikey_document(row, issuer_id=issuer.id)
            del method["@context"]  # the profile's own context applies
            methods.append(method)
    return issuer_profile(issuer, verification_methods=methods)


def credential_unsigned(certificate: Certificate) -> dict:
    return credential_build(
        credential_data(certificate), issuer_data(issuer_snapshot(images=False))
    )


def credential_jwt(certificate: Certificate) -> str:
    """The certificate's OB 3.0 credential as a VC-JWT, signed with the current RSA key."""
    key = current_key(IssuerKeyKind.RSA)
    return credential_sign(
        credential_unsigned(certificate), key=key.private, kid=f"{jwks_url()}#{key.key_id}"
    )


def credential_with_proof(certificate: Certificate) -> dict:
    """The certificate's OB 3.0 credential with an ``eddsa-rdfc-2022`` Data Integrity proof."""
    key = current_key(IssuerKeyKind.ED25519)
    return proof_add(
        credential_unsigned(certificate),
        key=key.private,
        verification_method=verification_method_url(key.key_id),
        created=timezone.now(),
    )


def certificate_pdf_signed(certificate: Certificate, pdf: bytes) -> bytes:
    """``pdf`` (the certificate's stored PDF) signed by the issuer with its current RSA key."""
    key = current_key(IssuerKeyKind.RSA)
    issuer = issuer_snapshot(images=False)
    return pdf_sign(
        pdf,
        key=key.private,
        certificate_pem=key.row.x509_certificate,
        reason=_("Certificate %(serial)s issued by %(issuer)s")
        % {"serial": certificate.serial, "issuer": issuer.name},
        location=base_url(),
    )


def linkedin_add_url(certificate: Certificate, *, verify_url: str) -> str:
    """LinkedIn's "Add licence or certification" form, filled in; a link only.

    The organisation is named by its LinkedIn page id when
    ``CERTIFICATES_LINKEDIN_ORGANIZATION_ID`` is set (LinkedIn then shows its
    logo), by the issuer's name otherwise.
    """
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
    }
    organization_id = getattr(settings, "CERTIFICATES_LINKEDIN_ORGANIZATION_ID", "")
    if organization_id:
        params["organizationId"] = organization_id
    else:
        params["organizationName"] = issuer_snapshot(images=False).name
    issued = timezone.localtime(certificate.issued_at)
    params |= {"issueYear": issued.year, "issueMonth": issued.month}
    if certificate.expires_at:
        expires = timezone.localtime(certificate.expires_at)
        params |= {"expirationYear": expires.year, "expirationMonth": expires.month}
    params |= {"certUrl": verify_url, "certId": certificate.serial}
    return f"{LINKEDIN_ADD_URL}?{urlencode(params)}"
