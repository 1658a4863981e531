"""Background work for assignments. Tasks take primary keys, fetch, and call a service."""

from django.tasks import task


@task()
def announcement_email_task(announcement_id: int) -> int:
    """E-mail an announcement to its cohort, each learner in their language; returns how many."""
    from .models import Announcement
    from .notifications import announcement_send

    announcement = Announcement.objects.select_related("cohort").filter(pk=announcement_id).first()
    if announcement is None:
        return 0
    return announcement_send(announcement=announcement)


@task()
def submission_archive_task(archive_id: int) -> int:
    """Build the ZIP of a cohort's submissions (see ``archives.submission_archive_build``)."""
    from .archives import submission_archive_build
    from .models import SubmissionArchive

    archive = (
        SubmissionArchive.objects.select_related("assignment", "cohort")
        .filter(pk=archive_id)
        .first()
    )
    if archive is None:
        return 0
    return submission_archive_build(archive=archive).processed
