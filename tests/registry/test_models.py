import pytest
from django.db import IntegrityError, transaction

from portal.registry.models import Participant
from tests.registry.factories import ImportedParticipantFactory

pytestmark = pytest.mark.django_db


def test_email_unique_case_insensitively_in_the_database():
    ImportedParticipantFactory(email="ann@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(email="ANN@example.org", given_name="A", family_name="B")


def test_blank_emails_of_anonymised_rows_do_not_clash():
    Participant.objects.create(email="", given_name="", family_name="")
    Participant.objects.create(email="", given_name="", family_name="")
    assert Participant.objects.filter(email="").count() == 2


def test_birth_year_range_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            email="x@example.org", given_name="A", family_name="B", birth_year=1850
        )


def test_defaults_and_str():
    participant = Participant.objects.create(
        email="x@example.org", given_name="Ann", family_name="Lee"
    )
    assert participant.gender == "undisclosed"
    assert participant.directory_visibility == "hidden"
    assert str(participant) == "Ann Lee"
    assert not participant.is_profile_complete
