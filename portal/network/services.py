"""Writes of the trainee network: directory settings, messages, reports, blocks.

Every change to the network goes through one of these functions. Messages are
relayed by e-mail from a background task enqueued on commit; the e-mail never
carries either side's address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.links import absolute_url
from portal.core.mail import mail_send, mail_send_each_language
from portal.registry.models import DirectoryVisibility, Participant

from .models import (
    FIELD_DEFAULTS,
    ContactBlock,
    DirectoryField,
    DirectoryProfile,
    Message,
    Report,
    ReportReason,
    ReportStatus,
)

# (messages, seconds): a sender may send at most this many messages per window.
DEFAULT_MESSAGE_RATE_LIMITS = [(10, 60 * 60), (30, 24 * 60 * 60)]


class MessageRateLimited(ValidationError):
    """The sender has sent too many messages lately; ``retry_after`` is in seconds."""

    def __init__(self, message, *, retry_after: int):
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def message_rate_limits() -> list[tuple[int, int]]:
    return list(getattr(settings, "NETWORK_MESSAGE_RATE_LIMITS", DEFAULT_MESSAGE_RATE_LIMITS))


# --- Directory settings -----------------------------------------------------------


@dataclass(frozen=True)
class DirectorySettings:
    """What a member chooses in the directory settings form."""

    visibility: str
    shows: dict[str, bool]
    accepts_messages: bool = True


def directory_profile_get_or_create(*, participant: Participant) -> DirectoryProfile:
    """The member's directory switches, created with the defaults on first use."""
    profile, _created = DirectoryProfile.objects.get_or_create(participant=participant)
    return profile


@transaction.atomic
def directory_settings_update(
    *, participant: Participant, choices: DirectorySettings, acting_user
) -> DirectoryProfile:
    """Set who sees ``participant`` in the directory and which fields show.

    The visibility itself is a registry field, changed through the registry's
    service so that it writes the participant's history.

    Raises:
        ValidationError: an unknown visibility or field name.
    """
    if choices.visibility not in DirectoryVisibility.values:
        raise ValidationError(
            {"visibility": _("Choose hidden, members only or public.")}, code="invalid"
        )
    unknown = set(choices.shows) - set(DirectoryField.values)
    if unknown:
        raise ValidationError(
            _("Unknown profile fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if participant.directory_visibility != choices.visibility:
        from portal.registry.services import participant_update

        participant_update(
            participant=participant,
            acting_user=acting_user,
            reason=_("Directory settings changed by the member."),
            directory_visibility=choices.visibility,
        )
        participant.directory_visibility = choices.visibility
    profile = DirectoryProfile.objects.select_for_update().filter(participant=participant).first()
    if profile is None:
        profile = DirectoryProfile(participant=participant)
    for field in DirectoryField.values:
        setattr(profile, f"show_{field}", choices.shows.get(field, FIELD_DEFAULTS[field]))
    profile.accepts_messages = choices.accepts_messages
    profile.full_clean()
    profile.save()
    return profile


# --- Messages ------------------------------------------------------------------


def _rate_limit_consume(*, sender: Participant) -> None:
    """Count one message against every window; raise when one is exhausted.

    Fixed windows counted in the shared cache, so that the limit holds across
    every worker process when the cache is Redis.
    """
    now = int(timezone.now().timestamp())
    for limit, period in message_rate_limits():
        window = now // period
        key = f"network:msg-rate:{sender.pk}:{period}:{window}"
        cache.add(key, 0, timeout=period + 60)
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            cache.set(key, 1, timeout=period + 60)
            count = 1
        if count > limit:
            retry_after = (window + 1) * period - now
            minutes = max(1, (retry_after + 59) // 60)
            raise MessageRateLimited(
                ngettext(
                    "You have sent %(limit)d message in a short time. "
                    "Please wait %(minutes)d minutes before sending another.",
                    "You have sent %(limit)d messages in a short time. "
                    "Please wait %(minutes)d minutes before sending another.",
                    limit,
                )
                % {"limit": limit, "minutes": minutes},
                retry_after=retry_after,
            )


def message_can_send(*, sender: Participant, recipient: Participant, reply_to=None) -> bool:
    """Whether ``sender`` may write to ``recipient`` now (ignoring the rate limit).

    A member may write to any member listed for members (or the public) who
    accepts messages and has not blocked them; a reply to a message they
    received may always go back to its sender unless the sender blocked them.
    """
    from .selectors import participant_is_listed_for_members

    if sender.pk == recipient.pk or not sender.is_profile_complete:
        return False
    if recipient.is_anonymised or recipient.user_id is None:
        return False
    sender_profile = DirectoryProfile.objects.filter(participant=sender).first()
    if sender_profile is not None and sender_profile.messaging_suspended_at is not None:
        return False
    if ContactBlock.objects.filter(blocker=recipient, blocked=sender).exists():
        return False
    if (
        reply_to is not None
        and reply_to.recipient_id == sender.pk
        and reply_to.sender_id == recipient.pk
    ):
        return True
    if not participant_is_listed_for_members(participant=recipient):
        return False
    profile = DirectoryProfile.objects.filter(participant=recipient).first()
    return profile is None or profile.accepts_messages


@transaction.atomic
def message_send(
    *,
    sender: Participant,
    recipient: Participant,
    body: str,
    reply_to: Message | None = None,
) -> Message:
    """Store a message and relay it to the recipient by e-mail after commit.

    Args:
        reply_to: the message this answers; it must have been sent to ``sender``
            by ``recipient``.

    Raises:
        PermissionDenied: the recipient cannot be written to by this sender.
        MessageRateLimited: the sender has sent too many messages lately.
        ValidationError: an empty or too long message.
    """
    body = (body or "").strip()
    if not message_can_send(sender=sender, recipient=recipient, reply_to=reply_to):
        raise PermissionDenied(_("You cannot send a message to this member."))
    message = Message(sender=sender, recipient=recipient, body=body, reply_to=reply_to)
    message.full_clean()
    _rate_limit_consume(sender=sender)
    message.save()

    from .tasks import message_relay_task

    transaction.on_commit(lambda: message_relay_task.enqueue(message_id=message.pk))
    return message


def _recipient_address(participant: Participant) -> str:
    if participant.user_id and participant.user.email:
        return participant.user.email
    return participant.email


def message_relay(*, message: Message) -> bool:
    """E-mail ``message`` to its recipient, once. Returns False if already sent.

    The mail comes from the portal's own address with no Reply-To: the
    recipient answers through the link to the conversation.
    """
    with transaction.atomic():
        claimed = Message.objects.filter(pk=message.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
    if not claimed:
        return False
    message = Message.objects.select_related("sender", "recipient__user").get(pk=message.pk)
    address = _recipient_address(message.recipient)
    if not address:
        return False
    language = message.recipient.user.preferred_language if message.recipient.user_id else ""

    def context():
        # In the recipient's language, on the portal's public address.
        return {
            "message": message,
            "sender_name": message.sender.full_name,
            "sender_native_name": message.sender.native_name,
            "recipient_name": message.recipient.full_name,
            "conversation_url": absolute_url(
                reverse("network:message_detail", kwargs={"message_id": message.pk})
            ),
            "settings_url": absolute_url(reverse("network:settings")),
        }

    mail_send(
        template="network/email/message",
        context=context,
        to=address,
        language=language,
        headers={"Auto-Submitted": "auto-generated"},
    )
    return True


def message_mark_read(*, message: Message, participant: Participant) -> None:
    """Mark ``message`` read when its recipient opens it; a no-op for the sender."""
    if message.recipient_id == participant.pk and message.read_at is None:
        message.read_at = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=message.read_at)


# --- Blocks and abuse reports ------------------------------------------------------


def contact_block(*, blocker: Participant, blocked: Participant) -> ContactBlock:
    """Stop messages from ``blocked`` reaching ``blocker``. Idempotent."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."))
    block, _created = ContactBlock.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def contact_unblock(*, blocker: Participant, blocked: Participant) -> None:
    ContactBlock.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def report_create(
    *,
    message: Message,
    reporter: Participant,
    reason: str,
    details: str = "",
    block_sender: bool = False,
) -> Report:
    """Report ``message`` to the secretariat; only its recipient may. Idempotent.

    Raises:
        PermissionDenied: ``reporter`` did not receive the message.
        ValidationError: an unknown reason.
    """
    if message.recipient_id != reporter.pk:
        raise PermissionDenied(_("Only the recipient can report a message."))
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    report = Report.objects.filter(message=message, reporter=reporter).first()
    if report is None:
        report = Report(message=message, reporter=reporter, reason=reason, details=details.strip())
        report.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:  # a double submit raced us
            report = Report.objects.get(message=message, reporter=reporter)
        else:
            from .tasks import report_notify_task

            transaction.on_commit(lambda: report_notify_task.enqueue(report_id=report.pk))
    if block_sender:
        contact_block(blocker=reporter, blocked=message.sender)
    return report


def report_notify(*, report: Report) -> int:
    """Tell the secretariat that a message was reported. Returns mails sent."""
    from portal.accounts.models import User
    from portal.accounts.roles import Role

    recipients = list(
        User.objects.filter(groups__name=Role.SECRETARIAT, is_active=True)
        .values_list("email", "preferred_language")
        .distinct()
    )
    return mail_send_each_language(
        template="network/email/report",
        context=lambda: {
            "report": report,
            "reports_url": absolute_url(reverse("network:report_list")),
        },
        recipients=recipients,
    )


@transaction.atomic
def report_resolve(*, report: Report, status: str, acting_user, note: str = "") -> Report:
    """Close a report: dismiss it, or suspend the sender's messaging.

    Raises:
        ValidationError: ``status`` is not a closing status.
    """
    if status not in (ReportStatus.DISMISSED, ReportStatus.ACTIONED):
        raise ValidationError({"status": _("Choose dismiss or suspend the sender.")})
    report = Report.objects.select_for_update().select_related("message").get(pk=report.pk)
    report.status = status
    report.handled_by = acting_user
    report.handled_at = timezone.now()
    report.resolution_note = note.strip()
    report.save(update_fields=["status", "handled_by", "handled_at", "resolution_note"])
    if status == ReportStatus.ACTIONED:
        messaging_suspend(
            participant=report.message.sender,
            reason=note.strip() or report.get_reason_display(),
        )
    return report


def messaging_suspend(*, participant: Participant, reason: str) -> DirectoryProfile:
    """Stop ``participant`` from sending messages (secretariat action)."""
    profile = directory_profile_get_or_create(participant=participant)
    profile.messaging_suspended_at = timezone.now()
    profile.messaging_suspended_reason = reason[:255]
    profile.save(update_fields=["messaging_suspended_at", "messaging_suspended_reason"])
    return profile


def messaging_restore(*, participant: Participant) -> None:
    DirectoryProfile.objects.filter(participant=participant).update(
        messaging_suspended_at=None, messaging_suspended_reason=""
    )
