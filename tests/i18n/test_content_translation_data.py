"""The translated course and quiz data has the shape of its English source.

The demo loader matches a translation to its source segment by segment, and
leaves a whole rich-text block untranslated when the two do not have the same
HTML elements; these checks name the place where a translation drifted.
"""

import importlib
import importlib.util
from html.parser import HTMLParser

import pytest

from assessments.demo_questions import QUIZZES
from assessments.demo_translations import TRANSLATED_QUIZZES
from courses.demo_content import COURSES
from courses.demo_translations import TRANSLATED_COURSES
from portal.core.demo_translations import LANGUAGES

SOURCES = {course["slug"]: course for course in COURSES}


def _existing(package: str, names: dict[str, str]):
    for key, name in names.items():
        for suffix in LANGUAGES.values():
            module = f"{package}.{name}_{suffix}"
            if importlib.util.find_spec(module) is not None:
                yield pytest.param(key, module, id=f"{name}_{suffix}")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(f"<{tag}{sorted(attrs)}>")

    def handle_endtag(self, tag):
        self.tags.append(f"</{tag}>")


def tags(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def same_shape(source, translated, where: str, *, partial: bool = False) -> None:
    """Assert ``translated`` mirrors ``source``: same keys, list lengths and HTML tags.

    With ``partial``, a dict of ``translated`` may leave out keys (a quiz's data holds
    only the texts; what grading reads comes from the source).
    """
    if isinstance(source, str):
        assert isinstance(translated, str), where
        if "<" in source:
            assert tags(translated) == tags(source), where
        else:
            assert bool(translated.strip()) == bool(source.strip()), where
    elif isinstance(source, dict):
        assert isinstance(translated, dict), where
        missing = set(source) - set(translated)
        assert partial or not missing, f"{where}: missing {missing}"
        extra = set(translated) - set(source)
        assert not extra, f"{where}: not in the source {extra}"
        for key in translated:
            same_shape(source[key], translated[key], f"{where}.{key}", partial=partial)
    elif isinstance(source, list | tuple):
        assert isinstance(translated, list | tuple), where
        assert len(translated) == len(source), f"{where}: {len(translated)} != {len(source)}"
        for n, (s, t) in enumerate(zip(source, translated, strict=True)):
            same_shape(s, t, f"{where}[{n}]", partial=partial)


def _same_or_labelled_copy(key: str, value, source) -> bool:
    """The source's value, or for a drawing its copy with labels in the language
    (``ring-fitting.svg`` → ``ring-fitting.ru.svg``)."""
    if value == source:
        return True
    if key != "svg":
        return False
    stem = source.removesuffix(".svg")
    return value.startswith(stem + ".") and value.endswith(".svg") and value.count(".") == 2


# Values that name things rather than say them, so stay as in the source.
UNTRANSLATED_KEYS = {"slug", "kind", "svg", "credit", "estimated_minutes", "level", "species"}


@pytest.mark.parametrize(
    ("slug", "module"), list(_existing("courses.demo_content.translations", TRANSLATED_COURSES))
)
def test_a_translated_course_has_the_shape_of_its_source(slug, module):
    source = SOURCES[slug]
    course = importlib.import_module(module).COURSE

    assert course["slug"] == slug
    assert course["title"] != source["title"]
    for key in ("summary", "outcomes", "sources"):
        same_shape(source[key], course[key], key)
    assert len(course["modules"]) == len(source["modules"])
    for source_module, module_data in zip(source["modules"], course["modules"], strict=True):
        where = source_module["slug"]
        for key in UNTRANSLATED_KEYS & source_module.keys():
            assert module_data[key] == source_module[key], f"{where}.{key}"
        assert [kind for kind, _value in module_data["blocks"]] == [
            kind for kind, _value in source_module["blocks"]
        ], where
        for n, ((kind, value), (_kind, source_value)) in enumerate(
            zip(module_data["blocks"], source_module["blocks"], strict=True)
        ):
            same_shape(source_value, value, f"{where}.blocks[{n}] {kind}")
            if isinstance(source_value, dict):
                for key in UNTRANSLATED_KEYS & source_value.keys():
                    assert _same_or_labelled_copy(key, value[key], source_value[key]), (
                        f"{where}.blocks[{n}].{key}"
                    )
            if kind in {"rich_text", "callout", "protocol", "glossary"}:
                assert value != source_value, f"{where}.blocks[{n}] is not translated"


@pytest.mark.parametrize(
    ("key", "module"), list(_existing("assessments.demo_content.translations", TRANSLATED_QUIZZES))
)
def test_a_translated_quiz_has_the_shape_of_its_source(key, module):
    source = QUIZZES[key]
    quiz = importlib.import_module(module).QUIZ

    assert quiz["title"] != source["title"]
    assert quiz["intro"].strip()
    same_shape(source["questions"], quiz["questions"], "questions", partial=True)
    for n, (s, t) in enumerate(zip(source["questions"], quiz["questions"], strict=True)):
        assert t["prompt"] != s["prompt"], f"question {n + 1} is not translated"
        # What grading reads is the source's; the translation does not restate it.
        for graded in ("type", "answer", "tolerance", "legs", "mode", "accepted"):
            assert graded not in t, f"question {n + 1}.{graded}"
        for c, choice in enumerate(t.get("choices", [])):
            assert set(choice) <= {"text", "feedback"}, f"question {n + 1}.choices[{c}]"
