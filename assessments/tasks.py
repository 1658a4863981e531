"""Background work of the quiz engine."""

from django.tasks import task

from .models import Quiz
from .services import question_defects_notify


@task()
def question_defects_notify_task(quiz_id: int, question_ids: list[int]) -> int:
    """Tell the course team about questions an attempt could not show; safe to run twice."""
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    if quiz is None:
        return 0
    return question_defects_notify(quiz=quiz, question_ids=question_ids)
