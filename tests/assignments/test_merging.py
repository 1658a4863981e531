"""A participant merge keeps every submission (courses/registry check every relation)."""

import pytest

from assignments.models import Submission
from assignments.services import submission_hand_in
from portal.registry.services import participant_merge
from tests.assignments.factories import make_assignment
from tests.courses.factories import EnrolmentFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_merge_moves_submissions_and_combines_enrolments(enrolment, course, participant):
    assignment = make_assignment(course=course)
    duplicate = ParticipantFactory(given_name=participant.given_name, user=None)
    theirs = EnrolmentFactory(participant=duplicate, cohort=enrolment.cohort)
    submission_hand_in(assignment=assignment, enrolment=theirs, text="Counted 412.")
    submission_hand_in(assignment=assignment, enrolment=enrolment, text="Counted 415.")
    result = participant_merge(
        keep=participant, duplicate=duplicate, acting_user=None, reason="Same person"
    )
    assert Submission.objects.filter(participant=participant).count() == 2
    assert set(Submission.objects.values_list("enrolment_id", flat=True)) == {enrolment.pk}
    assert result.moved_count(Submission) == 1


def test_merge_keeps_the_duplicates_group_and_own_grade(enrolment, course, participant):
    """The duplicate was in the team and given an own grade; the kept person was in none."""
    from decimal import Decimal

    from assignments.groups import cohort_group_create, cohort_groups_assign
    from assignments.models import CohortGroupMember, MemberGrade
    from assignments.selectors import grading_rows
    from assignments.services import submission_grade
    from tests.factories import UserFactory

    assignment = make_assignment(
        course=course, group_work=True, rubric=None, grading_scheme="score"
    )
    duplicate = ParticipantFactory(given_name=participant.given_name, user=None)
    theirs = EnrolmentFactory(participant=duplicate, cohort=enrolment.cohort)
    team = cohort_group_create(cohort=enrolment.cohort, name="Roost team")
    cohort_groups_assign(cohort=enrolment.cohort, assignments={theirs.pk: team.pk})
    submission = submission_hand_in(assignment=assignment, enrolment=theirs, text="412")
    submission_grade(
        submission=submission,
        grader=UserFactory(role="Instructors"),
        score=Decimal(80),
        member_grades={theirs.pk: (Decimal(60), "")},
    )
    participant_merge(keep=participant, duplicate=duplicate, acting_user=None, reason="Same")
    assert CohortGroupMember.objects.get().enrolment_id == enrolment.pk
    assert MemberGrade.objects.get().enrolment_id == enrolment.pk
    (row,) = grading_rows(assignment=assignment, cohort=enrolment.cohort)
    assert row.submission == submission and row.grade.percent == Decimal(60)
