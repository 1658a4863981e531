"""portal.registry.adapter: the registry's part (linking and onboarding)."""

import pytest
from allauth.account.models import EmailAddress
from django.test import RequestFactory

from portal.registry.adapter import AccountAdapter
from tests.factories import UserFactory
from tests.registry.factories import ImportedParticipantFactory

pytestmark = pytest.mark.django_db


def test_confirming_the_address_links_the_imported_participant():
    user = UserFactory(verified=False, email="bolormaa@example.org")
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    imported = ImportedParticipantFactory(email="bolormaa@example.org")
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    AccountAdapter(request).confirm_email(request, address)
    imported.refresh_from_db()
    assert imported.user == user
    assert imported.history.filter(action="linked").exists()
