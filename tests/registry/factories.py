"""Factories for the registry; other apps import ``ParticipantFactory`` from here."""

import factory
from django.utils import timezone

from portal.registry.models import (
    ConsentRecord,
    Gender,
    ImportJob,
    OrganisationType,
    Participant,
    ParticipantHistory,
)
from portal.registry.services import participant_search_text
from tests.factories import UserFactory


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A participant with a complete profile and an account (``user=None`` for none)."""

    class Meta:
        model = Participant
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttributeSequence(
        lambda p, n: p.user.email if p.user else f"participant{n}@example.org"
    )
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    native_name = ""
    gender = Gender.WOMAN
    birth_year = 1995
    country = "MN"
    organisation = "Khurkh Bird Ringing Station"
    organisation_type = OrganisationType.NGO
    position = "Field researcher"
    profile_completed_at = factory.LazyFunction(timezone.now)
    search_text = factory.LazyAttribute(lambda p: participant_search_text(p))


class ImportedParticipantFactory(ParticipantFactory):
    """Someone from a workshop list: no account, profile not completed by them."""

    user = None
    profile_completed_at = None


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    participant = factory.SubFactory(ParticipantFactory)
    purpose = "data_processing"
    policy_version = "2025-01"


class ParticipantHistoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantHistory

    participant = factory.SubFactory(ParticipantFactory)
    action = "updated"
    reason = "test"


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    file = factory.django.FileField(
        filename="list.csv", data=b"email,given_name,family_name\na@example.org,Ann,Lee\n"
    )
    original_name = "list.csv"
