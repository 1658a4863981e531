"""The secretariat's certificate desk in the Wagtail admin.

Find a certificate, revoke or re-issue it with a reason, issue one by hand,
start a bulk issue for a cohort or course and watch its progress, download a
cohort's PDFs as one ZIP. Other roles are refused (``portal.accounts.permissions``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.permissions import Capability, capability_required

from . import services
from .archives import cohort_archive_request
from .forms import BulkIssueForm, HandIssueForm, ReasonForm
from .models import Certificate, CohortArchive, IssueRun, IssueRunStatus
from .selectors import bulk_issue_preview, cohort_certificates, issue_runs_recent

PAGE_SIZE = 50


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_http_methods(["GET"])
def certificate_index(request):
    """Certificates, newest first; search by serial, name or course."""
    query = request.GET.get("q", "").strip()
    certificates = Certificate.objects.select_related("enrolment__cohort")
    if query:
        certificates = certificates.filter(
            Q(serial__icontains=query)
            | Q(holder_name__icontains=query)
            | Q(holder_native_name__icontains=query)
            | Q(course_title__icontains=query)
        )
    return TemplateResponse(
        request,
        "certificates/admin/index.html",
        {
            "certificates": certificates[:PAGE_SIZE],
            "query": query,
            "runs": issue_runs_recent(5),
            "header_title": _("Certificates"),
        },
    )


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_http_methods(["GET"])
def certificate_detail(request, pk: int):
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__cohort", "participant"), pk=pk
    )
    return TemplateResponse(
        request,
        "certificates/admin/detail.html",
        {
            "certificate": certificate,
            "events": certificate.events.select_related("acting_user"),
            "status": certificate.display_status(),
            "revoke_form": ReasonForm(prefix="revoke"),
            "reissue_form": ReasonForm(prefix="reissue"),
            "header_title": certificate.serial,
        },
    )


def _act(request, pk: int, prefix: str, action):
    certificate = get_object_or_404(Certificate, pk=pk)
    form = ReasonForm(request.POST, prefix=prefix)
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
        return redirect("certificates_admin:detail", pk=pk)
    try:
        result = action(
            certificate=certificate, acting_user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("certificates_admin:detail", pk=pk)
    return result


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_POST
def certificate_revoke(request, pk: int):
    result = _act(request, pk, "revoke", services.certificate_revoke)
    if isinstance(result, Certificate):
        messages.success(request, _("Certificate %(serial)s revoked.") % {"serial": result.serial})
        return redirect("certificates_admin:detail", pk=result.pk)
    return result


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_POST
def certificate_reissue(request, pk: int):
    result = _act(request, pk, "reissue", services.certificate_reissue)
    if isinstance(result, Certificate):
        messages.success(
            request,
            _("Re-issued as %(serial)s; the old one is superseded.") % {"serial": result.serial},
        )
        return redirect("certificates_admin:detail", pk=result.pk)
    return result


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_http_methods(["GET", "POST"])
def certificate_issue(request):
    """Issue one certificate by hand, for an enrolment, with a reason."""
    form = HandIssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_issue(
                enrolment=form.cleaned_data["enrolment"],
                acting_user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Certificate %(serial)s issued.") % {"serial": certificate.serial}
            )
            return redirect("certificates_admin:detail", pk=certificate.pk)
    return TemplateResponse(
        request,
        "certificates/admin/form.html",
        {"form": form, "header_title": _("Issue a certificate by hand")},
    )


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_http_methods(["GET", "POST"])
def bulk_issue(request):
    """Issue every earned certificate of a cohort or course, as a background task.

    "Preview" lists who will receive one and who will not because their
    certificate was revoked ("revoked — not re-issued"); "Issue" starts the run.
    """
    form = BulkIssueForm(request.POST or None, initial={"cohort": request.GET.get("cohort")})
    preview = None
    if request.method == "POST" and form.is_valid():
        target = {name: form.cleaned_data.get(name) for name in ("cohort", "course")}
        if "preview" not in request.POST:
            run = services.issue_run_create(
                **target, acting_user=request.user, reason=form.cleaned_data["reason"]
            )
            return redirect("certificates_admin:run", pk=run.pk)
        preview = bulk_issue_preview(**target)
    return TemplateResponse(
        request,
        "certificates/admin/bulk.html",
        {
            "form": form,
            "preview": preview,
            "header_title": _("Issue certificates for a cohort or course"),
        },
    )


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_http_methods(["GET"])
def issue_run(request, pk: int):
    """A bulk issue's progress; the page reloads itself until it is finished.

    Also names the people the run leaves out because their certificate was
    revoked, so the secretariat sees why they received nothing.
    """
    run = get_object_or_404(IssueRun.objects.select_related("cohort", "course"), pk=pk)
    return TemplateResponse(
        request,
        "certificates/admin/run.html",
        {
            "run": run,
            "revoked": bulk_issue_preview(cohort=run.cohort, course=run.course).revoked,
            "header_title": _("Bulk issue: %(target)s") % {"target": run},
        },
    )


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_http_methods(["GET", "POST"])
def cohort_zip(request, cohort_id: int):
    """A cohort's PDFs in one ZIP: GET offers to prepare it, POST queues it.

    The archive is built by the task worker (a large cohort takes longer than a
    request may) and downloaded from the archive's page when ready.
    """
    from courses.models import Cohort

    cohort = get_object_or_404(Cohort, pk=cohort_id)
    if request.method == "POST":
        archive = cohort_archive_request(
            cohort=cohort,
            acting_user=request.user,
            include_all=request.POST.get("include_all") == "on",
        )
        return redirect("certificates_admin:archive", pk=archive.pk)
    return TemplateResponse(
        request,
        "certificates/admin/cohort_zip.html",
        {
            "cohort": cohort,
            "count": cohort_certificates(cohort=cohort).count(),
            "count_all": cohort_certificates(cohort=cohort, include_all=True).count(),
            "archives": CohortArchive.objects.filter(cohort=cohort)[:5],
            "header_title": _("Certificates of %(cohort)s as a ZIP") % {"cohort": cohort},
        },
    )


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_http_methods(["GET"])
def cohort_archive(request, pk: int):
    """A cohort ZIP's progress; the page reloads itself until it is ready."""
    archive = get_object_or_404(CohortArchive.objects.select_related("cohort"), pk=pk)
    return TemplateResponse(
        request,
        "certificates/admin/cohort_archive.html",
        {
            "archive": archive,
            "header_title": _("Certificates ZIP: %(target)s") % {"target": archive},
        },
    )


@capability_required(Capability.CERTIFICATES_MANAGE)
@require_http_methods(["GET"])
def cohort_archive_download(request, pk: int):
    """The finished ZIP, read from the shared storage."""
    archive = get_object_or_404(CohortArchive.objects.select_related("cohort"), pk=pk)
    if archive.status != IssueRunStatus.DONE or not archive.file:
        raise Http404
    return FileResponse(
        archive.file.open("rb"),
        as_attachment=True,
        filename=f"certificates-{archive.cohort.slug}.zip",
        content_type="application/zip",
    )
