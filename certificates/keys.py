"""The issuer's signing key for digital credentials.

Production sets ``CERTIFICATES_SIGNING_KEY`` (a PEM-encoded RSA private key,
e.g. from a secret store) or ``CERTIFICATES_SIGNING_KEY_FILE`` (a path to one).
Production also sets ``CERTIFICATES_REQUIRE_KEY``, so that a missing key is an
error rather than a key of its own per server. Without either, a development
key is generated on first use under the var directory (``var/keys/``,
git-ignored, mode 0600) and reused afterwards; it is never part of the
repository.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc.jwk import RSAKey

DEV_KEY_NAME = "certificates-signing-key.pem"
RSA_KEY_BITS = 3072


def _dev_key_path() -> Path:
    var_dir = Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var"))
    return var_dir / "keys" / DEV_KEY_NAME


def _generate(path: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when two workers start at once, the first key written wins.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)


def _pem() -> bytes:
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
    if getattr(settings, "CERTIFICATES_REQUIRE_KEY", False):
        # Several app servers generating keys of their own would sign
        # credentials that the published key set cannot all verify.
        raise ImproperlyConfigured(
            "Set CERTIFICATES_SIGNING_KEY or CERTIFICATES_SIGNING_KEY_FILE: "
            "a development key is not generated when CERTIFICATES_REQUIRE_KEY is on."
        )
    dev_path = _dev_key_path()
    if not dev_path.exists():
        _generate(dev_path)
    return dev_path.read_bytes()


@lru_cache(maxsize=4)
def _load(pem: bytes) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < 2048:
        raise ImproperlyConfigured(
            "The certificate signing key must be an RSA private key of at least 2048 bits."
        )
    return key


def signing_key() -> rsa.RSAPrivateKey:
    """The issuer's private key (loaded once per process per configured key)."""
    return _load(_pem())


def public_jwk(key: rsa.RSAPrivateKey | rsa.RSAPublicKey | None = None) -> dict:
    """The public half as a JSON Web Key, with its RFC 7638 thumbprint as ``kid``.

    Args:
        key: the key to publish (its private half is never included); the
            issuer's signing key by default.
    """
    key = key or signing_key()
    public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    jwk = RSAKey.import_key(public)
    return {**jwk.as_dict(private=False), "alg": "RS256", "use": "sig", "kid": jwk.thumbprint()}
