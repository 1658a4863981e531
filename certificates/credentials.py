"""Open Badges 3.0 credentials: build an ``OpenBadgeCredential`` and sign it as a VC-JWT.

Two proof formats: VC-JWT here, and an embedded Data Integrity proof in
``data_integrity.py``. The proof format is VC-JWT (OB 3.0 §8.2, "JSON Web Token Proof Format"): the
credential is the JWT payload, with the registered claims ``iss``, ``jti``,
``sub``, ``nbf`` (and ``exp`` when it expires), signed with RS256. OB 3.0
requires every conforming verifier to support RS256, so it is the choice that
travels furthest, and an external JWT proof leaves the JSON untouched (no
JSON-LD canonicalisation, which a Data Integrity proof would need). Signing and
verification are joserfc's (a maintained JOSE library), not our own.

Everything here works on plain values; the ORM stays in services and views.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

OB_CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
# The two 1EdTech types a credential names that neither context defines: without
# them JSON-LD processors (a Data Integrity proof's canonicalisation, safe mode)
# would resolve them as relative IRIs. The IRIs are the ones 1EdTech's vocabularies use.
EXTRA_TERMS = {
    "1EdTechJsonSchemaValidator2019": (
        "https://purl.imsglobal.org/spec/vc/ob/vocab.html#1EdTechJsonSchemaValidator2019"
    ),
    "1EdTechRevocationList": (
        "https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList"
    ),
}
CONTEXT = [*OB_CONTEXTS, EXTRA_TERMS]
ACHIEVEMENT_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
REVOCATION_LIST_TYPE = "1EdTechRevocationList"
ALGORITHM = "RS256"


class CredentialError(ValueError):
    """A token that is malformed, signed by another key, or altered."""


@dataclass(frozen=True)
class IssuerData:
    id: str
    name: str
    url: str
    description: str = ""
    email: str = ""


@dataclass(frozen=True)
class CredentialData:
    """What a credential states about one certificate."""

    id: str
    subject_id: str
    holder_name: str
    achievement_id: str
    course_title: str
    course_description: str
    criteria_url: str
    issued_at: datetime.datetime
    expires_at: datetime.datetime | None
    status_url: str
    serial: str
    verify_url: str
    holder_native_name: str = ""
    activity_start: datetime.date | None = None
    activity_end: datetime.date | None = None
    achievement_image: str = ""


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def issuer_profile(issuer: IssuerData, *, verification_methods: list[dict] = ()) -> dict:
    """The issuer's OB 3.0 ``Profile``, as the portal publishes it at ``issuer.id``.

    Args:
        verification_methods: the Multikey documents of the issuer's Ed25519
            keys, current and retired: Data Integrity proofs name one of them,
            and the profile lists them as its ``assertionMethod`` list, so that a
            verifier sees the issuer controls them.
    """
    profile = {
        "@context": OB_CONTEXTS,
        "id": issuer.id,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
    }
    if issuer.description:
        profile["description"] = issuer.description
    if issuer.email:
        profile["email"] = issuer.email
    if verification_methods:
        profile["verificationMethod"] = list(verification_methods)
        profile["assertionMethod"] = [method["id"] for method in verification_methods]
    return profile


def credential_build(data: CredentialData, issuer: IssuerData) -> dict:
    """The unsigned ``OpenBadgeCredential`` for one certificate."""
    subject = {
        "id": data.subject_id,
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": data.holder_name,
            }
        ],
        "achievement": {
            "id": data.achievement_id,
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": data.course_title,
            "description": data.course_description or data.course_title,
            "criteria": {"id": data.criteria_url, "narrative": data.course_title},
            "creator": {"id": issuer.id, "type": ["Profile"], "name": issuer.name},
        },
    }
    if data.achievement_image:
        subject["achievement"]["image"] = {
            "id": data.achievement_image,
            "type": "Image",
            "caption": data.course_title,
        }
    if data.holder_native_name and data.holder_native_name != data.holder_name:
        subject["identifier"].append(
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": data.holder_native_name,
            }
        )
    if data.activity_start:
        subject["activityStartDate"] = f"{data.activity_start.isoformat()}T00:00:00Z"
    if data.activity_end:
        subject["activityEndDate"] = f"{data.activity_end.isoformat()}T00:00:00Z"
    credential = {
        "@context": CONTEXT,
        "id": data.id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{data.course_title} — {data.serial}",
        "issuer": {
            "id": issuer.id,
            "type": ["Profile"],
            "name": issuer.name,
            "url": issuer.url,
        },
        "validFrom": _iso(data.issued_at),
        "awardedDate": _iso(data.issued_at),
        "credentialSubject": subject,
        "credentialStatus": {"id": data.status_url, "type": REVOCATION_LIST_TYPE},
        "credentialSchema": [{"id": ACHIEVEMENT_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
        "evidence": [{"id": data.verify_url, "type": ["Evidence"], "name": data.serial}],
    }
    if data.expires_at:
        credential["validUntil"] = _iso(data.expires_at)
    return credential


def credential_sign(credential: dict, *, key: rsa.RSAPrivateKey, kid: str) -> str:
    """Sign ``credential`` as a compact VC-JWT (RS256).

    Args:
        credential: an unsigned credential from ``credential_build``.
        key: the issuer's RSA private key.
        kid: the URL of the public key, as published in the issuer's JWK set.

    Returns:
        ``header.payload.signature``, each part base64url without padding.
    """
    valid_from = datetime.datetime.fromisoformat(credential["validFrom"])
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": credential["credentialSubject"]["id"],
        "nbf": int(valid_from.timestamp()),
    }
    if "validUntil" in credential:
        claims["exp"] = int(datetime.datetime.fromisoformat(credential["validUntil"]).timestamp())
    header = {"alg": ALGORITHM, "typ": "JWT", "kid": kid}
    return jwt.encode(header, claims, RSAKey.import_key(key), algorithms=[ALGORITHM])


def credential_verify(token: str, *, public_key: rsa.RSAPublicKey) -> dict:
    """Check a VC-JWT's RS256 signature and return its claims.

    Raises:
        CredentialError: the token is malformed, uses another algorithm, or its
            signature does not match (it was altered or signed by another key).
    """
    try:
        decoded = jwt.decode(token.strip(), RSAKey.import_key(public_key), algorithms=[ALGORITHM])
    except JoseError as error:
        raise CredentialError(f"The credential does not verify: {error}") from error
    except ValueError as error:  # not base64url or not JSON
        raise CredentialError("Not a compact JWT.") from error
    return dict(decoded.claims)
