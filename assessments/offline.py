"""This app's part of the field pack (``courses.offline``): quizzes to take offline."""

from __future__ import annotations

from django.urls import reverse

from courses.offline import OfflineQuiz

from .localization import source_language
from .models import Quiz


def offline_quizzes(*, course, participant) -> list[OfflineQuiz]:
    """The course's live quizzes marked "can be taken offline", with no time limit.

    ``course`` is the source course. Each quiz comes with the addresses of its
    translations too, since a translated page links to its own. Two queries.
    """
    quizzes = list(
        Quiz.objects.filter(
            course=course,
            live=True,
            offline_allowed=True,
            time_limit_minutes__isnull=True,
            # Attempts are made on the original; its translations come as addresses.
            locale__language_code=source_language(),
        ).order_by("pk")
    )
    if not quizzes:
        return []
    keys = {quiz.translation_key for quiz in quizzes}
    ids_by_key: dict = {}
    for pk, key in (
        Quiz.objects.filter(translation_key__in=keys)
        .order_by("pk")
        .values_list("pk", "translation_key")
    ):
        ids_by_key.setdefault(key, []).append(pk)
    return [
        OfflineQuiz(
            title=quiz.title,
            detail_urls=[
                reverse("assessments:quiz_detail", kwargs={"quiz_id": pk})
                for pk in ids_by_key.get(quiz.translation_key, [quiz.pk])
            ],
            start_url=reverse("assessments:attempt_start", kwargs={"quiz_id": quiz.pk}),
        )
        for quiz in quizzes
    ]
