"""Reads for assignments: the learner's view, the grading list, results for completion.

Every list selector makes a fixed number of queries, whatever the number of
learners or submissions (pinned in tests/assignments).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from courses.dashboard import DashboardSection
from courses.models import Cohort, Enrolment, EnrolmentStatus
from portal.accounts.permissions import course_scope

from .models import (
    Announcement,
    Assignment,
    AssignmentDeadline,
    CriterionGrade,
    Grade,
    Submission,
    SubmissionStatus,
)


def latest_submission(*, assignment: Assignment, participant) -> Submission | None:
    """The participant's submission for ``assignment`` that counts: the newest."""
    return (
        Submission.objects.filter(assignment=assignment, participant=participant)
        .select_related("grade")
        .prefetch_related("files")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def assignment_deadline(*, assignment: Assignment, cohort_id: int) -> AssignmentDeadline | None:
    return AssignmentDeadline.objects.filter(assignment=assignment, cohort_id=cohort_id).first()


def learner_enrolment(*, assignment: Assignment, participant) -> Enrolment | None:
    """The participant's active enrolment in the assignment's course (they hand in under it)."""
    if participant is None:
        return None
    return (
        Enrolment.objects.filter(
            participant=participant,
            cohort__course_id=assignment.course_id,
            status=EnrolmentStatus.ACTIVE,
        )
        .select_related("cohort")
        .order_by("-enrolled_at", "-pk")
        .first()
    )


@dataclass
class LearnerView:
    assignment: Assignment
    enrolment: Enrolment | None
    deadline: AssignmentDeadline | None
    submission: Submission | None
    grade: Grade | None  # only once released
    criteria: list[CriterionGrade] = field(default_factory=list)

    @property
    def is_past_due(self) -> bool:
        return self.deadline is not None and timezone.now() > self.deadline.due_at

    @property
    def can_submit(self) -> bool:
        from .services import hand_in_refusal

        return (
            self.enrolment is not None
            and hand_in_refusal(
                assignment=self.assignment,
                deadline=self.deadline,
                submission=self.submission,
            )
            is None
        )


def learner_view(*, assignment: Assignment, participant) -> LearnerView:
    enrolment = learner_enrolment(assignment=assignment, participant=participant)
    deadline = (
        assignment_deadline(assignment=assignment, cohort_id=enrolment.cohort_id)
        if enrolment
        else None
    )
    submission = (
        latest_submission(assignment=assignment, participant=participant) if participant else None
    )
    grade = getattr(submission, "grade", None) if submission else None
    if grade is not None and not grade.is_released:
        grade = None
    criteria = (
        list(grade.criteria.select_related("criterion").order_by("criterion__sort_order"))
        if grade
        else []
    )
    return LearnerView(
        assignment=assignment,
        enrolment=enrolment,
        deadline=deadline,
        submission=submission,
        grade=grade,
        criteria=criteria,
    )


def submission_for_learner(*, submission_file_id: int, participant):
    from .models import SubmissionFile

    return SubmissionFile.objects.select_related("submission").get(
        pk=submission_file_id, submission__participant=participant
    )


# --- Completion --------------------------------------------------------------------


def enrolments_assignment_results(
    *, enrolments
) -> dict[int, list[tuple[Assignment, Submission | None]]]:
    """Each required assignment of each enrolment's course with the participant's newest submission.

    Two queries (one when no course requires an assignment). The submission's
    ``grade`` is loaded (``None`` before grading).
    """
    enrolments = list(enrolments)
    course_ids = {e.cohort.course_id for e in enrolments}
    by_course: dict[int, list[Assignment]] = {}
    if course_ids:
        for assignment in Assignment.objects.filter(
            course_id__in=course_ids, required=True
        ).order_by("pk"):
            by_course.setdefault(assignment.course_id, []).append(assignment)
    latest: dict[tuple[int, int], Submission] = {}
    assignment_ids = [a.pk for rows in by_course.values() for a in rows]
    if assignment_ids:
        for submission in (
            Submission.objects.filter(
                assignment_id__in=assignment_ids,
                participant_id__in={e.participant_id for e in enrolments},
            )
            .select_related("grade")
            .order_by("submitted_at", "pk")
        ):
            latest[(submission.assignment_id, submission.participant_id)] = submission
    return {
        e.pk: [
            (a, latest.get((a.pk, e.participant_id))) for a in by_course.get(e.cohort.course_id, [])
        ]
        for e in enrolments
    }


def released_grade(submission: Submission | None) -> Grade | None:
    grade = getattr(submission, "grade", None) if submission is not None else None
    try:
        return grade if grade is not None and grade.is_released else None
    except Grade.DoesNotExist:  # pragma: no cover - select_related gives None
        return None


def assignment_passed(assignment: Assignment, submission: Submission | None) -> bool:
    grade = released_grade(submission)
    return grade is not None and grade.percent >= assignment.pass_mark


# --- Grading -----------------------------------------------------------------------


def assignments_for_user(*, user) -> QuerySet[Assignment]:
    """The assignments of the courses ``user`` may work on."""
    scope = course_scope(user)
    queryset = Assignment.objects.select_related("course").order_by("course__title", "title")
    if scope is not None:
        queryset = queryset.filter(course_id__in=scope)
    return queryset


@dataclass
class GradingRow:
    enrolment: Enrolment
    submission: Submission | None

    @property
    def grade(self) -> Grade | None:
        return getattr(self.submission, "grade", None) if self.submission else None


class GradingFilter:
    ALL = ""
    UNGRADED = "ungraded"
    LATE = "late"
    MISSING = "missing"


def grading_rows(*, assignment: Assignment, cohort: Cohort, show: str = "") -> list[GradingRow]:
    """One row per active learner of ``cohort`` with their newest submission; three queries.

    Args:
        show: ``"ungraded"`` (handed in, not graded), ``"late"`` (handed in
            late), ``"missing"`` (nothing handed in), or everyone.
    """
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
        .select_related("participant")
        .order_by("participant__family_name", "participant__given_name", "pk")
    )
    latest: dict[int, Submission] = {}
    for submission in (
        Submission.objects.filter(
            assignment=assignment, participant_id__in=[e.participant_id for e in enrolments]
        )
        .select_related("grade")
        .prefetch_related("files")
        .order_by("submitted_at", "pk")
    ):
        latest[submission.participant_id] = submission
    rows = [GradingRow(enrolment=e, submission=latest.get(e.participant_id)) for e in enrolments]
    if show == GradingFilter.UNGRADED:
        rows = [r for r in rows if r.submission and r.submission.status != SubmissionStatus.GRADED]
    elif show == GradingFilter.LATE:
        rows = [r for r in rows if r.submission and r.submission.is_late]
    elif show == GradingFilter.MISSING:
        rows = [r for r in rows if r.submission is None]
    return rows


def submission_for_grading(*, submission_id: int, user) -> Submission:
    """A submission of a course ``user`` may grade.

    Raises:
        Submission.DoesNotExist: none, or not one of the user's courses (views answer 404).
    """
    queryset = Submission.objects.select_related(
        "assignment", "assignment__course", "participant", "enrolment__cohort"
    ).prefetch_related(
        "files",
        "assignment__criteria",
        Prefetch("grade__criteria", queryset=CriterionGrade.objects.order_by("criterion_id")),
    )
    scope = course_scope(user)
    if scope is not None:
        queryset = queryset.filter(assignment__course_id__in=scope)
    return queryset.get(pk=submission_id)


# --- Dashboard ----------------------------------------------------------------------


def cohort_announcements(*, cohort_ids, limit: int = 5) -> list[Announcement]:
    return list(
        Announcement.objects.filter(cohort_id__in=list(cohort_ids))
        .select_related("cohort")
        .order_by("-posted_at", "-pk")[:limit]
    )


def dashboard_assignments_section(*, participant) -> DashboardSection:
    """The learner's latest announcements and assignments with a due date ahead; three queries."""
    cohort_ids = list(
        Enrolment.objects.filter(
            participant=participant, status=EnrolmentStatus.ACTIVE
        ).values_list("cohort_id", flat=True)
    )
    if not cohort_ids:
        return DashboardSection(
            template_name="assignments/includes/dashboard_section.html",
            data={"announcements": [], "due": []},
        )
    due = list(
        AssignmentDeadline.objects.filter(cohort_id__in=cohort_ids, due_at__gte=timezone.now())
        .select_related("assignment")
        .order_by("due_at")[:10]
    )
    return DashboardSection(
        template_name="assignments/includes/dashboard_section.html",
        data={"announcements": cohort_announcements(cohort_ids=cohort_ids), "due": due},
    )


def percent_of(score: Decimal, highest: Decimal) -> Decimal:
    if highest <= 0:
        return Decimal(0)
    return min(Decimal(100), (Decimal(100) * score / highest).quantize(Decimal("0.01")))


def cohorts_with_course(*, assignment: Assignment) -> QuerySet[Cohort]:
    return Cohort.objects.filter(course_id=assignment.course_id).filter(~Q(pk__in=[]))


def plain(number: Decimal) -> str:
    """A decimal as people write it: 50, 62.5, 81.25 (never 5E+1 or 50.00)."""
    text = format(number.normalize(), "f")
    return text


# --- The personal-data download (portal.registry.personal_data) -------------

PERSONAL_DATA_COVERS = (
    "assignments.Submission.participant",
    "assignments.Submission.enrolment",
    "assignments.CalendarToken.participant",
)
PERSONAL_DATA_OMITS = {
    "assignments.Grade.graded_by": "A staff member's grading of other people's work",
    "assignments.Grade.moderated_by": "A staff member's moderation of other people's grades",
    "assignments.Announcement.author": "What a staff member posted to a whole cohort",
    "assignments.SubmissionArchive.requested_by": (
        "A staff member's download of a cohort's submissions: it concerns those people"
    ),
}


def assignments_personal_data(participant) -> dict[str, list[dict]]:
    """The person's submissions (text, files handed in, released grades) and feed token."""
    from .models import CalendarToken, Submission

    submissions = (
        Submission.objects.filter(participant=participant)
        .select_related("assignment", "grade")
        .prefetch_related("files")
        .order_by("submitted_at", "pk")
    )
    rows = []
    for submission in submissions:
        grade = getattr(submission, "grade", None)
        released = grade is not None and grade.released_at is not None
        rows.append(
            {
                "assignment": submission.assignment.title,
                "submitted_at": submission.submitted_at,
                "status": submission.status,
                "late": submission.is_late,
                "version": submission.version,
                "receipt": submission.receipt,
                "group": submission.group_name,
                "text": submission.text,
                "files": [
                    {"name": f.original_name, "size": f.size, "sha256": f.sha256}
                    for f in submission.files.all()
                ],
                # A grade counts as the person's once it is released to them.
                "grade_percent": grade.percent if released else None,
                "feedback": grade.feedback if released else "",
                "grade_released_at": grade.released_at if released else None,
            }
        )
    return {
        "assignments.submissions": rows,
        "assignments.calendar_feed": [
            {"has_personal_calendar_feed": True}
            for _token in CalendarToken.objects.filter(participant=participant)
        ],
    }
