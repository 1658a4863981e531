"""Mail in the recipient's language, from the portal's own name (issue 17).

Before, every mail the portal wrote itself (certificates, reported messages,
broken questions) was rendered in the site's default language, English.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from certificates.services import certificate_issue
from portal.network import services as network_services
from tests.certificates.factories import completed_enrolment
from tests.courses.factories import ParticipantFactory
from tests.factories import UserFactory
from tests.network.factories import MemberFactory, MessageFactory

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def in_language(language, text, **values):
    with translation.override(language):
        return gettext(text) % values if values else gettext(text)


def test_a_certificate_mail_is_in_the_holders_language(django_capture_on_commit_callbacks):
    holder = UserFactory(role="Learners", preferred_language="mn")
    participant = ParticipantFactory(user=holder, email=holder.email)
    enrolment = completed_enrolment(participant=participant)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrolment=enrolment)

    (message,) = mail.outbox
    assert message.subject == in_language(
        "mn", "Your certificate for %(course)s", course=certificate.course_title
    )
    assert "/mn/" in message.body  # its links open the portal in Mongolian too
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.from_email.startswith("Flyway Academy")


def test_the_secretariat_is_told_in_each_members_own_language(django_capture_on_commit_callbacks):
    japanese = UserFactory(role="Secretariat", preferred_language="ja")
    russian = UserFactory(role="Secretariat", preferred_language="ru")
    sender, recipient = MemberFactory(), MemberFactory()
    message = MessageFactory(sender=sender, recipient=recipient)
    with django_capture_on_commit_callbacks(execute=True):
        network_services.report_create(message=message, reporter=recipient, reason="spam")

    by_subject = {m.subject: m for m in mail.outbox}
    subject = "[Flyway Academy] A network message was reported"
    assert by_subject[in_language("ja", subject)].bcc == [japanese.email]
    assert by_subject[in_language("ru", subject)].bcc == [russian.email]
    assert "/ja/" in by_subject[in_language("ja", subject)].body


def test_a_password_reset_mail_is_in_the_accounts_language(client):
    user = UserFactory(role="Learners", preferred_language="ko")

    client.post("/en/accounts/password/reset/", {"email": user.email})

    (message,) = mail.outbox
    assert HANGUL.search(message.subject), message.subject


def test_the_sign_up_language_is_remembered_and_verification_mail_uses_it(client):
    from portal.accounts.models import User

    password = "crane-count-2025"
    client.post(
        "/mn/accounts/signup/",
        {"email": "new.learner@example.org", "password1": password, "password2": password},
    )

    assert User.objects.get(email="new.learner@example.org").preferred_language == "mn"
    (message,) = mail.outbox
    assert CYRILLIC.search(message.subject), message.subject
    assert "127.0.0.1" not in message.body
