"""The translated course and quiz data line up with their English source.

wagtail-localize matches translations to the source segment by segment, so a
translation file with a block, step, list item or HTML element more or less than
the source would leave English behind or put text in the wrong place. These
checks read the data files only (no database).
"""

import importlib
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from assessments.demo_questions import QUIZZES
from assessments.demo_translations import TRANSLATED_QUIZZES
from courses.demo_content import COURSES
from courses.demo_translations import TRANSLATED_COURSES
from portal.core.demo_translations import LANGUAGES

SOURCES = {course["slug"]: course for course in COURSES}
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Han, kana and Hangul: the letters of the Chinese, Japanese and Korean translations.
CJK = re.compile(r"[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF]")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        self.tags.append("/" + tag)


def tags(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _load(module_name: str, language: str):
    """The data module in ``language``; every course and quiz is written in every language."""
    return importlib.import_module(f"{module_name}_{LANGUAGES[language]}")


def _same_shape(source, translated, where: str):
    """Same nesting, same keys, same list lengths; HTML with the same elements."""
    if isinstance(source, str):
        assert isinstance(translated, str), where
        if "<" in source:
            assert tags(translated) == tags(source), where
        return
    if isinstance(source, dict):
        assert isinstance(translated, dict), where
        assert translated.keys() == source.keys(), where
        for key in source:
            _same_shape(source[key], translated[key], f"{where}.{key}")
        return
    if isinstance(source, list | tuple):
        assert isinstance(translated, list | tuple), where
        assert len(translated) == len(source), where
        for n, (s, t) in enumerate(zip(source, translated, strict=True)):
            _same_shape(s, t, f"{where}[{n}]")
        return
    assert translated == source, where


CYRILLIC_LANGUAGES = ["ru", "mn"]
CJK_LANGUAGES = ["zh-hans", "ja", "ko"]
# Each translation's own script, to tell its text from English left behind.
SCRIPTS = {**dict.fromkeys(CYRILLIC_LANGUAGES, CYRILLIC), **dict.fromkeys(CJK_LANGUAGES, CJK)}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
@pytest.mark.parametrize("slug", sorted(TRANSLATED_COURSES))
def test_a_translated_course_has_the_structure_of_its_source(slug, language):
    source = SOURCES[slug]
    course = _load(f"courses.demo_content.translations.{TRANSLATED_COURSES[slug]}", language).COURSE

    assert course["slug"] == slug
    assert len(course["outcomes"]) == len(source["outcomes"])
    assert len(course["sources"]) == len(source["sources"])
    assert [m["slug"] for m in course["modules"]] == [m["slug"] for m in source["modules"]]
    for module, source_module in zip(course["modules"], source["modules"], strict=True):
        kinds = [kind for kind, _value in module["blocks"]]
        assert kinds == [kind for kind, _value in source_module["blocks"]], module["slug"]
        for n, ((kind, value), (_kind, source_value)) in enumerate(
            zip(module["blocks"], source_module["blocks"], strict=True)
        ):
            where = f"{module['slug']}[{n}] {kind}"
            if kind == "species_card":
                assert value["scientific_name"] == source_value["scientific_name"], where
                # Every language's name as in the source; the translation's own may be
                # spelled as its translator writes it (e.g. with ё).
                names = {**value["common_names"], language: ""}
                assert names == {**source_value["common_names"], language: ""}, where
                assert tags(value["identification"]) == tags(source_value["identification"])
            elif kind == "figure":
                # The copy with labels in the language where one is shipped, else the source's.
                labelled = f"{source_value['svg'].removesuffix('.svg')}.{language}.svg"
                expected = labelled if finders.find(labelled) else source_value["svg"]
                assert value["svg"] == expected, where
                assert finders.find(value["svg"]), value["svg"]
                assert value["caption"] != source_value["caption"], where
            else:
                _same_shape(source_value, value, where)


@pytest.mark.parametrize("language", sorted(SCRIPTS))
@pytest.mark.parametrize("slug", sorted(TRANSLATED_COURSES))
def test_a_translated_course_is_written_in_its_language(slug, language):
    """Text outside tags is mostly in the language's script: nothing left in English by mistake."""
    course = _load(f"courses.demo_content.translations.{TRANSLATED_COURSES[slug]}", language).COURSE
    for module in course["modules"]:
        for _kind, value in module["blocks"]:
            texts = [value] if isinstance(value, str) else list(_strings(value))
            for text in texts:
                shown = re.sub(r"<[^>]+>", " ", text)
                latin, own = len(LATIN.findall(shown)), len(SCRIPTS[language].findall(shown))
                if latin + own > 40:
                    assert own > latin, (module["slug"], shown[:80])


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"svg", "credit", "kind", "scientific_name", "common_names"}:
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("language", sorted(SCRIPTS))
@pytest.mark.parametrize("key", sorted(TRANSLATED_QUIZZES))
def test_a_translated_quiz_has_the_structure_of_its_source(key, language):
    quiz = _load(f"assessments.demo_content.translations.{TRANSLATED_QUIZZES[key]}", language).QUIZ
    source = QUIZZES[key]

    assert quiz["title"] != source["title"]
    assert len(quiz["questions"]) == len(source["questions"])
    for n, (question, source_question) in enumerate(
        zip(quiz["questions"], source["questions"], strict=True)
    ):
        # Translations may leave out keys the source has (they stay as in the source),
        # but never add one, and lists keep their length and order.
        assert question.keys() <= source_question.keys(), n
        for name in question:
            value, source_value = question[name], source_question[name]
            if isinstance(source_value, list):
                assert len(value) == len(source_value), (n, name)


@pytest.mark.parametrize("language", CYRILLIC_LANGUAGES)
def test_the_feedback_survey_has_every_item_and_scale_point(language):
    from assessments.demo import LIKERT_SCALE, SURVEY_ITEMS
    from assessments.demo_translations import SURVEY_MODULE

    survey = _load(f"assessments.demo_content.translations.{SURVEY_MODULE}", language).SURVEY

    assert len(survey["items"]) == len(SURVEY_ITEMS)
    assert len(survey["likert"]) == len(LIKERT_SCALE)
    assert len(set(survey["likert"])) == len(LIKERT_SCALE)
    assert "{course}" in survey["title"]
    for text in [survey["title"], survey["intro"], *survey["items"], *survey["likert"]]:
        assert CYRILLIC.search(text) and not LATIN.search(text.replace("{course}", "")), text
