"""The demo learner downloads a certificate and checks its verification link; the
secretariat revokes it in the admin, and the same link then shows it revoked; a bulk
issue afterwards lists the learner as "revoked — not re-issued" and mails nobody."""

import pytest
from django.core import mail
from pypdf import PdfReader

from certificates.demo import load_settings
from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.certificates.factories import completed_enrolment
from tests.courses.factories import ParticipantFactory, make_course
from tests.factories import PASSWORD, UserFactory

# Migrations create the home page and the role groups; a transactional test
# before this one may have flushed them, so they are restored first.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, email: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_learner_downloads_and_verifies_secretariat_revokes(
    page, browser, live_server, screenshot, settings, tmp_path
):
    settings.PORTAL_BASE_URL = live_server.url
    load_settings()
    learner = UserFactory(email="learner@example.org", role="Learners")
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

    log_in(page, "learner@example.org")
    page.goto("/en/certificates/")
    screenshot(page, "my-certificates")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    pdf_path = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf_path)
    text = "".join(PdfReader(pdf_path).pages[0].extract_text().split())
    assert "ОюунчимэгБатбаяр" in text and certificate.serial in text

    page.get_by_role("link", name="Verification link").click()
    page.wait_for_url(f"**/certificates/verify/{certificate.code}/")
    verify_url = page.url
    status = page.locator(".certificate-verify .certificate-status")
    assert status.get_attribute("data-status") == "valid"
    assert "Valid" in status.inner_text()
    assert "learner@example.org" not in page.content()
    screenshot(page, "verified-valid")

    staff_context = browser.new_context(base_url=live_server.url)
    staff = staff_context.new_page()
    UserFactory(email="secretariat@example.org", role="Secretariat")
    log_in(staff, "secretariat@example.org")
    staff.goto("/admin/certificates/")
    screenshot(staff, "admin-certificates")
    staff.get_by_role("link", name=certificate.serial).click()
    staff.get_by_label("Reason").first.fill("Attendance sheet was filled in by mistake.")
    screenshot(staff, "admin-revoke-form")
    staff.get_by_role("button", name="Revoke certificate").click()
    staff.wait_for_load_state()
    assert "revoked" in staff.get_by_test_id("certificate-status").inner_text().lower()
    screenshot(staff, "admin-revoked")

    # A bulk issue for the course lists the learner as not re-issued, and issues nothing.
    mail.outbox.clear()
    staff.goto("/admin/certificates/bulk/")
    staff.get_by_label("Course").select_option(label=course.title)
    staff.get_by_role("button", name="Preview").click()
    preview = staff.get_by_test_id("bulk-preview").inner_text()
    assert "Oyunchimeg Batbayar" in preview and "revoked — not re-issued" in preview
    screenshot(staff, "admin-bulk-preview-revoked")
    staff.get_by_role("button", name="Issue", exact=True).click()
    staff.wait_for_url("**/admin/certificates/bulk/*/")
    staff.wait_for_function("!document.querySelector('meta[http-equiv=refresh]')")
    assert "0 issued" in staff.content()
    assert "revoked — not re-issued" in staff.get_by_test_id("run-revoked").inner_text()
    screenshot(staff, "admin-bulk-run-revoked")
    assert Certificate.objects.get().status == "revoked"
    assert mail.outbox == []
    staff_context.close()

    page.goto(verify_url)
    status = page.locator(".certificate-verify .certificate-status")
    assert status.get_attribute("data-status") == "revoked"
    assert "Revoked on" in status.inner_text()
    assert "filled in by mistake" not in page.content()
    screenshot(page, "verified-revoked")
