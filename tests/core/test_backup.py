"""The documented backup and restore (ops/backup.sh, ops/restore.sh) bring the
portal back: the same report figures, the same certificate verifying."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from django.db import connection

from certificates.services import certificate_issue
from tests.certificates.factories import completed_enrolment
from tests.courses.factories import CohortFactory, make_course

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres")
        or not django_settings.REDIS_URL,
        reason="backups are of the production shape: needs DATABASE_URL (PostgreSQL) and REDIS_URL",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="needs pg_dump and pg_restore"),
]


def _url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


def _env(*, database: str, var_dir: Path, key_file: Path, prefix: str) -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CERTIFICATES_"))},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "backup-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "PORTAL_BASE_URL": "https://academy.example.org",
        "WAGTAILADMIN_BASE_URL": "https://academy.example.org",
        "DATABASE_URL": _url(database),
        "FLYWAY_VAR_DIR": str(var_dir),
        "CERTIFICATES_SIGNING_KEY_FILE": str(key_file),
        "CACHE_KEY_PREFIX": prefix,
        "PYTHONPATH": str(REPO),
    }


def _probe(env: dict, code: str, token: str | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, "tests/core/backup_probe.py", code, *([token] if token else [])],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_new_database_and_folder(settings, tmp_path):
    original_var, restored_var, backup = tmp_path / "var", tmp_path / "restored", tmp_path / "bk"
    key_file = original_var / "keys" / "signing-key.pem"
    key_file.parent.mkdir(parents=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.CERTIFICATES_SIGNING_KEY = ""
    settings.CERTIFICATES_SIGNING_KEY_FILE = str(key_file)
    settings.MEDIA_ROOT = original_var / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": original_var / "private"},
        },
    }
    course = make_course(modules=1)
    cohort = CohortFactory(course=course)
    certificates = [
        certificate_issue(
            enrolment=completed_enrolment(cohort=cohort, gender=gender, country=country),
            notify=False,
        )
        for gender, country in [("woman", "MN"), ("woman", "KR"), ("man", "MN"), ("another", "JP")]
    ]
    code = certificates[0].code
    original_env = _env(
        database=connection.settings_dict["NAME"],
        var_dir=original_var,
        key_file=key_file,
        prefix=f"orig-{uuid.uuid4().hex}",
    )
    before = _probe(original_env, code)
    assert before["verification"]["status"] == 200
    by_gender = {row["gender"]: row for row in before["reports"]["gender"]}
    assert by_gender["woman"]["participants"] == 2
    assert by_gender["woman"]["certified"] == 2

    subprocess.run(["ops/backup.sh", str(backup)], cwd=REPO, env=original_env, check=True)

    restored_db = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{restored_db}"')
        cursor.execute(f'CREATE DATABASE "{restored_db}"')
    try:
        restored_env = _env(
            database=restored_db,
            var_dir=restored_var,
            key_file=restored_var / "keys" / "signing-key.pem",
            prefix=f"restored-{uuid.uuid4().hex}",
        )
        subprocess.run(["ops/restore.sh", str(backup)], cwd=REPO, env=restored_env, check=True)
        after = _probe(restored_env, code, before["token"])
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored_db}" WITH (FORCE)')

    assert after["reports"] == before["reports"]
    assert after["verification"] == before["verification"]
    assert after["pdf_sha256"] == before["pdf_sha256"]
    # A credential issued before the backup verifies with the restored key.
    assert after["verified_claims"] == before["verified_claims"]
