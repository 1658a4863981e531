"""Task workers: the tasks of a dead worker are taken back, failures are retried."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from courses.tasks import course_content_changed_task
from portal.core import workers
from portal.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = course_content_changed_task.enqueue(0)
    return DBTaskResult.objects.get(pk=result.id)


def _running_on(task_result, worker_id, *, minutes_ago):
    task_result.claim(worker_id)
    DBTaskResult.objects.filter(pk=task_result.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )


def test_the_task_of_a_worker_that_stopped_beating_is_queued_again(queued):
    _running_on(queued, "dead-worker", minutes_ago=5)
    WorkerHeartbeat.objects.create(
        worker_id="dead-worker",
        started_at=timezone.now() - datetime.timedelta(hours=1),
        beat_at=timezone.now() - datetime.timedelta(minutes=4),
    )

    assert workers.tasks_of_dead_workers_requeue() == 1

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().filter(pk=queued.pk).exists()
    assert workers.tasks_of_dead_workers_requeue() == 0


def test_a_long_task_of_a_live_worker_is_left_alone(queued):
    _running_on(queued, "busy-worker", minutes_ago=30)
    workers.worker_heartbeat_record(worker_id="busy-worker", started_at=timezone.now())

    assert workers.tasks_of_dead_workers_requeue() == 0
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.RUNNING


def test_a_failed_task_is_tried_again_later_until_its_tries_are_spent(queued, settings):
    settings.TASKS_MAX_ATTEMPTS = 2
    queued.claim("w1")
    queued.set_failed(ConnectionError("mail server away"))

    assert workers.task_failure_retry(task_result=queued)
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.READY
    assert queued.run_after > timezone.now() + datetime.timedelta(seconds=20)
    assert not DBTaskResult.objects.ready().filter(pk=queued.pk).exists()  # not yet

    queued.claim("w2")
    queued.set_failed(ConnectionError("still away"))
    assert not workers.task_failure_retry(task_result=queued)
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.FAILED


def test_the_back_off_grows(settings):
    settings.TASKS_RETRY_BASE_SECONDS = 30
    delays = [workers.retry_delay(attempt=n).total_seconds() for n in (1, 2, 3)]
    assert delays == [30, 120, 480]
