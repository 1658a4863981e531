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
            {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "academy.example.org"},
        ),
    ],
)
def test_production_refuses_to_start_without(missing, present, tmp_path):
    result = _run(["check"], tmp_path, **present)

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert f"{missing} is not set" in last_line


def test_check_deploy_is_clean(tmp_path):
    result = _run(
        ["check", "--deploy", "--fail-level", "DEBUG"],
        tmp_path,
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="academy.example.org",
        PORTAL_BASE_URL="https://academy.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
