"""An employer checks a certificate by what is printed on it; the holder shares it.

A visitor types the serial and family name from the paper into /certificates/verify/
and lands on the verification page, in the holder's language with their own a click
away; a wrong name gets the site's "no such certificate" page. The holder's page offers
LinkedIn, the two credential formats, the badge and a signed PDF."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates.demo import load_settings
from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.certificates.factories import completed_enrolment
from tests.courses.factories import ParticipantFactory, make_course
from tests.e2e.test_certificates_journey import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_visitor_checks_by_serial_and_name_and_the_holder_shares(
    page, browser, live_server, screenshot, settings, tmp_path
):
    settings.PORTAL_BASE_URL = live_server.url
    load_settings()
    learner = UserFactory(email="learner@example.org", role="Learners", preferred_language="mn")
    participant = ParticipantFactory(
        user=learner,
        email=learner.email,
        given_name="Oyunchimeg",
        family_name="Batbayar",
        native_name="Оюунчимэг Батбаяр",
    )
    course = make_course(modules=1, title="Crane survey techniques", slug="crane-surveys")
    certificate_issue(enrolment=completed_enrolment(course=course, participant=participant))
    certificate = Certificate.objects.get()

    visitor = browser.new_context(base_url=live_server.url, locale="en-GB")
    employer = visitor.new_page()
    employer.goto("/en/certificates/verify/")
    screenshot(employer, "lookup-form")
    employer.get_by_label("Serial number").fill(certificate.serial.lower())
    employer.get_by_label("Holder's family name").fill("Smith")
    employer.get_by_role("button", name="Check the certificate").click()
    assert "No such certificate" in employer.locator(".certificate-status").inner_text()
    assert certificate.holder_name not in employer.content()
    screenshot(employer, "no-such-certificate")

    employer.get_by_label("Serial number").fill(certificate.serial)
    employer.get_by_label("Holder's family name").fill("batbayar")
    employer.get_by_role("button", name="Check the certificate").click()
    employer.wait_for_url(f"**/mn/certificates/verify/{certificate.code}/")
    status = employer.locator(".certificate-verify .certificate-status")
    assert status.get_attribute("data-status") == "valid"
    screenshot(employer, "verified-in-holders-language")
    employer.get_by_role("link", name="Read this page in English").click()
    employer.wait_for_url(f"**/en/certificates/verify/{certificate.code}/")
    assert "Valid" in employer.locator(".certificate-status").inner_text()
    screenshot(employer, "verified-in-visitors-language")
    visitor.close()

    log_in(page, "learner@example.org")
    page.goto(f"/en/certificates/{certificate.pk}/")
    linkedin = page.get_by_role("link", name="Add to LinkedIn profile")
    href = linkedin.get_attribute("href")
    assert href.startswith("https://www.linkedin.com/profile/add?")
    assert f"certId={certificate.serial}" in href
    badge = page.locator("img.certificate-badge-large")
    assert badge.evaluate("img => img.complete && img.naturalWidth") == 600
    screenshot(page, "holder-share-page")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Certificate (PDF, signed by the issuer)").click()
    pdf = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf)
    (signature,) = PdfFileReader(io.BytesIO(pdf.read_bytes())).embedded_signatures
    assert signature.field_name == "IssuerSignature"
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Open Badges 3.0 credential for wallets").click()
    assert download_info.value.suggested_filename == f"{certificate.serial}.json"
