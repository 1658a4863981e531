"""Public verification, the holder's downloads, and the issuer's published documents.

Views are thin: they parse, call a selector or service, and render. Anything
that is not the caller's own answers 404, never 403, so that nobody learns
which certificates exist.
"""

from __future__ import annotations

import hashlib
import json

import segno
from allauth.core import ratelimit
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.core.links import absolute_reverse

from .badges import badge_from_image, badge_png
from .documents import (
    badge_url,
    certificate_pdf_bytes,
    course_url,
    holder_language,
    issuer_data,
    issuer_snapshot,
    verify_url,
)
from .forms import VerifyForm
from .keys import published_key
from .models import (
    Certificate,
    CertificatePolicy,
    CertificateStatus,
    DisplayStatus,
    IssuerKeyKind,
)
from .portable import (
    certificate_pdf_signed,
    credential_jwt,
    credential_with_proof,
    issuer_profile_document,
    linkedin_add_url,
    multikey_document,
)
from .portable import (
    issuer_jwks as issuer_key_set,
)
from .selectors import (
    certificate_for_code,
    certificate_for_holder,
    certificate_for_serial_and_name,
    certificates_for_participant,
)


def _verification_facts(certificate: Certificate, issuer_name: str) -> dict:
    """What the public may know of a certificate: no e-mail, birth year or contact."""
    status = certificate.display_status()
    erased = certificate.holder_erased_at is not None
    facts = {
        "serial": certificate.serial,
        # Erased: issued to a person who has since asked for their data to be erased.
        "holder_name": None if erased else certificate.holder_name,
        "holder_native_name": None if erased else certificate.holder_native_name,
        "course": certificate.course_title,
        "cohort": certificate.cohort_title,
        "issued_on": certificate.issued_at.date().isoformat(),
        "expires_on": certificate.expires_at.date().isoformat() if certificate.expires_at else None,
        "issuer": issuer_name,
        "status": status.value,
        "revoked_on": (
            certificate.revoked_at.date().isoformat()
            if status == DisplayStatus.REVOKED and certificate.revoked_at
            else None
        ),
    }
    return facts


@require_GET
@never_cache
def verify(request, code: str):
    """The public verification page behind the QR code. Unknown code: plain 404."""
    certificate = certificate_for_code(code=code)
    if certificate is None:
        return _not_found(request)
    issuer = issuer_snapshot(images=False)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "facts": _verification_facts(certificate, issuer.name),
            "status": certificate.display_status(),
            "Status": DisplayStatus,
            "verify_url": verify_url(certificate.code),
            "badge_url": badge_url(certificate.course_id),
            "visitor_language": _visitor_language(request, code=certificate.code),
        },
    )


def _visitor_language(request, *, code: str) -> dict | None:
    """The visitor's own language, when the page is in another one (the holder's).

    The verification link and QR code carry the holder's language; a visitor
    whose browser or language choice says otherwise gets a link to the page in
    theirs, one click away.
    """
    wanted = translation.get_language_from_request(request, check_path=False)
    current = translation.get_language()
    if not wanted or wanted == current or wanted not in dict(settings.LANGUAGES):
        return None
    with translation.override(wanted):
        url = reverse("certificates:verify", kwargs={"code": code})
        info = translation.get_language_info(wanted)
    return {"code": wanted, "name": info["name_local"], "url": url}


def _not_found(request, form: VerifyForm | None = None):
    """The "no such certificate" page: the site's look, the form again, HTTP 404."""
    return render(
        request,
        "certificates/verify_not_found.html",
        {"form": form or VerifyForm()},
        status=404,
    )


@require_http_methods(["GET", "POST"])
@never_cache
def verify_lookup(request):
    """The public form: a certificate by its serial and holder's family name, or its code.

    A match goes to the certificate's verification page, in the holder's
    language. A serial with another name answers exactly like an unknown
    serial, so nobody learns which serials exist; attempts are rate-limited
    per address and per serial.
    """
    form = VerifyForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "certificates/verify_form.html", {"form": form}, status=status)
    code = form.cleaned_data.get("code")
    serial = form.cleaned_data.get("serial") or ""
    limit_key = code[:16] if code else serial.upper().replace(" ", "")
    if not ratelimit.consume(request, action="certificate_verify", key=limit_key):
        return render(
            request, "certificates/verify_form.html", {"form": form, "limited": True}, status=429
        )
    if code:
        certificate = certificate_for_code(code=code)
    else:
        certificate = certificate_for_serial_and_name(
            serial=serial, family_name=form.cleaned_data["family_name"]
        )
    if certificate is None:
        return _not_found(request, VerifyForm(initial={"serial": serial}))
    with translation.override(holder_language(certificate.participant)):
        target = reverse("certificates:verify", kwargs={"code": certificate.code})
    return redirect(target, permanent=False)


@require_GET
@never_cache
def verify_json(request, code: str):
    """The same facts as the verification page, for machines."""
    certificate = certificate_for_code(code=code)
    if certificate is None:
        return JsonResponse({"error": "not_found"}, status=404)
    facts = _verification_facts(certificate, issuer_snapshot(images=False).name)
    facts["verification_url"] = verify_url(certificate.code)
    response = JsonResponse(facts, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
def mine(request):
    """The learner's certificates (the dashboard links here)."""
    from portal.registry.selectors import participant_for_user

    participant = participant_for_user(request.user)
    return render(
        request,
        "certificates/mine.html",
        {"certificates": list(certificates_for_participant(participant=participant))},
    )


@login_required
@require_GET
@never_cache
def detail(request, pk: int):
    """The holder's page of one certificate: share it, add it to LinkedIn, take it along."""
    certificate = certificate_for_holder(user=request.user, pk=pk)
    if certificate is None or certificate.status == CertificateStatus.SUPERSEDED:
        raise Http404
    status = certificate.display_status()
    # Shared in the holder's language, like the QR code on the paper.
    with translation.override(holder_language(certificate.participant)):
        public_url = verify_url(certificate.code)
    return render(
        request,
        "certificates/detail.html",
        {
            "certificate": certificate,
            "status": status,
            "Status": DisplayStatus,
            "public_url": public_url,
            "badge_url": badge_url(certificate.course_id),
            "linkedin_url": (
                linkedin_add_url(certificate, verify_url=public_url)
                if status == DisplayStatus.VALID
                else ""
            ),
            "qr_svg": segno.make_qr(public_url, error="m").svg_inline(
                scale=4, dark="#1d2b2a", omitsize=True
            ),
        },
    )


@require_GET
@never_cache
def download(request, pk: int):
    """The stored PDF, signed by the issuer; holder and secretariat only, 404 for anyone else.

    The signature (PAdES) is added here rather than at issue, so that issuing
    keeps its speed and each download is signed with the issuer's current key.
    """
    certificate = certificate_for_holder(user=request.user, pk=pk)
    if certificate is None or not certificate.pdf:
        raise Http404
    if certificate.status == CertificateStatus.REVOKED:
        # Never the clean page again: only with the mark across it.
        try:
            body = certificate_pdf_bytes(certificate)
        except FileNotFoundError as error:
            raise Http404 from error
        # Signed as marked: a reader sees the issuer's signature on the revoked copy.
        response = HttpResponse(
            certificate_pdf_signed(certificate, body), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.pdf"'
        response["X-Robots-Tag"] = "noindex"
        return response
    try:
        with certificate.pdf.open("rb") as handle:
            pdf = handle.read()
    except FileNotFoundError as error:
        raise Http404 from error
    response = HttpResponse(
        certificate_pdf_signed(certificate, pdf), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.pdf"'
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@never_cache
def credential(request, pk: int):
    """The signed Open Badges 3.0 credential (VC-JWT); holder and secretariat only."""
    certificate = certificate_for_holder(user=request.user, pk=pk)
    if (
        certificate is None
        or certificate.status == CertificateStatus.SUPERSEDED
        or certificate.holder_erased_at is not None
    ):
        raise Http404
    response = HttpResponse(credential_jwt(certificate), content_type="application/jwt")
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.jwt"'
    return response


@require_GET
@never_cache
def credential_ld(request, pk: int):
    """The credential with an embedded Data Integrity proof (``eddsa-rdfc-2022``), for wallets."""
    certificate = certificate_for_holder(user=request.user, pk=pk)
    if certificate is None or certificate.status == CertificateStatus.SUPERSEDED:
        raise Http404
    response = HttpResponse(
        json.dumps(credential_with_proof(certificate), ensure_ascii=False, indent=2),
        content_type="application/vc+ld+json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.json"'
    return response


def _json(data: dict, content_type: str = "application/json") -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type=f"{content_type}; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def issuer_profile_view(request):
    """The issuer's Open Badges ``Profile``, at the URL every credential names."""
    return _json(issuer_profile_document(), "application/ld+json")


@require_GET
@cache_control(public=True, max_age=3600)
def issuer_jwks(request):
    """The issuer's public keys, current and retired (RSA and Ed25519), as a JWK set."""
    return _json(issuer_key_set())


@require_GET
@cache_control(public=True, max_age=3600)
def issuer_key(request, key_id: str):
    """One Ed25519 key as a Multikey document: what a Data Integrity proof names."""
    row = published_key(key_id)
    if row is None or row.kind != IssuerKeyKind.ED25519:
        raise Http404
    return _json(multikey_document(row), "application/ld+json")


@require_GET
@cache_control(public=True, max_age=3600)
def badge(request, course_id: int):
    """The course's badge image (PNG): the chosen one, or one drawn from its title."""
    from courses.models import CoursePage

    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    policy = CertificatePolicy.objects.filter(course=course).select_related("badge_image").first()
    image = policy.badge_image if policy else None
    issuer_name = issuer_snapshot(images=False).name
    parts = (course.pk, image.pk if image else "", getattr(image, "file_hash", ""))
    fingerprint = hashlib.sha256(
        json.dumps([*parts, course.title, issuer_name]).encode()
    ).hexdigest()
    cache_key = f"certificates:badge:{fingerprint}"
    png = cache.get(cache_key)
    if png is None:
        if image is not None:
            with image.file.open("rb") as handle:
                png = badge_from_image(handle.read())
        else:
            png = badge_png(title=course.title, issuer_name=issuer_name, seed=str(course.pk))
        cache.set(cache_key, png, 24 * 3600)
    return HttpResponse(png, content_type="image/png")


@require_GET
@cache_control(public=True, max_age=3600)
def achievement(request, course_id: int):
    """The achievement (a course) that credentials name, as a public document."""
    from courses.models import CoursePage

    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    issuer = issuer_data(issuer_snapshot(images=False))
    return _json(
        {
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            "id": absolute_reverse("certificates:achievement", course_id=course.pk),
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": course.title,
            "description": getattr(course, "summary", "") or course.title,
            "criteria": {"id": course_url(course), "narrative": course.title},
            "image": {"id": badge_url(course.pk), "type": "Image", "caption": course.title},
            "creator": {"id": issuer.id, "type": ["Profile"], "name": issuer.name},
        },
        "application/ld+json",
    )


@require_GET
@cache_control(public=True, max_age=300)
def revocation_list(request):
    """1EdTech Revocation List: every credential the issuer withdrew.

    A superseded certificate's credential is listed too, as replaced, and so is
    one whose holder's data was erased (``holder_erased``: the issuer no longer
    vouches for the name in it); reasons written by staff stay private.
    """
    withdrawn = Certificate.objects.filter(
        ~Q(status=CertificateStatus.VALID) | Q(holder_erased_at__isnull=False)
    ).values_list("code", "status")
    return _json(
        {
            "id": absolute_reverse("certificates:revocation_list"),
            "issuer": absolute_reverse("certificates:issuer_profile"),
            "revokedCredentials": [
                {
                    "id": absolute_reverse("certificates:verify_json", code=code),
                    "revoked": True,
                    # Machine-readable codes, not translated.
                    "revocationReason": (
                        status if status != CertificateStatus.VALID else "holder_erased"
                    ),
                }
                for code, status in withdrawn
            ],
        }
    )
