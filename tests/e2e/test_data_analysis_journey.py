"""A visitor opens the data-analysis course, reads the trends module and downloads the workbook."""

import io

import openpyxl
import pytest

from courses.demo import load_course, load_course_index
from courses.demo_content import crane_data_analysis
from courses.models import ModulePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_reads_a_module_and_downloads_the_practice_workbook(page, screenshot):
    course = load_course(
        index=load_course_index(), data=crane_data_analysis.COURSE, instructor=None
    )
    page.goto(course.url)
    screenshot(page, "course")
    page.get_by_role("link", name="From field sheets to clean tables").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Practice data, not real counts").first.is_visible()
    sheet = page.locator("img[src*='field-sheet-to-table']")
    sheet.scroll_into_view_if_needed()  # drawings load lazily
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=sheet.element_handle()
    )
    screenshot(page, "cleaning-module")

    trends = ModulePage.objects.get(slug="trends-over-seasons")
    page.goto(trends.url)
    drawing = page.locator("img[src*='practice-loglinear-trend']")
    drawing.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=drawing.element_handle()
    )
    screenshot(page, "trends-module")

    with page.expect_download() as download:
        page.get_by_role("link", name="Practice data: crane counts, workbook (XLSX)").click()
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert workbook.sheetnames == ["about", "raw", "clean"]
    assert workbook["about"]["A1"].value == "PRACTICE DATA"
