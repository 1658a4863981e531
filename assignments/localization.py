"""Reads of assignment translations (wagtail-localize), for display only.

Assignments and their rubric criteria are translated as snippets, the way
quizzes are (``assessments.localization``): each language has its own rows,
linked to the original by ``translation_key``. Learner data never points at
a translation: submissions, due dates, grades, completion and the gradebook
belong to the *source* (the default language's row, or the first one
written where there is none). A translation only changes what a learner
reads: the title, the instructions, the criteria and their levels' texts,
looked up here in the reader's language, once per page.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from django.db.models import Q

from portal.core.content_languages import reading_language, source_language
from portal.core.content_languages import sources_filter as _sources_filter

from .models import Assignment, RubricCriterion


def sources_filter(prefix: str = "") -> Q:
    """A ``Q`` keeping source assignments; ``prefix`` is the path to them (``"assignment__"``)."""
    return _sources_filter(Assignment, prefix)


def source_assignment(assignment: Assignment) -> Assignment:
    """The assignment learner data belongs to: ``assignment``'s original (itself, if it is one)."""
    if assignment.locale.language_code == source_language():
        return assignment
    original = (
        Assignment.objects.select_related("course", "module", "locale")
        .filter(translation_key=assignment.translation_key, locale__language_code=source_language())
        .first()
    )
    return original or assignment


def assignment_titles(assignments: Iterable[Assignment], *, language: str | None = None) -> dict:
    """Each source assignment's title in ``language``, by its pk; one query (none in English)."""
    shown = assignment_titles_with_languages(assignments, language=language)
    return {pk: title for pk, (title, _language) in shown.items()}


def assignment_titles_with_languages(
    assignments: Iterable[Assignment], *, language: str | None = None
) -> dict[int, tuple[str, str]]:
    """Each source assignment's (title, language of that title) by its pk: the
    translation's where there is one, else the source's; one query."""
    assignments = list(assignments)
    titles = {a.pk: (a.title, source_language()) for a in assignments}
    language = language or reading_language()
    if language == source_language() or not assignments:
        return titles
    by_key = {a.translation_key: a.pk for a in assignments}
    for key, title in Assignment.objects.filter(
        translation_key__in=list(by_key), locale__language_code=language
    ).values_list("translation_key", "title"):
        titles[by_key[key]] = (title, language)
    return titles


def assignment_for_display(assignment: Assignment, *, language: str | None = None) -> Assignment:
    """A copy of the source ``assignment`` with its translation's title and instructions.

    The copy keeps the source's primary key and settings, so links and forms
    lead to the source; it is for templates only and never saved. Its
    ``criteria_shown`` are the rubric's criteria in ``language`` where
    translated (each with the source's pk), and ``course``/``module`` the pages
    in ``language`` where there are any. Two queries in another language.
    """
    language = language or reading_language()
    shown = copy.copy(assignment)
    criteria = list(assignment.criteria.all())
    shown.criteria_shown = criteria
    if language == source_language():
        return shown
    translation = Assignment.objects.filter(
        translation_key=assignment.translation_key, locale__language_code=language
    ).first()
    if translation is None:
        return shown
    shown.title, shown.instructions = translation.title, translation.instructions
    translated = criterion_translations(criteria, language=language)
    shown.criteria_shown = [_shown_criterion(c, translated.get(c.pk)) for c in criteria]
    for name in ("course", "module"):
        page = getattr(assignment, name)
        if page is not None:
            local = page.get_translations().filter(locale__language_code=language).live()
            setattr(shown, name, local.specific().first() or page)
    return shown


def criterion_translations(
    criteria: Iterable[RubricCriterion], *, language: str | None = None
) -> dict[int, RubricCriterion]:
    """The translations of rubric ``criteria`` into ``language``, by source criterion pk."""
    language = language or reading_language()
    criteria = list(criteria)
    if language == source_language() or not criteria:
        return {}
    by_key = {c.translation_key: c.pk for c in criteria}
    return {
        by_key[t.translation_key]: t
        for t in RubricCriterion.objects.filter(
            translation_key__in=list(by_key), locale__language_code=language
        )
    }


def _shown_criterion(source: RubricCriterion, translation: RubricCriterion | None):
    if translation is None:
        return source
    shown = copy.copy(source)
    shown.title, shown.description = translation.title, translation.description
    # Points stay the source's; only the levels' descriptions are read in translation.
    shown.translated_level_texts = [block.value["description"] for block in translation.levels]
    return shown
