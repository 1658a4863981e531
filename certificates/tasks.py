"""Background work for certificates. Tasks take primary keys, fetch, and call a service."""

from django.tasks import task


@task()
def certificate_issue_task(enrolment_id: int, notify: bool = True) -> int | None:
    """Issue the certificate an enrolment has earned; idempotent.

    Courses enqueue this on commit when an enrolment turns complete (and on
    attendance at or above the threshold). Running it again, or for an
    enrolment that has not earned one, changes nothing. ``notify``: False
    issues it without e-mailing the holder (attendance of a past workshop
    imported with e-mails off).

    Returns:
        The pk of the participant's valid certificate for the course, or None.
    """
    from courses.models import Enrolment

    from .services import certificate_issue_if_eligible

    enrolment = (
        Enrolment.objects.select_related("participant", "cohort", "cohort__course")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return None
    certificate = certificate_issue_if_eligible(enrolment=enrolment, notify=notify)
    return certificate.pk if certificate else None


@task()
def issue_run_task(run_id: int) -> int:
    """Carry out a bulk issue (a cohort's or a course's), updating its progress.

    Returns:
        How many certificates were issued.
    """
    from .models import IssueRun
    from .services import issue_run_execute

    run = IssueRun.objects.get(pk=run_id)
    return issue_run_execute(run=run).issued


@task()
def certificate_notify_task(certificate_ids: list[int]) -> int:
    """E-mail each holder that their certificate is ready (one task for a bulk issue).

    Returns:
        How many e-mails were sent.
    """
    from .models import Certificate
    from .notifications import certificate_issued_send

    certificates = Certificate.objects.select_related("participant", "participant__user").filter(
        pk__in=certificate_ids
    )
    return sum(certificate_issued_send(certificate=certificate) for certificate in certificates)


@task()
def cohort_archive_task(archive_id: int) -> int:
    """Build a cohort's certificates ZIP (see ``archives.cohort_archive_build``).

    Returns:
        How many PDFs the archive holds.
    """
    from .archives import cohort_archive_build
    from .models import CohortArchive

    archive = CohortArchive.objects.select_related("cohort").filter(pk=archive_id).first()
    if archive is None:
        return 0
    return cohort_archive_build(archive=archive).processed
