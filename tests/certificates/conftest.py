import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.courses.factories import ParticipantFactory, make_course


@pytest.fixture(scope="session")
def _signing_key_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(autouse=True)
def _signing_key(settings, _signing_key_pem):
    """A throw-away issuer key: tests never write a key under var/."""
    settings.CERTIFICATES_SIGNING_KEY = _signing_key_pem


@pytest.fixture
def course(db):
    return make_course(modules=1)


@pytest.fixture
def participant(learner):
    return ParticipantFactory(
        user=learner,
        email=learner.email,
        given_name="Oyunchimeg",
        family_name="Batbayar",
        native_name="Оюунчимэг Батбаяр",
    )
