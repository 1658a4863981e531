"""The library's page types in the tree and the admin, and the block courses link them with."""

import pytest

from courses.blocks import LibraryResourceBlock, ModuleStreamBlock
from portal.home.models import HomePage
from portal.library.models import LibraryIndexPage, ResourcePage

from .factories import library_index, resource

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert ResourcePage.parent_page_types == ["library.LibraryIndexPage"]
    assert LibraryIndexPage.subpage_types == ["library.ResourcePage"]
    assert ResourcePage.can_create_at(library_index())
    assert not ResourcePage.can_create_at(HomePage.objects.get())


def test_secretariat_edits_a_resource_in_the_admin(client, secretariat):
    page = resource(title="Banding protocol")
    client.force_login(secretariat)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("id_kind", "id_licence", "id_countries", "id_tags", "id_external_url"):
        assert field in html
    add = client.get(f"/admin/pages/add/library/resourcepage/{library_index().pk}/")
    assert add.status_code == 200


def test_a_learner_is_kept_out_of_the_admin(client, learner):
    page = resource(title="Banding protocol")
    client.force_login(learner)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)


def test_module_block_links_a_published_resource_and_hides_a_draft():
    assert "library_resource" in ModuleStreamBlock.base_blocks
    block = LibraryResourceBlock()
    live = resource(title="Crane count data sheet")
    draft = resource(title="Unpublished sheet", live=False)
    html = block.render(block.to_python({"resource": live.pk, "note": "Print two copies."}))
    assert "Crane count data sheet" in html and live.url in html and "Print two copies." in html
    assert block.render(block.to_python({"resource": draft.pk, "note": ""})).strip() == ""
