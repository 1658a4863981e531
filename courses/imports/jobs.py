"""Admin uploads of participant lists (``registry.ImportJob``): check, preview, confirm, run.

Small files are checked and imported at once; bigger ones by a background
task (``courses.tasks``) that updates the job's progress.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.registry.imports import ImportFileError
from portal.registry.models import ImportJob, ImportStatus

from .applying import import_apply
from .planning import import_plan
from .reading import table_read


def _job_progress(job: ImportJob, done: int, total: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(processed_rows=min(done, total), total_rows=total)


def _job_finish(job: ImportJob, **fields) -> None:
    """Close a job and delete its uploaded file: a workshop list is personal data."""
    job.finished_at = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    if job.file:
        job.file.delete(save=False)
    job.save(update_fields=["finished_at", "file", *fields])


def import_job_create(
    *, upload, cohort_slug: str, send_email: bool = True, acting_user
) -> ImportJob:
    """Store an uploaded list and check it: at once for a small file, else in the background.

    Args:
        send_email: e-mail the certificates the import's attendance earns
            (False: record a past workshop without e-mailing anyone).

    Returns:
        The ``ImportJob``; its status is ``previewed`` or ``failed`` after a
        check, ``checking`` while a background task checks it.
    """
    from portal.registry.tasks import import_files_cleanup_task

    from ..tasks import import_check_task

    job = ImportJob(
        original_name=upload.name[:255],
        cohort_slug=cohort_slug,
        send_email=send_email,
        created_by=acting_user,
    )
    job.file.save(upload.name, upload, save=False)
    job.save()
    # Each upload also sweeps away what earlier ones left (abandoned, stuck).
    transaction.on_commit(lambda: import_files_cleanup_task.enqueue())
    if upload.size <= getattr(settings, "REGISTRY_IMPORT_SYNC_BYTES", 256 * 1024):
        import_job_check(job=job)
    else:
        transaction.on_commit(lambda: import_check_task.enqueue(job_id=job.pk))
    return job


def import_job_check(*, job: ImportJob) -> ImportJob:
    """Read and check a job's file, keeping the preview or the errors on the job."""
    job.status = ImportStatus.CHECKING
    job.save(update_fields=["status"])
    try:
        with job.file.open("rb") as handle:
            table = table_read(handle, name=job.original_name)
    except ImportFileError as error:
        _job_finish(job, status=ImportStatus.FAILED, errors=[str(error)])
        return job
    job.total_rows, job.processed_rows = len(table.rows), 0
    job.save(update_fields=["total_rows", "processed_rows"])
    plan = import_plan(
        table,
        cohort_slug=job.cohort_slug or None,
        send_email=job.send_email,
        progress=lambda done, total: _job_progress(job, done, total),
    )
    job.refresh_from_db(fields=["processed_rows"])
    if plan.errors:
        _job_finish(job, status=ImportStatus.FAILED, errors=plan.errors)
        return job
    job.preview, job.status = plan.preview(), ImportStatus.PREVIEWED
    job.save(update_fields=["preview", "status"])
    return job


def import_job_confirm(*, job: ImportJob, acting_user) -> ImportJob:
    """Start writing a previewed job: at once for a small file, else in the background.

    Raises:
        ValidationError: the job is not waiting for confirmation.
    """
    from ..tasks import import_apply_task

    if job.status != ImportStatus.PREVIEWED:
        raise ValidationError(_("This import has already been started or has failed."))
    job.status = ImportStatus.QUEUED
    job.save(update_fields=["status"])
    if job.total_rows <= getattr(settings, "REGISTRY_IMPORT_SYNC_ROWS", 500):
        return import_job_run(job=job, acting_user=acting_user)
    transaction.on_commit(lambda: import_apply_task.enqueue(job_id=job.pk))
    return job


def import_job_run(*, job: ImportJob, acting_user=None) -> ImportJob:
    """Check the file again (the registry may have changed) and write it, all or nothing."""
    job.status, job.started_at, job.processed_rows = ImportStatus.RUNNING, timezone.now(), 0
    job.save(update_fields=["status", "started_at", "processed_rows"])
    try:
        with job.file.open("rb") as handle:
            table = table_read(handle, name=job.original_name)
        plan = import_plan(
            table,
            cohort_slug=job.cohort_slug or None,
            send_email=job.send_email,
            progress=lambda done, total: _job_progress(job, done, total),
        )
    except ImportFileError as error:
        plan, errors = None, [str(error)]
    else:
        errors = plan.errors
    if errors:
        _job_finish(job, status=ImportStatus.FAILED, errors=errors)
        return job
    try:
        summary = import_apply(
            plan, acting_user=acting_user or job.created_by, source_name=job.original_name
        )
    except (ValidationError, IntegrityError) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        _job_finish(
            job,
            status=ImportStatus.FAILED,
            errors=[_("Nothing was imported: %(error)s") % {"error": m} for m in messages],
        )
        return job
    _job_finish(
        job,
        status=ImportStatus.DONE,
        summary=summary,
        processed_rows=len(plan.rows),
        total_rows=len(plan.rows),
    )
    return job
