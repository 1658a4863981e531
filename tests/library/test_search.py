"""The search terms: the same cut for every script and both databases."""

import pytest

from portal.library.search import index_text, query_terms, terms
from portal.library.selectors import LibraryFilters, filtered_resources
from portal.taxonomy.models import TagKind
from tests.network.factories import TagFactory

from .factories import library_index, resource


def test_cjk_runs_become_bigrams_and_other_scripts_words():
    cut = [
        t.text for t in terms("Hooded Crane 丹顶鹤 ナベヅル 두루미의 Журавль", with_unigrams=False)
    ]
    assert cut == [
        "hooded",
        "crane",
        "丹顶",
        "顶鹤",
        "ナベ",
        "ベヅ",
        "ヅル",
        "두루",
        "루미",
        "미의",
        "журавль",
    ]


def test_stored_text_has_single_characters_and_is_space_delimited():
    text = index_text("丹顶鹤", "Cranes")
    assert text.startswith(" ") and text.endswith(" ")
    assert set(text.split()) == {"丹", "顶", "鹤", "丹顶", "顶鹤", "cranes"}


def test_query_terms_are_distinct_and_bounded():
    assert [t.text for t in query_terms("crane crane 鹤")] == ["crane", "鹤"]
    assert len(query_terms(" ".join(f"w{i}" for i in range(40)))) == 12


TITLES = {
    "en": ("Synchronised crane count protocol", "synchronised"),
    "zh-hans": ("达乌尔湿地丹顶鹤调查报告", "丹顶鹤"),
    "ja": ("ナベヅル越冬地の調査手引き", "ナベヅル"),
    "ko": ("두루미 월동지 모니터링 보고서", "두루미"),
    "mn": ("Тогоруудын тооллогын гарын авлага", "тооллогын"),
    "ru": ("Учёт журавлей на Даурских озёрах", "журавлей"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(TITLES))
def test_search_finds_a_resource_by_a_word_of_its_title_in_each_language(language):
    for code, (title, _word) in TITLES.items():
        resource(title=title, languages=[code])
    resource(title="Wetland vegetation guide", languages=["en"])
    title, word = TITLES[language]
    found = filtered_resources(index_page=library_index(), filters=LibraryFilters(q=word))
    assert [page.title for page in found] == [title]


@pytest.mark.django_db
def test_search_takes_part_of_a_cjk_word_and_the_start_of_other_words():
    resource(title="达乌尔湿地丹顶鹤调查报告")
    resource(title="Crane counts at Khurkh")
    index = library_index()

    def titles(q):
        return sorted(
            p.title for p in filtered_resources(index_page=index, filters=LibraryFilters(q=q))
        )

    assert titles("顶鹤") == ["达乌尔湿地丹顶鹤调查报告"]
    assert titles("鹤") == ["达乌尔湿地丹顶鹤调查报告"]
    assert titles("湿地 调查") == ["达乌尔湿地丹顶鹤调查报告"]
    assert titles("crane") == ["Crane counts at Khurkh"]
    assert titles("khurkh crane") == ["Crane counts at Khurkh"]
    assert titles("crane 鹤") == []
    assert titles("rane") == []


@pytest.mark.django_db
def test_search_finds_a_resource_by_its_tag():
    crane = TagFactory(
        kind=TagKind.SPECIES, name="White-naped Crane", scientific_name="Antigone vipio"
    )
    resource(title="Roost count sheet", tags=[crane])
    resource(title="Vegetation plots")
    found = filtered_resources(index_page=library_index(), filters=LibraryFilters(q="vipio"))
    assert [p.title for p in found] == ["Roost count sheet"]
    found = filtered_resources(index_page=library_index(), filters=LibraryFilters(q="white-naped"))
    assert [p.title for p in found] == ["Roost count sheet"]
