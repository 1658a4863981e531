"""The assessments app's part of the completion rule (``courses.completion``).

Registered in ``AssessmentsConfig.ready``: a course's required graded quizzes
must each be passed (a grade, by the quiz's grading method, at or above its
pass mark). Surveys are never required for completion.
"""

from django.urls import reverse
from django.utils.translation import gettext

from courses.completion import RequirementItem

from . import localization, selectors


class RequiredQuizzes:
    """Every required graded quiz of the enrolment's course passed."""

    def met(self, *, enrolment) -> bool:
        return selectors.enrolment_assessments_passed(enrolment=enrolment)

    def items(self, *, enrolment) -> list[RequirementItem]:
        rows = selectors.enrolment_required_quiz_grades(enrolment=enrolment)
        titles = localization.quiz_titles(quiz for quiz, _grade in rows)
        return [_item(quiz, grade, titles[quiz.pk]) for quiz, grade in rows]

    def items_for(self, *, enrolments) -> dict[int, list[RequirementItem]]:
        grades = selectors.enrolments_required_quiz_grades(enrolments=enrolments)
        quizzes = {quiz.pk: quiz for rows in grades.values() for quiz, _grade in rows}
        titles = localization.quiz_titles(quizzes.values())
        return {
            pk: [_item(quiz, grade, titles[quiz.pk]) for quiz, grade in rows]
            for pk, rows in grades.items()
        }


def _item(quiz, grade, title: tuple[str, str]) -> RequirementItem:
    if grade is None:
        detail = gettext("pass mark %(mark)s %%; not attempted yet") % {"mark": quiz.pass_mark}
    else:
        detail = gettext("pass mark %(mark)s %%; your grade %(grade)s %%") % {
            "mark": quiz.pass_mark,
            "grade": grade,
        }
    return RequirementItem(
        kind="quiz",
        label=title[0],
        language=title[1],
        met=grade is not None and grade >= quiz.pass_mark,
        detail=detail,
        url=reverse("assessments:quiz_detail", args=[quiz.pk]),
    )
