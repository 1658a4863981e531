"""The library's demo: at least twelve resources, real printable files, idempotent."""

import io

import pytest
from pypdf import PdfReader

from portal.library import demo
from portal.library.models import ResourceFile, ResourceKind, ResourcePage
from portal.library.selectors import LibraryFilters, filtered_resources

pytestmark = pytest.mark.django_db


def test_demo_loads_twelve_resources_once_with_printable_pdfs():
    demo.load(password="x")
    demo.load(password="x")
    pages = ResourcePage.objects.live()
    assert pages.count() >= 12
    assert ResourcePage.objects.values("slug").distinct().count() == pages.count()
    kinds = set(pages.values_list("kind", flat=True))
    assert {
        ResourceKind.REPORT,
        ResourceKind.PROTOCOL,
        ResourceKind.DATA_SHEET,
        ResourceKind.DATASET,
        ResourceKind.LINK,
    } <= kinds
    sheets = ResourceFile.objects.filter(resource__kind=ResourceKind.DATA_SHEET)
    assert sheets.count() == 2
    for row in sheets.select_related("document"):
        with row.document.open_file() as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
        text = reader.pages[0].extract_text()
        assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape form
        assert "Date (YYYY-MM-DD)" in text


@pytest.mark.parametrize(
    "word", ["workshop", "同步调查", "一斉調査", "두루미류", "цагиргалалтын", "журавлей"]
)
def test_demo_titles_are_found_in_each_language(word):
    index = demo.load_index()
    demo.load_resources(index)
    found = filtered_resources(index_page=index, filters=LibraryFilters(q=word))
    assert any(word.casefold() in page.title.casefold() for page in found)
    assert all(word.casefold() in f"{page.title} {page.summary}".casefold() for page in found)
