"""Course blocks render for the reader's language."""

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
