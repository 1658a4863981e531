"""Tags and cohort names are read in the reader's language (issue 17, item 3).

A tag or a cohort stays one row whatever the language; its name's translations
live beside it and are edited as one input per language.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.core.translated_text import in_language
from portal.taxonomy.models import Tag, TagKind
from tests.network.factories import CohortFactory, TagFactory, course_page

pytestmark = pytest.mark.django_db

HOODED = {"ja": "ナベヅル", "ko": "흑두루미", "mn": "Хар тогоруу", "ru": "Чёрный журавль"}


def test_in_language_falls_back_to_the_base_language_then_the_source():
    names = {"zh": "白头鹤", "ja": "ナベヅル", "ko": ""}
    assert in_language(names, "Hooded Crane", "zh-hans") == "白头鹤"
    assert in_language(names, "Hooded Crane", "ja") == "ナベヅル"
    assert in_language(names, "Hooded Crane", "ko") == "Hooded Crane"  # empty: not translated
    assert in_language(names, "Hooded Crane", "en") == "Hooded Crane"
    assert in_language({}, "Hooded Crane", "ru") == "Hooded Crane"


def test_a_tag_is_named_in_the_active_language():
    tag = TagFactory(kind=TagKind.SPECIES, name="Hooded Crane", name_translations=HOODED)
    for language, name in [*HOODED.items(), ("en", "Hooded Crane"), ("zh-hans", "Hooded Crane")]:
        with translation.override(language):
            assert str(tag) == name == tag.display_name


def test_the_cohort_alumni_page_shows_tags_and_cohort_title_translated(client):
    tag = TagFactory(kind=TagKind.SPECIES, name="Hooded Crane", name_translations=HOODED)
    course = course_page(title="Crane survey techniques", tags=[tag])
    cohort = CohortFactory(
        course=course,
        slug="khurkh-2025",
        mode="in_person",
        title="Training Workshop for Young Crane Researchers",
        title_translations={"mn": "Залуу тогоруу судлаачдын сургалт"},
    )
    from portal.network.models import CohortTag

    CohortTag.objects.create(cohort=cohort, tag=tag)
    with translation.override("mn"):
        url = reverse("network:cohort_alumni", kwargs={"slug": cohort.slug})
    html = client.get(url).content.decode()
    assert url.startswith("/mn/")
    assert "Залуу тогоруу судлаачдын сургалт" in html
    assert "Training Workshop for Young Crane Researchers" not in html
    assert "Хар тогоруу" in html and "Hooded Crane" not in html


def test_the_tag_editor_has_one_input_per_language_and_saves_them(admin_client):
    tag = TagFactory(kind=TagKind.METHOD, name="Roost count", slug="roost-count")
    url = reverse("wagtailsnippets_taxonomy_tag:edit", args=[tag.pk])
    html = admin_client.get(url).content.decode()
    for code in ("zh-hans", "ja", "ko", "mn", "ru"):
        assert f'lang="{code}"' in html
    fields = {
        "kind": "method",
        "name": "Roost count",
        "slug": "roost-count",
        "scientific_name": "",
        "name_translations_0": "夜栖地计数",
        "name_translations_1": "ねぐら調査",
        "name_translations_2": "",
        "name_translations_3": "Хоноглох газрын тооллого",
        "name_translations_4": "Учёт на ночёвках",
    }
    response = admin_client.post(url, fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    tag.refresh_from_db()
    assert tag.name_translations == {
        "zh-hans": "夜栖地计数",
        "ja": "ねぐら調査",
        "mn": "Хоноглох газрын тооллого",
        "ru": "Учёт на ночёвках",
    }


def test_a_translation_in_an_unknown_language_is_refused():
    from django.core.exceptions import ValidationError

    tag = Tag(kind=TagKind.SITE, name="Khurkh", slug="khurkh", name_translations={"xx": "?"})
    with pytest.raises(ValidationError, match="not one of the portal's languages"):
        tag.full_clean()


def test_the_demo_vocabulary_is_named_in_every_language():
    from portal.taxonomy.demo import TAG_NAMES

    for english, names in TAG_NAMES.items():
        assert set(names) == {"zh-hans", "ja", "ko", "mn", "ru"}, english
        assert all(names.values()), english
