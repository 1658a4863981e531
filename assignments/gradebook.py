"""The assignments app's columns of a cohort's gradebook (``courses.gradebook``)."""

from courses.gradebook import GradebookColumn

from .models import Assignment, Submission


def assignment_columns(*, cohort, enrolments) -> list[GradebookColumn]:
    """One column per assignment of the cohort's course: each learner's released grade (%).

    Two queries. A grade not yet released is shown to instructors too (they
    gave it); the learner sees it once released.
    """
    assignments = list(Assignment.objects.filter(course_id=cohort.course_id).order_by("pk"))
    if not assignments:
        return []
    by_participant = {e.participant_id: e.pk for e in enrolments}
    latest: dict[tuple[int, int], Submission] = {}
    for submission in (
        Submission.objects.filter(
            assignment__in=assignments, participant_id__in=list(by_participant)
        )
        .select_related("grade")
        .order_by("submitted_at", "pk")
    ):
        latest[(submission.assignment_id, submission.participant_id)] = submission
    columns = []
    for assignment in assignments:
        values = {}
        for participant_id, enrolment_id in by_participant.items():
            submission = latest.get((assignment.pk, participant_id))
            grade = getattr(submission, "grade", None) if submission else None
            values[enrolment_id] = grade.percent if grade is not None else None
        columns.append(
            GradebookColumn(
                key=f"assignment-{assignment.pk}",
                label=assignment.title,
                kind="assignment",
                weight=assignment.weight,
                values=values,
            )
        )
    return columns
