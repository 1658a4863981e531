"""The flagship courses, their quizzes and pre-tests and the feedback surveys are published
in Russian and Mongolian through wagtail-localize.

One test per language: loading every course with its quizzes is slow, so each test
loads once and checks everything a reader of that language gets.
"""

import pytest

from assessments import demo as assessments_demo
from assessments import demo_translations as quiz_translations
from assessments.demo_questions import QUIZZES
from assessments.models import Question, Quiz, QuizKind
from courses import demo as courses_demo
from courses import demo_translations as course_translations
from courses.demo_content import COURSES
from courses.models import CoursePage, ModulePage

pytestmark = pytest.mark.django_db


def _course_data(slug: str, language: str) -> dict | None:
    """The course's translated data in ``language``, or None where none is written yet."""
    module_name = course_translations.TRANSLATED_COURSES[slug]
    module = course_translations.translated_data(module_name, language)
    return None if module is None else module.COURSE


def _check_courses(courses, language):
    """Every course with translated data is published in ``language``; returns their slugs."""
    checked = []
    for course in courses:
        data = _course_data(course.slug, language)
        if data is None:
            continue
        checked.append(course.slug)
        translated = CoursePage.objects.get(
            translation_key=course.translation_key, locale__language_code=language
        )
        assert translated.live and translated.alias_of_id is None, course.slug
        assert translated.title == data["title"]
        modules = ModulePage.objects.child_of(translated).live().order_by("path")
        assert [m.title for m in modules] == [m["title"] for m in data["modules"]]
        assert all(m.alias_of_id is None for m in modules)
    return checked


def _drawings(module) -> list[str]:
    """File names of the drawings shown by the module's figure blocks."""
    return [b.value["image"].file.name for b in module.body if b.block_type == "figure"]


def _check_quizzes(language):
    """Every quiz with translated data is built in ``language``; returns their keys."""
    checked = []
    for key, source_data in QUIZZES.items():
        module_name = quiz_translations.TRANSLATED_QUIZZES[key]
        module = quiz_translations.translated_module(module_name, language)
        if module is None:
            continue
        checked.append(key)
        data = module.QUIZ
        source = Quiz.objects.get(title=source_data["title"], locale__language_code="en")
        quiz = Quiz.objects.get(
            translation_key=source.translation_key, locale__language_code=language
        )
        assert (quiz.title, quiz.intro) == (data["title"], data["intro"])
        sources = Question.objects.filter(
            title__startswith=f"{source_data['title']} · ", locale__language_code="en"
        )
        assert sources.count() == len(source_data["questions"])
        for question in sources:
            copy = Question.objects.get(
                translation_key=question.translation_key, locale__language_code=language
            )
            number = int(question.title.rsplit(" ", 1)[1])
            assert copy.text == data["questions"][number - 1]["prompt"]
            # The feedback is translated too (some quote the practice data's figures).
            feedback = data["questions"][number - 1].get("general_feedback")
            if feedback:
                assert copy.general_feedback == feedback, (key, number)
    return checked


def _check_surveys(language):
    module = quiz_translations.translated_module(quiz_translations.SURVEY_MODULE, language)
    survey_data = module.SURVEY
    surveys = Quiz.objects.filter(kind=QuizKind.SURVEY, locale__language_code="en")
    assert surveys.count() == len(COURSES)
    for survey in surveys:
        course = _course_data(survey.course.slug, language)
        if course is None:
            continue
        course_title = course["title"]
        copy = Quiz.objects.get(
            translation_key=survey.translation_key, locale__language_code=language
        )
        assert copy.title == survey_data["title"].format(course=course_title)
        questions = Question.objects.filter(
            title__startswith=f"{survey.course.title}: feedback · ",
            locale__language_code=language,
        )
        assert sorted(q.text for q in questions) == sorted(survey_data["items"])
        for question in questions.filter(choices__isnull=False).distinct():
            labels = [c.text for c in question.choices.order_by("sort_order")]
            assert labels == survey_data["likert"]


@pytest.mark.parametrize("language", ["ru", "mn"])
def test_the_flagship_courses_quizzes_and_surveys_are_published(client, password, language):
    index = courses_demo.load_course_index()
    courses = [
        courses_demo.load_course(index=index, data=data, instructor=None) for data in COURSES
    ]
    assessments_demo.load(password=password)
    # Quizzes first, as the demo loader does, so quiz blocks point at translated quizzes.
    quiz_translations.load_translations(language=language)
    course_translations.load_translations(language=language)

    # Every flagship course and quiz is written in both languages: none may be left out.
    assert set(_check_courses(courses, language)) == set(course_translations.TRANSLATED_COURSES)
    assert set(_check_quizzes(language)) == set(QUIZZES)
    _check_surveys(language)
    # Loading again finds nothing to do.
    assert quiz_translations.load_translations(language=language) == 0
    assert course_translations.load_translations(language=language) == 0

    # A learner opening a translated module reads it in the language.
    course = CoursePage.objects.get(
        translation_key=courses[1].translation_key, locale__language_code=language
    )
    module = ModulePage.objects.child_of(course).live().order_by("path")[2]
    response = client.get(module.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert _course_data(courses[1].slug, language)["modules"][2]["title"] in html
    assert "R.MW / -.YG" in html
    assert "Writing a combination" not in html
    # Its drawing is the copy labelled in the language, not the source's image.
    drawings = _drawings(module)
    assert drawings and all(name.endswith(f".{language}.svg") for name in drawings), drawings
    assert all(name.rsplit("/", 1)[1].removesuffix(".svg") in html for name in drawings)
    # So are the drawings of every other translated module (the planning course's site sketch…).
    for course in CoursePage.objects.filter(locale__language_code=language):
        for module in ModulePage.objects.child_of(course):
            for block in module.specific.body:
                if block.block_type == "figure":
                    name = block.value["image"].file.name
                    assert name.endswith(f".{language}.svg"), (course.slug, module.slug, name)


NEW_COURSES = {"crane-data-analysis", "conservation-planning"}
# Languages whose courses show copies of the drawings labelled in the language.
LABELLED_DRAWINGS = {"zh-hans", "ja", "ko"}


def test_the_new_courses_and_their_quizzes_are_published_in_chinese_japanese_and_korean(
    client, password
):
    """The data analysis and planning courses, with final quiz and pre-test, in zh, ja and ko.

    One load for the three languages; the modules link the same practice downloads as the
    English ones, and the practice figures in the quiz feedback match the source's.
    """
    index = courses_demo.load_course_index()
    courses = [
        courses_demo.load_course(index=index, data=data, instructor=None)
        for data in COURSES
        if data["slug"] in NEW_COURSES
    ]
    assessments_demo.load(password=password)
    for language in ["zh-hans", "ja", "ko"]:
        quiz_translations.load_translations(language=language)
        course_translations.load_translations(language=language)

        assert set(_check_courses(courses, language)) == NEW_COURSES
        keys = set(_check_quizzes(language))
        assert keys >= {f"{slug}{variant}" for slug in NEW_COURSES for variant in ("", ":pre")}

        analysis = next(c for c in courses if c.slug == "crane-data-analysis")
        translated = CoursePage.objects.get(
            translation_key=analysis.translation_key, locale__language_code=language
        )
        module = ModulePage.objects.child_of(translated).live().order_by("path").first()
        source = ModulePage.objects.child_of(analysis).order_by("path").first()
        downloads = [b.value["document"] for b in module.body if b.block_type == "document"]
        assert downloads
        assert downloads == [b.value["document"] for b in source.body if b.block_type == "document"]
        response = client.get(module.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert _course_data("crane-data-analysis", language)["modules"][0]["title"] in html
        assert "One row per record" not in html
        if language in LABELLED_DRAWINGS:
            # Every drawing of both courses is the copy labelled in the language.
            drawings = [
                name
                for course in courses
                for page in ModulePage.objects.child_of(
                    CoursePage.objects.get(
                        translation_key=course.translation_key, locale__language_code=language
                    )
                )
                for name in _drawings(page)
            ]
            assert drawings and all(name.endswith(f".{language}.svg") for name in drawings), (
                drawings
            )
            shown = _drawings(module)
            assert shown and all(n.rsplit("/", 1)[1].removesuffix(".svg") in html for n in shown)

    # Loading again finds nothing to do.
    assert quiz_translations.load_translations(language="ja") == 0
    assert course_translations.load_translations(language="ja") == 0
