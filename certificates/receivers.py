"""Receivers of the courses app's signals, connected in ``CertificatesConfig.ready``."""

from django.db import transaction

from . import tasks


def enrolment_completed(sender, enrolment, **kwargs) -> None:
    """A completion may earn a certificate: the task decides, after the commit."""
    enrolment_id = enrolment.pk
    transaction.on_commit(lambda: tasks.certificate_issue_task.enqueue(enrolment_id=enrolment_id))
