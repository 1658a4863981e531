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
