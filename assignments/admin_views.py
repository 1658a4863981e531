"""Admin views: grading by cohort, the gradebook, announcements and dates.

Instructors reach only the courses they teach (404 for any other); the
secretariat and administrators every course (``portal.accounts.permissions``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import Cohort, Enrolment, EnrolmentStatus
from courses.selectors import cohort_gradebook
from portal.accounts.permissions import Capability, capability_required, course_or_404

from . import groups as group_services
from . import selectors, services
from .archives import submission_archive_request
from .exports import gradebook_table, table_csv, table_xlsx
from .localization import source_assignment
from .models import (
    Announcement,
    Assignment,
    CohortEvent,
    CohortGroup,
    CohortGroupMember,
    EventKind,
    SubmissionArchive,
    SubmissionFile,
    ZipStatus,
)
from .views import file_response

teach = capability_required(Capability.COURSES_TEACH)


def _assignment(user, assignment_id: int) -> Assignment:
    """The source of the assignment (grading belongs to it), in one of the user's courses."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("course", "locale"), pk=assignment_id
    )
    course_or_404(user, assignment.course_id)
    return source_assignment(assignment)


def _cohort(user, cohort_id: int) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id)
    course_or_404(user, cohort.course_id)
    return cohort


@teach
def assignment_list(request):
    """The assignments of the user's courses, each with its cohorts to grade."""
    assignments = list(selectors.assignments_for_user(user=request.user))
    cohorts: dict[int, list[Cohort]] = {}
    for cohort in Cohort.objects.filter(course_id__in={a.course_id for a in assignments}):
        cohorts.setdefault(cohort.course_id, []).append(cohort)
    rows = [(a, cohorts.get(a.course_id, [])) for a in assignments]
    return TemplateResponse(
        request,
        "assignments/admin/assignment_list.html",
        {"rows": rows, "header_title": _("Grading")},
    )


@teach
def grading_list(request, assignment_id: int, cohort_id: int):
    assignment = _assignment(request.user, assignment_id)
    cohort = _cohort(request.user, cohort_id)
    if cohort.course_id != assignment.course_id:
        raise Http404
    show = request.GET.get("show", "")
    rows = selectors.grading_rows(assignment=assignment, cohort=cohort, show=show)
    archive = (
        SubmissionArchive.objects.filter(assignment=assignment, cohort=cohort)
        .order_by("-requested_at", "-pk")
        .first()
    )
    return TemplateResponse(
        request,
        "assignments/admin/grading_list.html",
        {
            "assignment": assignment,
            "cohort": cohort,
            "rows": rows,
            "show": show,
            "filters": [
                ("", _("Everyone")),
                ("ungraded", _("Not graded")),
                ("late", _("Late")),
                ("missing", _("Nothing handed in")),
            ],
            "archive": archive,
            "archive_done": ZipStatus.DONE,
            "header_title": f"{assignment.title} — {cohort.display_title}",
        },
    )


@teach
@require_POST
def grades_release(request, assignment_id: int, cohort_id: int):
    assignment = _assignment(request.user, assignment_id)
    cohort = _cohort(request.user, cohort_id)
    count = services.grades_release(assignment=assignment, cohort=cohort)
    messages.success(request, _("%(count)d grades released.") % {"count": count})
    return redirect("assignments_admin:grading", assignment.pk, cohort.pk)


@teach
@require_POST
def archive_request(request, assignment_id: int, cohort_id: int):
    assignment = _assignment(request.user, assignment_id)
    cohort = _cohort(request.user, cohort_id)
    submission_archive_request(assignment=assignment, cohort=cohort, acting_user=request.user)
    messages.success(request, _("The ZIP is being built; this page shows when it is ready."))
    return redirect("assignments_admin:grading", assignment.pk, cohort.pk)


@teach
def archive_download(request, archive_id: int):
    archive = get_object_or_404(
        SubmissionArchive.objects.select_related("assignment"), pk=archive_id
    )
    course_or_404(request.user, archive.assignment.course_id)
    if archive.status != ZipStatus.DONE or not archive.file:
        raise Http404
    return FileResponse(
        archive.file.open("rb"),
        as_attachment=True,
        filename=archive.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )


@teach
def file_download(request, file_id: int):
    item = get_object_or_404(
        SubmissionFile.objects.select_related("submission__assignment"), pk=file_id
    )
    course_or_404(request.user, item.submission.assignment.course_id)
    return file_response(item)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip()) if text and text.strip() else None
    except InvalidOperation:
        return None


@teach
@require_http_methods(["GET", "POST"])
def submission_grade(request, submission_id: int):
    try:
        submission = selectors.submission_for_grading(
            submission_id=submission_id, user=request.user
        )
    except selectors.Submission.DoesNotExist:
        raise Http404 from None
    assignment = submission.assignment
    criteria = list(assignment.criteria.all())
    grade = getattr(submission, "grade", None)
    members = (
        list(
            CohortGroupMember.objects.filter(group_id=submission.group_id)
            .select_related("enrolment__participant")
            .order_by("enrolment__participant__family_name", "pk")
        )
        if submission.group_id
        else []
    )
    errors = []
    if request.method == "POST" and request.POST.get("action") == "return":
        try:
            services.submission_return(
                submission=submission, note=request.POST.get("return_note", "")
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Returned for resubmission; the learner sees your note."))
            return redirect(
                "assignments_admin:grading", assignment.pk, submission.enrolment.cohort_id
            )
    elif request.method == "POST" and request.POST.get("action") == "moderate":
        if grade is None:
            raise Http404
        try:
            services.grade_moderate(
                grade=grade,
                moderator=request.user,
                note=request.POST.get("moderation_note", ""),
                score=_decimal(request.POST.get("moderated_score", "")),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Moderation recorded."))
            return redirect("assignments_admin:grade", submission.pk)
    elif request.method == "POST":
        levels = {}
        for criterion in criteria:
            raw = request.POST.get(f"level-{criterion.pk}", "")
            if raw.isdigit():
                levels[criterion.pk] = (int(raw), request.POST.get(f"feedback-{criterion.pk}", ""))
        own = {}
        for member in members:
            pk = member.enrolment_id
            raw = request.POST.get(f"own-score-{pk}", "")
            own_score = _decimal(raw)
            if raw.strip() and own_score is None:
                errors.append(_("A member's own score must be a number."))
            own[pk] = (own_score, request.POST.get(f"own-feedback-{pk}", ""))
        try:
            if errors:
                raise ValidationError(errors)
            services.submission_grade(
                submission=submission,
                grader=request.user,
                levels=levels,
                score=_decimal(request.POST.get("score", "")),
                feedback=request.POST.get("feedback", ""),
                member_grades=own,
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Grade saved. Learners see it once grades are released."))
            return redirect(
                "assignments_admin:grading", assignment.pk, submission.enrolment.cohort_id
            )
    given = {c.criterion_id: c for c in grade.criteria.all()} if grade else {}
    rubric = [
        {
            "criterion": criterion,
            "levels": list(enumerate(criterion.level_list)),
            "given": given.get(criterion.pk),
        }
        for criterion in criteria
    ]
    own = {g.enrolment_id: g for g in grade.member_grades.all()} if grade else {}
    return TemplateResponse(
        request,
        "assignments/admin/grade.html",
        {
            "submission": submission,
            "assignment": assignment,
            "grade": grade,
            "members": [
                {"enrolment": m.enrolment, "own": own.get(m.enrolment_id)} for m in members
            ],
            "rubric": rubric,
            "errors": errors,
            "header_title": _("Grade: %(name)s")
            % {"name": submission.group.name if submission.group else submission.participant},
        },
        status=400 if errors else 200,
    )


@teach
def gradebook(request, cohort_id: int):
    cohort = _cohort(request.user, cohort_id)
    book = cohort_gradebook(cohort=cohort)
    export = request.GET.get("format", "")
    if export in ("csv", "xlsx"):
        header, rows = gradebook_table(book)
        if export == "csv":
            data, content_type = table_csv(header, rows), "text/csv; charset=utf-8"
        else:
            data = table_xlsx(header, rows, title=cohort.slug)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="gradebook-{cohort.slug}.{export}"'
        return response
    return TemplateResponse(
        request,
        "assignments/admin/gradebook.html",
        {
            "cohort": cohort,
            "book": book,
            "header_title": _("Gradebook: %(cohort)s") % {"cohort": cohort.display_title},
        },
    )


@teach
def cohort_list(request):
    """Cohorts of the user's courses: gradebook, announcements and dates."""
    from portal.accounts.permissions import course_scope

    scope = course_scope(request.user)
    cohorts = Cohort.objects.select_related("course").order_by("course__title", "title")
    if scope is not None:
        cohorts = cohorts.filter(course_id__in=scope)
    return TemplateResponse(
        request,
        "assignments/admin/cohort_list.html",
        {"cohorts": cohorts, "header_title": _("Gradebooks and announcements")},
    )


@teach
@require_http_methods(["GET", "POST"])
def cohort_announce(request, cohort_id: int):
    cohort = _cohort(request.user, cohort_id)
    errors = []
    if request.method == "POST":
        try:
            if request.POST.get("action") == "event":
                starts = parse_datetime(request.POST.get("starts_at", ""))
                if starts is None:
                    raise ValidationError(_("Give the start as YYYY-MM-DD HH:MM."))
                services.cohort_event_create(
                    cohort=cohort,
                    title=request.POST.get("title", ""),
                    starts_at=starts,
                    ends_at=parse_datetime(request.POST.get("ends_at", "") or ""),
                    kind=request.POST.get("kind", EventKind.SESSION),
                    location=request.POST.get("location", ""),
                )
                messages.success(request, _("Date added to the cohort's calendar."))
            else:
                services.announcement_post(
                    cohort=cohort,
                    author=request.user,
                    title=request.POST.get("title", ""),
                    body=request.POST.get("body", ""),
                )
                messages.success(
                    request, _("Announcement posted; the learners are being e-mailed.")
                )
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("assignments_admin:announce", cohort.pk)
    return TemplateResponse(
        request,
        "assignments/admin/announce.html",
        {
            "cohort": cohort,
            "announcements": Announcement.objects.filter(cohort=cohort)[:20],
            "events": CohortEvent.objects.filter(cohort=cohort),
            "event_kinds": EventKind.choices,
            "errors": errors,
            "header_title": _("Announcements and dates: %(cohort)s")
            % {"cohort": cohort.display_title},
        },
        status=400 if errors else 200,
    )


@teach
@require_http_methods(["GET", "POST"])
def cohort_groups(request, cohort_id: int):
    """The cohort's groups for group work: add, delete, and put learners in them."""
    cohort = _cohort(request.user, cohort_id)
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
        .select_related("participant")
        .order_by("participant__family_name", "participant__given_name", "pk")
    )
    errors = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "create":
                group = group_services.cohort_group_create(
                    cohort=cohort, name=request.POST.get("name", "")
                )
                messages.success(request, _("Group %(name)s added.") % {"name": group.name})
            elif action == "delete":
                group = get_object_or_404(
                    CohortGroup, cohort=cohort, pk=_int(request.POST.get("group"))
                )
                group_services.cohort_group_delete(group=group)
                messages.success(request, _("Group %(name)s deleted.") % {"name": group.name})
            else:
                chosen = {e.pk: _int(request.POST.get(f"group-{e.pk}", "")) for e in enrolments}
                count = group_services.cohort_groups_assign(cohort=cohort, assignments=chosen)
                messages.success(
                    request, _("Groups saved. Learners moved: %(count)d.") % {"count": count}
                )
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("assignments_admin:groups", cohort.pk)
    group_of = dict(
        CohortGroupMember.objects.filter(group__cohort=cohort).values_list(
            "enrolment_id", "group_id"
        )
    )
    return TemplateResponse(
        request,
        "assignments/admin/groups.html",
        {
            "cohort": cohort,
            "groups": list(CohortGroup.objects.filter(cohort=cohort).order_by("name")),
            "rows": [{"enrolment": e, "group_id": group_of.get(e.pk)} for e in enrolments],
            "errors": errors,
            "header_title": _("Groups: %(cohort)s") % {"cohort": cohort.title},
        },
        status=400 if errors else 200,
    )


def _int(text) -> int | None:
    return int(text) if text and str(text).isdigit() else None
