"""Learner-facing views: enrol, withdraw, mark a module done, the dashboard.

Pages (catalogue, course, module) are served by Wagtail; these views only
parse the request, call one service or selector and render or redirect.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.registry.decorators import profile_required

from . import offline, selectors, services
from .models import Cohort, CoursePage, Enrolment, EnrolmentStatus, ModulePage


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _visible_course(course_id: int) -> CoursePage:
    course = CoursePage.objects.live().public().filter(pk=course_id).first()
    if course is None:
        raise Http404
    return course


@require_http_methods(["GET", "POST"])
@profile_required
def enrol(request, cohort_id: int):
    """Enrol the learner in a cohort of a live course (or its waiting list).

    GET asks for confirmation: it is where a learner lands after logging in
    or completing their profile on the way to enrolling. Learners enrol
    themselves only in self-paced cohorts and open cohorts that have not
    started (``selectors.cohort_self_enrolment_refusal``); otherwise the page
    says why and whom to ask, and a POST is refused (403).
    """
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    # The course as the learner reads it: its translation in the page's language.
    course = _visible_course(cohort.course_id).localized
    context = selectors.enrol_confirm_context(participant=request.participant, cohort=cohort)
    if request.method == "GET":
        return render(request, "courses/enrol_confirm.html", {**context, "course": course})
    if context["refusal"] and context["enrolment"] is None:
        # Only the cohort's staff enrol people here: nothing is written.
        return render(
            request, "courses/enrol_confirm.html", {**context, "course": course}, status=403
        )
    enrolment = services.enrolment_create(
        participant=request.participant, cohort=cohort, acting_user=request.user
    )
    if enrolment.status == EnrolmentStatus.WAITLISTED:
        messages.info(
            request,
            _(
                "%(cohort)s is full. You are on the waiting list and will be enrolled "
                "when a place frees."
            )
            % {"cohort": cohort.display_title},
        )
    else:
        messages.success(
            request, _("You are enrolled in %(cohort)s.") % {"cohort": cohort.display_title}
        )
    return redirect(_safe_next(request, course.get_url(request)))


@require_POST
@profile_required
def withdraw(request, enrolment_id: int):
    """Leave a cohort or its waiting list; the place goes to the next in line."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("cohort"),
        pk=enrolment_id,
        participant=request.participant,
    )
    services.enrolment_withdraw(enrolment=enrolment, acting_user=request.user)
    messages.success(
        request, _("You have left %(cohort)s.") % {"cohort": enrolment.cohort.display_title}
    )
    return redirect(_safe_next(request, "courses:dashboard"))


@require_POST
@profile_required
def module_done(request, page_id: int):
    """Mark a module as done for the learner's active enrolment in its course."""
    module = get_object_or_404(ModulePage.objects.live().public(), pk=page_id)
    course = CoursePage.objects.live().public().parent_of(module).first()
    if course is None:
        raise Http404
    # A translation's progress is the original module's: it counts in every language.
    enrolment = selectors.participant_course_enrolment(
        participant=request.participant, course=course.source_page
    )
    if enrolment is None or enrolment.status != EnrolmentStatus.ACTIVE:
        raise Http404
    try:
        services.module_mark_done(enrolment=enrolment, module=module.source_page)
    except (PermissionDenied, ValidationError) as error:
        raise Http404 from error
    return redirect(_safe_next(request, module.get_url(request)))


@never_cache
@require_GET
@profile_required
def offline_pack(request, page_id: int):
    """JSON: what "Keep this course on my phone" stores, with sizes (courses.offline).

    Only for a learner enrolled in the course (404 otherwise: the list names
    their own quiz attempts to come).
    """
    course = _visible_course(page_id)
    enrolment = selectors.participant_course_enrolment(
        participant=request.participant, course=course.source_page
    )
    if enrolment is None or enrolment.status != EnrolmentStatus.ACTIVE:
        raise Http404
    pack = offline.course_offline_pack(
        course=course, participant=request.participant, request=request
    )
    pack["files"].append({"url": reverse("courses:dashboard"), "size": 0})
    return JsonResponse(pack)


@require_GET
@profile_required
def dashboard(request):
    """The learner's own courses, progress, next steps, dates and certificates."""
    context = selectors.dashboard_context(participant=request.participant)
    return render(request, "courses/dashboard.html", context)
