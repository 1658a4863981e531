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
        block.to_python({"image": image.pk, "svg": "", "caption": "Blocks of ten", "credit": "FA"})
    )
    html = block.render(value)
    assert 'alt="Blocks of ten"' in html
    assert "/static/" not in html and ".svg" in html


@pytest.mark.django_db
def test_an_older_drawing_by_static_path_keeps_working():
    from courses.blocks import StaticFigureBlock

    block = StaticFigureBlock()
    value = block.clean(
        block.to_python(
            {"svg": "courses/img/block-counting.svg", "caption": "Blocks", "credit": "FA"}
        )
    )
    assert '/static/courses/img/block-counting.svg"' in block.render(value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        pytest.param({"svg": ""}, "image", id="neither"),
        pytest.param({"svg": "courses/img/block-counting.svg", "image": True}, "svg", id="both"),
        pytest.param({"svg": "../settings.py"}, "svg", id="bad-path"),
    ],
)
def test_a_drawing_needs_exactly_one_source(fields, field):
    from wagtail.blocks import StructBlockValidationError

    from courses.blocks import StaticFigureBlock

    if fields.get("image"):
        fields = {**fields, "image": _svg_image().pk}
    block = StaticFigureBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"caption": "C", "credit": "FA", **fields}))
    assert list(error.value.block_errors) == [field]
