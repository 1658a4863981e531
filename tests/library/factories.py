"""Builders for the library's tests: the index page, resources, documents."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from portal.home.models import HomePage
from portal.library.models import (
    LibraryIndexPage,
    ResourceFile,
    ResourceKind,
    ResourceLanguage,
    ResourcePage,
)

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def library_index() -> LibraryIndexPage:
    index = LibraryIndexPage.objects.filter(locale__language_code="en").first()
    if index is None:
        home = HomePage.objects.filter(locale__language_code="en").first() or HomePage.objects.get()
        index = home.add_child(instance=LibraryIndexPage(title="Library", slug="library"))
    return index


def document(title: str = "Count sheet", data: bytes = PDF, name: str = "sheet.pdf"):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file.save(name, ContentFile(data), save=False)
    doc.save()
    return doc


def resource(
    *,
    title: str,
    summary: str = "A resource for field researchers.",
    kind: str = ResourceKind.REPORT,
    year: int = 2025,
    languages=("en",),
    countries=("MN",),
    tags=(),
    files=(),
    live: bool = True,
    authors: str = "Batbayar, N.\nNyambayar, B.",
    organisations: str = "Wildlife Science and Conservation Center of Mongolia",
    **fields,
) -> ResourcePage:
    page = ResourcePage(
        title=title,
        slug=fields.pop("slug", None) or f"r-{ResourcePage.objects.count() + 1}",
        summary=summary,
        kind=kind,
        year=year,
        countries=list(countries),
        licence=fields.pop("licence", "cc-by"),
        authors=authors,
        organisations=organisations,
        live=live,
        **fields,
    )
    page.languages = [ResourceLanguage(language=code) for code in languages]
    page.files = [ResourceFile(document=doc) for doc in files]
    page.tags = list(tags)
    library_index().add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page
