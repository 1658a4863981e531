"""Open Badges 3.0: the credential and issuer profile pass the 1EdTech schemas, and the
VC-JWT signature holds until someone alters the credential."""

import base64
import json
import os
import sys
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

from certificates.credentials import CredentialError, credential_verify
from certificates.keys import public_jwk, signing_key
from certificates.services import certificate_revoke
from tests.certificates.factories import issued_certificate, policy

# The 1EdTech schemas live beside the repository (../shared/standards/ob3), where CI
# puts them too; OB3_SCHEMAS_DIR points elsewhere.
REPO = Path(__file__).resolve().parents[2]
OB3 = Path(os.environ.get("OB3_SCHEMAS_DIR") or REPO.parent / "shared" / "standards" / "ob3")


def _schema(name: str) -> dict:
    if not OB3.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"The OB 3.0 schemas are missing from {OB3}; CI must provide them.")
        pytest.skip(f"OB 3.0 schemas not available in {OB3} (set OB3_SCHEMAS_DIR)")
    return json.loads((OB3 / name).read_text())


def _b64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


@pytest.fixture
def certificate(participant, course):
    policy(course, months=24)
    return issued_certificate(course=course, participant=participant)


@pytest.fixture
def token(client, participant, certificate):
    client.force_login(participant.user)
    response = client.get(reverse("certificates:credential", kwargs={"pk": certificate.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_credential_passes_the_achievement_credential_schema(token, certificate):
    claims = credential_verify(token, public_key=signing_key().public_key())
    jsonschema.Draft201909Validator(_schema("achievementcredential.schema.json")).validate(claims)
    assert "OpenBadgeCredential" in claims["type"]
    assert claims["credentialSubject"]["achievement"]["name"] == certificate.course_title
    assert claims["iss"] == claims["issuer"]["id"]
    assert claims["jti"] == claims["id"]
    assert claims["exp"] > claims["nbf"]
    assert "validUntil" in claims
    # No e-mail address or birth year travels in the credential.
    assert certificate.participant.email not in token
    assert certificate.participant.email not in json.dumps(claims)


def _published_jwk(client, token) -> dict:
    """The JWK the token's header names, from the issuer's published key set."""
    kid = json.loads(_b64(token.split(".")[0]))["kid"]
    jwks = client.get(reverse("certificates:issuer_jwks")).json()
    (jwk,) = [key for key in jwks["keys"] if kid == f"{jwks_url()}#{key['kid']}"]
    return jwk


def jwks_url() -> str:
    return "http://testserver" + reverse("certificates:issuer_jwks")


def test_header_names_the_published_key(client, token):
    header = json.loads(_b64(token.split(".")[0]))
    assert header["alg"] == "RS256"
    jwk = _published_jwk(client, token)
    assert jwk == public_jwk()
    jwks = client.get(reverse("certificates:issuer_jwks")).json()
    assert all("d" not in key for key in jwks["keys"])  # never the private part


def test_tampering_breaks_the_signature(token):
    public_key = signing_key().public_key()
    header, payload, signature = token.split(".")
    claims = json.loads(_b64(payload))
    claims["credentialSubject"]["achievement"]["name"] = "Advanced drone piloting"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(CredentialError):
        credential_verify(f"{header}.{forged}.{signature}", public_key=public_key)
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    with pytest.raises(CredentialError):
        credential_verify(f"{header}.{payload}.{flipped}", public_key=public_key)


def test_another_key_does_not_verify(token):
    from cryptography.hazmat.primitives.asymmetric import rsa

    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(CredentialError):
        credential_verify(token, public_key=stranger.public_key())


def test_issuer_profile_passes_the_profile_schema(client, db):
    response = client.get(reverse("certificates:issuer_profile"))
    assert response.status_code == 200
    profile = response.json()
    jsonschema.Draft201909Validator(_schema("profile.schema.json")).validate(profile)
    assert profile["id"] == "http://testserver" + reverse("certificates:issuer_profile")


def test_revocation_shows_in_the_credential_status(client, token, certificate, secretariat):
    claims = credential_verify(token, public_key=signing_key().public_key())
    status = claims["credentialStatus"]
    assert status["type"] == "1EdTechRevocationList"
    status_path = status["id"].removeprefix("http://testserver")

    def revoked_ids():
        return [entry["id"] for entry in client.get(status_path).json()["revokedCredentials"]]

    assert claims["id"] not in revoked_ids()
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="Misconduct")
    assert claims["id"] in revoked_ids()
    assert "Misconduct" not in client.get(status_path).content.decode()
    # The credential id is the machine-readable verification record.
    assert client.get(claims["id"].removeprefix("http://testserver")).json()["status"] == "revoked"


def test_achievement_document(client, certificate):
    response = client.get(
        reverse("certificates:achievement", kwargs={"course_id": certificate.course_id})
    )
    assert response.status_code == 200
    assert response.json()["name"] == certificate.course.title


def test_achievement_criteria_and_ids_use_the_portal_base_url(settings, certificate, client):
    from certificates.credentials import credential_build
    from certificates.documents import credential_data, issuer_data, issuer_snapshot

    settings.PORTAL_BASE_URL = "https://academy.example.org"
    credential = credential_build(
        credential_data(certificate), issuer_data(issuer_snapshot(images=False))
    )
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["criteria"]["id"] == "https://academy.example.org" + certificate.course.url
    for url in (credential["id"], credential["issuer"]["id"], achievement["id"]):
        assert url.startswith("https://academy.example.org/en/certificates/")
    published = client.get(
        reverse("certificates:achievement", kwargs={"course_id": certificate.course_id}),
        HTTP_HOST="127.0.0.1",
    ).json()
    assert published["id"] == achievement["id"]
    assert published["criteria"]["id"] == achievement["criteria"]["id"]


# --- Signatures checked by code other than ours ------------------------------------------


def test_the_credential_verifies_with_joserfc_and_the_published_key(client, token):
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    published = _published_jwk(client, token)
    decoded = jwt.decode(token, RSAKey.import_key(published), algorithms=["RS256"])
    assert decoded.header["alg"] == "RS256"
    assert decoded.claims["jti"] == decoded.claims["id"]


def test_the_credential_verifies_with_cryptography_alone(client, token):
    """RFC 7515 by hand, with the modulus and exponent of the published JWK."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    jwk = _published_jwk(client, token)
    public_key = rsa.RSAPublicNumbers(
        int.from_bytes(_b64(jwk["e"]), "big"), int.from_bytes(_b64(jwk["n"]), "big")
    ).public_key()
    header, payload, signature = token.split(".")
    public_key.verify(  # raises InvalidSignature when it does not hold
        _b64(signature), f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256()
    )
    assert json.loads(_b64(payload))["iss"].endswith("/certificates/issuer.json")


def test_jwk_thumbprint_matches_the_rfc_7638_example():
    """RFC 7638 §3.1: this key's thumbprint is NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs."""
    from cryptography.hazmat.primitives.asymmetric import rsa

    n = (
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
        "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_"
        "FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI"
        "4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
    )
    public_key = rsa.RSAPublicNumbers(65537, int.from_bytes(_b64(n), "big")).public_key()
    assert public_jwk(public_key)["kid"] == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_missing_schemas_fail_in_ci_and_skip_elsewhere(monkeypatch, tmp_path):
    """CI must not pass quietly without the 1EdTech schemas; a laptop may skip them."""
    monkeypatch.setattr(sys.modules[__name__], "OB3", tmp_path / "missing")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _schema("profile.schema.json")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must provide them"):
        _schema("profile.schema.json")
