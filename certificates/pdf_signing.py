"""PDF signatures: the issuer signs each certificate PDF (PAdES, with pyHanko).

A PDF reader then shows who signed the certificate (the X.509 certificate of
the issuer's RSA key names the issuer) and that not a byte changed since. The
signature is added at download (``certificate_pdf_signed``), not when the PDF
is rendered at issue: a bulk issue of a thousand certificates keeps its render
speed, and a PDF is always signed with the issuer's current key.
"""

from __future__ import annotations

import io
from functools import lru_cache

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko_certvalidator.registry import SimpleCertificateStore

SIGNATURE_FIELD = "IssuerSignature"


class _IssuerSigner(signers.SimpleSigner):
    """pyHanko's ``SimpleSigner`` with the RSA key kept loaded.

    ``SimpleSigner`` parses its private key again for every signature, and for
    the size estimate before it: with a 3,072-bit key that is most of a
    quarter of a second per PDF. Here the parsed key is kept, and the estimate
    uses a signature's known length. RSA PKCS#1 v1.5 with SHA-256 only.
    """

    def __init__(self, *, key: rsa.RSAPrivateKey, **kwargs):
        self._rsa_key = key
        super().__init__(**kwargs)

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        if dry_run:
            return bytes(self._rsa_key.key_size // 8)
        return self.sign_raw(data, digest_algorithm)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        return self._rsa_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


@lru_cache(maxsize=8)
def _signer(private_pem: bytes, certificate_pem: str) -> signers.SimpleSigner:
    key = serialization.load_pem_private_key(private_pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError("PDFs are signed with the issuer's RSA key.")
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    certificate = asn1_x509.Certificate.load(
        x509.load_pem_x509_certificate(certificate_pem.encode()).public_bytes(
            serialization.Encoding.DER
        )
    )
    return _IssuerSigner(
        key=key,
        signing_cert=certificate,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([certificate]),
    )


def pdf_sign(
    pdf: bytes,
    *,
    key: rsa.RSAPrivateKey,
    certificate_pem: str,
    reason: str = "",
    location: str = "",
) -> bytes:
    """``pdf`` with an invisible PAdES baseline signature by ``key`` (SHA-256).

    Args:
        pdf: the PDF as rendered.
        key: the issuer's RSA private key.
        certificate_pem: the X.509 certificate of ``key`` (names the issuer).
        reason: shown by PDF readers beside the signature.
        location: where it was signed (the portal's address).

    Returns:
        The signed PDF (the original bytes plus an incremental update).
    """
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signer = _signer(private_pem, certificate_pem)
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    output = signers.sign_pdf(writer, metadata, signer=signer)
    return output.getvalue()
