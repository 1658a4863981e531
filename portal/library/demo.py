"""The library's part of ``load_demo_data``: the index page and the demo resources.

The resources and the printable files' text are data (``demo_content/resources.json``);
the PDFs are drawn by ``printables.py``. Idempotent: a resource already there
(by slug) is left as it is, and its files are made only once.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from courses.practice_data import ensure_documents
from portal.core.pages import site_home_page
from portal.taxonomy.demo import translate_tag
from portal.taxonomy.models import Tag, TagKind

from . import printables
from .models import LibraryIndexPage, ResourceFile, ResourceLanguage, ResourcePage
from .services import library_collection

CONTENT = Path(__file__).parent / "demo_content" / "resources.json"


def practice_data_documents() -> list:
    """The practice data set's files (CSV and XLSX) as Wagtail documents: the same
    documents the crane data analysis course links, made by its generator."""
    return list(ensure_documents().values())


FILE_SOURCES = {"practice_data": practice_data_documents}


def _content() -> dict:
    return json.loads(CONTENT.read_text(encoding="utf-8"))


def _tag(kind: str, name: str) -> Tag:
    tag = Tag.objects.filter(kind=kind, name__iexact=name).first()
    if tag is None:
        base = slugify(name) or "tag"
        slug, n = base, 2
        while Tag.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        tag = Tag.objects.create(kind=kind, name=name, slug=slug)
    translate_tag(tag)
    return tag


def _printable_pdf(spec: dict) -> bytes:
    if spec["type"] == "sheet":
        return printables.data_sheet_pdf(
            printables.DataSheet(
                title=spec["title"],
                subtitle=spec["subtitle"],
                header_fields=spec["header_fields"],
                columns=[(label, float(width)) for label, width in spec["columns"]],
                rows=spec.get("rows", 16),
                codes=spec.get("codes", []),
                footer=spec.get("footer", ""),
            )
        )
    return printables.text_document_pdf(
        printables.TextDocument(
            title=spec["title"],
            subtitle=spec["subtitle"],
            sections=[(heading, paragraphs) for heading, paragraphs in spec["sections"]],
            footer=spec.get("footer", ""),
        )
    )


def _document(title: str, file_name: str, data: bytes):
    Document = get_document_model()
    existing = Document.objects.filter(title=title, collection=library_collection()).first()
    if existing is not None:
        return existing
    document = Document(title=title, collection=library_collection())
    document.file.save(file_name, ContentFile(data), save=False)
    document.save()
    return document


def load_index() -> LibraryIndexPage:
    home = site_home_page(locale=Locale.get_default())
    index = LibraryIndexPage.objects.child_of(home).first()
    if index is None:
        data = _content()["index"]
        index = home.add_child(
            instance=LibraryIndexPage(
                title=data["title"], slug=data["slug"], intro=data["intro"], show_in_menus=True
            )
        )
        index.save_revision().publish()
    return index


@transaction.atomic
def load_resources(index: LibraryIndexPage) -> list[ResourcePage]:
    content = _content()
    pages = []
    for item in content["resources"]:
        page = ResourcePage.objects.child_of(index).filter(slug=item["slug"]).first()
        if page is not None:
            pages.append(page)
            continue
        documents = []
        if "printable" in item:
            spec = content["printables"][item["printable"]]
            documents.append(_document(spec["title"], item["file_name"], _printable_pdf(spec)))
        if "files_from" in item:
            documents.extend(FILE_SOURCES[item["files_from"]]())
        page = ResourcePage(
            title=item["title"],
            slug=item["slug"],
            kind=item["kind"],
            year=item["year"],
            summary=item["summary"],
            authors=item.get("authors", ""),
            organisations=item.get("organisations", ""),
            countries=item.get("countries", []),
            licence=item["licence"],
            doi=item.get("doi", ""),
            external_url=item.get("url", ""),
        )
        page.languages = [ResourceLanguage(language=code) for code in item["languages"]]
        page.files = [ResourceFile(document=document) for document in documents]
        page.tags = (
            [_tag(TagKind.SPECIES, name) for name in item.get("species", [])]
            + [_tag(TagKind.METHOD, name) for name in item.get("methods", [])]
            + [_tag(TagKind.SITE, name) for name in item.get("sites", [])]
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return pages


def sync_languages() -> None:
    """Give every synchronised language's tree the library (as aliases until translated).

    Pages made by code get no aliases from wagtail-localize (only the admin's
    ``after_create_page`` hook makes them), so the demo synchronises the trees.
    """
    default = Locale.get_default()
    for sync in LocaleSynchronization.objects.filter(sync_from=default).select_related("locale"):
        synchronize_tree(default, sync.locale)


def load(*, password: str, stdout=None) -> None:
    index = load_index()
    pages = load_resources(index)
    sync_languages()
    if stdout is not None:
        stdout.write(f"Library: {len(pages)} resources.\n")
