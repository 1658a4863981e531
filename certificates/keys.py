"""The issuer's signing keys: current and retired, RSA and Ed25519.

Two kinds of key sign what the portal issues:

- **RSA** (``IssuerKeyKind.RSA``): the VC-JWT credentials (RS256) and the PDF
  signatures (PAdES, with a self-signed X.509 certificate naming the issuer);
- **Ed25519** (``IssuerKeyKind.ED25519``): the Data Integrity proofs
  (``eddsa-rdfc-2022``) of the JSON-LD credentials.

Each kind has one current key and any number of retired ones. The public
halves are rows of ``IssuerKey`` (so every server publishes the same set, and
retired keys stay published: what they signed still verifies). The private
halves never enter the database: they are files ``<key_id>.pem`` (mode 0600)
in the key folder, ``CERTIFICATES_KEY_DIR`` (``var/keys/`` by default), which
every server reads and which is backed up with the database. The first RSA key
may instead come from ``CERTIFICATES_SIGNING_KEY`` (a PEM) or
``CERTIFICATES_SIGNING_KEY_FILE`` (a path): it is registered on first use, and
setting another one there later registers it as the new current key.

``manage.py rotate_signing_key`` retires the current keys and makes new ones.
Without ``CERTIFICATES_REQUIRE_KEY`` (development), a missing key is generated
on first use; with it (production), a missing key is an error that says what to
run, so that two servers never sign with keys of their own.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from joserfc.jwk import OKPKey, RSAKey

from .models import IssuerKey, IssuerKeyKind

RSA_KEY_BITS = 3072
CERTIFICATE_YEARS = 10
MULTIKEY_ED25519_PREFIX = b"\xed\x01"  # multicodec ed25519-pub, as a varint
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

PrivateKey = rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey


# --- Encodings ------------------------------------------------------------------


def base58btc_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = BASE58_ALPHABET[remainder] + encoded
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + encoded


def base58btc_decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = BASE58_ALPHABET.find(char)
        if index < 0:
            raise ValueError(f"{char!r} is not a base58btc character.")
        number = number * 58 + index
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multikey_encode(public_key: ed25519.Ed25519PublicKey) -> str:
    """The Multikey ``publicKeyMultibase`` of an Ed25519 key: ``z6Mk…``."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + base58btc_encode(MULTIKEY_ED25519_PREFIX + raw)


def multikey_decode(value: str) -> ed25519.Ed25519PublicKey:
    """The Ed25519 public key of a ``z6Mk…`` Multikey value.

    Raises:
        ValueError: not a base58btc multibase Ed25519 public key.
    """
    if not value.startswith("z"):
        raise ValueError("Not a base58btc multibase value.")
    data = base58btc_decode(value[1:])
    if not data.startswith(MULTIKEY_ED25519_PREFIX) or len(data) != 34:
        raise ValueError("Not an Ed25519 Multikey.")
    return ed25519.Ed25519PublicKey.from_public_bytes(data[2:])


def _private_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _public_pem(key) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def rsa_thumbprint(key: rsa.RSAPrivateKey | rsa.RSAPublicKey) -> str:
    public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    return RSAKey.import_key(public).thumbprint()


def key_id_of(key: PrivateKey) -> str:
    """The id an issuer key is published under (thumbprint or multibase)."""
    if isinstance(key, rsa.RSAPrivateKey):
        return rsa_thumbprint(key)
    return multikey_encode(key.public_key())


# --- Where private keys live -------------------------------------------------------


def key_dir() -> Path:
    configured = getattr(settings, "CERTIFICATES_KEY_DIR", "")
    if configured:
        return Path(configured)
    return Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var")) / "keys"


def _configured_rsa_pem() -> bytes | None:
    pem = getattr(settings, "CERTIFICATES_SIGNING_KEY", "")
    if pem:
        return pem.encode() if isinstance(pem, str) else pem
    path = getattr(settings, "CERTIFICATES_SIGNING_KEY_FILE", "")
    if path:
        try:
            return Path(path).read_bytes()
        except OSError as error:
            raise ImproperlyConfigured(
                f"CERTIFICATES_SIGNING_KEY_FILE cannot be read: {error}"
            ) from error
    return None


@lru_cache(maxsize=16)
def _load(pem: bytes) -> PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if isinstance(key, rsa.RSAPrivateKey):
        if key.key_size < 2048:
            raise ImproperlyConfigured(
                "The certificate signing key must be an RSA key of at least 2048 bits."
            )
        return key
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key
    raise ImproperlyConfigured("An issuer key must be an RSA or an Ed25519 private key.")


def _key_file(key_id: str) -> Path:
    return key_dir() / f"{key_id}.pem"


def _write_private(key: PrivateKey) -> Path:
    path = _key_file(key_id_of(key))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(fd, "wb") as handle:
        handle.write(_private_pem(key))
    return path


def private_key_for(row: IssuerKey) -> PrivateKey:
    """The private half of a published key, from the settings or the key folder.

    Raises:
        ImproperlyConfigured: this server does not hold it.
    """
    configured = _configured_rsa_pem()
    if row.kind == IssuerKeyKind.RSA and configured:
        key = _load(configured)
        if key_id_of(key) == row.key_id:
            return key
    try:
        pem = _key_file(row.key_id).read_bytes()
    except OSError as error:
        raise ImproperlyConfigured(
            f"The private half of the issuer's {row.kind} key {row.key_id} is not in "
            f"{key_dir()} on this server: copy the key folder (CERTIFICATES_KEY_DIR) from "
            "the server that made it, or restore it from the backup."
        ) from error
    return _load(pem)


# --- Making and registering keys ----------------------------------------------------


def _issuer_name() -> str:
    from wagtail.models import Site

    from .models import CertificateSettings

    site = Site.objects.filter(is_default_site=True).first()
    name = CertificateSettings.for_site(site).issuer_name if site else ""
    return name or "Flyway Academy"


def x509_certificate_make(key: rsa.RSAPrivateKey, *, issuer_name: str) -> str:
    """A self-signed X.509 certificate for ``key`` naming the issuer (PEM).

    PDF readers show its subject as who signed; a certificate from a CA that
    readers trust may replace it (see docs/operations.md).
    """
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, issuer_name[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, issuer_name[:64]),
        ]
    )
    now = timezone.now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * CERTIFICATE_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def _generate(kind: str) -> PrivateKey:
    if kind == IssuerKeyKind.RSA:
        return rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
    return ed25519.Ed25519PrivateKey.generate()


def _register(key: PrivateKey, *, kind: str, retire_current: bool) -> IssuerKey:
    """Publish ``key`` as the current key of ``kind``, retiring the one before if asked."""
    x509_pem = ""
    if kind == IssuerKeyKind.RSA:
        x509_pem = x509_certificate_make(key, issuer_name=_issuer_name())
    now = timezone.now()
    with transaction.atomic():
        if retire_current:
            IssuerKey.objects.filter(kind=kind, retired_at__isnull=True).update(retired_at=now)
        return IssuerKey.objects.create(
            kind=kind,
            key_id=key_id_of(key),
            public_key=_public_pem(key),
            x509_certificate=x509_pem,
            created_at=now,
        )


def key_rotate(*, kind: str, key: PrivateKey | None = None) -> IssuerKey:
    """Retire the current key of ``kind`` and make (or take) a new current one.

    The new private key is written to the key folder before the database
    changes, so a published key always has its private half somewhere.

    Args:
        kind: ``IssuerKeyKind.RSA`` or ``IssuerKeyKind.ED25519``.
        key: the new private key; a fresh one by default.

    Returns:
        The new current key's row.
    """
    if kind == IssuerKeyKind.RSA:
        # The configured key is published (and now retired) before its successor.
        _configured_key_publish()
    key = key or _generate(kind)
    expected = rsa.RSAPrivateKey if kind == IssuerKeyKind.RSA else ed25519.Ed25519PrivateKey
    if not isinstance(key, expected):
        raise ImproperlyConfigured(f"A {kind} key is needed.")
    if IssuerKey.objects.filter(key_id=key_id_of(key)).exists():
        raise ImproperlyConfigured("That key was published before: a rotation needs a new key.")
    _write_private(key)
    return _register(key, kind=kind, retire_current=True)


def _first_key(kind: str) -> None:
    """Create the first key of ``kind`` (development) or say how to (production)."""
    if kind == IssuerKeyKind.RSA and (configured := _configured_rsa_pem()):
        key = _load(configured)
    elif getattr(settings, "CERTIFICATES_REQUIRE_KEY", False):
        # Several app servers generating keys of their own would sign credentials
        # that the published key set cannot all verify.
        raise ImproperlyConfigured(
            f"The issuer has no {kind} key. Set CERTIFICATES_SIGNING_KEY or "
            "CERTIFICATES_SIGNING_KEY_FILE (RSA), or run `manage.py rotate_signing_key` once "
            "with CERTIFICATES_KEY_DIR on storage every server reads: keys are not generated "
            "when CERTIFICATES_REQUIRE_KEY is on."
        )
    else:
        key = _generate(kind)
        _write_private(key)
    # Another process may have registered one first; then that one is current.
    with contextlib.suppress(IntegrityError):
        _register(key, kind=kind, retire_current=False)


@dataclass(frozen=True)
class SigningKey:
    """A current key, ready to sign: its published row and its private half."""

    row: IssuerKey
    private: PrivateKey

    @property
    def key_id(self) -> str:
        return self.row.key_id


def _configured_key_publish() -> None:
    """Publish ``CERTIFICATES_SIGNING_KEY(_FILE)`` as the current RSA key if it is new.

    A key set there that was never published retires the current one: setting
    a new key in the environment is a rotation too.
    """
    configured = _configured_rsa_pem()
    if not configured:
        return
    key = _load(configured)
    if IssuerKey.objects.filter(key_id=key_id_of(key)).exists():
        return
    try:
        with transaction.atomic():
            current = IssuerKey.objects.filter(kind=IssuerKeyKind.RSA, retired_at__isnull=True)
            _register(key, kind=IssuerKeyKind.RSA, retire_current=current.exists())
    except IntegrityError:
        pass  # registered by another process at the same moment


def current_key(kind: str) -> SigningKey:
    """The current key of ``kind``; created on first use in development.

    A new ``CERTIFICATES_SIGNING_KEY`` (one not published before) becomes the
    current RSA key, the one before it retired.
    """
    if kind == IssuerKeyKind.RSA:
        _configured_key_publish()
    row = IssuerKey.objects.filter(kind=kind, retired_at__isnull=True).first()
    if row is None:
        _first_key(kind)
        row = IssuerKey.objects.get(kind=kind, retired_at__isnull=True)
    return SigningKey(row=row, private=private_key_for(row))


def signing_key() -> rsa.RSAPrivateKey:
    """The issuer's current RSA private key (VC-JWT, PDF)."""
    return current_key(IssuerKeyKind.RSA).private


def public_jwk(key: rsa.RSAPrivateKey | rsa.RSAPublicKey | None = None) -> dict:
    """An RSA public key as a JSON Web Key, with its RFC 7638 thumbprint as ``kid``.

    Args:
        key: the key to publish (its private half is never included); the
            issuer's current RSA key by default.
    """
    key = key or signing_key()
    public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    jwk = RSAKey.import_key(public)
    return {**jwk.as_dict(private=False), "alg": "RS256", "use": "sig", "kid": jwk.thumbprint()}


def row_public_key(row: IssuerKey):
    return serialization.load_pem_public_key(row.public_key.encode())


def row_jwk(row: IssuerKey) -> dict:
    """A published key as a JWK: RSA (RS256) or OKP Ed25519 (EdDSA), ``kid`` its key id."""
    public = row_public_key(row)
    if row.kind == IssuerKeyKind.RSA:
        jwk = public_jwk(public)
    else:
        jwk = {
            **OKPKey.import_key(public).as_dict(private=False),
            "alg": "EdDSA",
            "use": "sig",
            "kid": row.key_id,
        }
    if row.retired_at:
        # Not a registered JWK member: tells people the key signs nothing new.
        jwk["retired"] = row.retired_at.astimezone(datetime.UTC).date().isoformat()
    return jwk


def _ordered():
    return IssuerKey.objects.order_by(
        F("retired_at").desc(nulls_first=True), "kind", "-created_at", "pk"
    )


def published_keys() -> list[IssuerKey]:
    """Every key the issuer published, current first, then the retired by age.

    Makes the current keys first if there are none yet (development; in
    production, see ``current_key``, what exists is published).
    """
    rows = list(_ordered())
    missing = {IssuerKeyKind.RSA, IssuerKeyKind.ED25519} - {
        row.kind for row in rows if row.retired_at is None
    }
    if missing:
        for kind in sorted(missing):
            # Production makes no key on the spot: it publishes what it has.
            with contextlib.suppress(ImproperlyConfigured):
                current_key(kind)
        rows = list(_ordered())
    return rows


def published_key(key_id: str) -> IssuerKey | None:
    if not key_id or len(key_id) > 100:
        return None
    return IssuerKey.objects.filter(key_id=key_id).first()
