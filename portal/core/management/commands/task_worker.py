"""``manage.py task_worker``: django-tasks-db's worker, fit for several machines.

The same options as ``db_worker`` (without ``--reload``). Beside the tasks, a
thread records the worker's heartbeat and takes back the tasks of workers that
died (``portal.core.workers``); a failed task is tried again after a back-off.
"""

import threading

from django.db import DatabaseError, close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from portal.core import workers


class HeartbeatWorker(Worker):
    """django-tasks-db's worker loop, with a failed task tried again."""

    def run_task(self, db_task_result) -> None:
        super().run_task(db_task_result)
        db_task_result.refresh_from_db()
        workers.task_failure_retry(task_result=db_task_result)


def _beat(worker_id: str, stop: threading.Event) -> None:
    """Heartbeats from a thread of their own, so that a long task does not make
    the worker look dead to the others."""
    started_at = timezone.now()
    while True:
        try:
            workers.worker_heartbeat_record(worker_id=worker_id, started_at=started_at)
            workers.tasks_of_dead_workers_requeue()
        except DatabaseError:
            # The database is away for a moment: the next beat tries again.
            workers.logger.warning("Worker %s: heartbeat not recorded", worker_id, exc_info=True)
        finally:
            close_old_connections()
        if stop.wait(workers.heartbeat_interval()):
            break
    workers.worker_heartbeat_remove(worker_id=worker_id)


class Command(DBWorkerCommand):
    help = "Run background tasks, with heartbeats, retries, and the tasks of dead workers."

    def handle(self, *, verbosity, worker_id, **options) -> None:
        options["reload"] = False
        stop = threading.Event()
        beats = threading.Thread(target=_beat, args=(worker_id, stop), daemon=True)
        beats.start()
        try:
            self._run(verbosity=verbosity, worker_id=worker_id, **options)
        finally:
            stop.set()
            beats.join(timeout=10)

    def _run(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        max_tasks,
        worker_id,
        exclude_queues,
        **_options,
    ) -> None:
        self.configure_logging(verbosity)
        worker = HeartbeatWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        worker.run()
