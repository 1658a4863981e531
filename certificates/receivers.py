"""Receivers of lower apps' signals, connected in ``CertificatesConfig.ready``."""

from django.db import transaction

from . import tasks
from .merging import certificates_enrolment_move, participant_certificates_move


def participant_merging(sender, *, keep, duplicate, acting_user, reason, result, **kwargs):
    """The registry merges ``duplicate`` into ``keep``: move the certificates."""
    participant_certificates_move(
        keep=keep, duplicate=duplicate, acting_user=acting_user, reason=reason, result=result
    )


def participant_anonymised(sender, *, participant, acting_user=None, **kwargs):
    """The registry erased a person: take their name off certificates, delete the PDFs."""
    from .services import certificates_holder_erase

    certificates_holder_erase(participant=participant, acting_user=acting_user)


def enrolments_combining(sender, *, keep, merged, **kwargs):
    """Courses folds ``merged`` into ``keep``: its certificates follow."""
    certificates_enrolment_move(keep=keep, merged=merged)


def enrolment_completed(sender, enrolment, notify=True, **kwargs) -> None:
    """A completion may earn a certificate: the task decides, after the commit.

    ``notify`` False (an import recording a past workshop with e-mails off)
    issues the certificate without e-mailing the holder.
    """
    enrolment_id = enrolment.pk
    transaction.on_commit(
        lambda: tasks.certificate_issue_task.enqueue(enrolment_id=enrolment_id, notify=notify)
    )
