"""Wagtail documents are private files: never under /media/, served only by Wagtail's view."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from portal.core.storage import private_storage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _restricted_document():
    root = Collection.get_first_root_node()
    staff_only = root.add_child(name="Trainers only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Roost list", collection=staff_only)
    document.file.save("roost-list.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def test_an_uploaded_document_is_stored_outside_the_media_folder(client, admin_user, settings):
    client.force_login(admin_user)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Roost list",
            "file": SimpleUploadedFile("roost-list.pdf", PDF),
            "collection": 1,
        },
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Roost list")
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    assert private_storage().exists(document.file.name)
    # What `make run` (and a proxy in front of MEDIA_ROOT) would serve by address:
    request = RequestFactory().get(f"/media/{document.file.name}")
    with pytest.raises(Http404):
        serve(request, document.file.name, document_root=settings.MEDIA_ROOT)


def test_the_document_link_is_the_serve_view_not_a_file_address():
    document = _restricted_document()
    assert document.url == reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    assert "/media/" not in document.url


def test_a_document_in_a_restricted_collection_asks_for_login(client):
    document = _restricted_document()
    response = client.get(document.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_signed_in_reader_downloads_it_as_an_attachment(client, learner):
    document = _restricted_document()
    client.force_login(learner)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_migration_moves_existing_files_to_private_storage(settings):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("portal.core.migrations.0002_documents_to_private_storage")
    document = get_document_model().objects.create(
        title="Older", file="documents/older.pdf", file_size=len(PDF)
    )
    default_storage.save("documents/older.pdf", ContentFile(PDF))
    assert (Path(settings.MEDIA_ROOT) / "documents/older.pdf").exists()

    migration.forwards(apps, None)

    assert not default_storage.exists("documents/older.pdf")
    with private_storage().open("documents/older.pdf", "rb") as f:
        assert f.read() == PDF
    assert get_document_model().objects.get(pk=document.pk).file.name == "documents/older.pdf"


def test_a_private_file_still_refuses_to_give_an_address():
    with pytest.raises(ValueError, match="no URL"):
        private_storage().url("documents/x.pdf")


def test_with_a_remote_private_storage_the_link_stays_the_checking_view(client, settings):
    """As with STORAGE_BACKEND=s3: a storage that has URLs but no local path.

    Wagtail would link (or redirect) to the storage's URL; the portal keeps the
    serve view, which checks collection privacy first.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    document = _restricted_document()
    assert document.url == reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
