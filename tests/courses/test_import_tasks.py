import pytest

from courses.tasks import import_apply_task, import_check_task
from portal.registry.models import ImportStatus, Participant
from tests.registry.factories import ImportJobFactory

pytestmark = pytest.mark.django_db


def test_check_then_apply_tasks(secretariat):
    job = ImportJobFactory(created_by=secretariat)
    import_check_task.call(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.PREVIEWED and job.preview["created"] == 1
    job.status = ImportStatus.QUEUED
    job.save()
    stored = job.file.path
    import_apply_task.call(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Participant.objects.count() == 1
    # The uploaded list is personal data: it is not kept once imported.
    assert not job.file and not __import__("os").path.exists(stored)


def test_apply_task_does_nothing_twice(secretariat):
    job = ImportJobFactory(created_by=secretariat, status=ImportStatus.DONE)
    import_apply_task.call(job_id=job.pk)
    assert not Participant.objects.exists()


def test_apply_rechecks_and_fails_without_writing(secretariat):
    from tests.registry.factories import ImportedParticipantFactory

    job = ImportJobFactory(created_by=secretariat, status=ImportStatus.QUEUED)
    # A duplicate appeared between preview and import: still valid (update), no clash.
    ImportedParticipantFactory(email="a@example.org", given_name="Anne", family_name="Lee")
    import_apply_task.call(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.summary["updated"] == 1
