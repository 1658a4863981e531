"""The assessments app's part of the completion rule (``courses.completion``).

Registered in ``AssessmentsConfig.ready``: a course's required graded quizzes
must each be passed (a grade, by the quiz's grading method, at or above its
pass mark). Surveys are never required for completion.
"""

from django.urls import reverse
from django.utils.translation import gettext

from courses.completion import RequirementItem

from . import selectors


class RequiredQuizzes:
    """Every required graded quiz of the enrolment's course passed."""

    def met(self, *, enrolment) -> bool:
        return selectors.enrolment_assessments_passed(enrolment=enrolment)

    def items(self, *, enrolment) -> list[RequirementItem]:
        return [
            _item(quiz, grade)
            for quiz, grade in selectors.enrolment_required_quiz_grades(enrolment=enrolment)
        ]

    def items_for(self, *, enrolments) -> dict[int, list[RequirementItem]]:
        grades = selectors.enrolments_required_quiz_grades(enrolments=enrolments)
        return {pk: [_item(quiz, grade) for quiz, grade in rows] for pk, rows in grades.items()}


def _item(quiz, grade) -> RequirementItem:
    if grade is None:
        detail = gettext("pass mark %(mark)s %%; not attempted yet") % {"mark": quiz.pass_mark}
    else:
        detail = gettext("pass mark %(mark)s %%; your grade %(grade)s %%") % {
            "mark": quiz.pass_mark,
            "grade": grade,
        }
    return RequirementItem(
        kind="quiz",
        label=quiz.title,
        met=grade is not None and grade >= quiz.pass_mark,
        detail=detail,
        url=reverse("assessments:quiz_detail", args=[quiz.pk]),
    )
