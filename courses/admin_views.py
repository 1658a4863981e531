"""Admin views: cohorts for the secretariat, attendance sheets, instructors' learner lists.

Instructors reach only the courses they teach (404 for any other); the
secretariat and administrators reach every course. Who may do what is asked of
``portal.accounts.permissions``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import MenuItem

from portal.accounts.permissions import Capability, capability_required, user_can_edit_course
from portal.reporting.services import participation_facts_refresh

from . import selectors, services
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
        return super().get_base_queryset().select_related("course")


class CohortCreateView(CreateView):
    def save_instance(self):
        cohort = super().save_instance()
        services.cohort_waitlist_promote(cohort=cohort)
        return cohort


class CohortEditView(EditView):
    def save_instance(self):
        # A larger capacity frees places: the waiting list moves up at once.
        cohort = super().save_instance()
        # The start date and mode decide each enrolment's report year and youth.
        participation_facts_refresh(cohort_ids=[cohort.pk])
        promoted = services.cohort_waitlist_promote(cohort=cohort)
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
        "header_title": _("Attendance: %(cohort)s") % {"cohort": cohort.title},
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
            "header_title": _("Learners of %(course)s") % {"course": course.title},
        },
    )
