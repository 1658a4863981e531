"""Uploaded participant lists and certificate files stay private.

``make run`` serves ``MEDIA_ROOT`` at ``/media/`` to anyone (``django.views.static.serve``);
nothing personal may be stored there, and an import's file goes when the job ends.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.static import serve

from courses.imports.jobs import import_job_create
from portal.core.storage import private_storage
from portal.registry.models import ImportJob, ImportStatus
from tests.certificates.conftest import _signing_key, _signing_key_pem  # noqa: F401

pytestmark = pytest.mark.django_db

CSV = (
    b"email,given_name,family_name,gender,birth_year,country\n"
    b"oyuna@example.org,Oyuna,Bat,F,1975,MN\n"
    b"minjun@example.org,Minjun,Kim,M,1999,KR\n"
)


def upload(name="khurkh-participants.csv", content=CSV, user=None) -> ImportJob:
    return import_job_create(
        upload=SimpleUploadedFile(name, content, content_type="text/csv"),
        cohort_slug="",
        acting_user=user,
    )


def served_publicly(path: str) -> bool:
    """What ``make run`` answers at ``/media/<path>``: True when it hands the file out."""
    try:
        response = serve(RequestFactory().get(f"/media/{path}"), path, settings.MEDIA_ROOT)
    except Http404:
        return False
    return response.status_code == 200


def test_an_uploaded_list_is_not_under_the_public_media_root(secretariat):
    job = upload(user=secretariat)
    assert job.status == ImportStatus.PREVIEWED
    assert job.file and private_storage().exists(job.file.name)
    # Neither by its original name nor by the stored one.
    assert not served_publicly("registry/imports/khurkh-participants.csv")
    assert not served_publicly(job.file.name)
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.csv"))
    # The stored name is generated: the original name is not part of it.
    assert "khurkh" not in job.file.name
    assert job.original_name == "khurkh-participants.csv"


def test_only_registry_staff_download_an_upload_as_an_attachment(
    client, secretariat, learner, instructor
):
    job = upload(user=secretariat)
    url = reverse("registry_import:file", args=[job.pk])
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    assert b"oyuna@example.org" not in b"".join(getattr(response, "streaming_content", [b""]))
    for user in (learner, instructor):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in (302, 403, 404), user
    client.force_login(secretariat)
    page = client.get(reverse("registry_import:job", args=[job.pk])).content.decode()
    assert "would create 2" in page and url in page  # the preview links to the file
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "khurkh-participants.csv" in response["Content-Disposition"]
    assert b"oyuna@example.org" in b"".join(response.streaming_content)


def test_cancelling_an_import_deletes_its_file(
    client, secretariat, django_capture_on_commit_callbacks
):
    job = upload(user=secretariat)
    name = job.file.name
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registry_import:job", args=[job.pk]), {"action": "cancel"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED
    assert not job.file
    assert not private_storage().exists(name)


def test_a_finished_import_keeps_no_file(client, secretariat):
    job = upload(user=secretariat)
    name = job.file.name
    client.force_login(secretariat)
    client.post(reverse("registry_import:job", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert not job.file and not private_storage().exists(name)


def test_cleanup_deletes_abandoned_and_stuck_imports_and_stray_files(secretariat):
    abandoned = upload(user=secretariat)
    recent = upload(user=secretariat)
    stuck = upload(user=secretariat)
    day_ago = timezone.now() - datetime.timedelta(hours=25)
    ImportJob.objects.filter(pk=abandoned.pk).update(created_at=day_ago)
    ImportJob.objects.filter(pk=stuck.pk).update(
        created_at=day_ago, status=ImportStatus.RUNNING, started_at=day_ago
    )
    stray = private_storage().save("registry/imports/left-behind.csv", ContentFile(CSV))
    hour_ago = (timezone.now() - datetime.timedelta(hours=2)).timestamp()
    os.utime(private_storage().path(stray), (hour_ago, hour_ago))
    call_command("cleanup_imports", verbosity=0)
    for job in (abandoned, stuck):
        job.refresh_from_db()
        assert job.status in (ImportStatus.CANCELLED, ImportStatus.FAILED)
        assert not job.file
    recent.refresh_from_db()
    assert recent.file and private_storage().exists(recent.file.name)
    assert not private_storage().exists(stray)


def test_certificate_pdfs_and_archives_are_private():
    from certificates.archives import cohort_archive_build
    from certificates.models import CohortArchive
    from tests.certificates.factories import issued_certificate

    certificate = issued_certificate()
    assert certificate.pdf and private_storage().exists(certificate.pdf.name)
    assert not served_publicly(certificate.pdf.name)
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))
    archive = CohortArchive.objects.create(cohort=certificate.enrolment.cohort)
    cohort_archive_build(archive=archive)
    archive.refresh_from_db()
    assert archive.file and private_storage().exists(archive.file.name)
    assert not served_publicly(archive.file.name)
    assert certificate.enrolment.cohort.slug not in archive.file.name
