"""Revoked PDFs carry a mark; the cohort ZIP holds valid certificates unless asked otherwise."""

import datetime
import io
import re
import zipfile

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.archives import archive_member_name, cohort_archive_build
from certificates.models import Certificate, CohortArchive
from certificates.services import certificate_reissue, certificate_revoke
from tests.certificates.factories import issued_certificate
from tests.courses.factories import CohortFactory, ParticipantFactory


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _download(certificate, user) -> bytes:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("certificates:download", kwargs={"pk": certificate.pk}))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_revoked_certificate_downloads_only_with_the_revoked_mark(course, secretariat):
    certificate = issued_certificate(course=course)
    holder = certificate.participant.user
    assert "REVOKED" not in _pdf_text(_download(certificate, holder))
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="Forged sheet")
    for user in (holder, secretariat):
        body = _download(certificate, user)
        text = _pdf_text(body)
        assert "REVOKED" in text
        assert certificate.serial in text  # the certificate itself is still there, marked
        assert len(PdfReader(io.BytesIO(body)).pages) == 1


def test_safe_member_names_by_serial_and_latin_name(db):
    certificate = Certificate(serial="FA-2026-000123", holder_name="Zoë Ştefănescu-Nguyễn / O'Neil")
    assert archive_member_name(certificate) == "FA-2026-000123_Zoe-Stefanescu-Nguyen-O-Neil.pdf"
    certificate.holder_name = "../../王"
    assert archive_member_name(certificate) == "FA-2026-000123_Wang.pdf"
    certificate.holder_name = ""
    assert archive_member_name(certificate) == "FA-2026-000123.pdf"


def _cohort_of_every_status(course, secretariat):
    cohort = CohortFactory(course=course)
    valid = issued_certificate(cohort=cohort, given_name="Anna", family_name="Ivanova")
    expired = issued_certificate(cohort=cohort, given_name="Old", family_name="Timer")
    Certificate.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    revoked = issued_certificate(cohort=cohort, given_name="Bad", family_name="Actor")
    certificate_revoke(certificate=revoked, acting_user=secretariat, reason="Forged sheet")
    wrong = issued_certificate(cohort=cohort, given_name="Tipo", family_name="Error")
    reissued = certificate_reissue(certificate=wrong, acting_user=secretariat, reason="Name fixed")
    return cohort, valid, expired, revoked, wrong, reissued


def _members(archive) -> dict[str, bytes]:
    archive.refresh_from_db()
    with archive.file.open("rb") as handle:
        zipped = zipfile.ZipFile(io.BytesIO(handle.read()))
        return {name: zipped.read(name) for name in zipped.namelist()}


def test_the_cohort_zip_holds_only_valid_certificates_by_default(course, secretariat):
    cohort, valid, _expired, _revoked, _wrong, reissued = _cohort_of_every_status(
        course, secretariat
    )
    archive = CohortArchive.objects.create(cohort=cohort)
    cohort_archive_build(archive=archive)
    assert sorted(_members(archive)) == sorted(
        [f"{valid.serial}_Anna-Ivanova.pdf", f"{reissued.serial}_Tipo-Error.pdf"]
    )


def test_the_cohort_zip_can_include_the_others_revoked_ones_marked(course, secretariat):
    cohort, valid, expired, revoked, _wrong, _reissued = _cohort_of_every_status(
        course, secretariat
    )
    archive = CohortArchive.objects.create(cohort=cohort, include_all=True)
    cohort_archive_build(archive=archive)
    members = _members(archive)
    assert len(members) == 5
    assert f"{expired.serial}_Old-Timer.pdf" in members
    assert "REVOKED" in _pdf_text(members[f"{revoked.serial}_Bad-Actor.pdf"])
    assert "REVOKED" not in _pdf_text(members[f"{valid.serial}_Anna-Ivanova.pdf"])


def test_the_zip_page_offers_the_others_as_an_option(
    client, course, secretariat, django_capture_on_commit_callbacks
):
    cohort, *_ = _cohort_of_every_status(course, secretariat)
    client.force_login(secretariat)
    url = reverse("certificates_admin:cohort_zip", kwargs={"cohort_id": cohort.pk})
    page = client.get(url).content.decode()
    assert "2 valid certificates" in page
    assert re.search(r'<input[^>]+name="include_all"', page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"include_all": "on"})
    assert response.status_code == 302
    archive = CohortArchive.objects.get()
    assert archive.include_all and archive.total == 5
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert CohortArchive.objects.order_by("-pk").first().total == 2


def test_stranger_cannot_download_a_revoked_certificate(course, secretariat):
    certificate = issued_certificate(course=course)
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="Forged sheet")
    client = Client()
    client.force_login(ParticipantFactory().user)
    url = reverse("certificates:download", kwargs={"pk": certificate.pk})
    assert client.get(url).status_code == 404
