"""Admin views: cohorts for the secretariat, attendance sheets, instructors' learner lists.

Instructors reach only the courses they teach (404 for any other); the
secretariat and administrators reach every course. Who may do what is asked of
``portal.accounts.permissions``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import MenuItem

from portal.accounts.permissions import Capability, capability_required, user_can_edit_course
from portal.registry.admin_views import RegistryAdminMixin
from portal.registry.models import ImportJob
from portal.registry.services import import_job_cancel

from . import selectors, services
from .forms import ImportUploadForm
from .imports import summary_message
from .imports.jobs import import_job_confirm, import_job_create
from .models import Cohort


class CohortIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.records_attendance:
            buttons.append(
                MenuItem(
                    gettext_lazy("Attendance sheet"),
                    url=reverse("courses_admin:attendance", args=[instance.pk]),
                    icon_name="tick",
                    priority=15,
                )
            )
        return buttons

    def get_base_queryset(self):
        # The course column reads ``Cohort.get_course_display``: the title in the
        # reader's language, annotated once for the whole list.
        return (
            super()
            .get_base_queryset()
            .select_related("course")
            .annotate(course_display_title=selectors.course_title_localized())
        )


class CohortCreateView(CreateView):
    def save_instance(self):
        cohort = super().save_instance()
        services.cohort_waitlist_promote(cohort=cohort)
        return cohort


class CohortEditView(EditView):
    def save_instance(self):
        # One transaction: the edit and what follows from it (report facts, waiting list).
        with transaction.atomic():
            cohort = super().save_instance()
            promoted = services.cohort_edit_apply(cohort=cohort)
        if promoted:
            messages.info(
                self.request,
                _("%(count)d participants moved up from the waiting list.")
                % {"count": len(promoted)},
            )
        return cohort

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.records_attendance:
            buttons.append(
                HeaderButton(
                    _("Attendance sheet"),
                    url=reverse("courses_admin:attendance", args=[self.object.pk]),
                    icon_name="tick",
                )
            )
        return buttons


@capability_required(Capability.COURSES_TEACH)
@require_http_methods(["GET", "POST"])
def attendance_sheet(request, cohort_id: int):
    """Tick boxes, one row per enrolled participant and one column per day."""
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id)
    if not cohort.records_attendance or not user_can_edit_course(request.user, cohort.course_id):
        raise Http404
    if request.method == "POST":
        ticked = []
        for key in request.POST.getlist("present"):
            try:
                enrolment_id, day_id = (int(part) for part in key.split("-", 1))
            except ValueError:
                messages.error(request, _("The sheet was not understood; nothing was saved."))
                return redirect("courses_admin:attendance", cohort_id=cohort.pk)
            ticked.append((enrolment_id, day_id))
        try:
            changed = services.attendance_sheet_save(
                cohort=cohort, present=ticked, acting_user=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Attendance saved (%(count)d changes).") % {"count": changed}
            )
        return redirect("courses_admin:attendance", cohort_id=cohort.pk)
    context = {
        "cohort": cohort,
        "sheet": selectors.cohort_attendance_sheet(cohort=cohort),
        "header_title": _("Attendance: %(cohort)s") % {"cohort": cohort.display_title},
    }
    return TemplateResponse(request, "courses/admin/attendance_sheet.html", context)


@capability_required(Capability.COURSES_TEACH)
@require_http_methods(["GET"])
def my_courses(request):
    """The courses whose learners the user may see."""
    courses = list(selectors.courses_taught_by(user=request.user))
    return TemplateResponse(
        request,
        "courses/admin/my_courses.html",
        {"courses": courses, "header_title": _("Learners and progress")},
    )


@capability_required(Capability.COURSES_TEACH)
@require_http_methods(["GET"])
def course_learners(request, course_id: int):
    """One course's learners and their progress (name, country, organisation only)."""
    course = selectors.courses_taught_by(user=request.user).filter(pk=course_id).first()
    if course is None:
        raise Http404
    rows = selectors.course_learner_rows(course=course)
    return TemplateResponse(
        request,
        "courses/admin/course_learners.html",
        {
            "course": course,
            "rows": rows,
            "attendance_cohorts": [c for c in course.cohorts.all() if c.records_attendance],
            "header_title": _("Learners of %(course)s") % {"course": course.display_title},
        },
    )


# --- Participant list import (the registry's menu; courses owns the import) -----------


class ImportUploadView(RegistryAdminMixin, FormView):
    """Upload a participant list; it is checked and previewed before anything is written."""

    permission_required = "add"
    template_name = "registry/admin/import_upload.html"
    form_class = ImportUploadForm
    page_title = gettext_lazy("Import participants")

    def form_valid(self, form):
        job = import_job_create(
            upload=form.cleaned_data["file"],
            cohort_slug=form.cleaned_data["cohort"],
            send_email=not form.cleaned_data["no_email"],
            acting_user=self.request.user,
        )
        return redirect("registry_import:job", job.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_jobs"] = ImportJob.objects.select_related("created_by")[:10]
        return context


class ImportJobView(RegistryAdminMixin, TemplateView):
    """The preview of an upload, then its progress and result; refreshes while working."""

    permission_required = "add"
    template_name = "registry/admin/import_job.html"
    page_title = gettext_lazy("Import participants")

    @cached_property
    def job(self) -> ImportJob:
        return get_object_or_404(ImportJob, pk=self.kwargs["pk"])

    def post(self, request, *args, **kwargs):
        try:
            if request.POST.get("action") == "cancel":
                import_job_cancel(job=self.job)
                messages.success(request, _("The import was cancelled and its file deleted."))
                return redirect("registry_import:upload")
            import_job_confirm(job=self.job, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("registry_import:job", self.job.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        context.update(job=job, page_subtitle=job.original_name)
        if job.preview:
            context["preview_message"] = summary_message(job.preview, dry_run=True)
        if job.summary:
            context["summary_message"] = summary_message(job.summary)
        return context


class ImportFileView(RegistryAdminMixin, View):
    """The uploaded list itself, while the job keeps it: registry staff only, as an attachment."""

    permission_required = "add"

    def get(self, request, pk: int):
        job = get_object_or_404(ImportJob, pk=pk)
        if not job.file:
            raise Http404
        try:
            handle = job.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, as_attachment=True, filename=job.original_name)
        response["Cache-Control"] = "no-store, private"
        response["X-Content-Type-Options"] = "nosniff"
        return response
