"""Messages, rate limits, blocks, reports and directory settings."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.network import services
from portal.network.models import ContactBlock, DirectoryProfile, Message, Report, ReportStatus
from portal.registry.models import HistoryAction

from .conftest import HIDDEN, MEMBERS, PUBLIC
from .factories import MemberFactory, MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sender(db):
    return MemberFactory(given_name="Kenji", family_name="Sato", directory_visibility=HIDDEN)


@pytest.fixture
def recipient(db):
    return MemberFactory(given_name="Tuya", family_name="Bat", directory_visibility=MEMBERS)


def test_a_message_is_relayed_by_mail_without_either_address(
    sender, recipient, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.message_send(
            sender=sender, recipient=recipient, body="  Shall we compare counts?  "
        )
    assert message.body == "Shall we compare counts?"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [recipient.user.email]
    assert email.reply_to == []
    assert "Kenji Sato" in email.subject
    assert "Shall we compare counts?" in email.body
    assert f"/en/network/messages/{message.pk}/" in email.body
    everything = email.message().as_string()
    assert sender.user.email not in everything
    assert sender.email not in everything
    message.refresh_from_db()
    assert message.emailed_at is not None


def test_relaying_twice_sends_one_mail(sender, recipient):
    message = MessageFactory(sender=sender, recipient=recipient)
    assert services.message_relay(message=message) is True
    assert services.message_relay(message=message) is False
    assert len(mail.outbox) == 1


def test_the_mail_is_in_the_recipients_language(sender, recipient):
    recipient.user.preferred_language = "ja"
    recipient.user.save()
    message = MessageFactory(sender=sender, recipient=recipient)
    services.message_relay(message=message)
    assert "/ja/network/messages/" in mail.outbox[0].body


@pytest.mark.parametrize("visibility", [HIDDEN])
def test_nobody_can_write_to_a_hidden_member(sender, visibility):
    hidden = MemberFactory(directory_visibility=visibility)
    with pytest.raises(PermissionDenied):
        services.message_send(sender=sender, recipient=hidden, body="Hello")
    assert not Message.objects.exists()


@pytest.mark.parametrize("visibility", [MEMBERS, PUBLIC])
def test_listed_members_can_be_written_to(sender, visibility):
    listed = MemberFactory(directory_visibility=visibility)
    assert services.message_can_send(sender=sender, recipient=listed)


def test_a_hidden_member_who_wrote_first_can_be_answered(sender, recipient):
    # Kenji is hidden: Tuya cannot write to him out of the blue ...
    with pytest.raises(PermissionDenied):
        services.message_send(sender=recipient, recipient=sender, body="Hello?")
    # ... but may answer the message he sent her.
    incoming = services.message_send(sender=sender, recipient=recipient, body="Counts?")
    reply = services.message_send(
        sender=recipient, recipient=sender, body="Here they are", reply_to=incoming
    )
    assert reply.reply_to == incoming
    # A reply must answer a message from that person to the one replying.
    stranger = MemberFactory(directory_visibility=HIDDEN)
    with pytest.raises(PermissionDenied):
        services.message_send(sender=recipient, recipient=stranger, body="x", reply_to=incoming)


def test_members_who_refuse_messages_cannot_be_written_to(sender, recipient):
    DirectoryProfile.objects.create(participant=recipient, accepts_messages=False)
    with pytest.raises(PermissionDenied):
        services.message_send(sender=sender, recipient=recipient, body="Hello")


def test_blocked_and_suspended_senders_cannot_send(sender, recipient):
    services.contact_block(blocker=recipient, blocked=sender)
    with pytest.raises(PermissionDenied):
        services.message_send(sender=sender, recipient=recipient, body="Hello")
    services.contact_unblock(blocker=recipient, blocked=sender)
    services.message_send(sender=sender, recipient=recipient, body="Hello")
    services.messaging_suspend(participant=sender, reason="spam")
    with pytest.raises(PermissionDenied):
        services.message_send(sender=sender, recipient=recipient, body="Hello again")
    services.messaging_restore(participant=sender)
    services.message_send(sender=sender, recipient=recipient, body="Sorry")
    assert Message.objects.count() == 2


def test_nobody_writes_to_themselves(recipient):
    with pytest.raises(PermissionDenied):
        services.message_send(sender=recipient, recipient=recipient, body="Note to self")


def test_an_empty_message_is_refused(sender, recipient):
    with pytest.raises(ValidationError):
        services.message_send(sender=sender, recipient=recipient, body="   ")
    assert not Message.objects.exists()


def test_the_rate_limit_counts_per_sender(settings, sender, recipient):
    settings.NETWORK_MESSAGE_RATE_LIMITS = [(2, 3600)]
    other = MemberFactory(directory_visibility=MEMBERS)
    services.message_send(sender=sender, recipient=recipient, body="1")
    services.message_send(sender=sender, recipient=other, body="2")
    with pytest.raises(services.MessageRateLimited) as excinfo:
        services.message_send(sender=sender, recipient=recipient, body="3")
    assert "wait" in excinfo.value.messages[0]
    assert 0 < excinfo.value.retry_after <= 3600
    assert Message.objects.count() == 2
    # Another sender has a budget of their own.
    services.message_send(sender=other, recipient=recipient, body="mine")


def test_a_recipient_reports_a_message_once_and_may_block(
    sender, recipient, secretariat, django_capture_on_commit_callbacks
):
    message = MessageFactory(sender=sender, recipient=recipient)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_create(
            message=message, reporter=recipient, reason="spam", block_sender=True
        )
    again = services.report_create(message=message, reporter=recipient, reason="other")
    assert again.pk == report.pk
    assert Report.objects.count() == 1
    assert ContactBlock.objects.filter(blocker=recipient, blocked=sender).exists()
    (notice,) = mail.outbox
    assert notice.bcc == [secretariat.email]
    assert message.body not in notice.body  # the text stays in the portal


def test_only_the_recipient_can_report(sender, recipient):
    message = MessageFactory(sender=sender, recipient=recipient)
    with pytest.raises(PermissionDenied):
        services.report_create(message=message, reporter=sender, reason="spam")
    with pytest.raises(ValidationError):
        services.report_create(message=message, reporter=recipient, reason="nonsense")
    assert not Report.objects.exists()


def test_resolving_a_report_can_suspend_the_sender(sender, recipient, secretariat):
    message = MessageFactory(sender=sender, recipient=recipient)
    report = services.report_create(message=message, reporter=recipient, reason="harassment")
    services.report_resolve(
        report=report, status=ReportStatus.ACTIONED, acting_user=secretariat, note="Threats"
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.ACTIONED
    assert report.handled_by == secretariat
    profile = DirectoryProfile.objects.get(participant=sender)
    assert profile.messaging_suspended_at is not None
    assert profile.messaging_suspended_reason == "Threats"
    with pytest.raises(ValidationError):
        services.report_resolve(report=report, status="open", acting_user=secretariat)


def test_directory_settings_change_visibility_through_the_registry(recipient):
    choices = services.DirectorySettings(
        visibility=PUBLIC, shows={"country": False, "certificates": True}, accepts_messages=False
    )
    profile = services.directory_settings_update(
        participant=recipient, choices=choices, acting_user=recipient.user
    )
    recipient.refresh_from_db()
    assert recipient.directory_visibility == PUBLIC
    assert not profile.show_country and profile.show_certificates and profile.show_bio
    assert not profile.accepts_messages
    entry = recipient.history.get(action=HistoryAction.UPDATED)
    assert entry.changes["directory_visibility"] == [MEMBERS, PUBLIC]
    assert entry.acting_user == recipient.user


def test_directory_settings_refuse_unknown_values(recipient):
    with pytest.raises(ValidationError):
        services.directory_settings_update(
            participant=recipient,
            choices=services.DirectorySettings(visibility="everyone", shows={}),
            acting_user=None,
        )
    with pytest.raises(ValidationError):
        services.directory_settings_update(
            participant=recipient,
            choices=services.DirectorySettings(visibility=PUBLIC, shows={"email": True}),
            acting_user=None,
        )
    recipient.refresh_from_db()
    assert recipient.directory_visibility == MEMBERS
    assert not DirectoryProfile.objects.exists()


def test_read_is_marked_for_the_recipient_only(sender, recipient):
    message = MessageFactory(sender=sender, recipient=recipient)
    services.message_mark_read(message=message, participant=sender)
    message.refresh_from_db()
    assert message.read_at is None
    services.message_mark_read(message=message, participant=recipient)
    message.refresh_from_db()
    assert message.read_at is not None and message.read_at <= timezone.now()
