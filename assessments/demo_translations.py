"""Demo translations of the crane survey final quiz, through wagtail-localize.

The translated texts are plain data in ``assessments/demo_content/translations/``,
written with the structure of ``assessments.demo_questions``. They are loaded the
way a translator's work is (as ``courses.demo_translations`` loads the course
pages): as string translations of the source quiz's and questions' segments in
wagtail-localize's translation memory, from which wagtail-localize builds each
language's quiz and questions. A translator then sees every segment translated
in the admin, and what changes in the English source afterwards.

Quizzes are translated before the course pages, so that the quiz blocks of the
translated pages point at the quiz in their language.
"""

from __future__ import annotations

import importlib

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from portal.core.demo_translations import LANGUAGES, string_translation_set

from .demo import LIKERT_SCALE, SURVEY_ITEMS
from .demo_questions import QUIZZES
from .localization import source_language
from .models import Question, Quiz, QuizKind

# Key in ``demo_questions.QUIZZES`` → the data module's name in
# assessments/demo_content/translations/.
TRANSLATED_QUIZZES = {
    "crane-survey-techniques": "crane_quiz",
    "crane-survey-techniques:pre": "crane_pretest",
    "colour-banding": "colour_banding_quiz",
    "drones-remote-sensing": "drones_quiz",
    "wetland-habitat-assessment": "wetland_quiz",
    "crane-data-analysis:pre": "data_analysis_pretest",
    "conservation-planning:pre": "planning_pretest",
}
# The feedback survey placed in every flagship course (``demo.SURVEY_ITEMS``).
SURVEY_MODULE = "feedback_survey"


def translated_module(module_name: str, language: str):
    """The data module of ``module_name`` in ``language``, or None when none is written yet."""
    name = f"assessments.demo_content.translations.{module_name}_{LANGUAGES[language]}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return None


def _pairs(source, translated, found: dict[str, str]) -> dict[str, str]:
    """Source text → translated text, walking two structures of the same shape side by side."""
    if isinstance(source, str) and isinstance(translated, str):
        if source.strip():
            found[source] = translated
    elif isinstance(source, dict) and isinstance(translated, dict):
        for key in source.keys() & translated.keys():
            _pairs(source[key], translated[key], found)
    elif isinstance(source, list | tuple) and isinstance(translated, list | tuple):
        for s, t in zip(source, translated, strict=False):
            _pairs(s, t, found)
    return found


@transaction.atomic
def translate_snippet(*, instance, texts: dict[str, str], locale: Locale) -> bool:
    """Record translations of ``instance``'s segments and build its translation in ``locale``.

    Args:
        instance: the source quiz or question (default language).
        texts: source text → translated text; segments whose text is not in it
            stay untranslated (the translation shows the source's text there).
        locale: the target locale.

    Returns:
        True when any translation was added or changed, or the translated
        object did not exist yet (it is then saved).
    """
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    existing_translation = instance.get_translation_or_none(locale)
    # A source edited since its translation was made is synchronised again.
    changed = (
        existing_translation is not None and instance.updated_at > existing_translation.updated_at
    )
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    # Segments hold text as wagtail-localize's HTML-escaped string values.
    texts = {
        StringValue.from_plaintext(text).data: StringValue.from_plaintext(translated).data
        for text, translated in texts.items()
    }
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        data = texts.get(segment.string.data)
        if data is None:
            continue
        changed |= string_translation_set(
            string=segment.string, locale=locale, context=segment.context, data=data
        )
    if changed or existing_translation is None:
        translation.save_target()
        return True
    return False


def load_translations(*, language: str) -> int:
    """Translate the demo quizzes that have translated data into ``language``.

    Returns:
        How many quizzes and questions were translated anew or updated.
    """
    locale, _created = Locale.objects.get_or_create(language_code=language)
    count = 0
    for key, module_name in TRANSLATED_QUIZZES.items():
        data = QUIZZES[key]
        quiz = Quiz.objects.filter(
            title=data["title"], locale__language_code=source_language()
        ).first()
        if quiz is None:
            continue
        module = translated_module(module_name, language)
        if module is None:
            continue
        translated = module.QUIZ
        questions = Question.objects.filter(
            title__in=[f"{data['title']} · {n}" for n in range(1, len(data["questions"]) + 1)],
            locale__language_code=source_language(),
        )
        by_title = {q.title: q for q in questions}
        for number, (source_data, translated_data) in enumerate(
            zip(data["questions"], translated["questions"], strict=True), start=1
        ):
            question = by_title.get(f"{data['title']} · {number}")
            if question is not None:
                texts = _pairs(source_data, translated_data, {})
                count += translate_snippet(instance=question, texts=texts, locale=locale)
        texts = {data["title"]: translated["title"], quiz.intro: translated["intro"]}
        count += translate_snippet(instance=quiz, texts=texts, locale=locale)
    return count + _load_survey_translations(language=language, locale=locale)


def _load_survey_translations(*, language: str, locale: Locale) -> int:
    """Translate each flagship course's feedback survey whose course is translated too.

    The survey's title names its course, so a survey is translated only where the
    course's translated data exist (its title in ``language`` comes from there).
    """
    from courses.demo_translations import TRANSLATED_COURSES
    from courses.demo_translations import translated_data as course_data

    module = translated_module(SURVEY_MODULE, language)
    if module is None:
        return 0
    survey = module.SURVEY
    items = dict(zip([text for _kind, text in SURVEY_ITEMS], survey["items"], strict=True))
    items.update(zip(LIKERT_SCALE, survey["likert"], strict=True))
    count = 0
    quizzes = Quiz.objects.filter(
        kind=QuizKind.SURVEY, locale__language_code=source_language(), course__isnull=False
    ).select_related("course")
    for quiz in quizzes:
        module_name = TRANSLATED_COURSES.get(quiz.course.slug)
        course = course_data(module_name, language) if module_name else None
        if course is None:
            continue
        titles = [f"{quiz.course.title}: feedback · {n}" for n in range(1, len(SURVEY_ITEMS) + 1)]
        questions = Question.objects.filter(
            title__in=titles, locale__language_code=source_language()
        )
        for question in questions:
            count += translate_snippet(instance=question, texts=items, locale=locale)
        texts = {
            quiz.title: survey["title"].format(course=course.COURSE["title"]),
            quiz.intro: survey["intro"],
        }
        count += translate_snippet(instance=quiz, texts=texts, locale=locale)
    return count


def load(*, password: str, stdout=None) -> None:
    """Load the demo quiz translations in every interface language but English."""
    count = sum(load_translations(language=language) for language in LANGUAGES)
    if stdout is not None:
        stdout.write(
            f"Quiz translations: {count} quizzes and questions in {len(LANGUAGES)} languages."
        )
