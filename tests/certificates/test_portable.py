"""Portable (#20, item 4): a badge, LinkedIn, a page to share, both OB 3.0 proof formats, a
signed PDF. Every signature here is checked by code other than the portal's: PyJWT for
the VC-JWT, pyld's canonical N-Quads hashed and verified with ``cryptography`` for the Data
Integrity proof, pyHanko's validator for the PDF."""

import copy
import hashlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import jwt as pyjwt
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from django.urls import reverse
from PIL import Image
from pyld import jsonld

from certificates.services import certificate_revoke
from tests.certificates.factories import issued_certificate, policy
from tests.certificates.test_credentials import OB3, _schema
from tests.courses.factories import make_course
from tests.factories import UserFactory

BASE = "http://testserver"
REPO = Path(__file__).resolve().parents[2]
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


@pytest.fixture
def certificate(participant, course):
    policy(course, months=24)
    return issued_certificate(course=course, participant=participant)


@pytest.fixture
def holder(client, participant):
    client.force_login(participant.user)
    return client


def _path(url: str) -> str:
    return url.removeprefix(BASE)


# --- Independent helpers: none of the portal's verification code ----------------------


def _b58decode(text: str) -> bytes:
    number = 0
    for char in text:
        number = number * 58 + B58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def _loader(url, options=None):
    """The OB 3.0 context from the 1EdTech reference files, the VC 2.0 one as shipped."""
    files = {
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": OB3 / "context-3.0.3.json",
        "https://www.w3.org/ns/credentials/v2": REPO
        / "certificates"
        / "contexts"
        / "credentials-v2.jsonld",
    }
    if url not in files:
        raise jsonld.JsonLdError("not offline", "loading document failed")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(files[url].read_text()),
    }


def _nquads(document: dict) -> str:
    return jsonld.normalize(
        document,
        {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": _loader},
    )


def _di_verify(credential: dict, public_key: ed25519.Ed25519PublicKey) -> None:
    """W3C vc-di-eddsa §3.3.2, by hand: raises InvalidSignature when the proof fails."""
    (proof,) = credential["proof"]
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == "eddsa-rdfc-2022"
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = credential["@context"]
    document = {k: v for k, v in credential.items() if k != "proof"}
    data = (
        hashlib.sha256(_nquads(options).encode()).digest()
        + hashlib.sha256(_nquads(document).encode()).digest()
    )
    assert proof["proofValue"].startswith("z")
    public_key.verify(_b58decode(proof["proofValue"][1:]), data)


def _multikey(client, verification_method: str) -> ed25519.Ed25519PublicKey:
    document = client.get(_path(verification_method)).json()
    assert document["type"] == "Multikey" and document["id"] == verification_method
    raw = _b58decode(document["publicKeyMultibase"][1:])
    assert raw[:2] == b"\xed\x01" and len(raw) == 34
    return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:])


def _pyjwt_verify(client, token: str) -> dict:
    kid = pyjwt.get_unverified_header(token)["kid"]
    jwks = client.get(reverse("certificates:issuer_jwks")).json()
    (jwk,) = [k for k in jwks["keys"] if kid.endswith("#" + k["kid"])]
    key = pyjwt.PyJWK(jwk).key
    return pyjwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False})


# --- Badge ---------------------------------------------------------------------------


def test_each_course_has_a_badge_png_named_in_the_credential(client, holder, certificate):
    url = reverse("certificates:badge", kwargs={"course_id": certificate.course_id})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (600, 600)
    other = make_course(modules=1, title="Colour banding of cranes", slug="colour-banding")
    other_png = client.get(reverse("certificates:badge", kwargs={"course_id": other.pk})).content
    assert other_png != response.content

    token = holder.get(reverse("certificates:credential", kwargs={"pk": certificate.pk}))
    claims = _pyjwt_verify(client, token.content.decode())
    image_entry = claims["credentialSubject"]["achievement"]["image"]
    assert image_entry == {"id": BASE + url, "type": "Image", "caption": certificate.course_title}
    achievement = client.get(
        reverse("certificates:achievement", kwargs={"course_id": certificate.course_id})
    ).json()
    assert achievement["image"]["id"] == BASE + url


def test_a_chosen_badge_image_is_served(client, certificate):
    from wagtail.images.models import Image as WagtailImage
    from wagtail.images.tests.utils import get_test_image_file

    chosen = WagtailImage.objects.create(
        title="Crane badge", file=get_test_image_file(colour="red", size=(300, 300))
    )
    certificate.course.certificate_policy.badge_image = chosen
    certificate.course.certificate_policy.save()
    response = client.get(
        reverse("certificates:badge", kwargs={"course_id": certificate.course_id})
    )
    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    assert image.size == (600, 600)
    assert image.getpixel((300, 300)) == (255, 0, 0)


# --- LinkedIn and the holder's page -----------------------------------------------------


def _linkedin(html: str) -> dict:
    (href,) = re.findall(r'href="(https://www\.linkedin\.com/profile/add\?[^"]+)"', html)
    href = href.replace("&amp;", "&")
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


def test_add_to_linkedin_fills_in_the_certification(holder, certificate, settings):
    url = reverse("certificates:detail", kwargs={"pk": certificate.pk})
    params = _linkedin(holder.get(url).content.decode())
    verify = BASE + reverse("certificates:verify", kwargs={"code": certificate.code})
    assert params == {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": "Flyway Academy",
        "issueYear": str(certificate.issued_at.year),
        "issueMonth": str(certificate.issued_at.month),
        "expirationYear": str(certificate.expires_at.year),
        "expirationMonth": str(certificate.expires_at.month),
        "certUrl": verify,
        "certId": certificate.serial,
    }
    settings.CERTIFICATES_LINKEDIN_ORGANIZATION_ID = "1234567"
    params = _linkedin(holder.get(url).content.decode())
    assert params["organizationId"] == "1234567" and "organizationName" not in params


def test_the_holders_page_is_theirs_alone(client, holder, certificate, secretariat):
    url = reverse("certificates:detail", kwargs={"pk": certificate.pk})
    html = holder.get(url).content.decode()
    assert BASE + reverse("certificates:verify", kwargs={"code": certificate.code}) in html
    for name in ("download", "credential", "credential_ld"):
        assert reverse(f"certificates:{name}", kwargs={"pk": certificate.pk}) in html
    assert "<svg" in html  # the QR code, drawn inline
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    client.logout()
    assert client.get(url).status_code == 302  # to the log-in
    client.force_login(UserFactory(role="Learners"))
    assert client.get(url).status_code == 404
    client.force_login(secretariat)
    assert client.get(url).status_code == 200
    listed = holder
    listed.force_login(certificate.participant.user)
    assert url in listed.get(reverse("certificates:mine")).content.decode()


def test_a_revoked_certificate_offers_no_linkedin_and_no_credential(holder, certificate):
    certificate_revoke(certificate=certificate, acting_user=None, reason="Error")
    html = holder.get(reverse("certificates:detail", kwargs={"pk": certificate.pk})).content
    assert b"linkedin.com" not in html
    assert reverse("certificates:credential_ld", kwargs={"pk": certificate.pk}).encode() not in html


# --- Both proof formats, verified by other code ----------------------------------------------


def test_the_vc_jwt_verifies_with_pyjwt_and_passes_the_schema(client, holder, certificate):
    token = holder.get(reverse("certificates:credential", kwargs={"pk": certificate.pk}))
    claims = _pyjwt_verify(client, token.content.decode())
    jsonschema.Draft201909Validator(_schema("achievementcredential.schema.json")).validate(claims)
    header, payload, signature = token.content.decode().split(".")
    forged = payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB")
    with pytest.raises(pyjwt.InvalidTokenError):
        _pyjwt_verify(client, f"{header}.{forged}.{signature}")


def test_the_data_integrity_credential_verifies_and_passes_the_schema(client, holder, certificate):
    response = holder.get(reverse("certificates:credential_ld", kwargs={"pk": certificate.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{certificate.serial}.json"'
    credential = response.json()
    jsonschema.Draft201909Validator(_schema("achievementcredential.schema.json")).validate(
        credential
    )
    (proof,) = credential["proof"]
    assert proof["proofPurpose"] == "assertionMethod"
    public_key = _multikey(client, proof["verificationMethod"])
    _di_verify(credential, public_key)  # raises if it does not hold

    # The key is the issuer's: its profile lists it, and controls it.
    profile = client.get(reverse("certificates:issuer_profile")).json()
    jsonschema.Draft201909Validator(_schema("profile.schema.json")).validate(profile)
    assert proof["verificationMethod"] in profile["assertionMethod"]
    document = client.get(_path(proof["verificationMethod"])).json()
    assert document["controller"] == credential["issuer"]["id"] == profile["id"]

    # Someone else's holder page cannot fetch it.
    holder.force_login(UserFactory(role="Learners"))
    assert (
        holder.get(reverse("certificates:credential_ld", kwargs={"pk": certificate.pk})).status_code
        == 404
    )


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in {"@context", "proof"}:
                yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    elif isinstance(value, str):
        yield path


def test_tampering_with_any_statement_breaks_the_data_integrity_proof(client, holder, certificate):
    credential = holder.get(
        reverse("certificates:credential_ld", kwargs={"pk": certificate.pk})
    ).json()
    public_key = _multikey(client, credential["proof"][0]["verificationMethod"])
    paths = list(_leaves(credential))
    assert len(paths) > 30
    for path in paths:
        forged = copy.deepcopy(credential)
        target = forged
        for step in path[:-1]:
            target = target[step]
        original = target[path[-1]]
        target[path[-1]] = original + "X" if path[-1] != "type" else "Evidence"
        if path[-1] == "type" and original == "Evidence":
            target[path[-1]] = "Image"
        with pytest.raises(InvalidSignature):
            _di_verify(forged, public_key)
    forged = copy.deepcopy(credential)
    forged["proof"][0]["created"] = "2020-01-01T00:00:00Z"
    with pytest.raises(InvalidSignature):
        _di_verify(forged, public_key)
    stranger = ed25519.Ed25519PrivateKey.generate().public_key()
    with pytest.raises(InvalidSignature):
        _di_verify(credential, stranger)


def test_no_document_is_fetched_from_the_network(certificate):
    from certificates.credentials import CredentialError
    from certificates.data_integrity import canonicalize

    with pytest.raises(CredentialError, match="not valid JSON-LD"):
        canonicalize({"@context": "https://example.org/context.jsonld", "name": "x"})


# --- Signed PDFs -------------------------------------------------------------------------


def _validate_pdf(data: bytes, trust_pem: str):
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(
        x509.load_pem_x509_certificate(trust_pem.encode()).public_bytes(serialization.Encoding.DER)
    )
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return signature, validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))


def test_the_downloaded_pdf_is_signed_by_the_issuer_and_a_changed_byte_shows(holder, certificate):
    from pyhanko.sign.validation import SignatureCoverageLevel
    from pyhanko.sign.validation.errors import SignatureValidationError

    from certificates.models import IssuerKey, IssuerKeyKind

    response = holder.get(reverse("certificates:download", kwargs={"pk": certificate.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    signed = response.content
    with certificate.pdf.open("rb") as handle:
        stored = handle.read()
    assert signed.startswith(stored)  # an incremental update: the rendered bytes untouched
    current = IssuerKey.objects.get(kind=IssuerKeyKind.RSA, retired_at__isnull=True)
    signature, status = _validate_pdf(signed, current.x509_certificate)
    assert status.intact and status.valid and status.trusted
    assert signature.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == "Flyway Academy"
    # The PDF's signing key is the RSA key the issuer publishes.
    assert status.signing_cert.public_key.dump() == _spki_der(current.public_key)

    middle = len(stored) // 2
    tampered = signed[:middle] + bytes([signed[middle] ^ 0x01]) + signed[middle + 1 :]
    try:
        _, broken = _validate_pdf(tampered, current.x509_certificate)
    except (SignatureValidationError, ValueError):
        return  # pyHanko refuses the altered file outright
    assert not broken.intact


def _spki_der(public_pem: str) -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_public_key(public_pem.encode())
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def test_ob3_files_are_the_reference_ones():
    """The context the portal ships is the 1EdTech reference file, byte for byte."""
    shipped = REPO / "certificates" / "contexts" / "ob-v3p0-context-3.0.3.json"
    if not OB3.is_dir():
        pytest.skip("OB 3.0 reference files not available")
    assert shipped.read_bytes() == (OB3 / "context-3.0.3.json").read_bytes()


@pytest.mark.skipif(not shutil.which("pdfsig"), reason="poppler-utils not installed")
def test_a_pdf_reader_shows_who_signed_and_that_nothing_changed(holder, certificate, tmp_path):
    """poppler's pdfsig (NSS underneath), as a PDF reader checks a signature."""
    signed = holder.get(reverse("certificates:download", kwargs={"pk": certificate.pk})).content
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed)
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signer Certificate Common Name: Flyway Academy" in report
    assert "Signature is Valid" in report and "Total document signed" in report
    middle = len(signed) // 3
    path.write_bytes(signed[:middle] + bytes([signed[middle] ^ 0x01]) + signed[middle + 1 :])
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" not in report
