"""Erasure reaches the certificates: no name left public, no PDF left stored, figures unchanged."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from certificates.models import Certificate, CertificateStatus, CohortArchive
from portal.core.storage import private_storage
from portal.registry.services import account_delete, participant_anonymise
from portal.reporting.models import ParticipationFact
from portal.reporting.services import participation_facts_rebuild
from tests.certificates.factories import issued_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(participant, course):
    return issued_certificate(course=course, participant=participant)


def verify_json(client, certificate):
    return client.get(reverse("certificates:verify_json", kwargs={"code": certificate.code}))


def test_account_delete_takes_the_name_off_the_verification_page(client, certificate, learner):
    assert "Oyunchimeg" in client.get(reverse("certificates:verify", args=[certificate.code])).text
    account_delete(user=learner)
    response = client.get(reverse("certificates:verify", kwargs={"code": certificate.code}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Oyunchimeg" not in html
    assert "Batbayar" not in html
    assert "Оюунчимэг" not in html
    assert 'data-status="erased"' in html
    assert "asked for their data to be erased" in html
    # What the certificate was for and when stays: the course and the date.
    assert certificate.course_title in html
    assert certificate.serial in html
    assert certificate.issued_at.strftime("%Y") in html


def test_account_delete_takes_the_name_off_the_json_and_the_credential_status(
    client, certificate, learner
):
    account_delete(user=learner)
    data = verify_json(client, certificate).json()
    assert data["holder_name"] is None
    assert data["holder_native_name"] is None
    assert data["status"] == "erased"
    assert data["course"] == certificate.course_title
    assert data["issued_on"] == certificate.issued_at.date().isoformat()
    assert "Oyunchimeg" not in str(data)
    listed = client.get(reverse("certificates:revocation_list")).json()["revokedCredentials"]
    assert [entry["revocationReason"] for entry in listed] == ["holder_erased"]
    stored = Certificate.objects.get(pk=certificate.pk)
    assert (stored.holder_name, stored.holder_native_name) == ("", "")
    assert stored.holder_erased_at is not None
    assert "Oyunchimeg" not in str(stored)


def test_anonymising_deletes_the_stored_pdf_and_the_cohort_archives(
    certificate, django_capture_on_commit_callbacks
):
    name = certificate.pdf.name
    assert name and private_storage().exists(name)
    archive = CohortArchive.objects.create(cohort=certificate.enrolment.cohort, status="done")
    archive.file.save("cohort.zip", ContentFile(b"PK..."), save=True)
    archive_name = archive.file.name
    with django_capture_on_commit_callbacks(execute=True):
        participant_anonymise(participant=certificate.participant, acting_user=None, reason="Asked")
    assert not private_storage().exists(name)
    assert not Certificate.objects.get(pk=certificate.pk).pdf
    assert not private_storage().exists(archive_name)
    assert not CohortArchive.objects.filter(pk=archive.pk).exists()


def test_erasure_keeps_the_certificate_counted_in_the_figures(certificate, learner):
    participation_facts_rebuild()
    before = ParticipationFact.objects.filter(certified=True).count()
    assert before == 1
    account_delete(user=learner)
    stored = Certificate.objects.get(pk=certificate.pk)
    assert stored.status == CertificateStatus.VALID
    assert ParticipationFact.objects.filter(certified=True).count() == before
    participation_facts_rebuild()
    assert ParticipationFact.objects.filter(certified=True).count() == before


def test_no_certificate_is_issued_to_an_anonymised_participant(participant, course):
    from certificates.services import certificate_issue_if_eligible
    from tests.certificates.factories import completed_enrolment

    enrolment = completed_enrolment(course=course, participant=participant)
    participant_anonymise(participant=participant, acting_user=None, reason="Asked")
    enrolment.refresh_from_db()
    assert certificate_issue_if_eligible(enrolment=enrolment, notify=False) is None
    assert not Certificate.objects.filter(participant=participant).exists()
