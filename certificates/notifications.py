"""E-mails to certificate holders: a new certificate, and one about to expire."""

from __future__ import annotations

from django.urls import reverse

from portal.core.links import absolute_url
from portal.core.mail import mail_send

from .documents import verify_url
from .models import Certificate


def _recipient(certificate: Certificate) -> str:
    participant = certificate.participant
    if participant.anonymised_at:
        return ""
    if participant.user_id and participant.user.email:
        return participant.user.email
    return participant.email


def _language(certificate: Certificate) -> str:
    """The holder's remembered interface language ("" when none: the site's)."""
    participant = certificate.participant
    return participant.user.preferred_language if participant.user_id else ""


def _send(certificate: Certificate, template: str) -> bool:
    recipient = _recipient(certificate)
    if not recipient:
        return False
    mail_send(
        template=f"certificates/email/{template}",
        context=lambda: {
            "certificate": certificate,
            "verify_url": verify_url(certificate.code),
            # The holder's own pages open in the holder's language.
            "download_url": absolute_url(
                reverse("certificates:download", kwargs={"pk": certificate.pk})
            ),
            "dashboard_url": absolute_url(reverse("certificates:mine")),
        },
        to=recipient,
        language=_language(certificate),
    )
    return True


def certificate_issued_send(*, certificate: Certificate) -> bool:
    """Tell the holder their certificate is ready. False when they have no address."""
    return _send(certificate, "issued")


def expiry_reminder_send(*, certificate: Certificate) -> bool:
    """Remind the holder that their certificate expires soon. False without an address."""
    return _send(certificate, "expiry")
