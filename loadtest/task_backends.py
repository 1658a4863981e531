"""Task backends compared (issue 15): a burst of certificate issues, two or more workers.

``python loadtest/task_backends.py --backend db|rq [--tasks 500] [--workers 2]``
with the production settings' environment (``DATABASE_URL`` on PostgreSQL,
``REDIS_URL``; ``--backend rq`` sets ``TASKS_BACKEND`` to django-tasks-rq's
backend and needs the ``rq`` extra). Run it on a database of its own made by
``generate_load_data`` (it marks enrolments complete with a bulk update, which
the participation facts do not hear of): ``ops/taskbench.sh`` does all of it.

It takes ``--tasks`` self-paced enrolments with no certificate, marks them
complete, enqueues one ``certificate_issue_task`` each (as completion does),
then starts the workers (``manage.py task_worker`` for the database backend,
``manage.py rqworker default --job-class django_tasks_rq.backend.Job`` for
RQ), waits until every task has finished and prints: the time to enqueue, the
throughput from the first task started to the last finished, and whether each
task ran exactly once (each task's record names one run; each enrolment has
exactly one certificate).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

RQ_BACKEND = "django_tasks_rq.RQBackend"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["db", "rq"], required=True)
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--rq-worker-class",
        default="",
        help="e.g. rq.worker.SimpleWorker: no fork per job (RQ's default forks one)",
    )
    args = parser.parse_args()
    if args.backend == "rq":
        os.environ["TASKS_BACKEND"] = RQ_BACKEND
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from certificates.models import Certificate
    from certificates.tasks import certificate_issue_task
    from courses.models import CohortMode, Enrolment, EnrolmentStatus

    enrolments = list(
        Enrolment.objects.filter(
            status=EnrolmentStatus.ACTIVE,
            completed_at__isnull=True,
            cohort__mode=CohortMode.SELF_PACED,
        )
        .exclude(participant__certificates__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)[: args.tasks]
    )
    if len(enrolments) < args.tasks:
        sys.exit(f"only {len(enrolments)} enrolments without a certificate are left")
    Enrolment.objects.filter(pk__in=enrolments).update(completed_at=timezone.now())

    started = time.perf_counter()
    with transaction.atomic():
        results = [certificate_issue_task.enqueue(pk, notify=False) for pk in enrolments]
    enqueue_seconds = time.perf_counter() - started

    command = (
        ["task_worker", "--interval", "0.1"]
        if args.backend == "db"
        else ["rqworker", "default", "--burst", "--job-class", "django_tasks_rq.backend.Job"]
    )
    if args.backend == "rq" and args.rq_worker_class:
        command += ["--worker-class", args.rq_worker_class]
    workers = [
        subprocess.Popen(  # noqa: S603 — our own manage.py
            [sys.executable, "manage.py", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    try:
        # Cheap polling (one count), so that waiting costs the workers nothing.
        issued = Certificate.objects.filter(enrolment_id__in=enrolments)
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline and issued.count() < len(enrolments):
            time.sleep(0.5)
        while time.monotonic() < deadline and not all(_finished(r) for r in results):
            time.sleep(1)
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)

    fresh = [r.task.get_backend().get_result(r.id) for r in results]
    first = min(r.started_at for r in fresh if r.started_at)
    last = max(r.finished_at for r in fresh if r.finished_at)
    runs = [len(r.worker_ids) for r in fresh]
    ok = sum(1 for r in fresh if r.status == "SUCCESSFUL")
    certificates = Certificate.objects.filter(enrolment_id__in=enrolments)
    per_enrolment = set(certificates.values_list("enrolment_id", flat=True))
    seconds = (last - first).total_seconds()
    print(
        f"backend {args.backend}: {args.tasks} tasks, {args.workers} workers; "
        f"enqueued in {enqueue_seconds:.2f} s ({args.tasks / enqueue_seconds:.0f}/s); "
        f"run in {seconds:.1f} s = {args.tasks / seconds:.1f} tasks/s; "
        f"successful {ok}/{args.tasks}; runs per task min {min(runs)} max {max(runs)}; "
        f"certificates {certificates.count()} for {len(per_enrolment)} enrolments"
    )


def _finished(result) -> bool:
    result.refresh()
    return result.is_finished


if __name__ == "__main__":
    main()
