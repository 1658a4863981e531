"""Task workers at scale: heartbeats, tasks of dead workers taken back, retries.

django-tasks-db's worker claims each task in a transaction with
``SELECT … FOR UPDATE SKIP LOCKED``, so two workers never run the same task. What
it does not do is notice a worker that died in the middle of a task (the task
stays "running" for ever) or try a failed task again. The ``task_worker`` command
adds both, with the services below.
"""

import datetime
import logging
import os
import socket

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, TaskResultStatus

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def heartbeat_interval() -> float:
    """Seconds between two heartbeats of a worker."""
    return float(getattr(settings, "TASKS_HEARTBEAT_SECONDS", 5))


def dead_after() -> datetime.timedelta:
    """How long without a heartbeat before a worker counts as dead."""
    return datetime.timedelta(seconds=getattr(settings, "TASKS_WORKER_DEAD_AFTER_SECONDS", 60))


def worker_heartbeat_record(*, worker_id: str, started_at: datetime.datetime) -> None:
    """Record that ``worker_id`` is alive now (creates its row on the first beat)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "beat_at": timezone.now(),
            "started_at": started_at,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def worker_heartbeat_remove(*, worker_id: str) -> None:
    """A worker that stops cleanly leaves; its tasks are finished by then."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


@transaction.atomic
def tasks_of_dead_workers_requeue() -> int:
    """Put the running tasks of workers without a recent heartbeat back in the queue.

    A task is running on the last worker in its ``worker_ids``; when that worker
    has not beaten for ``dead_after()`` (or never did: it was killed before its
    first beat, or it was a worker without heartbeats), the task is made ready
    again and the next free worker runs it. Rows are locked with SKIP LOCKED, so
    two workers doing this at once take back each task once.

    Returns:
        How many tasks were put back.
    """
    cutoff = timezone.now() - dead_after()
    alive = set(
        WorkerHeartbeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    requeued = 0
    for task_result in stale.select_for_update(skip_locked=True):
        if task_result.worker_ids and task_result.worker_ids[-1] in alive:
            continue
        task_result.status = TaskResultStatus.READY
        task_result.started_at = None
        task_result.save(update_fields=["status", "started_at"])
        logger.warning(
            "Task id=%s path=%s: its worker %s stopped answering; queued again",
            task_result.id,
            task_result.task_path,
            task_result.worker_ids[-1] if task_result.worker_ids else "?",
        )
        requeued += 1
    return requeued


def max_attempts() -> int:
    """How many times a task is tried before it stays failed."""
    return int(getattr(settings, "TASKS_MAX_ATTEMPTS", 3))


def retry_delay(*, attempt: int) -> datetime.timedelta:
    """Back-off before the next try after the ``attempt``-th failure: 30 s, 2 min, 8 min…"""
    base = float(getattr(settings, "TASKS_RETRY_BASE_SECONDS", 30))
    return datetime.timedelta(seconds=base * 4 ** (attempt - 1))


def task_failure_retry(*, task_result: DBTaskResult) -> bool:
    """Queue a failed task again after a back-off, unless it has had its tries.

    Tasks take primary keys and call one service whose transaction rolls back
    when it raises, so trying again repeats nothing that was written; the
    failures worth a retry are the passing ones (a database fail-over, a
    connection reset, a mail server away).

    Returns:
        True when the task was queued again.
    """
    attempts = len(task_result.worker_ids)
    if task_result.status != TaskResultStatus.FAILED or attempts >= max_attempts():
        return False
    delay = retry_delay(attempt=attempts)
    task_result.status = TaskResultStatus.READY
    task_result.run_after = timezone.now() + delay
    task_result.started_at = None
    task_result.finished_at = None
    task_result.save(update_fields=["status", "run_after", "started_at", "finished_at"])
    logger.warning(
        "Task id=%s path=%s failed (try %d of %d); trying again in %d s",
        task_result.id,
        task_result.task_path,
        attempts,
        max_attempts(),
        delay.total_seconds(),
    )
    return True


def task_queue_status() -> dict:
    """What ``/healthz`` says about background work.

    Returns:
        ``oldest_waiting_seconds``: age of the oldest task ready to run (None when
        none waits); ``workers``: workers with a recent heartbeat;
        ``last_heartbeat_seconds``: seconds since the latest heartbeat of any
        worker (None when no worker ever beat).
    """
    now = timezone.now()
    oldest = (
        DBTaskResult.objects.ready()
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)[:1]
    )
    last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True)[:1]
    oldest_at = oldest[0] if oldest else None
    last_at = last[0] if last else None
    return {
        "oldest_waiting_seconds": round((now - oldest_at).total_seconds()) if oldest_at else None,
        "workers": WorkerHeartbeat.objects.filter(beat_at__gte=now - dead_after()).count(),
        "last_heartbeat_seconds": round((now - last_at).total_seconds()) if last_at else None,
    }
