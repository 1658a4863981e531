import pytest

from portal.registry.models import Participant
from portal.registry.selectors import (
    EXPORT_HEADERS,
    participant_export_rows,
    participant_for_user,
    participant_personal_data,
)
from portal.registry.services import consent_record, participant_anonymise
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_participant_for_user(learner, django_assert_num_queries):
    assert participant_for_user(learner) is None
    learner.__dict__.pop("_registry_participant", None)  # a new request
    participant = ParticipantFactory(user=learner, email=learner.email)
    assert participant_for_user(learner) == participant
    with django_assert_num_queries(0):  # cached on the user for the request
        assert participant_for_user(learner) == participant


def test_participant_for_anonymous_and_anonymised(learner):
    from django.contrib.auth.models import AnonymousUser

    assert participant_for_user(AnonymousUser()) is None
    assert participant_for_user(None) is None
    participant = ParticipantFactory(user=learner, email=learner.email)
    participant_anonymise(participant=participant, acting_user=None, reason="x")
    assert participant_for_user(learner) is None


def test_export_rows_follow_the_headers(django_assert_num_queries):
    ParticipantFactory.create_batch(3)
    with django_assert_num_queries(1):
        rows = list(participant_export_rows(Participant.objects.all()))
    assert len(rows) == 3 and all(len(row) == len(EXPORT_HEADERS) for row in rows)
    assert rows[0][EXPORT_HEADERS.index("has_account")] == "yes"


def test_personal_data_has_profile_consents_history_and_other_apps_rows(participant):
    consent_record(participant=participant)
    data = participant_personal_data(participant)
    assert data["profile"]["email"] == participant.email
    assert data["profile"]["country"] == "MN"
    assert data["registry.consents"][0]["policy_version"]
    assert data["registry.history"][0]["action"] == "consent"
    assert "search_text" not in data["profile"]
    assert data["courses.enrolments"] == []
