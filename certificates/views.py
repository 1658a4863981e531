"""Public verification, the holder's downloads, and the issuer's published documents.

Views are thin: they parse, call a selector or service, and render. Anything
that is not the caller's own answers 404, never 403, so that nobody learns
which certificates exist.
"""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from portal.core.links import absolute_reverse

from .credentials import credential_build, credential_sign, issuer_profile
from .documents import course_url, credential_data, issuer_data, issuer_snapshot, verify_url
from .keys import public_jwk, signing_key
from .models import Certificate, CertificateStatus, DisplayStatus
from .selectors import certificate_for_code, certificate_for_holder, certificates_for_participant


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
        raise Http404
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
        },
    )


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


@require_GET
@never_cache
def download(request, pk: int):
    """The stored PDF; holder and secretariat only, 404 for anyone else."""
    certificate = certificate_for_holder(user=request.user, pk=pk)
    if certificate is None or not certificate.pdf:
        raise Http404
    try:
        handle = certificate.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )
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
    key = signing_key()
    issuer = issuer_data(issuer_snapshot(images=False))
    token = credential_sign(
        credential_build(credential_data(certificate), issuer),
        key=key,
        kid=f"{_jwks_url()}#{public_jwk(key)['kid']}",
    )
    response = HttpResponse(token, content_type="application/jwt")
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.jwt"'
    return response


def _jwks_url() -> str:
    return absolute_reverse("certificates:issuer_jwks")


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
    return _json(issuer_profile(issuer_data(issuer_snapshot(images=False))), "application/ld+json")


@require_GET
@cache_control(public=True, max_age=3600)
def issuer_jwks(request):
    """The issuer's public key set, to check credential signatures with."""
    return _json({"keys": [public_jwk()]})


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
