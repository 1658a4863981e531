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
    _migrate_to_latest()


def _migrate_to_latest() -> None:
    """Leave the schema as the other tests expect it: every migration applied."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("assessments"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_quizzes_and_questions_stay_published_and_get_the_page_workflow():
    before = [("assessments", "0004_translatable")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    locale = old.get_model("wagtailcore", "Locale").objects.get(language_code="en")
    question = old.get_model("assessments", "Question").objects.create(
        kind="single", title="Old question", text="Which crane?", locale=locale
    )
    _migrate_to_latest()
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    from assessments.models import Question, Quiz

    assert Question.objects.get(pk=question.pk).live
    for model in (Question, Quiz):
        content_type = ContentType.objects.get_for_model(model)
        assert WorkflowContentType.objects.filter(content_type=content_type).exists()
