"""Writes of a participant merge for certificates: each certificate moves with its history.

Connected in ``certificates.receivers`` to the registry's
:data:`~portal.registry.signals.participant_merging` and to courses'
:data:`~courses.signals.enrolments_combining`. A certificate is never deleted
(its verification link must go on answering) and its events are never moved
to another certificate.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from courses.models import Enrolment
from portal.registry.models import Participant
from portal.registry.services import MergeResult

from .models import Certificate, CertificateStatus
from .services import certificate_supersede

_NEVER = datetime.datetime.max.replace(tzinfo=datetime.UTC)


def certificates_enrolment_move(*, keep: Enrolment, merged: Enrolment) -> int:
    """Point the certificates issued for ``merged`` at ``keep``; returns how many."""
    return Certificate.objects.filter(enrolment=merged).update(enrolment=keep)


def _stays_valid(first: Certificate, second: Certificate) -> tuple[Certificate, Certificate]:
    """(the one that stays valid, the one superseded) of two valid certificates.

    The one valid longer stays (no expiry counts as longest): superseding it
    would take validity away from the person. Of two valid equally long, the
    earlier issued stays, as its serial is the one the person has been showing.
    """

    def key(certificate: Certificate):
        return (
            -(certificate.expires_at or _NEVER).timestamp(),
            certificate.issued_at,
            certificate.pk,
        )

    stays, goes = sorted([first, second], key=key)
    return stays, goes


def participant_certificates_move(
    *, keep: Participant, duplicate: Participant, acting_user, reason: str, result: MergeResult
) -> None:
    """Move the duplicate's certificates to ``keep``; of two valid for one course, one stays.

    The database allows one valid certificate per participant and course: when
    both hold one, the other is superseded through
    :func:`certificates.services.certificate_supersede`, with its own event
    (``acting_user``, the merge's reason).

    Args:
        keep: the participant that stays.
        duplicate: the participant being merged into ``keep``.
        acting_user: who merges.
        reason: the merge's reason.
        result: where moved rows and notes are counted.
    """
    result.handles(Certificate, "participant", "enrolment")
    theirs = list(Certificate.objects.select_for_update().filter(participant=duplicate))
    for certificate in theirs:
        if certificate.status == CertificateStatus.VALID:
            held = (
                Certificate.objects.select_for_update()
                .filter(participant=keep, course_id=certificate.course_id)
                .filter(status=CertificateStatus.VALID)
                .first()
            )
            if held is not None:
                stays, goes = _stays_valid(held, certificate)
                certificate_supersede(
                    certificate=goes,
                    by=stays,
                    acting_user=acting_user,
                    reason=_("Merged duplicate participant records: %(reason)s")
                    % {"reason": reason},
                )
                result.note(
                    _(
                        "Both held a valid certificate for “%(course)s”: %(kept)s stays valid, "
                        "%(superseded)s is superseded by it."
                    )
                    % {
                        "course": certificate.course_title,
                        "kept": stays.serial,
                        "superseded": goes.serial,
                    }
                )
        Certificate.objects.filter(pk=certificate.pk).update(participant=keep)
    result.moved_add(Certificate, len(theirs))
