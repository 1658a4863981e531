"""Quiz submits under concurrency on the embedded SQLite default.

Builds a fresh SQLite database (WAL, immediate transactions: the default
``SQLITE_OPTIONS``), serves the portal with gunicorn (threads) on 127.0.0.1 and
measures, with 16 concurrent logged-in learners (gunicorn configured as in
docs/operations.md: 2 x cores + 1 workers of 2 threads),

- baseline: GET of a course page (four modules, each learner enrolled);
- subject: POST submit of a 10-question attempt (answers sent with the submit,
  graded on the server, completion updated), each learner working through
  attempts prepared beforehand; a share of the submits are replayed to check
  that a replay does not grade again.

The bar: zero "database is locked" errors, zero 5xx, every attempt graded once,
and submits served at >= 2x the course page's throughput. Exit status 1 if not.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="flyway-bench-assessments-")
ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    "DATABASE_URL": f"sqlite:///{TMP}/bench.sqlite3",
    "FLYWAY_VAR_DIR": TMP,
}
os.environ.update(ENV)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

CLIENTS = 16
QUIZZES = 45  # attempts per learner prepared for the submit phases
ROUNDS = 3  # submit phases, each between two course-page phases
QUESTIONS = 10
BASELINE_SECONDS = 6
MIN_RATIO = 2.0
# gunicorn as docs/operations.md configures it: 2 x cores + 1 workers, 2 threads each.
WORKERS = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
THREADS = int(os.environ.get("GUNICORN_THREADS", "2"))


def build():
    """Learners, a course with four modules, and QUIZZES quizzes with an open attempt each."""
    from assessments import services
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
                form[f"q{p}-present"] = "1"
                if question.kind == "single":
                    form[f"q{p}-choice"] = str(question.choices.filter(is_correct=True).first().pk)
                elif question.kind == "multiple":
                    form[f"q{p}-choices"] = [
                        str(pk)
                        for pk in question.choices.filter(is_correct=True).values_list(
                            "pk", flat=True
                        )
                    ]
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


def run_parallel(target, count):
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def main() -> int:
    call_command("migrate", verbosity=0)
    print("building data …", flush=True)
    course_url, sessions, work = build()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = Path(TMP) / "gunicorn.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
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
        env={**os.environ, **ENV},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                requests.get(base + "/healthz", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.3)
        users = list(sessions)
        clients = [session_for(base, sessions[pk]) for pk in users]
        for http in clients:  # warm up every worker; the first requests may race their boot
            for _ in range(5):
                try:
                    if http.get(base + course_url, timeout=30).status_code == 200:
                        break
                except requests.ConnectionError:
                    time.sleep(0.5)

        statuses: list[int] = []
        lock = threading.Lock()

        def course_page_rate() -> float:
            counts = [0] * CLIENTS
            stop = time.monotonic() + BASELINE_SECONDS

            def browse(i):
                http = clients[i]
                while time.monotonic() < stop:
                    response = http.get(base + course_url, timeout=60)
                    with lock:
                        statuses.append(response.status_code)
                    counts[i] += 1

            started = time.monotonic()
            run_parallel(browse, CLIENTS)
            return sum(counts) / (time.monotonic() - started)

        # The machine is shared: course-page phases and submit phases take turns
        # (course, submit, course, submit, …, course), so that a change in load
        # hits both sides alike; each side's rate is over all its phases.
        submit_statuses: list[int] = []

        def submit_round(round_no):
            """Submits per second while all 16 learners are submitting.

            The window closes when the first learner runs out of prepared
            attempts: after that fewer than 16 are at work, a tail the
            time-bound course-page phases do not have.
            """
            done_at: list[float] = []
            finished: list[float] = []

            def submit(i):
                http = clients[i]
                mine = work[users[i]]
                share = len(mine) // ROUNDS
                for n, (attempt_id, form) in enumerate(
                    mine[round_no * share : (round_no + 1) * share]
                ):
                    url = f"{base}/en/attempts/{attempt_id}/submit/"
                    response = http.post(url, data=form, allow_redirects=False, timeout=60)
                    with lock:
                        submit_statuses.append(response.status_code)
                        done_at.append(time.monotonic())
                    if n % 10 == 0:  # a replay must not grade again
                        replay = http.post(url, data=form, allow_redirects=False, timeout=60)
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
        submit_seconds = 0.0
        submits_in_window = 0
        for round_no in range(ROUNDS):
            count, seconds = submit_round(round_no)
            submits_in_window += count
            submit_seconds += seconds
            baselines.append(course_page_rate())
        submits = len(submit_statuses)
        subject = submits_in_window / submit_seconds
        baseline = sum(baselines) / len(baselines)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()

    from assessments.models import Attempt, AttemptStatus

    server_log = log_path.read_text()
    locked = len(re.findall(r"database is locked", server_log))
    errors_5xx = sum(1 for s in statuses + submit_statuses if s >= 500)
    bad = sum(1 for s in submit_statuses if s != 302)
    graded = Attempt.objects.filter(status=AttemptStatus.SUBMITTED).count()
    full_marks = Attempt.objects.filter(status=AttemptStatus.SUBMITTED, percent=100).count()
    ratio = subject / baseline if baseline else 0
    print(
        f"course page (16 learners, GET):   {baseline:8.1f} req/s "
        f"(phases: {', '.join(f'{b:.1f}' for b in baselines)})"
    )
    print(
        f"quiz submit (16 learners, POST):  {subject:8.1f} req/s  "
        f"({submits} submits incl. replays; "
        f"{submits_in_window} while all 16 were submitting)"
    )
    print(f"ratio submit / course page:       {ratio:8.2f}  (bar >= {MIN_RATIO})")
    print(
        f"5xx responses: {errors_5xx}; 'database is locked' in server log: {locked}; "
        f"non-redirect submits: {bad}"
    )
    print(f"attempts graded: {graded} of {CLIENTS * QUIZZES}; with full marks: {full_marks}")
    ok = (
        locked == 0
        and errors_5xx == 0
        and bad == 0
        and graded == CLIENTS * QUIZZES
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
