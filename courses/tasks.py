"""Background work for courses. Tasks take primary keys, fetch, and call a service."""

from django.tasks import task


@task()
def course_content_changed_task(course_id: int) -> int:
    """After a course or one of its modules is published or unpublished.

    Makes sure the course has its self-paced cohort and recomputes completion
    for unfinished enrolments (completions already earned stay).

    Returns:
        How many enrolments became complete.
    """
    from .models import CoursePage
    from .services import course_completions_update, course_self_paced_cohort_ensure

    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        return 0
    course_self_paced_cohort_ensure(course=course)
    return course_completions_update(course=course)


@task()
def import_check_task(job_id: int) -> None:
    """Check an uploaded participant list and keep the preview on the job."""
    from portal.registry.models import ImportJob, ImportStatus

    from .imports.jobs import import_job_check

    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.CHECKING).first()
    if job is not None:
        import_job_check(job=job)


@task()
def import_apply_task(job_id: int) -> None:
    """Import a confirmed participant list (all or nothing). Does nothing if it already ran."""
    from portal.registry.models import ImportJob, ImportStatus

    from .imports.jobs import import_job_run

    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).first()
    if job is not None:
        import_job_run(job=job)
