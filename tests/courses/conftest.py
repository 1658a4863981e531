import pytest

from tests.courses.factories import ParticipantFactory, make_course


@pytest.fixture
def course(db):
    return make_course(modules=3)


@pytest.fixture
def participant(learner):
    return ParticipantFactory(user=learner, email=learner.email)
