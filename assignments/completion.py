"""The assignments app's part of the completion rule (``courses.completion``).

Registered in ``AssignmentsConfig.ready``: each required assignment of the
course must be graded, the grade released, and at or above its pass mark. For
group work the group's submission counts for every member, with the grade
that applies to each (their own, where the instructor gave one).
"""

from django.urls import reverse
from django.utils.translation import gettext

from courses.completion import RequirementItem

from . import selectors
from .localization import assignment_titles_with_languages
from .selectors import plain


class RequiredAssignments:
    """Every required assignment of the enrolment's course passed."""

    def met(self, *, enrolment) -> bool:
        rows = selectors.enrolments_assignment_results(enrolments=[enrolment])[enrolment.pk]
        return all(selectors.assignment_passed(a, s, enrolment.pk) for a, s in rows)

    def items(self, *, enrolment) -> list[RequirementItem]:
        return self.items_for(enrolments=[enrolment])[enrolment.pk]

    def items_for(self, *, enrolments) -> dict[int, list[RequirementItem]]:
        results = selectors.enrolments_assignment_results(enrolments=enrolments)
        titles = assignment_titles_with_languages(
            {a.pk: a for rows in results.values() for a, _s in rows}.values()
        )
        return {
            pk: [_item(a, s, pk, titles[a.pk]) for a, s in rows] for pk, rows in results.items()
        }


def _item(assignment, submission, enrolment_id, title) -> RequirementItem:
    grade = selectors.released_grade(submission, enrolment_id)
    mark = plain(assignment.pass_mark)
    if submission is None:
        detail = gettext("pass mark %(mark)s %%; not handed in yet") % {"mark": mark}
    elif grade is None:
        detail = gettext("pass mark %(mark)s %%; handed in, waiting for the grade") % {"mark": mark}
    else:
        detail = gettext("pass mark %(mark)s %%; your grade %(grade)s %%") % {
            "mark": mark,
            "grade": plain(grade.percent),
        }
    return RequirementItem(
        kind="assignment",
        label=title[0],
        language=title[1],
        met=selectors.assignment_passed(assignment, submission, enrolment_id),
        detail=detail,
        url=reverse("assignments:detail", args=[assignment.pk]),
    )
