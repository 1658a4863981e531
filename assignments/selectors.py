"""Reads for assignments: the learner's view, the grading list, results for completion.

Every list selector makes a fixed number of queries, whatever the number of
learners or submissions (pinned in tests/assignments).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from courses.dashboard import DashboardSection
from courses.models import Cohort, Enrolment, EnrolmentStatus
from portal.accounts.permissions import course_scope

from .localization import assignment_titles_with_languages, sources_filter
from .models import (
    Announcement,
    Assignment,
    AssignmentDeadline,
    CohortGroup,
    CohortGroupMember,
    CriterionGrade,
    Grade,
    LatePolicy,
    MemberGrade,
    Submission,
    SubmissionStatus,
)


def enrolment_group(*, enrolment: Enrolment | None) -> CohortGroup | None:
    """The group the learner is in within the enrolment's cohort, or None."""
    if enrolment is None:
        return None
    membership = (
        CohortGroupMember.objects.select_related("group").filter(enrolment=enrolment).first()
    )
    return membership.group if membership else None


def latest_submission(
    *, assignment: Assignment, participant, group: CohortGroup | None = None
) -> Submission | None:
    """The submission for ``assignment`` that counts for a learner: the newest.

    For group work it is the newest of ``group`` (whoever of it handed in);
    None when the learner is in no group.
    """
    queryset = Submission.objects.filter(assignment=assignment)
    if assignment.group_work:
        if group is None:
            return None
        queryset = queryset.filter(group=group)
    else:
        queryset = queryset.filter(participant=participant)
    return (
        queryset.select_related("grade", "participant", "group")
        .prefetch_related("files")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def counting_submissions(*, assignments, enrolments) -> dict[tuple[int, int], Submission]:
    """The submission that counts for each learner: ``(assignment pk, enrolment pk)`` → it.

    Individual work: the participant's newest; group work: the newest of the
    learner's group in the enrolment's cohort. Each submission has its
    ``grade`` loaded and its members' own grades attached (see
    :func:`grade_for_member`). At most four queries, whatever the number of
    learners: memberships and members' grades only where there is group work.
    """
    assignments = list(assignments)
    enrolments = list(enrolments)
    grouped = {a.pk for a in assignments if a.group_work}
    individual = [a.pk for a in assignments if not a.group_work]
    group_of: dict[int, int] = {}
    if grouped and enrolments:
        group_of = dict(
            CohortGroupMember.objects.filter(enrolment__in=[e.pk for e in enrolments]).values_list(
                "enrolment_id", "group_id"
            )
        )
    condition = Q()
    if individual and enrolments:
        condition |= Q(
            assignment_id__in=individual,
            participant_id__in={e.participant_id for e in enrolments},
        )
    if grouped and group_of:
        condition |= Q(assignment_id__in=grouped, group_id__in=set(group_of.values()))
    if not condition:
        return {}
    by_person: dict[tuple[int, int], Submission] = {}
    by_group: dict[tuple[int, int], Submission] = {}
    submissions = list(
        Submission.objects.filter(condition)
        .select_related("grade", "participant", "group")
        .order_by("submitted_at", "pk")
    )
    for submission in submissions:
        if submission.assignment_id in grouped:
            by_group[(submission.assignment_id, submission.group_id)] = submission
        else:
            by_person[(submission.assignment_id, submission.participant_id)] = submission
    member_grades_attach(list(by_group.values()))
    result = {}
    for assignment in assignments:
        for enrolment in enrolments:
            if assignment.pk in grouped:
                found = by_group.get((assignment.pk, group_of.get(enrolment.pk)))
            else:
                found = by_person.get((assignment.pk, enrolment.participant_id))
            if found is not None:
                result[(assignment.pk, enrolment.pk)] = found
    return result


def _grade_of(submission: Submission | None) -> Grade | None:
    return getattr(submission, "grade", None) if submission is not None else None


def member_grades_attach(submissions) -> None:
    """Load the members' own grades of group submissions in one query (none without any)."""
    graded = {g.pk: s for s in submissions if s.group_id and (g := _grade_of(s)) is not None}
    for submission in submissions:
        submission._member_grades = {}
    if not graded:
        return
    for row in MemberGrade.objects.filter(grade_id__in=list(graded)):
        graded[row.grade_id]._member_grades[row.enrolment_id] = row


def grade_for_member(submission: Submission | None, enrolment_id: int | None) -> Grade | None:
    """The grade as it applies to one learner: the group's, or their own where one was given.

    A member's own grade comes back as a copy of the group's ``Grade`` (never
    saved) with its score, percent and, when given, comment, and
    ``own_grade`` set.
    """
    grade = _grade_of(submission)
    if grade is None or not submission.group_id or enrolment_id is None:
        return grade
    if not hasattr(submission, "_member_grades"):
        member_grades_attach([submission])
    own = submission._member_grades.get(enrolment_id)
    if own is None:
        return grade
    mine = copy.copy(grade)
    mine.score = own.score
    mine.percent = own.percent
    if own.feedback:
        mine.feedback = own.feedback
    mine.own_grade = True
    return mine


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
    grade: Grade | None  # only once released; the member's own where given
    criteria: list[CriterionGrade] = field(default_factory=list)
    group: CohortGroup | None = None
    group_members: list = field(default_factory=list)

    @property
    def needs_group(self) -> bool:
        """Group work, and the learner is in no group of their cohort: they cannot hand in."""
        return self.assignment.group_work and self.enrolment is not None and self.group is None

    @property
    def is_past_due(self) -> bool:
        return self.deadline is not None and timezone.now() > self.deadline.due_at

    @property
    def can_submit(self) -> bool:
        from .services import hand_in_refusal

        return (
            self.enrolment is not None
            and not self.needs_group
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
    group = enrolment_group(enrolment=enrolment) if assignment.group_work else None
    submission = (
        latest_submission(assignment=assignment, participant=participant, group=group)
        if participant
        else None
    )
    grade = grade_for_member(submission, enrolment.pk if enrolment else None)
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
        group=group,
        group_members=(
            [
                m.enrolment.participant
                for m in group.members.select_related("enrolment__participant").order_by(
                    "enrolment__participant__family_name", "pk"
                )
            ]
            if group
            else []
        ),
    )


def submission_for_learner(*, submission_file_id: int, participant):
    from .models import SubmissionFile

    # One's own hand-ins, and every file of a group one is in (whoever handed it in).
    return (
        SubmissionFile.objects.select_related("submission")
        .filter(
            Q(submission__participant=participant)
            | Q(submission__group__members__enrolment__participant=participant),
            pk=submission_file_id,
        )
        .distinct()
        .get()
    )


# --- Completion --------------------------------------------------------------------


def enrolments_assignment_results(
    *, enrolments
) -> dict[int, list[tuple[Assignment, Submission | None]]]:
    """Each required assignment of each enrolment's course with the submission that counts.

    A fixed number of queries (:func:`counting_submissions`). The submission's
    ``grade`` is loaded (``None`` before grading); read it for one learner
    with :func:`grade_for_member`.
    """
    enrolments = list(enrolments)
    course_ids = {e.cohort.course_id for e in enrolments}
    by_course: dict[int, list[Assignment]] = {}
    if course_ids:
        for assignment in (
            Assignment.objects.filter(course_id__in=course_ids, required=True)
            .filter(sources_filter())
            .order_by("pk")
        ):
            by_course.setdefault(assignment.course_id, []).append(assignment)
    assignments = [a for rows in by_course.values() for a in rows]
    counting = counting_submissions(assignments=assignments, enrolments=enrolments)
    return {
        e.pk: [(a, counting.get((a.pk, e.pk))) for a in by_course.get(e.cohort.course_id, [])]
        for e in enrolments
    }


def released_grade(submission: Submission | None, enrolment_id: int | None = None) -> Grade | None:
    """The learner's grade once released (a group member's own where given), else None."""
    grade = grade_for_member(submission, enrolment_id)
    return grade if grade is not None and grade.is_released else None


def assignment_passed(
    assignment: Assignment, submission: Submission | None, enrolment_id: int | None = None
) -> bool:
    grade = released_grade(submission, enrolment_id)
    return grade is not None and grade.percent >= assignment.pass_mark


# --- Grading -----------------------------------------------------------------------


def assignments_for_user(*, user) -> QuerySet[Assignment]:
    """The assignments of the courses ``user`` may work on."""
    scope = course_scope(user)
    queryset = (
        Assignment.objects.filter(sources_filter())
        .select_related("course")
        .order_by("course__title", "title")
    )
    if scope is not None:
        queryset = queryset.filter(course_id__in=scope)
    return queryset


@dataclass
class GradingRow:
    enrolment: Enrolment
    submission: Submission | None

    @property
    def grade(self) -> Grade | None:
        """The grade as it applies to this learner (a group member's own where given)."""
        return grade_for_member(self.submission, self.enrolment.pk)


class GradingFilter:
    ALL = ""
    UNGRADED = "ungraded"
    LATE = "late"
    MISSING = "missing"


def grading_rows(*, assignment: Assignment, cohort: Cohort, show: str = "") -> list[GradingRow]:
    """One row per active learner of ``cohort`` with the submission that counts for them.

    Three queries; five for group work (each member's row shows the group's
    submission).

    Args:
        show: ``"ungraded"`` (handed in, not graded), ``"late"`` (handed in
            late), ``"missing"`` (nothing handed in), or everyone.
    """
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
        .select_related("participant")
        .order_by("participant__family_name", "participant__given_name", "pk")
    )
    counting = counting_submissions(assignments=[assignment], enrolments=enrolments)
    prefetch_related_objects(list({s.pk: s for s in counting.values()}.values()), "files")
    rows = [
        GradingRow(enrolment=e, submission=counting.get((assignment.pk, e.pk))) for e in enrolments
    ]
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
        "assignment", "assignment__course", "participant", "enrolment__cohort", "group"
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


def due_for_learner(*, participant, limit: int = 10) -> list[AssignmentDeadline]:
    """What the learner still has to hand in, by their cohort's due date.

    Work handed in (by them, or by their group) is left out unless it was
    returned for resubmission, and so is work past a due date after which their
    cohort takes nothing; overdue work a cohort still takes (marked late)
    stays, first. A fixed number of queries.
    """
    enrolments = list(
        Enrolment.objects.filter(participant=participant, status=EnrolmentStatus.ACTIVE)
    )
    if not enrolments:
        return []
    by_cohort = {e.cohort_id: e for e in enrolments}
    now = timezone.now()
    deadlines = list(
        AssignmentDeadline.objects.filter(cohort_id__in=list(by_cohort))
        .filter(sources_filter("assignment__"))
        .select_related("assignment")
        .order_by("due_at", "pk")
    )
    counting = counting_submissions(
        assignments={d.assignment_id: d.assignment for d in deadlines}.values(),
        enrolments=enrolments,
    )
    titles = assignment_titles_with_languages(
        {d.assignment_id: d.assignment for d in deadlines}.values()
    )
    due = []
    for item in deadlines:
        item.title_shown, item.title_language = titles[item.assignment_id]
        handed_in = counting.get((item.assignment_id, by_cohort[item.cohort_id].pk))
        item.is_returned = handed_in is not None and handed_in.status == SubmissionStatus.RETURNED
        if handed_in is not None and not item.is_returned:
            continue
        if not item.is_returned and item.due_at < now and item.late_policy == LatePolicy.REFUSE:
            continue
        item.is_overdue = item.due_at < now
        due.append(item)
    return due[:limit]


def dashboard_assignments_section(*, participant) -> DashboardSection:
    """The learner's latest announcements and the work they still have to hand in."""
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
    return DashboardSection(
        template_name="assignments/includes/dashboard_section.html",
        data={
            "announcements": cohort_announcements(cohort_ids=cohort_ids),
            "due": due_for_learner(participant=participant),
        },
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
    "assignments.CohortGroupMember.enrolment",
    "assignments.MemberGrade.enrolment",
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
    """The person's submissions (their own and their groups'), grades as they apply to them.

    A group's submission is the person's as a member: it comes once, with who
    handed it in, and the grade that applies to them (their own where given)
    once released.
    """
    from .models import CalendarToken

    memberships = list(
        CohortGroupMember.objects.filter(enrolment__participant=participant).select_related("group")
    )
    enrolment_by_group = {m.group_id: m.enrolment_id for m in memberships}
    submissions = list(
        Submission.objects.filter(
            Q(participant=participant) | Q(group_id__in=list(enrolment_by_group))
        )
        .select_related("assignment", "grade", "group", "participant")
        .prefetch_related("files")
        .order_by("submitted_at", "pk")
    )
    member_grades_attach(submissions)
    rows = []
    for submission in submissions:
        enrolment_id = enrolment_by_group.get(submission.group_id, submission.enrolment_id)
        # A grade counts as the person's once it is released to them.
        grade = released_grade(submission, enrolment_id)
        rows.append(
            {
                "assignment": submission.assignment.title,
                "submitted_at": submission.submitted_at,
                "status": submission.status,
                "late": submission.is_late,
                "version": submission.version,
                "receipt": submission.receipt,
                "group": submission.group.name if submission.group else "",
                "handed_in_by_me": submission.participant_id == participant.pk,
                "text": submission.text,
                "files": [
                    {"name": f.original_name, "size": f.size, "sha256": f.sha256}
                    for f in submission.files.all()
                ],
                "grade_percent": grade.percent if grade else None,
                "feedback": grade.feedback if grade else "",
                "grade_released_at": grade.released_at if grade else None,
            }
        )
    return {
        "assignments.submissions": rows,
        "assignments.groups": [
            {"group": m.group.name, "cohort_id": m.group.cohort_id} for m in memberships
        ],
        "assignments.calendar_feed": [
            {"has_personal_calendar_feed": True}
            for _token in CalendarToken.objects.filter(participant=participant)
        ],
    }
