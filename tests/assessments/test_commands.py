"""``import_questions``: all rows or none, every problem listed."""

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Question


@pytest.mark.django_db
def test_import_questions_command(tmp_path, capsys):
    good = tmp_path / "bank.csv"
    good.write_text(
        "title,kind,text,choices,answer\n"
        "Order,ordering,Put in order,First|Second|Third,\n"
        "Statement,true_false,Cranes roost in water.,,true\n",
        encoding="utf-8",
    )
    call_command("import_questions", str(good), "--dry-run")
    assert not Question.objects.exists()
    call_command("import_questions", str(good))
    assert "created 2, updated 0" in capsys.readouterr().out
    assert Question.objects.get(title="Statement").true_false_answer is True


@pytest.mark.django_db
def test_import_questions_command_refuses_bad_rows(tmp_path, capsys):
    bad = tmp_path / "bank.csv"
    bad.write_text("title,kind,text\nX,essay,Write\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_questions", str(bad))
    assert "row 2: kind: must be one of" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Columns missing: text"):
        (tmp_path / "b.csv").write_text("title,kind\n", encoding="utf-8")
        call_command("import_questions", str(tmp_path / "b.csv"))
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_close_expired_attempts(capsys):
    from datetime import timedelta

    from django.utils import timezone

    from assessments import services
    from assessments.models import AttemptStatus
    from tests.assessments.factories import make_question, make_quiz
    from tests.courses.factories import ParticipantFactory

    quiz = make_quiz([make_question()], time_limit_minutes=5)
    old = services.attempt_start(
        quiz=quiz, participant=ParticipantFactory(), now=timezone.now() - timedelta(hours=1)
    )
    fresh = services.attempt_start(quiz=quiz, participant=ParticipantFactory())
    call_command("close_expired_attempts")
    assert "closed 1 attempt(s)" in capsys.readouterr().out
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == AttemptStatus.SUBMITTED and fresh.status == AttemptStatus.IN_PROGRESS
