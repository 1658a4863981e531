"""Quiz submits under concurrency, on SQLite or PostgreSQL (``bench/run.py`` runs both).

Builds a fresh database (on SQLite: WAL, immediate transactions, the default
``SQLITE_OPTIONS``; on PostgreSQL: sessions and cache in Redis), serves the
portal with gunicorn (threads) on 127.0.0.1 and measures, with 16 concurrent
logged-in learners (gunicorn configured as in docs/operations.md: 2 x cores + 1
workers of 2 threads),

- baseline: GET of a course page (four modules, each learner enrolled);
- subject: POST submit of a 10-question attempt (answers sent with the submit,
  graded on the server, completion updated), each learner working through
  attempts prepared beforehand; a share of the submits are replayed to check
  that a replay does not grade again.

The bar: zero "database is locked" errors, zero 5xx, every attempt graded once,
and submits served at >= 2x the course page's throughput. Exit status 1 if not.

A submit closes the attempt with the ORM (``QuerySet.update``) and writes its
question rows in one statement. Two servers run, each with one way of that
write patched in on every database (``handbuilt_submit.py``):

- ``orm``: the ORM's statement (an upsert on the primary key), built inside
  the write transaction;
- ``hand-built``: a statement prepared before the transaction: on SQLite
  ``assessments/sql.py``'s UPDATE with a CASE per field, on PostgreSQL one
  prepared UPDATE per row (``executemany``).

Submit phases alternate between the two servers, and the figures say what the
ORM version costs against the hand-built one. The bar applies to the way the
portal runs on the database measured: hand-built on SQLite (which is why
``assessments/sql.py`` exists), the ORM on PostgreSQL.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import benchdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="flyway-bench-assessments-")
ENV = benchdb.configure(TMP)

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

CLIENTS = 16
QUICK = benchdb.quick()  # a smoke run: fewer attempts, shorter phases
QUIZZES = 12 if QUICK else 60  # attempts per learner prepared for the submit phases
ROUNDS = 3  # submit phases per variant, each between two course-page phases
VARIANTS = {"orm": "orm", "hand-built": "hand_built"}  # handbuilt_submit.<way>
QUESTIONS = 10
BASELINE_SECONDS = 2 if QUICK else 6
MIN_RATIO = 2.0
# gunicorn as docs/operations.md configures it: 2 x cores + 1 workers, 2 threads each.
WORKERS = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
THREADS = int(os.environ.get("GUNICORN_THREADS", "2"))
# The way the portal writes the question rows on the database measured (assessments/sql.py).
PORTAL = "hand-built" if benchdb.vendor() == "sqlite" else "orm"


def build():
    """Learners, a course with four modules, and QUIZZES quizzes with an open attempt each."""
    from assessments import services
    from assessments.choice_tokens import choice_token
    from courses.models import Enrolment
    from tests.assessments.factories import make_question, make_quiz
    from tests.courses.factories import ParticipantFactory, make_course, self_paced
    from tests.factories import UserFactory

    course = make_course(modules=4, blocks=3)
    cohort = self_paced(course)
    learners = []
    for i in range(CLIENTS):
        user = UserFactory(email=f"bench{i}@example.org", role="Learners")
        participant = ParticipantFactory(user=user, email=user.email)
        enrolment = Enrolment.objects.create(participant=participant, cohort=cohort)
        learners.append((user, participant, enrolment))
    kinds = ["single", "multiple", "true_false", "numeric", "short_text"]
    questions = [make_question(kinds[i % len(kinds)]) for i in range(QUESTIONS)]
    work = {user.pk: [] for user, _p, _e in learners}
    for q in range(QUIZZES):
        quiz = make_quiz(questions, title=f"Bench quiz {q}", course=course)
        for user, participant, enrolment in learners:
            attempt = services.attempt_start(
                quiz=quiz, participant=participant, enrolment=enrolment
            )
            form = {}
            for aq in attempt.questions.select_related("question"):
                question, p = aq.question, aq.position
                right = question.choices.filter(is_correct=True).values_list("pk", flat=True)
                # The page names choices by the attempt's opaque tokens, as a browser sends them.
                tokens = [choice_token(attempt_id=attempt.pk, choice_id=pk) for pk in right]
                form[f"q{p}-present"] = "1"
                if question.kind == "single":
                    form[f"q{p}-choice"] = tokens[0]
                elif question.kind == "multiple":
                    form[f"q{p}-choices"] = tokens
                elif question.kind == "true_false":
                    form[f"q{p}-value"] = "true"
                elif question.kind == "numeric":
                    form[f"q{p}-value"] = "1210"
                else:
                    form[f"q{p}-text"] = "grus monacha"
            work[user.pk].append((attempt.pk, form))
    sessions = {}
    for user, _p, _e in learners:
        client = Client()
        client.force_login(user)
        sessions[user.pk] = client.cookies["sessionid"].value
    return course.url, sessions, work


def free_port() -> int:
    """A port for a server: from ``BENCH_PORT`` on (one per server) if set, else any free one."""
    if os.environ.get("BENCH_PORT"):
        free_port.next = getattr(free_port, "next", int(os.environ["BENCH_PORT"]))
        free_port.next += 1
        return free_port.next - 1
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_for(base: str, sessionid: str) -> requests.Session:
    http = requests.Session()
    token = "b" * 32
    http.cookies.set("sessionid", sessionid, domain="127.0.0.1")
    http.cookies.set("csrftoken", token, domain="127.0.0.1")
    http.headers.update({"X-CSRFToken": token, "Referer": base + "/"})
    return http


def send(http: requests.Session, method: str, url: str, **kwargs) -> requests.Response:
    """One request; sent again once if the server closed the kept-alive connection.

    gunicorn restarts a worker after ``max_requests`` (gunicorn.conf.py), which
    drops its open connections: that is not an answer of the portal. A submit
    sent twice is a replay, which the portal answers without grading again.
    """
    try:
        return http.request(method, url, timeout=60, **kwargs)
    except requests.ConnectionError:
        return http.request(method, url, timeout=60, **kwargs)


def run_parallel(target, count):
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def start_server(variant: str, port: int, log):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "handbuilt_wsgi:application",
            "--pythonpath",
            str(ROOT / "bench"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        env={**os.environ, **ENV, "BENCH_SUBMIT_VARIANT": variant},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def transaction_ms(rounds: int = 300) -> dict[str, tuple[float, float]]:
    """Median wall-clock and CPU ms of the transaction that writes a submit's question rows.

    In this process, one way after the other in turns, on the ten question rows
    of a graded attempt, written back with their own values: what each way
    holds the write lock for (on SQLite, the whole database's) when it writes
    the rows, apart from the close of the attempt. The ORM compiles its
    statement inside the transaction; the hand-built one was prepared before.
    Less noisy than the throughput on a shared machine: it counts no HTTP.
    """
    import statistics

    import handbuilt_submit
    from django.db import transaction

    from assessments import services, sql
    from assessments.models import AttemptQuestion

    attempt_id = AttemptQuestion.objects.filter(score__isnull=False).values("attempt_id")[:1]
    rows = list(AttemptQuestion.objects.filter(attempt_id__in=attempt_id))
    fields = ["response", "saved_at", "score", "max_score"]
    portal = sql.question_rows_update
    samples = {variant: ([], []) for variant in VARIANTS}
    try:
        for _ in range(rounds):
            for variant, way in VARIANTS.items():
                getattr(handbuilt_submit, way)()
                write = services._question_rows_writer(rows, fields)  # as the submit does
                started, started_cpu = time.perf_counter(), time.process_time()
                with transaction.atomic():
                    write()
                samples[variant][0].append((time.perf_counter() - started) * 1000)
                samples[variant][1].append((time.process_time() - started_cpu) * 1000)
    finally:
        sql.question_rows_update = portal
    return {
        variant: (statistics.median(wall), statistics.median(cpu))
        for variant, (wall, cpu) in samples.items()
    }


def main() -> int:
    call_command("migrate", verbosity=0)
    print(f"building data on {benchdb.vendor()} …", flush=True)
    course_url, sessions, work = build()
    bases = {variant: f"http://127.0.0.1:{free_port()}" for variant in VARIANTS}
    log_path = Path(TMP) / "gunicorn.log"
    log = log_path.open("w")
    servers = [
        start_server(way, int(bases[variant].rsplit(":", 1)[1]), log)
        for variant, way in VARIANTS.items()
    ]
    users = list(sessions)
    statuses: list[int] = []
    submit_statuses: list[int] = []
    lock = threading.Lock()
    try:
        clients = {
            variant: [session_for(base, sessions[pk]) for pk in users]
            for variant, base in bases.items()
        }
        for variant, base in bases.items():
            for _ in range(100):
                try:
                    requests.get(base + "/healthz", timeout=10)
                    break
                except requests.RequestException:
                    time.sleep(0.3)
            for http in clients[variant]:  # warm up every worker; the first requests may race
                for _ in range(5):
                    try:
                        if http.get(base + course_url, timeout=30).status_code == 200:
                            break
                    except requests.ConnectionError:
                        time.sleep(0.5)

        def course_page_rate() -> float:
            counts = [0] * CLIENTS
            stop = time.monotonic() + BASELINE_SECONDS
            base = bases[PORTAL]

            def browse(i):
                http = clients[PORTAL][i]
                while time.monotonic() < stop:
                    response = send(http, "GET", base + course_url)
                    with lock:
                        statuses.append(response.status_code)
                    counts[i] += 1

            started = time.monotonic()
            run_parallel(browse, CLIENTS)
            return sum(counts) / (time.monotonic() - started)

        # The machine is shared: course-page phases and submit phases take turns
        # (course, submit ORM, course, submit hand-built, course, …), so that a
        # change in load hits every side alike; each side's rate is over all its phases.
        phases = [(variant, n) for n in range(ROUNDS) for variant in VARIANTS]

        def submit_round(phase_no: int, variant: str) -> tuple[int, float]:
            """Submits per second while all 16 learners are submitting.

            The window closes when the first learner runs out of prepared
            attempts: after that fewer than 16 are at work, a tail the
            time-bound course-page phases do not have.
            """
            done_at: list[float] = []
            finished: list[float] = []
            base = bases[variant]

            def submit(i):
                http = clients[variant][i]
                mine = work[users[i]]
                share = len(mine) // len(phases)
                for n, (attempt_id, form) in enumerate(
                    mine[phase_no * share : (phase_no + 1) * share]
                ):
                    url = f"{base}/en/attempts/{attempt_id}/submit/"
                    response = send(http, "POST", url, data=form, allow_redirects=False)
                    with lock:
                        submit_statuses.append(response.status_code)
                        done_at.append(time.monotonic())
                    if n % 10 == 0:  # a replay must not grade again
                        replay = send(http, "POST", url, data=form, allow_redirects=False)
                        with lock:
                            submit_statuses.append(replay.status_code)
                            done_at.append(time.monotonic())
                with lock:
                    finished.append(time.monotonic())

            started = time.monotonic()
            run_parallel(submit, CLIENTS)
            window_end = min(finished)
            return sum(1 for t in done_at if t <= window_end), window_end - started

        baselines = [course_page_rate()]
        counted = {variant: [0, 0.0] for variant in VARIANTS}
        phase_rates = {variant: [] for variant in VARIANTS}
        for phase_no, (variant, _n) in enumerate(phases):
            count, seconds = submit_round(phase_no, variant)
            counted[variant][0] += count
            counted[variant][1] += seconds
            phase_rates[variant].append(count / seconds)
            baselines.append(course_page_rate())
        submits = len(submit_statuses)
        rates = {variant: count / seconds for variant, (count, seconds) in counted.items()}
        baseline = sum(baselines) / len(baselines)
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()

    from assessments.models import Attempt, AttemptStatus

    held = transaction_ms()
    server_log = log_path.read_text()
    locked = len(re.findall(r"database is locked", server_log))
    errors_5xx = sum(1 for s in statuses + submit_statuses if s >= 500)
    bad = sum(1 for s in submit_statuses if s != 302)
    used = CLIENTS * (QUIZZES // len(phases)) * len(phases)
    graded = Attempt.objects.filter(status=AttemptStatus.SUBMITTED).count()
    full_marks = Attempt.objects.filter(status=AttemptStatus.SUBMITTED, percent=100).count()
    ratio = rates[PORTAL] / baseline if baseline else 0
    print(
        f"course page (16 learners, GET):   {baseline:8.1f} req/s "
        f"(phases: {', '.join(f'{b:.1f}' for b in baselines)})"
    )
    for variant in VARIANTS:
        print(
            f"quiz submit, {variant:<10} (POST): {rates[variant]:8.1f} req/s "
            f"(phases: {', '.join(f'{r:.1f}' for r in phase_rates[variant])}; "
            f"{counted[variant][0]} while all 16 were submitting)"
        )
    for variant, (wall, cpu) in held.items():
        print(
            f"question rows' transaction, {variant:<10}: {wall:6.2f} ms (cpu {cpu:5.2f} ms; "
            "median of 300, 10 rows, this process alone)"
        )
    held_cost = held["orm"][1] / held["hand-built"][1]
    print(f"ORM / hand-built transaction CPU: {held_cost:8.2f}")
    cost = rates["orm"] / rates["hand-built"]
    print(f"ORM / hand-built submits:         {cost:8.2f}  (below 1: the ORM's costs more)")
    print(
        f"ratio submit ({PORTAL}) / course page: {ratio:8.2f}  (bar >= {MIN_RATIO}; "
        f"the portal's way on {benchdb.vendor()})"
    )
    print(
        f"5xx responses: {errors_5xx}; 'database is locked' in server log: {locked}; "
        f"non-redirect submits: {bad}; {submits} submits incl. replays"
    )
    print(f"attempts graded: {graded} of {used}; with full marks: {full_marks}")
    benchdb.result(
        f"submit ({PORTAL})/course page {ratio:.2f} (bar {MIN_RATIO}); "
        f"ORM/hand-built submits {cost:.2f}, rows' transaction CPU {held_cost:.2f}; "
        f"5xx {errors_5xx}, locked {locked}, graded {graded}/{used}"
    )
    ok = (
        locked == 0
        and errors_5xx == 0
        and bad == 0
        and graded == used
        and full_marks == graded
        and ratio >= MIN_RATIO
    )
    if not ok:
        print("bar NOT met")
        if errors_5xx or locked:
            print(server_log[-3000:])
        return 1
    print("bar met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
