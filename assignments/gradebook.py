"""The assignments app's columns of a cohort's gradebook (``courses.gradebook``)."""

from courses.gradebook import GradebookColumn

from .localization import assignment_titles, sources_filter
from .models import Assignment
from .selectors import counting_submissions, grade_for_member


def assignment_columns(*, cohort, enrolments) -> list[GradebookColumn]:
    """One column per assignment of the cohort's course: each learner's released grade (%).

    A fixed number of queries (:func:`~assignments.selectors.counting_submissions`).
    A grade not yet released is shown to instructors too (they gave it); the
    learner sees it once released. Group work: each member's grade as it
    applies to them (the group's, or their own).
    """
    assignments = list(
        Assignment.objects.filter(course_id=cohort.course_id)
        .filter(sources_filter())
        .order_by("pk")
    )
    if not assignments:
        return []
    counting = counting_submissions(assignments=assignments, enrolments=enrolments)
    titles = assignment_titles(assignments)
    columns = []
    for assignment in assignments:
        values = {}
        for enrolment in enrolments:
            grade = grade_for_member(counting.get((assignment.pk, enrolment.pk)), enrolment.pk)
            values[enrolment.pk] = grade.percent if grade is not None else None
        columns.append(
            GradebookColumn(
                key=f"assignment-{assignment.pk}",
                label=titles[assignment.pk],
                kind="assignment",
                weight=assignment.weight,
                values=values,
            )
        )
    return columns
