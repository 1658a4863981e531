"""E-mails to a cohort's learners, each in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from courses.models import Enrolment, EnrolmentStatus
from portal.core.links import absolute_reverse

from .models import Announcement


def recipient_language(participant) -> str:
    """The language the account keeps for the person, else the site's default."""
    codes = {code for code, _name in settings.LANGUAGES}
    user = participant.user if participant.user_id else None
    language = getattr(user, "preferred_language", "") or ""
    return language if language in codes else settings.LANGUAGE_CODE


def announcement_send(*, announcement: Announcement) -> int:
    """E-mail ``announcement`` to every active learner of its cohort; returns how many were sent."""
    enrolments = Enrolment.objects.filter(
        cohort_id=announcement.cohort_id, status=EnrolmentStatus.ACTIVE
    ).select_related("participant", "participant__user")
    sent = 0
    for enrolment in enrolments:
        participant = enrolment.participant
        if participant.anonymised_at:
            continue
        address = (
            participant.user.email
            if participant.user_id and participant.user.email
            else participant.email
        )
        if not address:
            continue
        language = recipient_language(participant)
        with translation.override(language):
            context = {
                "announcement": announcement,
                "cohort": announcement.cohort,
                "dashboard_url": absolute_reverse("courses:dashboard"),
            }
            subject = render_to_string("assignments/email/announcement_subject.txt", context)
            body = render_to_string("assignments/email/announcement_body.txt", context)
        EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            to=[address],
            headers={"Content-Language": language},
        ).send()
        sent += 1
    return sent
