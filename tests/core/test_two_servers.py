"""Two app servers and two task workers on one PostgreSQL and Redis.

The production shape, started for real: two gunicorn servers and two
``task_worker`` processes under the production settings, sharing the test
database and a Redis. A learner logs in on one server and submits a quiz on
the other; two bulk issues of the same cohort, one per worker, issue each
certificate once.
"""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import translation

from assessments.models import Attempt, AttemptStatus
from certificates.models import Certificate, CertificateStatus, IssueRun, IssueRunStatus
from certificates.services import issue_run_create
from portal.core.models import WorkerHeartbeat
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.factories import completed_enrolment
from tests.courses.factories import CohortFactory, ParticipantFactory, make_course
from tests.factories import PASSWORD, UserFactory

REPO = Path(__file__).resolve().parents[2]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres")
        or not django_settings.REDIS_URL,
        reason="the production shape: needs DATABASE_URL (PostgreSQL) and REDIS_URL",
    ),
    pytest.mark.django_db(transaction=True),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def signing_key_file(tmp_path, settings):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp_path / "signing-key.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.CERTIFICATES_SIGNING_KEY = ""
    settings.CERTIFICATES_SIGNING_KEY_FILE = str(path)
    return path


@pytest.fixture
def production(tmp_path, signing_key_file, settings):
    """Start two servers and two workers; yield the servers' base URLs."""
    settings.MEDIA_ROOT = tmp_path / "media"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CERTIFICATES_"))},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "two-servers-" + "y" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": _database_url(),
        "CACHE_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex}",
        "FLYWAY_VAR_DIR": str(tmp_path),
        "FLYWAY_MEDIA_DIR": str(tmp_path / "media"),
        "CERTIFICATES_SIGNING_KEY_FILE": str(signing_key_file),
        "PORTAL_BASE_URL": "https://academy.example.org",
        "TASKS_HEARTBEAT_SECONDS": "1",
        "TASKS_RETRY_BASE_SECONDS": "1",
        "GUNICORN_WORKERS": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
    )
    ports = [_free_port(), _free_port()]
    with ExitStack() as stack:
        logs = tmp_path / "logs"
        logs.mkdir()
        commands = [
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "portal.wsgi",
            ]
            for port in ports
        ] + [
            [
                sys.executable,
                "manage.py",
                "task_worker",
                "--interval",
                "0.2",
                "--worker-id",
                f"worker-{n}",
            ]
            for n in (1, 2)
        ]
        for n, command in enumerate(commands):
            log = stack.enter_context(open(logs / f"{n}.log", "w"))
            process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=log)
            stack.callback(process.wait, 30)
            stack.callback(process.terminate)
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        deadline = time.monotonic() + 120
        for url in urls:
            while True:
                try:
                    if requests.get(f"{url}/healthz", timeout=30).status_code == 200:
                        break
                except (requests.ConnectionError, requests.Timeout):
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError(
                        "servers did not start:\n"
                        + "\n".join(p.read_text()[-2000:] for p in logs.iterdir())
                    )
                time.sleep(0.5)
        yield urls


class _Browser:
    """A browser over plain HTTP that still sends back the Secure cookies that
    production sets (the TLS proxy is left out of the test; requests' own jar
    keeps Secure cookies for HTTPS)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def _send(self, method, url, **kwargs):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        response = requests.request(
            method, url, headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def get(self, url):
        return self._send("GET", url)

    def post(self, url, data):
        return self._send("POST", url, data=data)


def _path(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def test_log_in_on_one_server_and_submit_a_quiz_on_the_other(production, settings):
    server_a, server_b = production
    user = UserFactory(role="Learners")
    # The servers check passwords with production's hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    participant = ParticipantFactory(user=user, email=user.email)
    quiz = make_quiz([make_question("single")], pass_mark=Decimal("50"))
    browser = _Browser()

    login = _path("account_login")
    page = browser.get(f"{server_a}{login}")
    token = CSRF_FIELD.search(page.text).group(1)
    response = browser.post(
        f"{server_a}{login}",
        {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302, response.text[:500]

    page = browser.get(f"{server_b}{_path('assessments:quiz_detail', quiz.pk)}")
    assert page.status_code == 200
    token = CSRF_FIELD.search(page.text).group(1)
    response = browser.post(
        f"{server_b}{_path('assessments:attempt_start', quiz.pk)}",
        {"csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302, response.text[:500]
    attempt = Attempt.objects.get(quiz=quiz, participant=participant)
    question = attempt.questions.select_related("question").get()
    right = question.question.choices.get(is_correct=True)
    response = browser.post(
        f"{server_b}{_path('assessments:attempt_submit', attempt.pk)}",
        {
            "csrfmiddlewaretoken": token,
            f"q{question.position}-choice": str(right.pk),
            f"q{question.position}-present": "1",
        },
    )

    assert response.status_code == 302, response.text[:500]
    attempt.refresh_from_db()
    assert attempt.status != AttemptStatus.IN_PROGRESS
    assert attempt.passed


def test_two_workers_issue_each_certificate_of_a_bulk_issue_once(production, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cohort = CohortFactory(course=make_course(modules=1))
    enrolments = [completed_enrolment(cohort=cohort) for _ in range(8)]
    # Two secretariat members start the same bulk issue at once.
    runs = [issue_run_create(cohort=cohort, reason="Workshop closed") for _ in range(2)]

    # The run that writes second waits on the course's lock until the first has
    # committed, then finds every certificate issued and writes none itself.
    deadline = time.monotonic() + 180
    while (
        IssueRun.objects.filter(pk__in=[r.pk for r in runs], status=IssueRunStatus.DONE).count() < 2
    ):
        assert time.monotonic() < deadline, list(IssueRun.objects.values("status", "error"))
        time.sleep(0.5)

    assert WorkerHeartbeat.objects.count() == 2
    assert not IssueRun.objects.exclude(error="").exists()
    assert sorted(IssueRun.objects.values_list("issued", flat=True)) == [0, len(enrolments)]
    for enrolment in enrolments:
        assert (
            Certificate.objects.filter(enrolment=enrolment, status=CertificateStatus.VALID).count()
            == 1
        )
    assert Certificate.objects.filter(enrolment__cohort=cohort).count() == len(enrolments)
