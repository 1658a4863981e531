"""Writes for assignments: hand in, grade, moderate, release; announce to a cohort.

A hand-in is checked whole before anything is written: every file's content
(``assignments.uploads``), the count, the due date. Grades take effect for the
learner, and for completion, when they are released.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from courses.models import Cohort, Enrolment, EnrolmentStatus

from .models import (
    Announcement,
    Assignment,
    AssignmentDeadline,
    CohortEvent,
    CohortGroup,
    CohortGroupMember,
    CriterionGrade,
    Grade,
    GradingScheme,
    LatePolicy,
    MemberGrade,
    Submission,
    SubmissionFile,
    SubmissionStatus,
)
from .selectors import (
    assignment_deadline,
    enrolment_group,
    latest_submission,
    percent_of,
    plain,
)
from .uploads import UploadRefused, upload_check

logger = logging.getLogger(__name__)


NO_GROUP = _lazy(
    "This is group work and you are in no group yet. Ask your instructor to put you in one."
)


def hand_in_refusal(
    *,
    assignment: Assignment,
    deadline: AssignmentDeadline | None,
    submission: Submission | None,
    now=None,
) -> str | None:
    """Why the learner cannot hand in (again) now, or None when they can."""
    now = now or timezone.now()
    if submission is not None and submission.status == SubmissionStatus.GRADED:
        return _("Your work has been graded; it can no longer be replaced.")
    if submission is not None and submission.status == SubmissionStatus.RETURNED:
        # The instructor asked for it again: the due date does not stand in the way.
        return None
    past_due = deadline is not None and now > deadline.due_at
    if past_due and submission is not None:
        return _("The due date has passed; your work handed in before it stands.")
    if past_due and deadline.late_policy == LatePolicy.REFUSE:
        return _("The due date has passed and this cohort takes no late work.")
    return None


def submission_hand_in(
    *,
    assignment: Assignment,
    enrolment: Enrolment,
    files=(),
    text: str = "",
    now=None,
) -> Submission:
    """Hand in (or replace) the learner's work, with a new receipt.

    For group work the learner hands in (or replaces) their group's one
    submission, which then names them as the member who handed it in.

    Args:
        files: uploaded files (``name`` and ``read()``); all are checked first.
        text: the written answer, where the assignment takes one.

    Raises:
        ValidationError: what to fix; nothing has been stored.
    """
    now = now or timezone.now()
    if (
        enrolment.status != EnrolmentStatus.ACTIVE
        or enrolment.cohort.course_id != assignment.course_id
    ):
        raise ValidationError(_("You are not enrolled in this assignment's course."))
    participant_id = enrolment.participant_id
    group = None
    if assignment.group_work:
        group = enrolment_group(enrolment=enrolment)
        if group is None:
            raise ValidationError(NO_GROUP)
    previous = latest_submission(
        assignment=assignment, participant=enrolment.participant, group=group
    )
    deadline = assignment_deadline(assignment=assignment, cohort_id=enrolment.cohort_id)
    refusal = hand_in_refusal(
        assignment=assignment, deadline=deadline, submission=previous, now=now
    )
    if refusal:
        raise ValidationError(refusal)
    files = list(files)
    text = (text or "").strip()
    if text and not assignment.accepts_text:
        raise ValidationError(_("This assignment takes files only."))
    if files and not assignment.file_kinds:
        raise ValidationError(_("This assignment takes a written answer only."))
    if len(files) > assignment.max_files:
        raise ValidationError(
            _("Hand in at most %(count)d files.") % {"count": assignment.max_files}
        )
    if not files and not text:
        raise ValidationError(_("Add a file or write your answer before handing in."))
    limit = assignment.max_file_mb * 1024 * 1024
    checked = []
    errors = []
    for upload in files:
        data = upload.read(limit + 1)
        try:
            checked.append(
                upload_check(
                    name=upload.name, data=data, kinds=assignment.file_kinds, max_bytes=limit
                )
            )
        except UploadRefused as error:
            errors.append(str(error))
    if errors:
        raise ValidationError(errors)
    is_late = deadline is not None and now > deadline.due_at
    with transaction.atomic():
        if group is not None:
            # Two members handing in at once make one submission, not two.
            CohortGroup.objects.select_for_update().get(pk=group.pk)
            previous = latest_submission(
                assignment=assignment, participant=enrolment.participant, group=group
            )
        if previous is not None:
            submission = Submission.objects.select_for_update().get(pk=previous.pk)
            if submission.status == SubmissionStatus.GRADED:
                raise ValidationError(_("Your work has been graded; it can no longer be replaced."))
            old_names = [f.file.name for f in submission.files.all()]
            submission.files.all().delete()
            submission.version += 1
            submission.receipt = Submission._meta.get_field("receipt").default()
            transaction.on_commit(lambda: _delete_files(old_names))
        else:
            submission = Submission(
                assignment=assignment, participant_id=participant_id, enrolment=enrolment
            )
        submission.participant_id = participant_id
        submission.status = SubmissionStatus.SUBMITTED
        submission.enrolment = enrolment
        submission.group = group
        submission.text = text
        submission.submitted_at = now
        submission.is_late = is_late
        submission.save()
        stored = []
        try:
            for item in checked:
                row = SubmissionFile(
                    submission=submission,
                    original_name=item.name,
                    kind=item.kind,
                    content_type=item.content_type,
                    size=len(item.data),
                    sha256=item.sha256,
                )
                row.file.save(item.name, ContentFile(item.data), save=False)
                stored.append(row.file.name)
                row.save()
        except Exception:
            _delete_files(stored)
            raise
    return submission


def _delete_files(names) -> None:
    from portal.core.storage import private_storage

    for name in names:
        try:
            private_storage().delete(name)
        except OSError:  # pragma: no cover - a missing file is nothing to keep
            logger.warning("Could not delete submitted file %s", name)


def submission_grade(
    *,
    submission: Submission,
    grader,
    levels: dict[int, tuple[int, str]] | None = None,
    score: Decimal | None = None,
    feedback: str = "",
    member_grades: dict[int, tuple[Decimal | None, str]] | None = None,
) -> Grade:
    """Grade a submission with the rubric (a level and feedback per criterion) or a score.

    A group's grade applies to every member; ``member_grades`` gives some of
    them their own instead (Moodle's "apply grades to all members" turned off
    for them): enrolment pk → (score out of the same highest score, comment);
    a member left out, or given no score, gets the group's. A grade already
    released stays released; completion is then looked at again for everyone
    it applies to.

    Raises:
        ValidationError: a criterion without a level, a level or score out of
            range, an own grade for someone not in the group; nothing is saved.
    """
    assignment = submission.assignment
    criterion_rows = []
    if assignment.grading_scheme == GradingScheme.RUBRIC:
        levels = levels or {}
        criteria = list(assignment.criteria.all())
        if not criteria:
            raise ValidationError(
                _("The assignment has no rubric; give it criteria or grade with a score.")
            )
        total = Decimal(0)
        missing = []
        for criterion in criteria:
            chosen = levels.get(criterion.pk)
            options = criterion.level_list
            if chosen is None or not 0 <= chosen[0] < len(options):
                missing.append(criterion.title)
                continue
            points = options[chosen[0]]["points"]
            total += points
            criterion_rows.append((criterion, chosen[0], points, chosen[1].strip()))
        if missing:
            raise ValidationError(
                _("Choose a level for every criterion: %(names)s.") % {"names": ", ".join(missing)}
            )
        highest = assignment.rubric_max
        score = total
    else:
        highest = assignment.max_score
        if score is None or score < 0 or score > highest:
            raise ValidationError(_("Give a score from 0 to %(max)s.") % {"max": plain(highest)})
    own_rows = _member_grade_rows(submission, member_grades or {}, highest)
    with transaction.atomic():
        grade, _created = Grade.objects.update_or_create(
            submission=submission,
            defaults={
                "score": score,
                "max_score": highest,
                "percent": percent_of(score, highest),
                "feedback": feedback.strip(),
                "graded_by": grader,
                "graded_at": timezone.now(),
            },
        )
        grade.criteria.all().delete()
        CriterionGrade.objects.bulk_create(
            CriterionGrade(
                grade=grade, criterion=criterion, level_index=index, points=points, feedback=text
            )
            for criterion, index, points, text in criterion_rows
        )
        grade.member_grades.all().delete()
        MemberGrade.objects.bulk_create(
            MemberGrade(
                grade=grade,
                enrolment_id=enrolment_id,
                score=own_score,
                percent=percent_of(own_score, highest),
                feedback=comment,
            )
            for enrolment_id, own_score, comment in own_rows
        )
        Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.GRADED)
        submission.status = SubmissionStatus.GRADED
    if grade.is_released:
        for enrolment_id in submission_enrolment_ids(submission):
            _completion_update(enrolment_id)
    return grade


def _member_grade_rows(submission, member_grades, highest) -> list[tuple[int, Decimal, str]]:
    """Check the members' own grades; (enrolment pk, score, comment) for those given a score."""
    if not member_grades:
        return []
    if not submission.group_id:
        raise ValidationError(_("Only a group's submission gives members their own grades."))
    members = set(
        CohortGroupMember.objects.filter(group_id=submission.group_id).values_list(
            "enrolment_id", flat=True
        )
    )
    rows = []
    for enrolment_id, (own_score, comment) in member_grades.items():
        if enrolment_id not in members:
            raise ValidationError(_("An own grade can only go to a member of the group."))
        if own_score is None:
            continue
        if own_score < 0 or own_score > highest:
            raise ValidationError(
                _("Give each member's own score from 0 to %(max)s.") % {"max": plain(highest)}
            )
        rows.append((enrolment_id, own_score, (comment or "").strip()))
    return rows


def submission_enrolment_ids(submission: Submission) -> list[int]:
    """The enrolments a submission's grade applies to: the group's members, or the learner's."""
    if submission.group_id:
        return list(
            CohortGroupMember.objects.filter(group_id=submission.group_id).values_list(
                "enrolment_id", flat=True
            )
        )
    return [submission.enrolment_id]


def submission_return(*, submission: Submission, note: str) -> Submission:
    """Return ungraded work for resubmission, saying what to change (Moodle's "reopen").

    The learner (or any member of the group) may then hand it in again, even
    past the due date; until then it is on their list of work still to do.

    Raises:
        ValidationError: no note, or the work is graded already.
    """
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say what to change, so the learner knows what to hand in."))
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if (
            locked.status == SubmissionStatus.GRADED
            or Grade.objects.filter(submission=locked).exists()
        ):
            raise ValidationError(_("Graded work cannot be returned for resubmission."))
        locked.status = SubmissionStatus.RETURNED
        locked.return_note = note
        locked.save(update_fields=["status", "return_note"])
    submission.status, submission.return_note = locked.status, locked.return_note
    return submission


def grade_moderate(
    *, grade: Grade, moderator, note: str = "", score: Decimal | None = None
) -> Grade:
    """A second marker looks at a grade: agrees (a note), or sets another score (scored work).

    Raises:
        ValidationError: the moderator is the one who graded it.
    """
    if grade.graded_by_id == moderator.pk:
        raise ValidationError(_("A second marker moderates; you graded this submission yourself."))
    if score is not None:
        highest = grade.max_score
        if score < 0 or score > highest:
            raise ValidationError(_("Give a score from 0 to %(max)s.") % {"max": plain(highest)})
        grade.score = score
        grade.percent = percent_of(score, highest)
    grade.moderated_by = moderator
    grade.moderated_at = timezone.now()
    grade.moderation_note = note.strip()
    grade.save()
    if grade.is_released:
        for enrolment_id in submission_enrolment_ids(grade.submission):
            _completion_update(enrolment_id)
    return grade


def grades_release(*, assignment: Assignment, cohort: Cohort) -> int:
    """Release every grade given in ``cohort`` for ``assignment`` at once; returns how many.

    The learners then see their grade and feedback, and completion (and the
    certificate) follows for those who now meet every requirement.
    """
    now = timezone.now()
    grades = Grade.objects.filter(
        submission__assignment=assignment,
        submission__enrolment__cohort=cohort,
        released_at__isnull=True,
    )
    enrolment_ids = set(grades.values_list("submission__enrolment_id", flat=True))
    enrolment_ids.update(
        CohortGroupMember.objects.filter(
            group__submissions__grade__in=grades.exclude(submission__group=None)
        ).values_list("enrolment_id", flat=True)
    )
    count = grades.update(released_at=now)
    for enrolment_id in sorted(enrolment_ids):
        _completion_update(enrolment_id)
    return count


def _completion_update(enrolment_id: int) -> None:
    from courses.services import enrolment_completion_update

    enrolment = Enrolment.objects.select_related("cohort", "cohort__course").get(pk=enrolment_id)
    enrolment_completion_update(enrolment=enrolment)


# --- Announcements and dates ---------------------------------------------------------


def announcement_post(*, cohort: Cohort, author, title: str, body: str) -> Announcement:
    """Post an announcement to a cohort; its learners are e-mailed by the task worker."""
    from .tasks import announcement_email_task

    announcement = Announcement(
        cohort=cohort, author=author, title=title.strip(), body=body.strip()
    )
    announcement.full_clean()
    announcement.save()
    transaction.on_commit(lambda: announcement_email_task.enqueue(announcement_id=announcement.pk))
    return announcement


def cohort_event_create(
    *, cohort: Cohort, title: str, starts_at, ends_at=None, kind="session", location=""
) -> CohortEvent:
    event = CohortEvent(
        cohort=cohort,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        kind=kind,
        location=location,
    )
    event.full_clean()
    event.save()
    return event
