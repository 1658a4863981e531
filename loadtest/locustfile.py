"""Simulated people for ``make loadtest`` (issue 15): readers, learners, the secretariat.

Reads the manifest ``generate_load_data`` wrote (``LOADTEST_MANIFEST``, default
``var/loadtest.json``) for the course, module and quiz addresses. Requests are
named by page kind ("module", "quiz submit" …) so that locust's statistics
are a table per kind.

The portal runs with its production settings over plain HTTP on the loopback
address, as if behind a TLS proxy: every request says ``X-Forwarded-Proto:
https`` and ``X-Forwarded-For`` with an address of its own per simulated
person (the log-in rate limits count people by it), and the Secure session
and CSRF cookies are sent back over HTTP as a browser behind the proxy would.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path

from locust import HttpUser, between, events, task

LANGUAGES = ["en", "zh-hans", "ja", "ko", "mn", "ru"]
PASSWORD = os.environ.get("LOAD_PASSWORD") or "flyway-load-2026"
MANIFEST = json.loads(
    Path(os.environ.get("LOADTEST_MANIFEST", "var/loadtest.json")).read_text(encoding="utf-8")
)
COURSES = MANIFEST["courses"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTEMPT = re.compile(r"/attempts/(\d+)/")
# Radio and checkbox inputs of the attempt form: the first option of each question.
OPTION = re.compile(r'<input[^>]*name="(q\d+-[a-z]+)"[^>]*value="([^"]*)"')

_people = itertools.count(1)
_learners = itertools.count(1)
_staff = itertools.count(1)


def _secure_cookies_over_plain_http(policy, cookie, request) -> bool:
    return True


# The TLS proxy in front is simulated, so Secure cookies go back over plain HTTP.
# Patched on the class: requests copies the session's jar into a fresh one (with
# the default policy) for every request, so a policy set on the jar is lost.
DefaultCookiePolicy.return_ok_secure = _secure_cookies_over_plain_http


def _think_time() -> tuple[float, float]:
    low, high = os.environ.get("LOADTEST_WAIT", "5,15").split(",")
    return float(low), float(high)


# People, not a tight loop: each simulated person reads what the page shows
# before the next action, 5 to 15 s (10 s on average), as the load-test plans
# of learning platforms (Moodle's, Open edX's) pause between actions. A taking
# of the quiz is one action of four requests (page, start, save, submit).
# LOADTEST_WAIT=1,4 is the tighter pace of the first measurement in issue 15
# (about 2.5 times the requests per person): a stress test, not people.
THINK_TIME = _think_time()


# The ramp-up (people arriving, each learner and staff member logging in once)
# is measured apart from the steady state: ops/loadtest.sh runs locust with
# --reset-stats, and this keeps what the ramp-up counted before the reset, so
# that a failure there (a refused log-in) still shows in the report.
RAMP_UP_STATS = os.environ.get("LOADTEST_RAMP_UP_STATS")
_environment = None


@events.init.add_listener
def _remember_environment(environment, **_kwargs):
    global _environment
    _environment = environment


@events.spawning_complete.add_listener
def _keep_ramp_up_stats(user_count, **_kwargs):
    # Runs before locust's own reset: listeners fire in the order they were added,
    # and the runner adds its reset when it is created, after this file is imported.
    if not RAMP_UP_STATS or _environment is None or _environment.runner is None:
        return
    stats = _environment.runner.stats
    rows = [
        {
            "name": entry.name,
            "method": entry.method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "median": entry.median_response_time or 0,
            "p95": entry.get_response_time_percentile(0.95) or 0,
            "rps": 0.0,
        }
        for entry in stats.entries.values()
    ]
    seconds = max(stats.total.last_request_timestamp or 0, stats.total.start_time) - (
        stats.total.start_time
    )
    Path(RAMP_UP_STATS).write_text(
        json.dumps({"users": user_count, "seconds": round(seconds, 1), "rows": rows}),
        encoding="utf-8",
    )


class Person(HttpUser):
    abstract = True
    wait_time = between(*THINK_TIME)

    def on_start(self):
        n = next(_people)
        self.client.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": f"127.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255 or 1}",
                "Accept-Language": "en",
            }
        )
        self.language = random.choice(LANGUAGES)

    def _referer(self, path: str) -> dict:
        host = self.host.split("://", 1)[-1].rstrip("/")
        return {"Referer": f"https://{host}{path}"}

    def post_form(self, path: str, data: dict, *, name: str, referer: str, **kwargs):
        return self.client.post(
            path, data=data, name=name, headers=self._referer(referer), **kwargs
        )


class AnonymousReader(Person):
    """Someone reading the catalogue, a course and its modules, in one of six languages."""

    weight = 60

    @task(1)
    def home(self):
        self.client.get(f"/{self.language}/", name="home")

    @task(2)
    def catalogue(self):
        self.client.get(f"/{self.language}/courses/", name="catalogue")

    @task(3)
    def course(self):
        course = random.choice(COURSES)
        self.client.get(f"/{self.language}{course['path']}", name="course")

    @task(6)
    def module(self):
        course = random.choice(COURSES)
        self.client.get(f"/{self.language}{random.choice(course['modules'])}", name="module")


class Learner(Person):
    """A learner with an account of their own: reads modules, takes and submits the quiz."""

    weight = 38

    def on_start(self):
        super().on_start()
        self.language = "en" if random.random() < 0.5 else random.choice(LANGUAGES)
        number = (next(_learners) - 1) % MANIFEST["learners"] + 1
        self.email = MANIFEST["learner_email"].format(number)
        # generate_load_data enrols learner n in course (n - 1) % courses.
        self.course = COURSES[(number - 1) % len(COURSES)]
        self.log_in()

    def log_in(self):
        path = f"/{self.language}/accounts/login/"
        page = self.client.get(path, name="login page")
        token = CSRF.search(page.text)
        with self.client.post(
            path,
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "login": self.email,
                "password": PASSWORD,
            },
            headers=self._referer(path),
            name="log in",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure(f"{self.email} was not logged in ({response.status_code})")

    @task(6)
    def read_module(self):
        module = random.choice(self.course["modules"])
        self.client.get(f"/{self.language}{module}", name="module (learner)")

    @task(1)
    def course_page(self):
        self.client.get(f"/{self.language}{self.course['path']}", name="course (learner)")

    @task(1)
    def dashboard(self):
        self.client.get(f"/{self.language}/dashboard/", name="dashboard")

    @task(2)
    def take_quiz(self):
        lang = self.language
        quiz = self.course["quiz_id"]
        detail_path = f"/{lang}/quizzes/{quiz}/"
        detail = self.client.get(detail_path, name="quiz page")
        token = CSRF.search(detail.text)
        if token is None:
            detail.failure("no CSRF token on the quiz page") if hasattr(detail, "failure") else None
            return
        started = self.post_form(
            f"/{lang}/quizzes/{quiz}/start/",
            {"csrfmiddlewaretoken": token.group(1)},
            name="quiz start",
            referer=detail_path,
        )
        match = ATTEMPT.search(started.url)
        if match is None:
            return
        attempt = match.group(1)
        attempt_path = f"/{lang}/attempts/{attempt}/"
        if "/result/" in started.url:
            return
        form_token = CSRF.search(started.text)
        answers = {}
        for name, value in OPTION.findall(started.text):
            answers.setdefault(name, value)
        token_value = form_token.group(1) if form_token else token.group(1)
        first = dict(list(answers.items())[:2])
        self.post_form(
            f"{attempt_path}answer/",
            {"csrfmiddlewaretoken": token_value, **first},
            name="quiz save",
            referer=attempt_path,
        )
        self.post_form(
            f"{attempt_path}submit/",
            {"csrfmiddlewaretoken": token_value, **answers},
            name="quiz submit",
            referer=attempt_path,
        )


class Secretariat(Person):
    """Secretariat staff running the participation report and exporting it."""

    weight = 2

    def on_start(self):
        super().on_start()
        self.language = "en"
        number = (next(_staff) - 1) % MANIFEST["secretariat"] + 1
        self.email = MANIFEST["secretariat_email"].format(number)
        Learner.log_in(self)

    @task(4)
    def report(self):
        year = random.choice(["", "?year=2026", "?year=2025"])
        self.client.get(f"/en/reports/participation/{year}", name="report")

    @task(1)
    def export_csv(self):
        self.client.get("/en/reports/participation.csv", name="report csv")

    @task(1)
    def export_xlsx(self):
        self.client.get("/en/reports/participation.xlsx", name="report xlsx")
