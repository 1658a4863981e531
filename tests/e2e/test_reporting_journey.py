"""The secretariat opens the participation report, breaks it down and downloads the XLSX;
the public reads the impact page on a phone."""

import pytest
from openpyxl import load_workbook

from portal.reporting.loaddata import generate_load_data
from portal.reporting.services import target_set
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_secretariat_breaks_down_participation_and_downloads_the_workbook(
    page, phone_page, screenshot, tmp_path
):
    generate_load_data(participants=150, seed=11)
    target_set(year=2025, metric="women_share", minimum=40, acting_user=None)
    target_set(year=2025, metric="youth_share", minimum=30, acting_user=None)
    staff = UserFactory(role="Secretariat", email="seo-yeon.park@example.org")

    page.goto("/en/accounts/login/?next=/en/reports/participation/")
    page.get_by_label("Email:").fill(staff.email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/reports/participation/")
    assert page.get_by_role("heading", name="Participation report").is_visible()
    screenshot(page, "dashboard")

    page.get_by_label("Break down by").select_option("country")
    page.get_by_label("and by").select_option("gender")
    page.get_by_label("Year", exact=True).fill("2025")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**by=country**")
    assert page.get_by_role("heading", name="By Country \u00d7 Gender").is_visible()
    assert (
        page.get_by_text("On track").first.is_visible()
        or page.get_by_text("Off track").first.is_visible()
    )
    screenshot(page, "country-by-gender-2025")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Spreadsheet (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("participation-country-gender-2025")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    workbook = load_workbook(path)
    assert workbook.sheetnames[0] == "Summary"
    assert workbook.sheetnames[1] == "Country \u00d7 Gender"
    assert "Definitions" in workbook.sheetnames
    sheet = workbook["Country \u00d7 Gender"]
    assert [c.value for c in sheet[3]][:2] == ["Country", "Gender"]
    assert sheet.cell(sheet.max_row, 1).value == "Total"
    assert sheet.cell(sheet.max_row, 5).value > 0

    # The public sees the headline figures, small counts suppressed, on a phone.
    phone_page.goto("/en/impact/")
    assert phone_page.get_by_role("heading", name="Our impact").is_visible()
    assert phone_page.get_by_text("counts below 5 are shown as").is_visible()
    screenshot(phone_page, "public-impact-phone")
