"""Numbers, dates and lists as each language writes them (issue 17, typography and formats)."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django_countries import countries

from portal.core.collation import collation_key
from portal.core.formatting import format_percent


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "12.5%"),
        ("zh-hans", "12.5%"),
        ("ja", "12.5%"),
        ("ko", "12.5%"),
        ("mn", "12.5%"),
        ("ru", "12,5\u00a0%"),
    ],
)
def test_a_percentage_is_written_one_way_per_language(language, expected):
    assert format_percent(12.5, 1, language=language) == expected


def test_whole_percentages_drop_their_decimals_as_floatformat_does():
    assert format_percent(50, "-2", language="en") == "50%"
    assert format_percent(66.666, "-2", language="en") == "66.67%"
    assert format_percent(None) == ""


def test_the_template_filter_uses_the_active_language():
    template = Template("{% load portal_format %}{{ share|percent }}")
    with translation.override("ko"):
        assert template.render(Context({"share": 12.5})) == "12.5%"
    with translation.override("ru"):
        assert template.render(Context({"share": 12.5})) == "12,5\u00a0%"


def test_russian_dates_end_with_one_full_stop():
    import datetime

    template = Template('{{ day|date:"DATE_FORMAT" }}.')
    with translation.override("ru"):
        rendered = template.render(Context({"day": datetime.date(2026, 12, 4)}))
    assert rendered == "4 декабря 2026."


@pytest.mark.parametrize(
    ("language", "first_before_second"),
    [
        ("ko", ("가나", "안도라")),  # Hangul order, not English
        ("ko", ("안도라", "알바니아")),
        ("mn", ("Орос", "Өмнөд Африк")),  # noqa: RUF003 - Ө follows О in Mongolian
        ("zh-hans", ("阿富汗", "巴西")),  # pinyin: a before ba
        ("ru", ("Австрия", "Ёж")),
    ],
)
def test_words_sort_in_the_readers_collation(language, first_before_second):
    first, second = first_before_second
    assert collation_key(first, language) < collation_key(second, language)


@pytest.mark.parametrize("language", ["ko", "mn", "ru", "zh-hans", "ja"])
def test_country_lists_are_sorted_by_their_translated_names(language):
    with translation.override(language):
        names = [str(name) for _code, name in countries]
    assert names == sorted(names, key=lambda name: collation_key(name, language))
    with translation.override("en"):
        english = [str(name) for _code, name in countries]
    assert names != english


@pytest.mark.django_db
def test_a_fragment_in_another_language_is_marked(client):
    from courses import demo as courses_demo
    from courses.demo_content import crane_surveys

    index = courses_demo.load_course_index()
    course = courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=None)
    template = Template("{% load portal_format %}<h3{% lang_attr course %}>{{ course.title }}</h3>")

    with translation.override("ja"):
        assert template.render(Context({"course": course})).startswith('<h3 lang="en">')
    with translation.override("en"):
        assert template.render(Context({"course": course})).startswith("<h3>")
