"""Learners' views: an assignment (hand in, receipt, grade), their files, calendar feeds.

Someone else's submission or file answers 404; files are attachments from
private storage, never a public URL.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.models import Cohort, Enrolment, EnrolmentStatus
from portal.accounts.permissions import user_can_edit_course
from portal.registry.selectors import participant_for_user

from . import ical, selectors, services
from .localization import assignment_for_display, source_assignment
from .models import Assignment, CalendarToken, SubmissionFile


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request, assignment_id: int):
    assignment = get_object_or_404(
        Assignment.objects.select_related("course", "module", "locale"), pk=assignment_id
    )
    source = source_assignment(assignment)
    if source.pk != assignment.pk:
        # A translated page's block links to the translation; work belongs to the source.
        return redirect("assignments:detail", assignment_id=source.pk)
    participant = participant_for_user(request.user)
    view = selectors.learner_view(assignment=assignment, participant=participant)
    errors = []
    if request.method == "POST":
        if view.enrolment is None:
            raise Http404
        try:
            submission = services.submission_hand_in(
                assignment=assignment,
                enrolment=view.enrolment,
                files=request.FILES.getlist("files"),
                text=request.POST.get("text", ""),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("Handed in. Your receipt: %(receipt)s.") % {"receipt": submission.receipt},
            )
            return redirect("assignments:detail", assignment_id=assignment.pk)
    shown = assignment_for_display(assignment)
    by_pk = {c.pk: c for c in shown.criteria_shown}
    for row in view.criteria:
        row.criterion = by_pk.get(row.criterion_id, row.criterion)
    return TemplateResponse(
        request,
        "assignments/assignment_detail.html",
        {
            "assignment": shown,
            "view": view,
            "errors": errors,
            "accept": ",".join(_accept(assignment)),
        },
        status=400 if errors else 200,
    )


def _accept(assignment: Assignment) -> list[str]:
    suffixes = {
        "sheet": [".csv", ".xlsx"],
        "photo": [".jpg", ".jpeg", ".png"],
        "pdf": [".pdf"],
        "document": [".docx"],
    }
    return [s for kind in assignment.file_kinds for s in suffixes[kind]]


def file_response(item: SubmissionFile) -> FileResponse:
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def submission_file(request, file_id: int):
    """The learner's own file, as an attachment."""
    participant = participant_for_user(request.user)
    if participant is None:
        raise Http404
    try:
        item = selectors.submission_for_learner(submission_file_id=file_id, participant=participant)
    except SubmissionFile.DoesNotExist:
        raise Http404 from None
    return file_response(item)


def _ics(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def cohort_feed(request, cohort_id: int):
    """A cohort's dates: for its active learners and the course's instructors."""
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    participant = participant_for_user(request.user)
    enrolled = (
        participant is not None
        and Enrolment.objects.filter(
            participant=participant, cohort=cohort, status=EnrolmentStatus.ACTIVE
        ).exists()
    )
    if not enrolled and not user_can_edit_course(request.user, cohort.course_id):
        raise Http404
    return _ics(ical.cohort_calendar(cohort=cohort), cohort.slug)


def learner_feed(request, token: str):
    """A learner's dates at a secret address (calendar programs send no cookies)."""
    row = CalendarToken.objects.select_related("participant").filter(token=token).first()
    if row is None or row.participant.anonymised_at:
        raise Http404
    return _ics(ical.participant_calendar(participant=row.participant), "flyway-academy")


@login_required
def my_calendar(request):
    """The learner's feed addresses (made on first visit)."""
    participant = participant_for_user(request.user)
    if participant is None:
        raise Http404
    token = ical.calendar_token_for(participant=participant)
    cohorts = [
        e.cohort
        for e in Enrolment.objects.filter(
            participant=participant, status=EnrolmentStatus.ACTIVE
        ).select_related("cohort")
    ]
    return TemplateResponse(
        request,
        "assignments/my_calendar.html",
        {
            "feed_url": request.build_absolute_uri(
                reverse("assignments:learner_feed", args=[token.token])
            ),
            "cohorts": cohorts,
        },
    )
