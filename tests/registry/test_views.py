import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from portal.registry.models import HistoryAction, Participant
from tests.registry.factories import ImportedParticipantFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

ONBOARDING = {
    "given_name": "Oyunchimeg",
    "family_name": "Batbayar",
    "native_name": "Батбаяр Оюунчимэг",
    "gender": "undisclosed",
    "birth_year": "1998",
    "country": "MN",
    "organisation": "WSCC",
    "organisation_type": "ngo",
    "position": "Ranger",
    "career_stage": "early",
    "consent": "on",
}


def test_first_login_goes_to_onboarding(client, learner, password):
    response = client.post(reverse("account_login"), {"login": learner.email, "password": password})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("registry:onboarding"))
    assert "next=" in response["Location"]


def test_login_with_complete_profile_skips_onboarding(client, participant, password):
    response = client.post(
        reverse("account_login"), {"login": participant.user.email, "password": password}
    )
    assert not response["Location"].startswith(reverse("registry:onboarding"))


def test_profile_required_sends_anonymous_to_login_and_incomplete_to_onboarding(client, learner):
    url = reverse("registry:profile")
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(learner)
    response = client.get(url)
    assert response["Location"] == f"{reverse('registry:onboarding')}?next=%2Fen%2Fprofile%2F"


def test_onboarding_completes_profile_and_records_consent(client, learner):
    client.force_login(learner)
    url = reverse("registry:onboarding") + "?next=/en/profile/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**ONBOARDING, "next": "/en/profile/"})
    assert response.status_code == 302 and response["Location"] == "/en/profile/"
    participant = Participant.objects.get(user=learner)
    assert participant.is_profile_complete and participant.gender == "undisclosed"
    assert participant.consents.get().granted


def test_onboarding_without_consent_or_with_bad_name_shows_errors(client, learner):
    client.force_login(learner)
    data = {**ONBOARDING, "given_name": "明", "native_name": "𓀀"}
    del data["consent"]
    response = client.post(reverse("registry:onboarding"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Please agree to the privacy policy" in content
    assert not Participant.objects.exists()


def test_onboarding_service_errors_come_back_on_the_form(client, learner):
    client.force_login(learner)
    response = client.post(reverse("registry:onboarding"), {**ONBOARDING, "given_name": "明"})
    assert response.status_code == 200
    assert "Write this name in Latin letters" in response.content.decode()
    assert not Participant.objects.exists()


def test_onboarding_ignores_offsite_next(client, learner):
    client.force_login(learner)
    response = client.post(
        reverse("registry:onboarding"), {**ONBOARDING, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("registry:profile")


def test_onboarding_prefills_an_imported_participant(client, learner):
    ImportedParticipantFactory(email=learner.email, native_name="王小明", given_name="Xiaoming")
    client.force_login(learner)
    response = client.get(reverse("registry:onboarding"))
    assert "王小明" in response.content.decode()


def test_profile_shows_own_data_only(client, participant):
    other = ParticipantFactory(native_name="山田 太郎")
    client.force_login(participant.user)
    content = client.get(reverse("registry:profile")).content.decode()
    assert participant.full_name in content
    assert other.native_name not in content and other.email not in content


def test_profile_edit_writes_history(client, participant):
    client.force_login(participant.user)
    data = {
        **{k: v for k, v in ONBOARDING.items() if k != "consent"},
        "directory_visibility": "members",
        "bio": "Crane counts at Khurkh.",
        "links": "https://orcid.org/0000-0002-1825-0097",
    }
    response = client.post(reverse("registry:profile_edit"), data)
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.links == ["https://orcid.org/0000-0002-1825-0097"]
    assert participant.directory_visibility == "members"
    entry = participant.history.get()
    assert entry.acting_user == participant.user and "links" in entry.changes


def test_personal_data_download_json_and_zip(client, participant):
    client.force_login(participant.user)
    response = client.get(reverse("registry:profile_download"))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["profile"]["email"] == participant.email
    assert "courses.enrolments" in data
    response = client.get(reverse("registry:profile_download") + "?format=zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"personal-data.json", "profile.csv"} <= set(archive.namelist())
    assert participant.email in archive.read("profile.csv").decode("utf-8-sig")


def test_account_delete_needs_confirmation_and_anonymises(client, participant):
    client.force_login(participant.user)
    url = reverse("registry:account_delete")
    assert client.post(url, {"confirm": "no"}).status_code == 200
    assert Participant.objects.get().anonymised_at is None
    response = client.post(url, {"confirm": "DELETE"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.anonymised_at is not None and participant.user is None
    assert client.get(reverse("registry:profile")).status_code == 302  # logged out


def test_writes_need_csrf(participant, learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant.user)
    assert client.post(reverse("registry:account_delete"), {"confirm": "DELETE"}).status_code == 403
    assert client.post(reverse("registry:profile_edit"), ONBOARDING).status_code == 403
    assert Participant.objects.get(pk=participant.pk).anonymised_at is None
    assert not participant.history.filter(action=HistoryAction.UPDATED).exists()


def test_profile_page_query_count(client, participant, django_assert_num_queries):
    client.force_login(participant.user)
    client.get(reverse("registry:profile"))
    # session (unless sessions live in the cache), user, participant, consent,
    # roles (header), expertise
    from django.conf import settings

    session_query = 0 if settings.SESSION_ENGINE.endswith(".cache") else 1
    with django_assert_num_queries(5 + session_query):
        client.get(reverse("registry:profile"))
