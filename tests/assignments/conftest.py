import pytest

from courses.models import Enrolment, EnrolmentStatus
from tests.courses.factories import ParticipantFactory, make_course, self_paced


@pytest.fixture
def course(db):
    return make_course(modules=2)


@pytest.fixture
def participant(learner):
    return ParticipantFactory(user=learner, email=learner.email)


@pytest.fixture
def enrolment(participant, course):
    return Enrolment.objects.create(
        participant=participant, cohort=self_paced(course), status=EnrolmentStatus.ACTIVE
    )


@pytest.fixture
def learner_client(client, learner, participant):
    client.force_login(learner)
    return client
