"""Open Badges 3.0: the credential and issuer profile pass the 1EdTech schemas, and the
VC-JWT signature holds until someone alters the credential."""

import base64
import json
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse

from certificates.credentials import CredentialError, credential_verify
from certificates.keys import public_jwk, signing_key
from certificates.services import certificate_revoke
from tests.certificates.factories import issued_certificate, policy

OB3 = Path("/work/shared/standards/ob3")
pytestmark = pytest.mark.skipif(not OB3.exists(), reason="OB 3.0 schemas not available")


def _schema(name: str) -> dict:
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


def test_header_names_the_published_key(client, token):
    header = json.loads(_b64(token.split(".")[0]))
    assert header["alg"] == "RS256"
    jwks = client.get(reverse("certificates:issuer_jwks")).json()
    assert header["kid"].endswith("#" + jwks["keys"][0]["kid"])
    assert jwks["keys"][0] == public_jwk()
    assert "d" not in jwks["keys"][0]  # never the private part


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
