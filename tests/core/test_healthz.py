from unittest import mock

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unavailable_when_the_database_fails(client):
    with mock.patch("portal.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "unavailable", "cache": "ok"}


def test_unavailable_when_the_cache_fails(client):
    with mock.patch("portal.core.views.cache.set", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"] == {"database": "ok", "cache": "unavailable"}


def test_only_reads_are_allowed(client):
    assert client.post("/healthz").status_code == 405


def test_reports_the_oldest_waiting_task_and_the_last_heartbeat(client, settings):
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from courses.tasks import course_content_changed_task
    from portal.core.models import WorkerHeartbeat

    assert client.get("/healthz").json()["tasks"] == {
        "oldest_waiting_seconds": None,
        "workers": 0,
        "last_heartbeat_seconds": None,
    }

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    course_content_changed_task.enqueue(0)
    now = timezone.now()
    DBTaskResult.objects.update(enqueued_at=now - datetime.timedelta(minutes=5))
    WorkerHeartbeat.objects.create(
        worker_id="w1", started_at=now, beat_at=now - datetime.timedelta(seconds=20)
    )
    WorkerHeartbeat.objects.create(
        worker_id="w0", started_at=now, beat_at=now - datetime.timedelta(hours=1)
    )

    tasks = client.get("/healthz").json()["tasks"]

    assert 299 <= tasks["oldest_waiting_seconds"] <= 310
    assert tasks["workers"] == 1
    assert 19 <= tasks["last_heartbeat_seconds"] <= 30
