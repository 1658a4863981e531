"""Quizzes and questions made before translation existed get a locale and a key."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("assessments", "0001_initial")]
AFTER = [("assessments", "0004_translatable")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_rows_are_bootstrapped_into_the_default_locale():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    question = old.get_model("assessments", "Question").objects.create(
        kind="single", title="Old question", text="Which crane?"
    )
    choices = [
        old.get_model("assessments", "Choice").objects.create(question=question, text=text)
        for text in ("Hooded Crane", "White-naped Crane")
    ]
    quiz = old.get_model("assessments", "Quiz").objects.create(title="Old quiz")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    for model, pks in (
        ("Question", [question.pk]),
        ("Choice", [c.pk for c in choices]),
        ("Quiz", [quiz.pk]),
    ):
        rows = list(new.get_model("assessments", model).objects.filter(pk__in=pks))
        assert {row.locale.language_code for row in rows} == {"en"}, model
        assert len({row.translation_key for row in rows}) == len(pks), model
