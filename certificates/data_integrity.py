"""Open Badges 3.0 credentials with an embedded Data Integrity proof (``eddsa-rdfc-2022``).

The second proof format of OB 3.0 (§8.3, "Linked Data Proof Format"), for
wallets that import JSON-LD credentials: the credential keeps its JSON and
carries a ``proof`` (W3C Data Integrity EdDSA Cryptosuites v1.0, §3.3):

1. the credential without its proof, and the proof's options with the
   credential's ``@context``, are each canonicalised with RDF Dataset
   Canonicalization (RDFC-1.0, which pyld calls ``URDNA2015``) into N-Quads;
2. the data signed is SHA-256(proof options) followed by SHA-256(credential);
3. the Ed25519 signature is the ``proofValue``, base58btc multibase (``z…``).

JSON-LD needs the contexts the credential names. They are shipped in
``certificates/contexts/`` and loaded from there only: no document is fetched
from the network, and a credential naming any other context is refused.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from pyld import jsonld

from .credentials import CredentialError
from .keys import base58btc_decode, base58btc_encode

CRYPTOSUITE = "eddsa-rdfc-2022"
PROOF_TYPE = "DataIntegrityProof"
CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
# Each context a credential may name, and the file that holds it.
CONTEXT_FILES = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
}
# pyld resolves a relative IRI against this when no base is given; an IRI of it in
# the canonical form means a term the contexts do not define, which would not be
# signed as meant.
_PYLD_DEFAULT_BASE = "http://example.org/base/"


@cache
def _context(url: str) -> dict:
    return json.loads((CONTEXTS_DIR / CONTEXT_FILES[url]).read_text(encoding="utf-8"))


def document_loader(url: str, options=None) -> dict:
    """pyld's document loader: the shipped contexts, and nothing from the network."""
    if url not in CONTEXT_FILES:
        raise jsonld.JsonLdError(
            f"Context {url} is not one the portal ships.",
            "jsonld.LoadDocumentError",
            code="loading remote context failed",
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": _context(url),
    }


def canonicalize(document: dict) -> str:
    """The RDFC-1.0 (URDNA2015) canonical N-Quads of a JSON-LD document.

    Raises:
        CredentialError: a context is not shipped, or a term is undefined.
    """
    try:
        nquads = jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": document_loader,
            },
        )
    except jsonld.JsonLdError as error:
        raise CredentialError(f"The credential is not valid JSON-LD: {error}") from error
    if _PYLD_DEFAULT_BASE in nquads:
        raise CredentialError("The credential uses a term its contexts do not define.")
    return nquads


def _hash_data(document: dict, proof_options: dict) -> bytes:
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    config = {**proof_options, "@context": document["@context"]}
    config.pop("proofValue", None)
    return (
        hashlib.sha256(canonicalize(config).encode()).digest()
        + hashlib.sha256(canonicalize(unsecured).encode()).digest()
    )


def _timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def proof_add(
    credential: dict,
    *,
    key: ed25519.Ed25519PrivateKey,
    verification_method: str,
    created: datetime.datetime,
) -> dict:
    """``credential`` with an ``eddsa-rdfc-2022`` Data Integrity proof added.

    Args:
        credential: an unsigned credential from ``credential_build``.
        key: the issuer's Ed25519 private key.
        verification_method: the URL of the public key's Multikey document.
        created: when the proof is made.

    Returns:
        A new dict; ``credential`` is left as it was.
    """
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": _timestamp(created),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_hash_data(credential, options))
    signed = copy.deepcopy(credential)
    signed["proof"] = [{**options, "proofValue": "z" + base58btc_encode(signature)}]
    return signed


def proof_verify(credential: dict, *, public_key: ed25519.Ed25519PublicKey) -> dict:
    """Check a credential's ``eddsa-rdfc-2022`` proof; returns the proof checked.

    Raises:
        CredentialError: no such proof, or it does not match (altered or
            signed with another key).
    """
    proofs = credential.get("proof")
    proofs = proofs if isinstance(proofs, list) else [proofs] if proofs else []
    for proof in proofs:
        if proof.get("type") == PROOF_TYPE and proof.get("cryptosuite") == CRYPTOSUITE:
            break
    else:
        raise CredentialError(f"The credential has no {CRYPTOSUITE} proof.")
    value = proof.get("proofValue", "")
    try:
        if not value.startswith("z"):
            raise ValueError("not base58btc")
        public_key.verify(base58btc_decode(value[1:]), _hash_data(credential, proof))
    except (InvalidSignature, ValueError) as error:
        raise CredentialError("The credential's proof does not verify.") from error
    return proof
