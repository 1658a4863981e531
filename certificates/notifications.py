"""E-mails to certificate holders: a new certificate, and one about to expire."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from portal.core.links import absolute_reverse

from .documents import verify_url
from .models import Certificate


def _recipient(certificate: Certificate) -> str:
    participant = certificate.participant
    if participant.anonymised_at:
        return ""
    if participant.user_id and participant.user.email:
        return participant.user.email
    return participant.email


def _send(certificate: Certificate, template: str) -> bool:
    recipient = _recipient(certificate)
    if not recipient:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "certificate": certificate,
            "verify_url": verify_url(certificate.code),
            "download_url": absolute_reverse("certificates:download", pk=certificate.pk),
            "dashboard_url": absolute_reverse("certificates:mine"),
        }
        subject = render_to_string(f"certificates/email/{template}_subject.txt", context)
        body = render_to_string(f"certificates/email/{template}_body.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[recipient]).send()
    return True


def certificate_issued_send(*, certificate: Certificate) -> bool:
    """Tell the holder their certificate is ready. False when they have no address."""
    return _send(certificate, "issued")


def expiry_reminder_send(*, certificate: Certificate) -> bool:
    """Remind the holder that their certificate expires soon. False without an address."""
    return _send(certificate, "expiry")
