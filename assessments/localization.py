"""Reads of quiz and question translations (wagtail-localize), for display only.

Quizzes, questions and their choices are translated as snippets: each
language has its own rows, linked to the original by ``translation_key``.
Learner data never points at a translation. The original, in the default
language, is the *source*: attempts, grading, statistics and the question bank
use it and its ids. A translation only changes what a learner reads: question
texts, choices, feedback, the quiz's title and introduction, looked up here in
the request's language in one batch per page (never per question).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from django.db.models import Prefetch, Q

from portal.core.content_languages import reading_language, source_language
from portal.core.content_languages import sources_filter as _sources_filter

from .models import Choice, Question, Quiz


def sources_filter(model) -> Q:
    """A ``Q`` keeping the sources among ``model``'s rows (``portal.core.content_languages``)."""
    return _sources_filter(model)


def source_quiz(quiz: Quiz) -> Quiz:
    """The quiz that attempts belong to: ``quiz``'s default-language original.

    A quiz written in another language and never translated into the default
    one is its own source. No query when ``quiz`` is already the original and
    its locale was selected with it.
    """
    if quiz.locale.language_code == source_language():
        return quiz
    original = (
        Quiz.objects.select_related("course", "locale")
        .filter(translation_key=quiz.translation_key, locale__language_code=source_language())
        .first()
    )
    return original or quiz


def source_questions(questions: list[Question]) -> list[Question]:
    """``questions`` with each translation replaced by its original (one query at most)."""
    keys = {q.translation_key for q in questions if q.locale.language_code != source_language()}
    if not keys:
        return questions
    originals = {
        q.translation_key: q
        for q in Question.objects.filter(
            translation_key__in=keys, locale__language_code=source_language()
        )
    }
    return [
        originals.get(q.translation_key, q) if q.translation_key in keys else q for q in questions
    ]


def quiz_for_display(quiz: Quiz, *, language: str | None = None) -> Quiz:
    """A copy of the source ``quiz`` with the title and introduction of its translation.

    The copy keeps the source's primary key and settings, so links and forms
    still lead to the source; it is for templates only and is never saved. Its
    ``course`` is the course in the reading language where one exists.
    ``content_language`` names the language the texts are in.
    """
    language = language or reading_language()
    shown = copy.copy(quiz)
    shown.content_language = source_language()
    if language == source_language():
        return shown
    translation = (
        Quiz.objects.filter(translation_key=quiz.translation_key, locale__language_code=language)
        .only("title", "intro")
        .first()
    )
    if translation is not None:
        shown.title, shown.intro = translation.title, translation.intro
        shown.content_language = language
    if quiz.course_id:
        course = quiz.course.get_translations().filter(locale__language_code=language).live()
        shown.course = course.specific().first() or quiz.course
    return shown


def quiz_titles(quizzes: Iterable[Quiz], *, language: str | None = None) -> dict[int, tuple]:
    """Source quiz id → (title, language of that title): the translation's title
    where the quiz is translated into ``language``, else its own. One query at
    any number of quizzes (none in the source language)."""
    language = language or reading_language()
    quizzes = list(quizzes)
    titles = {quiz.pk: (quiz.title, source_language()) for quiz in quizzes}
    if language == source_language() or not quizzes:
        return titles
    by_key = {quiz.translation_key: quiz.pk for quiz in quizzes}
    rows = Quiz.objects.filter(
        translation_key__in=list(by_key), locale__language_code=language
    ).values_list("translation_key", "title")
    for key, title in rows:
        titles[by_key[key]] = (title, language)
    return titles


def question_translations(
    questions: Iterable[Question], *, language: str | None = None
) -> dict[int, Question]:
    """The translations of ``questions`` into ``language``, by source question id.

    Two queries at any number of questions (none in the default language);
    each translation comes with its choices. Questions without a translation
    are missing from the result.
    """
    language = language or reading_language()
    questions = list(questions)
    if language == source_language() or not questions:
        return {}
    by_key = {q.translation_key: q.pk for q in questions}
    translations = Question.objects.filter(
        translation_key__in=list(by_key), locale__language_code=language
    ).prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("sort_order")))
    return {by_key[t.translation_key]: t for t in translations}


def attempt_translations(attempt, rows) -> dict[int, Question]:
    """The translations an attempt's question ``rows`` are shown in, by source question id.

    An attempt read in the language it began in shows each question's
    translation as published then (``AttemptQuestion.translation_snapshot``;
    a question untranslated then stays in the source's text), whatever a
    translator published since: no query. In another language, or for
    attempts from before translations were kept, the current translations.
    """
    language = reading_language()
    if attempt.language and attempt.language == language:
        kept = {aq.question_id: aq.translation_as_drawn() for aq in rows}
        return {pk: translation for pk, translation in kept.items() if translation is not None}
    return question_translations((aq.question for aq in rows), language=language)
