"""The assessments app's columns of a cohort's gradebook (``courses.gradebook``): graded quizzes."""

from courses.gradebook import GradebookColumn

from .localization import sources_filter
from .models import Attempt, AttemptStatus, Quiz, QuizKind
from .selectors import grade_from_percents


def quiz_columns(*, cohort, enrolments) -> list[GradebookColumn]:
    """One column per graded quiz of the cohort's course: each learner's grade (%); two queries."""
    quizzes = list(
        Quiz.objects.filter(course_id=cohort.course_id, kind=QuizKind.QUIZ)
        .filter(sources_filter(Quiz))
        .only("pk", "title", "grading_method")
        .order_by("pk")
    )
    if not quizzes:
        return []
    by_participant = {e.participant_id: e.pk for e in enrolments}
    percents: dict[tuple[int, int], list] = {}
    for quiz_id, participant_id, percent in (
        Attempt.objects.filter(
            quiz__in=quizzes,
            participant_id__in=list(by_participant),
            status=AttemptStatus.SUBMITTED,
        )
        .order_by("number")
        .values_list("quiz_id", "participant_id", "percent")
    ):
        percents.setdefault((quiz_id, participant_id), []).append(percent)
    columns = []
    for quiz in quizzes:
        values = {}
        for participant_id, enrolment_id in by_participant.items():
            values[enrolment_id] = grade_from_percents(
                percents.get((quiz.pk, participant_id), []), quiz.grading_method
            )
        columns.append(
            GradebookColumn(key=f"quiz-{quiz.pk}", label=quiz.title, kind="quiz", values=values)
        )
    return columns
