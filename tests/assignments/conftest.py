from pathlib import Path

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


@pytest.fixture(autouse=True)
def _private_root(settings):
    """The private storage's folder (tests/conftest.py gives each test its own)."""
    return Path(settings.STORAGES["private"]["OPTIONS"]["location"])


@pytest.fixture(autouse=True)
def _signing_key(settings):
    """A throw-away issuer key, so that completing a course can issue its certificate."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.CERTIFICATES_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
