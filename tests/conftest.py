import pytest
from django.core.cache import cache
from django.utils import translation

from tests.factories import PASSWORD, UserFactory


def pytest_collection_modifyitems(items):
    """Transactional tests restore the data that migrations create.

    A transactional test ends by emptying every table, so the home page, the
    roles and the locales made by data migrations would be gone for the next
    one (and for the live server of a browser journey). With serialized
    rollback, pytest-django saves them once and each such test starts with them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and sessions must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a test client request through
    LocaleMiddleware leaves its language active in the thread afterwards."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }


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
