import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from portal.registry.decorators import profile_required
from tests.registry.factories import ImportedParticipantFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@profile_required
def view(request):
    return HttpResponse(f"hello {request.participant.pk}")


def request_for(user, path="/en/courses/x/enrol/?cohort=1"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_anonymous_goes_to_login_with_next():
    response = view(request_for(AnonymousUser()))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] and "next=" in response["Location"]


def test_without_profile_goes_to_onboarding_with_next(learner):
    response = view(request_for(learner))
    assert response["Location"] == (
        "/en/profile/welcome/?next=%2Fen%2Fcourses%2Fx%2Fenrol%2F%3Fcohort%3D1"
    )


def test_imported_but_not_completed_profile_goes_to_onboarding(learner):
    ImportedParticipantFactory(user=learner, email=learner.email)
    assert view(request_for(learner)).status_code == 302


def test_complete_profile_passes_with_participant(learner):
    participant = ParticipantFactory(user=learner, email=learner.email)
    response = view(request_for(learner))
    assert response.content == f"hello {participant.pk}".encode()
