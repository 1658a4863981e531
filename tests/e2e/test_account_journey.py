"""A newcomer signs up, opens the verification link, logs in and logs out."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_newcomer_signs_up_verifies_logs_in_and_out(page, screenshot):
    page.goto("/")
    screenshot(page, "home")
    page.get_by_role("link", name="Sign up").first.click()

    page.get_by_label("Email:").fill("tuya.bat@example.mn")
    page.get_by_label("Password:", exact=True).fill("whitenaped-crane-42")
    page.get_by_label("Password (again):").fill("whitenaped-crane-42")
    screenshot(page, "signup-form")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    screenshot(page, "verification-sent")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    screenshot(page, "confirm-email")
    page.get_by_role("button", name="Confirm").click()
    screenshot(page, "confirmed")

    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill("tuya.bat@example.mn")
    page.get_by_label("Password:").fill("whitenaped-crane-42")
    page.get_by_role("button", name="Sign In").click()
    # A newcomer completes a profile before anything else.
    page.wait_for_url("**/en/profile/welcome/**")
    assert page.get_by_role("link", name="Log out").is_visible()
    screenshot(page, "logged-in-onboarding")

    page.get_by_role("link", name="Log out").click()
    page.get_by_role("button", name="Sign Out").click()
    page.wait_for_url("**/en/")
    assert page.get_by_role("link", name="Log in").first.is_visible()
    screenshot(page, "logged-out")
