"""Background work of the registry: checking and importing large participant lists."""

from django.tasks import task

from .models import ImportJob, ImportStatus


@task
def import_check_task(job_id: int) -> None:
    """Check an uploaded list and keep the preview on the job."""
    from .services import import_job_check

    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.CHECKING).first()
    if job is not None:
        import_job_check(job=job)


@task
def import_apply_task(job_id: int) -> None:
    """Import a confirmed list (all or nothing). Does nothing if it already ran."""
    from .services import import_job_run

    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).first()
    if job is not None:
        import_job_run(job=job)
