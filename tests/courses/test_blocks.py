"""Course blocks render for the reader's language."""

import pytest
from django.utils import translation

from courses.blocks import SpeciesCardBlock

HOODED_CRANE = {
    "common_names": {"en": "Hooded Crane", "zh": "白头鹤", "ja": "ナベヅル", "mn": "Хар тогоруу"},
    "scientific_name": "Grus monacha",
    "status": "VU",
    "identification": "<p>Small and dark.</p>",
}


def render_card(language):
    block = SpeciesCardBlock()
    with translation.override(language):
        return block.render(block.to_python(HOODED_CRANE))


def test_species_card_heads_with_the_readers_name_and_lists_the_others():
    html = render_card("mn")
    heading = html.split("<h2", 1)[1].split("</h2>", 1)[0]
    assert 'lang="mn"' in heading and "Хар тогоруу" in heading
    assert "Hooded Crane" not in heading
    assert '<dd lang="en">Hooded Crane</dd>' in html
    assert '<dd lang="mn">' not in html


def test_species_card_maps_simplified_chinese_and_falls_back_to_english():
    assert "白头鹤" in render_card("zh-hans").split("</h2>", 1)[0]
    # No Korean name given: the English one heads the card.
    heading = render_card("ko").split("</h2>", 1)[0]
    assert 'lang="en"' in heading and "Hooded Crane" in heading


# --- Drawings come from the image library -----------------------------------------


def _svg_image(title="Count sheet"):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model

    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
        b'<rect width="40" height="20" fill="#fff"/></svg>'
    )
    return get_image_model().objects.create(
        title=title, file=SimpleUploadedFile("count-sheet.svg", svg, content_type="image/svg+xml")
    )


@pytest.mark.django_db
def test_a_drawing_is_chosen_from_the_image_library_and_rendered_from_it():
    from courses.blocks import StaticFigureBlock

    image = _svg_image()
    block = StaticFigureBlock()
    value = block.clean(
        block.to_python({"image": image.pk, "caption": "Blocks of ten", "credit": "FA"})
    )
    html = block.render(value)
    assert 'alt="Blocks of ten"' in html
    assert "/static/" not in html and "/media/" in html and ".svg" in html


def test_the_drawing_block_has_no_static_path_field():
    from courses.blocks import StaticFigureBlock

    assert list(StaticFigureBlock().child_blocks) == ["image", "caption", "credit"]


@pytest.mark.django_db
def test_a_drawing_must_be_chosen():
    from wagtail.blocks import StructBlockValidationError

    from courses.blocks import StaticFigureBlock

    block = StaticFigureBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": None, "caption": "C", "credit": "FA"}))
    assert list(error.value.block_errors) == ["image"]


@pytest.mark.django_db
def test_the_module_editor_offers_no_static_path(client, admin_user, course):
    from django.urls import reverse

    from tests.courses.factories import make_module

    module = make_module(course=course, number=9)
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()
    assert "Drawing" in html  # the block is offered
    assert "Static path" not in html and "courses/img/" not in html


# --- Shipped drawings live in the image library --------------------------------------


@pytest.mark.django_db
def test_a_demo_figure_imports_its_drawing_once():
    from wagtail.images import get_image_model

    from courses.demo import block_value
    from courses.drawings import COLLECTION_NAME

    value = {"svg": "courses/img/block-counting.svg", "caption": "Blocks", "credit": "FA"}
    first = block_value("figure", value)
    second = block_value("figure", dict(value))
    assert first == second and set(first) == {"image", "caption", "credit"}
    image = get_image_model().objects.get()
    assert first["image"] == image and image.collection.name == COLLECTION_NAME
    assert image.file.name.endswith(".svg") and image.width > 0


@pytest.mark.django_db
def test_every_demo_drawing_is_an_image_in_the_library():
    from pathlib import Path

    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from courses.drawings import import_shipped_drawing

    shipped = sorted(Path("static/courses/img").glob("*.svg"))
    assert shipped
    for path in shipped:
        image = import_shipped_drawing(
            f"courses/img/{path.name}", Image=get_image_model(), Collection=Collection
        )
        assert image is not None, path
    assert get_image_model().objects.count() == len(shipped)


@pytest.mark.django_db
def test_the_migration_moves_a_figure_by_path_into_the_library(course):
    """Migration 0005 on a page, its revisions and a translation source in the old form."""
    import importlib
    import json

    from django.apps import apps
    from wagtail.images import get_image_model
    from wagtail.models import Revision

    from courses.models import ModulePage
    from tests.courses.factories import make_module

    migration = importlib.import_module(
        "courses.migrations.0005_figure_drawings_into_the_image_library"
    )
    old = {
        "type": "figure",
        "id": "f1",
        "value": {"svg": "courses/img/crane-age-cues.svg", "caption": "Age", "credit": "FA"},
    }
    missing = {
        "type": "figure",
        "id": "f2",
        "value": {"svg": "courses/img/gone.svg", "caption": "Gone", "credit": "FA"},
    }
    module = make_module(course=course, number=9)
    draft = module.save_revision()
    ModulePage.objects.filter(pk=module.pk).update(body=json.dumps([old, missing]))
    for revision in Revision.objects.filter(object_id=str(module.pk)):
        content = revision.content
        content["body"] = json.dumps([old])
        Revision.objects.filter(pk=revision.pk).update(content=content)

    migration.forwards(apps, None)
    migration.forwards(apps, None)  # again: nothing more is imported

    image = get_image_model().objects.get()
    page = ModulePage.objects.get(pk=module.pk)
    raw = [dict(block) for block in page.body.raw_data]
    assert raw[0]["value"] == {"image": image.pk, "caption": "Age", "credit": "FA"}
    assert raw[1]["value"] == {"image": None, "caption": "Gone", "credit": "FA"}
    for revision in Revision.objects.filter(object_id=str(module.pk)):
        body = json.loads(revision.content["body"])
        assert body[0]["value"] == {"image": image.pk, "caption": "Age", "credit": "FA"}
    assert Revision.objects.get(pk=draft.pk).as_object().body[0].value["image"] == image
    html = page.body[0].render()
    assert 'src="/media/images/crane-age-cues.' in html and '.svg"' in html
