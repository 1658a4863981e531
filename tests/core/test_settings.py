"""Production settings refuse to start half-configured, and pass ``check --deploy``."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3y-" + "f" * 20 + "-production-only-7Qz!xR2#pL9@wM4$vN8&"


def _run(args, tmp_path, **env):
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PORTAL_BASE_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "FLYWAY_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("missing", "present"),
    [
        ("DJANGO_SECRET_KEY", {"DJANGO_ALLOWED_HOSTS": "academy.example.org"}),
        ("DJANGO_ALLOWED_HOSTS", {"DJANGO_SECRET_KEY": GOOD_KEY}),
        (
            "PORTAL_BASE_URL",
            {
                "DJANGO_SECRET_KEY": GOOD_KEY,
                "DJANGO_ALLOWED_HOSTS": "academy.example.org",
                "REDIS_URL": "redis://127.0.0.1:6379/9",
            },
        ),
        # Without Redis each process keeps its own cache: sessions, log-in rate
        # limits and cached pages would differ from one server to the next.
        ("REDIS_URL", {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "a.example.org"}),
    ],
)
def test_production_refuses_to_start_without(missing, present, tmp_path):
    result = _run(["check"], tmp_path, **present)

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert f"{missing} is not set" in last_line


# The production settings as the README gives them. System checks need no
# connection, so the PostgreSQL address may point nowhere: what is checked is
# what the settings load for that engine (Wagtail's search index on PostgreSQL
# needs django.contrib.postgres).
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": GOOD_KEY,
    "DJANGO_ALLOWED_HOSTS": "academy.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "PORTAL_BASE_URL": "https://academy.example.org",
}


@pytest.mark.parametrize(
    "database_url",
    ["", "postgres://flyway@127.0.0.1:5432/flyway"],
    ids=["sqlite", "postgresql"],
)
def test_check_deploy_is_clean(database_url, tmp_path):
    result = _run(
        ["check", "--deploy", "--fail-level", "DEBUG"],
        tmp_path,
        **PRODUCTION_ENV,
        **({"DATABASE_URL": database_url} if database_url else {}),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _production_setting(name, tmp_path, **env):
    script = f"from django.conf import settings; print(repr(settings.{name}))"
    result = _run(["shell", "--no-imports", "-c", script], tmp_path, **PRODUCTION_ENV, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_trusts_one_proxy_by_default_and_takes_the_count_from_the_environment(
    tmp_path,
):
    assert _production_setting("ALLAUTH_TRUSTED_PROXY_COUNT", tmp_path) == "1"
    assert (
        _production_setting("ALLAUTH_TRUSTED_PROXY_COUNT", tmp_path, TRUSTED_PROXY_COUNT="2") == "2"
    )


def test_gunicorn_keeps_connections_open_longer_than_a_load_balancer_does():
    """A load balancer reuses an idle connection for up to 60 s by default: a
    server that closes it first resets the request the balancer sends on it."""
    config = {}
    exec(compile((REPO / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), config)  # noqa: S102

    assert config["keepalive"] > 60
    # Keep-alive needs a threaded worker: gunicorn's sync worker closes after each request.
    assert config["worker_class"] == "gthread"


def test_each_task_is_logged_once(tmp_path):
    """Django's own console handler (on while DEBUG is) and the root handler
    both wrote every record of the django.tasks logger."""
    script = "import logging; logging.getLogger('django.tasks').info('task-marker-7f3a')"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "FLYWAY_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert (result.stdout + result.stderr).count("task-marker-7f3a") == 1


def _storage_backend(tmp_path, **env):
    """The files' storage backend the production settings module names (read
    without starting Django: the s3 extra need not be installed for this)."""
    script = "import portal.settings.production as s; print(s.STORAGES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "STORAGE"))},
            "FLYWAY_VAR_DIR": str(tmp_path),
            **PRODUCTION_ENV,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def test_files_go_to_object_storage_when_configured(tmp_path):
    s3 = _storage_backend(tmp_path, STORAGE_BACKEND="s3", S3_BUCKET="flyway-files")
    assert s3.stdout.strip() == "storages.backends.s3.S3Storage", s3.stderr
    shared = _storage_backend(tmp_path)
    assert shared.stdout.strip() == "django.core.files.storage.FileSystemStorage", shared.stderr

    no_bucket = _storage_backend(tmp_path, STORAGE_BACKEND="s3")
    assert no_bucket.returncode != 0
    assert "S3_BUCKET is not set" in no_bucket.stderr.strip().splitlines()[-1]


def _private_storage(tmp_path, **env):
    script = (
        "import portal.settings.production as s; p = s.STORAGES['private'];"
        "print(p['BACKEND'], p['OPTIONS'].get('location'), p['OPTIONS'].get('bucket_name'))"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "STORAGE"))},
            "FLYWAY_VAR_DIR": str(tmp_path),
            **PRODUCTION_ENV,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_private_files_have_their_own_place_outside_the_served_media(tmp_path):
    shared = _private_storage(tmp_path)
    assert shared.stdout.split()[:2] == [
        "portal.core.storage.PrivateFileSystemStorage",
        str(tmp_path / "private"),
    ], shared.stderr
    s3 = _private_storage(
        tmp_path, STORAGE_BACKEND="s3", S3_BUCKET="flyway-files", S3_PRIVATE_BUCKET="flyway-private"
    )
    assert s3.stdout.split() == ["storages.backends.s3.S3Storage", "private", "flyway-private"]
    inside = _private_storage(
        tmp_path, FLYWAY_MEDIA_DIR=str(tmp_path / "m"), FLYWAY_PRIVATE_DIR=str(tmp_path / "m" / "p")
    )
    assert inside.returncode != 0
    assert "FLYWAY_PRIVATE_DIR is inside FLYWAY_MEDIA_DIR" in inside.stderr
