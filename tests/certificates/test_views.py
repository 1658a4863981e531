import datetime
import io
import re
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.archives import archive_member_name
from certificates.models import Certificate, CertificateStatus
from certificates.services import certificate_revoke
from tests.certificates.factories import attend, cohort_days, issued_certificate
from tests.courses.factories import CohortFactory, EnrolmentFactory, ParticipantFactory
from tests.factories import UserFactory


@pytest.fixture
def certificate(participant, course):
    return issued_certificate(course=course, participant=participant)


def verify(certificate):
    return reverse("certificates:verify", kwargs={"code": certificate.code})


# --- Public verification ---------------------------------------------------------


def test_verification_page_shows_the_facts_and_no_personal_data(client, certificate):
    participant = certificate.participant
    response = client.get(verify(certificate))
    assert response.status_code == 200
    html = response.content.decode()
    for fact in (
        "Oyunchimeg Batbayar",
        "Оюунчимэг Батбаяр",
        certificate.course_title,
        certificate.serial,
    ):
        assert fact in html
    assert 'data-status="valid"' in html
    assert participant.email not in html
    assert str(participant.birth_year) not in html


def test_revoked_certificate_says_so_with_its_date(client, certificate, secretariat):
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="Misconduct")
    html = client.get(verify(certificate)).content.decode()
    assert 'data-status="revoked"' in html
    assert f"Revoked on {timezone.localdate():%-d %B %Y}" in html
    assert "Misconduct" not in html  # the reason is internal


def test_expired_certificate_says_so(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert 'data-status="expired"' in client.get(verify(certificate)).content.decode()
    data = client.get(reverse("certificates:verify_json", kwargs={"code": certificate.code})).json()
    assert data["status"] == "expired"


def test_unknown_code_is_a_plain_404(client, certificate):
    near_miss = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")
    for code in (near_miss, "x"):
        response = client.get(reverse("certificates:verify", kwargs={"code": code}))
        assert response.status_code == 404
        assert certificate.serial not in response.content.decode()
        assert certificate.holder_name not in response.content.decode()
    serial_as_code = reverse("certificates:verify", kwargs={"code": certificate.serial})
    assert client.get(serial_as_code).status_code == 404
    response = client.get(reverse("certificates:verify_json", kwargs={"code": near_miss}))
    assert response.status_code == 404 and response.json() == {"error": "not_found"}


def test_verification_json_for_machines(client, certificate):
    response = client.get(reverse("certificates:verify_json", kwargs={"code": certificate.code}))
    data = response.json()
    assert data["status"] == "valid" and data["serial"] == certificate.serial
    assert data["holder_name"] == "Oyunchimeg Batbayar"
    assert data["issuer"] == "Flyway Academy"
    assert certificate.participant.email not in response.content.decode()
    assert "birth" not in response.content.decode()


def test_unprefixed_verification_url_reaches_the_page(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.code}/", follow=True)
    assert response.status_code == 200 and certificate.serial in response.content.decode()


def test_verification_link_in_the_pdf_is_absolute(certificate):
    from pypdf import PdfReader

    with certificate.pdf.open("rb") as handle:
        text = PdfReader(handle).pages[0].extract_text()
    assert "http://testserver/en/certificates/verify/" in "".join(text.split())


# --- Holder-only downloads: one test per URL ----------------------------------------


@pytest.mark.parametrize("name", ["certificates:download", "certificates:credential"])
def test_holder_and_secretariat_download_everyone_else_gets_404(name, certificate, secretariat):
    url = reverse(name, kwargs={"pk": certificate.pk})
    holder = Client()
    holder.force_login(certificate.participant.user)
    assert holder.get(url).status_code == 200
    staff = Client()
    staff.force_login(secretariat)
    assert staff.get(url).status_code == 200
    stranger = Client()
    stranger.force_login(ParticipantFactory().user)
    assert stranger.get(url).status_code == 404
    instructor = Client()
    instructor.force_login(UserFactory(role="Instructors"))
    assert instructor.get(url).status_code == 404
    assert Client().get(url).status_code == 404
    missing = reverse(name, kwargs={"pk": certificate.pk + 1000})
    assert holder.get(missing).status_code == 404


def test_download_serves_the_stored_file_signed(client, certificate):
    client.force_login(certificate.participant.user)
    response = client.get(reverse("certificates:download", kwargs={"pk": certificate.pk}))
    body = response.content
    with certificate.pdf.open("rb") as handle:
        stored = handle.read()
    # The stored file, byte for byte, then the issuer's signature as an incremental update.
    assert body.startswith(stored) and b"/ByteRange" in body[len(stored) :]
    assert response["Content-Type"] == "application/pdf"
    assert certificate.serial in response["Content-Disposition"]


def test_learner_sees_their_certificates(client, certificate):
    client.force_login(certificate.participant.user)
    response = client.get(reverse("certificates:mine"))
    html = response.content.decode()
    assert certificate.serial in html
    assert reverse("certificates:download", kwargs={"pk": certificate.pk}) in html
    assert verify(certificate) in html


# --- The secretariat's desk ----------------------------------------------------------


def test_the_desk_is_for_the_secretariat_only(client, certificate, learner):
    client.force_login(learner)
    for url in (
        reverse("certificates_admin:index"),
        reverse("certificates_admin:detail", kwargs={"pk": certificate.pk}),
        reverse("certificates_admin:bulk"),
    ):
        assert client.get(url).status_code in (302, 404)
    response = client.post(
        reverse("certificates_admin:revoke", kwargs={"pk": certificate.pk}), {"revoke-reason": "x"}
    )
    assert response.status_code in (302, 404)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_revoking_from_the_desk_needs_csrf_and_a_reason(certificate, secretariat):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    url = reverse("certificates_admin:revoke", kwargs={"pk": certificate.pk})
    assert client.post(url, {"revoke-reason": "Misconduct"}).status_code == 403
    page = client.get(reverse("certificates_admin:detail", kwargs={"pk": certificate.pk}))
    token = page.cookies["csrftoken"].value
    client.post(url, {"revoke-reason": "", "csrfmiddlewaretoken": token})
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    client.post(url, {"revoke-reason": "Misconduct", "csrfmiddlewaretoken": token})
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.events.last().acting_user == secretariat


def test_reissue_from_the_desk(client, certificate, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("certificates_admin:reissue", kwargs={"pk": certificate.pk}),
        {"reissue-reason": "Name corrected"},
    )
    new = Certificate.objects.get(status=CertificateStatus.VALID)
    assert response.url == reverse("certificates_admin:detail", kwargs={"pk": new.pk})
    certificate.refresh_from_db()
    assert certificate.superseded_by == new


def test_hand_issue_from_the_desk(client, course, secretariat):
    cohort = CohortFactory(course=course)
    enrolment = EnrolmentFactory(cohort=cohort)
    client.force_login(secretariat)
    url = reverse("certificates_admin:issue")
    response = client.post(url, {"cohort": cohort.pk, "email": "nobody@example.org", "reason": "x"})
    assert "enrol them first" in response.content.decode()
    client.post(
        url, {"cohort": cohort.pk, "email": enrolment.participant.email, "reason": "Paper list"}
    )
    assert Certificate.objects.get().enrolment == enrolment


def test_bulk_issue_from_the_desk_and_cohort_zip(
    client, course, secretariat, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(course=course)
    days = cohort_days(cohort, 2)
    for _ in range(2):
        attend(EnrolmentFactory(cohort=cohort), days)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates_admin:bulk"), {"cohort": cohort.pk, "reason": "Workshop"}
        )
    assert response.status_code == 302
    run_page = client.get(response.url)
    assert "2 issued" in run_page.content.decode()
    zip_url = reverse("certificates_admin:cohort_zip", kwargs={"cohort_id": cohort.pk})
    assert "2 valid certificates" in client.get(zip_url).content.decode()
    # The ZIP is built by the task worker (here the tests' immediate backend).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(zip_url)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "2 of 2 PDFs added" in page
    download = re.search(r'href="([^"]+/download/)"', page).group(1)
    archive = client.get(download)
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert sorted(names) == sorted(archive_member_name(c) for c in Certificate.objects.all())


def test_a_cohort_zip_is_not_built_in_the_request_and_is_not_for_learners(
    client, course, secretariat, learner
):
    from certificates.models import CohortArchive

    cohort = CohortFactory(course=course)
    zip_url = reverse("certificates_admin:cohort_zip", kwargs={"cohort_id": cohort.pk})
    client.force_login(learner)
    assert client.get(zip_url).status_code in (302, 404)  # the admin sends learners away
    client.post(zip_url)
    assert not CohortArchive.objects.exists()

    client.force_login(secretariat)
    response = client.post(zip_url)

    archive = CohortArchive.objects.get()
    assert response.url == reverse("certificates_admin:archive", kwargs={"pk": archive.pk})
    assert archive.status == "queued"
    download = reverse("certificates_admin:archive_download", kwargs={"pk": archive.pk})
    assert client.get(download, follow=True).status_code == 404


def test_signatories_setting_and_policies_are_editable_in_the_admin(admin_client):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    response = admin_client.get(
        reverse(
            "wagtailsettings:edit",
            args=["certificates", "certificatesettings", site.pk],
        )
    )
    assert response.status_code == 200
    assert "signatories" in response.content.decode()
    assert admin_client.get(reverse("certificate_policies:index")).status_code == 200
    assert admin_client.get(reverse("certificate_policies:add")).status_code == 200


def test_signatories_are_printed(course, participant):
    from pypdf import PdfReader

    from certificates.demo import SIGNATORIES, load_settings

    load_settings()
    certificate = issued_certificate(course=course, participant=participant)
    with certificate.pdf.open("rb") as handle:
        text = PdfReader(handle).pages[0].extract_text()
    for name, title in SIGNATORIES:
        assert name in text and title in text


def test_verification_costs_the_same_queries_whatever_the_history(
    client, certificate, secretariat, django_assert_num_queries
):
    from certificates.demo import load_settings

    load_settings()
    url = verify(certificate)
    client.get(url)  # warm the site-root cache
    with django_assert_num_queries(3) as first:
        assert client.get(url).status_code == 200
    for _ in range(5):
        issued_certificate(course=certificate.course)
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="x")
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


# --- Revocation sticks: the secretariat's desk ---------------------------------------


def _revoked_in_cohort(course, secretariat):
    cohort = CohortFactory(course=course)
    certificate = issued_certificate(cohort=cohort)
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="Sheet forged")
    certificate.refresh_from_db()
    return cohort, certificate


def test_bulk_issue_preview_lists_revoked_people_as_not_reissued(client, course, secretariat):
    from tests.certificates.factories import completed_enrolment

    cohort, revoked = _revoked_in_cohort(course, secretariat)
    fresh = completed_enrolment(cohort=cohort)
    client.force_login(secretariat)
    response = client.post(
        reverse("certificates_admin:bulk"), {"cohort": cohort.pk, "reason": "", "preview": "1"}
    )
    assert response.status_code == 200
    rows = response.content.decode()
    assert fresh.participant.full_name in rows
    assert revoked.holder_name in rows and "revoked — not re-issued" in rows
    assert not Certificate.objects.filter(status=CertificateStatus.VALID).exists()


def test_bulk_issue_from_the_desk_keeps_revoked_revoked_and_mails_nobody_for_them(
    client, course, secretariat, django_capture_on_commit_callbacks
):
    from django.core import mail

    cohort, revoked = _revoked_in_cohort(course, secretariat)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates_admin:bulk"), {"cohort": cohort.pk, "reason": "Workshop"}
        )
    run_page = client.get(response.url).content.decode()
    assert "0 issued" in run_page
    assert revoked.holder_name in run_page and "revoked — not re-issued" in run_page
    revoked.refresh_from_db()
    assert revoked.status == CertificateStatus.REVOKED
    assert Certificate.objects.count() == 1 and mail.outbox == []


def test_hand_issue_from_the_desk_refuses_a_revoked_one(client, course, secretariat):
    cohort, revoked = _revoked_in_cohort(course, secretariat)
    client.force_login(secretariat)
    response = client.post(
        reverse("certificates_admin:issue"),
        {"cohort": cohort.pk, "email": revoked.participant.email, "reason": "Paper list"},
    )
    assert response.status_code == 200 and "re-issue" in response.content.decode()
    assert Certificate.objects.count() == 1


def test_the_secretariat_reissues_a_revoked_certificate_on_purpose(client, course, secretariat):
    _cohort, revoked = _revoked_in_cohort(course, secretariat)
    client.force_login(secretariat)
    detail = reverse("certificates_admin:detail", kwargs={"pk": revoked.pk})
    page = client.get(detail).content.decode()
    assert reverse("certificates_admin:reissue", kwargs={"pk": revoked.pk}) in page
    url = reverse("certificates_admin:reissue", kwargs={"pk": revoked.pk})
    client.post(url, {"reissue-reason": ""})
    assert Certificate.objects.count() == 1
    response = client.post(url, {"reissue-reason": "Sheet was genuine after all"})
    new = Certificate.objects.get(status=CertificateStatus.VALID)
    assert response.url == reverse("certificates_admin:detail", kwargs={"pk": new.pk})
    assert client.get(verify(revoked)).context["status"] == "revoked"


# --- One public address -----------------------------------------------------------------


def test_qr_code_and_pdf_link_use_the_portal_base_url(settings, participant, course):
    from certificates.documents import certificate_document, issuer_snapshot

    settings.PORTAL_BASE_URL = "https://academy.example.org"
    certificate = issued_certificate(course=course, participant=participant)
    document = certificate_document(certificate, issuer_snapshot(images=False))
    # What the QR code encodes.
    assert document.verify_url == (
        f"https://academy.example.org/en/certificates/verify/{certificate.code}/"
    )


def test_issued_mail_links_use_the_portal_base_url(
    settings, participant, course, django_capture_on_commit_callbacks
):
    from django.core import mail

    from certificates.services import certificate_issue
    from tests.certificates.factories import completed_enrolment

    settings.PORTAL_BASE_URL = "https://academy.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue(enrolment=completed_enrolment(course=course, participant=participant))
    body = mail.outbox[0].body
    assert "https://academy.example.org/en/certificates/" in body
    assert "http://testserver" not in body
