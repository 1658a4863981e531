"""Keys that rotate (#20, item 5): the issuer publishes its current and retired keys, a
command rotates them, and everything signed before a rotation still verifies."""

import io

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from certificates.keys import current_key
from certificates.models import IssuerKey, IssuerKeyKind
from certificates.services import certificate_revoke
from tests.certificates.factories import issued_certificate
from tests.certificates.test_portable import (
    _di_verify,
    _multikey,
    _path,
    _pyjwt_verify,
    _validate_pdf,
)


@pytest.fixture
def certificate(participant, course):
    return issued_certificate(course=course, participant=participant)


def _downloads(client, certificate):
    pk = {"pk": certificate.pk}
    return (
        client.get(reverse("certificates:credential", kwargs=pk)).content.decode(),
        client.get(reverse("certificates:credential_ld", kwargs=pk)).json(),
        client.get(reverse("certificates:download", kwargs=pk)).content,
    )


def test_everything_signed_before_a_rotation_still_verifies(client, certificate, secretariat):
    client.force_login(certificate.participant.user)
    old_jwt, old_ld, old_pdf = _downloads(client, certificate)
    old_rsa = IssuerKey.objects.get(kind=IssuerKeyKind.RSA, retired_at__isnull=True)

    out = io.StringIO()
    call_command("rotate_signing_key", stdout=out)
    assert "New current rsa key" in out.getvalue() and "New current ed25519 key" in out.getvalue()
    new_jwt, new_ld, new_pdf = _downloads(client, certificate)

    # New signatures name new keys ...
    assert _header_kid(old_jwt) != _header_kid(new_jwt)
    old_method = old_ld["proof"][0]["verificationMethod"]
    new_method = new_ld["proof"][0]["verificationMethod"]
    assert old_method != new_method
    # ... and both old and new verify against what the issuer publishes now.
    for token in (old_jwt, new_jwt):
        assert _pyjwt_verify(client, token)["jti"] == old_ld["id"]
    for credential, method in ((old_ld, old_method), (new_ld, new_method)):
        _di_verify(credential, _multikey(client, method))
    profile = client.get(reverse("certificates:issuer_profile")).json()
    assert {old_method, new_method} <= set(profile["assertionMethod"])
    jwks = client.get(reverse("certificates:issuer_jwks")).json()["keys"]
    assert len(jwks) == 4  # RSA and Ed25519, current and retired
    assert sum("retired" in key for key in jwks) == 2

    # The PDF downloaded before still validates with the retired key's certificate.
    old_rsa.refresh_from_db()
    assert old_rsa.retired_at is not None
    _, status = _validate_pdf(old_pdf, old_rsa.x509_certificate)
    assert status.intact and status.valid
    current = IssuerKey.objects.get(kind=IssuerKeyKind.RSA, retired_at__isnull=True)
    _, status = _validate_pdf(new_pdf, current.x509_certificate)
    assert status.intact and status.valid

    # Revocation still reaches credentials signed with either key.
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="Error")
    revoked = client.get(reverse("certificates:revocation_list")).json()["revokedCredentials"]
    assert old_ld["id"] in [entry["id"] for entry in revoked]
    assert client.get(_path(old_ld["id"])).json()["status"] == "revoked"


def _header_kid(token: str) -> str:
    import jwt

    return jwt.get_unverified_header(token)["kid"]


def test_a_new_configured_key_becomes_current_and_the_old_one_stays_published(
    client, settings, certificate
):
    client.force_login(certificate.participant.user)
    old_jwt = client.get(reverse("certificates:credential", kwargs={"pk": certificate.pk}))
    replacement = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.CERTIFICATES_SIGNING_KEY = replacement.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    assert current_key(IssuerKeyKind.RSA).private.public_key().public_numbers() == (
        replacement.public_key().public_numbers()
    )
    assert IssuerKey.objects.filter(kind=IssuerKeyKind.RSA).count() == 2
    assert _pyjwt_verify(client, old_jwt.content.decode())


def test_production_never_makes_a_key_of_its_own(settings, db, tmp_path):
    settings.CERTIFICATES_REQUIRE_KEY = True
    settings.CERTIFICATES_KEY_DIR = str(tmp_path)
    with pytest.raises(ImproperlyConfigured, match="rotate_signing_key"):
        current_key(IssuerKeyKind.ED25519)
    assert not list(tmp_path.iterdir())
    call_command("rotate_signing_key", "--kind", "ed25519", stdout=io.StringIO())
    key = current_key(IssuerKeyKind.ED25519)
    (written,) = tmp_path.iterdir()
    assert written.name == f"{key.key_id}.pem"
    assert written.stat().st_mode & 0o777 == 0o600


def test_a_server_without_the_private_key_says_what_to_copy(settings, db, tmp_path):
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "one")
    call_command("rotate_signing_key", "--kind", "ed25519", stdout=io.StringIO())
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "other")
    with pytest.raises(ImproperlyConfigured, match="CERTIFICATES_KEY_DIR"):
        current_key(IssuerKeyKind.ED25519)


def test_rotating_to_a_given_key_file(settings, db, tmp_path):
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "keys")
    path = tmp_path / "new.pem"
    new = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        new.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    call_command(
        "rotate_signing_key", "--kind", "rsa", "--from-file", str(path), stdout=io.StringIO()
    )
    assert current_key(IssuerKeyKind.RSA).private.private_numbers() == new.private_numbers()
    with pytest.raises(Exception, match="published before"):
        call_command(
            "rotate_signing_key", "--kind", "rsa", "--from-file", str(path), stdout=io.StringIO()
        )
