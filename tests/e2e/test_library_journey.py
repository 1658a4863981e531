"""A visitor searches the library in Chinese, filters by facets, opens a resource, downloads it."""

import pytest

from portal.library import demo
from portal.library.models import DownloadCount

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_in_chinese_filter_open_and_download(page, screenshot):
    index = demo.load_index()
    demo.load_resources(index)

    page.goto("/en/library/")
    screenshot(page, "library")
    page.get_by_role("searchbox", name="Search the library").fill("同步调查")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/en/library/?q=*")
    results = page.locator(".resource-card h2")
    assert results.all_inner_texts() == ["鹤类同步调查要点（简明指南）"]
    screenshot(page, "search-chinese")

    page.get_by_role("link", name="Clear search and filters").click()
    kind = page.locator("[data-facet=kind]")
    assert kind.locator("li", has_text="Field data sheet").locator(".count").inner_text() == "2"
    kind.get_by_role("link", name="Field data sheet").click()
    page.wait_for_url("**/en/library/?kind=data_sheet")
    assert sorted(results.all_inner_texts()) == [
        "Colour banding and resighting: field data sheet",
        "Crane count: field data sheet",
    ]
    # Combine with a second facet: the country list now counts only data sheets.
    page.locator("[data-facet=country]").get_by_role("link", name="Japan").click()
    page.wait_for_url("**/en/library/?kind=data_sheet&country=JP")
    assert results.all_inner_texts() == ["Crane count: field data sheet"]
    screenshot(page, "filtered")

    results.get_by_role("link").first.click()
    page.wait_for_selector("h1:has-text('Crane count: field data sheet')")
    assert "How to cite" in page.content()
    screenshot(page, "resource")

    with page.expect_download() as info:
        page.locator(".resource-files a").first.click()
    download = info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download.suggested_filename.endswith(".pdf")
    assert DownloadCount.objects.get().count == 1
    page.reload()
    assert "1 download" in page.locator(".resource-files").inner_text()
    screenshot(page, "after-download")
