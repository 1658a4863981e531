"""Background work for the registry. Tasks take primary keys (or nothing), and call a service."""

from django.tasks import task


@task()
def import_files_cleanup_task() -> dict[str, int]:
    """Delete the files of imports that ended, were abandoned or are stuck (see the service)."""
    from .services import import_jobs_cleanup

    return import_jobs_cleanup()
