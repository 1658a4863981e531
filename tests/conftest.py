import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and sessions must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def learner(db):
    return UserFactory(role="Learners")


@pytest.fixture
def instructor(db):
    return UserFactory(role="Instructors")


@pytest.fixture
def secretariat(db):
    return UserFactory(role="Secretariat")


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True)
