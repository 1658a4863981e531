"""The assessments app's hand-written statement, on the database the suite runs on.

The suite runs on SQLite by default and on PostgreSQL with ``DATABASE_URL``
set. ``sql.question_rows_update`` is SQLite's write of a submit's question
rows; elsewhere the ORM writes them. Either way the rows must come out the same.
"""

# ruff: noqa: S311 - seeded generators make the data repeatable

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services, sql
from assessments.models import AttemptQuestion
from tests.assessments.factories import choice_value, make_question, make_quiz

FIELDS = ["response", "saved_at", "score", "max_score"]


def _orm_write(rows, fields):
    """What the services write where ``sql.question_rows_update`` does not apply."""
    AttemptQuestion.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["id"], update_fields=fields
    )


def _random_value(rng, name):
    if name == "response":
        return rng.choice(
            [
                None,
                {"choice": rng.randint(1, 10**6)},
                {"choices": [rng.randint(1, 999) for _ in range(rng.randint(0, 4))]},
                {"value": rng.choice([True, False, 1210, -3.25, "grus monacha"])},
                {"text": "Журавль «серый» 丹顶鹤 'quoted' \"; DROP TABLE x; --"},
                {"pairs": {"12": "a", "13": None}},
            ]
        )
    if name == "saved_at":
        return rng.choice(
            [
                None,
                dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
                + dt.timedelta(seconds=rng.randint(0, 10**8), microseconds=rng.randint(0, 999999)),
            ]
        )
    if name == "score":  # at most the row's maximum score (a check constraint)
        return rng.choice([None, Decimal(rng.randint(0, 100)) / 100])
    return Decimal(rng.randint(100, 9999)) / 100  # max_score: not null, at least the score


def _attempt_rows(participant, count):
    quiz = make_quiz([make_question(["single", "true_false"][n % 2]) for n in range(count)])
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    return list(attempt.questions.order_by("position"))


def _stored(rows, fields):
    by_pk = {row.pk: row for row in AttemptQuestion.objects.filter(pk__in=[r.pk for r in rows])}
    return [tuple(getattr(by_pk[row.pk], name) for name in fields) for row in rows]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(6))
def test_the_prepared_update_stores_what_the_orm_stores(participant, seed):
    rng = random.Random(seed)
    rows = _attempt_rows(participant, rng.randint(1, 12))
    fields = rng.sample(FIELDS, rng.randint(1, len(FIELDS)))
    values = [{name: _random_value(rng, name) for name in fields} for _ in rows]
    original = _stored(rows, fields)

    def write(how):
        for row, row_values in zip(rows, values, strict=True):
            for name, value in row_values.items():
                setattr(row, name, value)
        how()
        return _stored(rows, fields)

    prepared = []

    def hand_built_write():
        prepared.append(sql.question_rows_update(rows, fields))
        if prepared[0] is not None:
            prepared[0]()

    hand_built = write(hand_built_write)
    for row, row_original in zip(rows, original, strict=True):
        AttemptQuestion.objects.filter(pk=row.pk).update(
            **dict(zip(fields, row_original, strict=True))
        )
    assert _stored(rows, fields) == original  # back to where it started
    orm = write(lambda: _orm_write(rows, fields))

    expected = [tuple(row_values[name] for name in fields) for row_values in values]
    assert orm == expected
    if connection.vendor == "sqlite":
        assert hand_built == orm
    else:
        assert prepared == [None], "the hand-built statement is for SQLite only"


@pytest.mark.django_db
def test_the_prepared_update_splits_what_one_statement_cannot_bind(participant, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("the statement is SQLite's")
    rows = _attempt_rows(participant, 7)
    for number, row in enumerate(rows):
        row.score = Decimal(number) / 10  # at most the row's maximum, 1
        row.response = {"value": number}
    # 2 rows of 2 fields per statement
    monkeypatch.setattr(type(connection.features), "max_query_params", 10)

    prepared = sql.question_rows_update(rows, ["response", "score"])
    with CaptureQueriesContext(connection) as queries:
        updated = prepared()

    assert updated == 7 and len(queries) == 4
    assert _stored(rows, ["response", "score"]) == [
        ({"value": n}, Decimal(n) / 10) for n in range(7)
    ]


@pytest.mark.django_db
def test_submit_writes_its_rows_with_the_prepared_update_on_sqlite_only(participant, monkeypatch):
    quiz = make_quiz([make_question() for _ in range(5)])
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    rows = list(attempt.questions.select_related("question").order_by("position"))
    answers = {}
    for aq in rows:
        right = next(c for c in aq.question.choices.all() if c.is_correct)
        answers[aq.position] = {"choice": choice_value(attempt, right)}
    depths = []  # transaction depth when the write is prepared, and when it runs
    prepare = sql.question_rows_update

    def spy(rows, fields, **kwargs):
        depths.append(len(connection.atomic_blocks))
        run = prepare(rows, fields, **kwargs)
        if run is None:
            return None

        def run_and_note():
            depths.append(len(connection.atomic_blocks))
            return run()

        return run_and_note

    monkeypatch.setattr(sql, "question_rows_update", spy)

    with CaptureQueriesContext(connection) as queries:
        graded = services.attempt_submit(attempt=attempt, answers=answers)

    assert graded.score == Decimal("5.00")
    if connection.vendor == "sqlite":  # prepared before BEGIN (IMMEDIATE), run inside
        assert len(depths) == 2 and depths[0] < depths[1], depths
    table = '"assessments_attemptquestion"'
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].startswith((f"UPDATE {table}", f"INSERT INTO {table}"))
    ]
    assert len(writes) == 1, writes
    if connection.vendor == "sqlite":
        assert (
            writes[0].startswith('UPDATE "assessments_attemptquestion" SET') and "CASE" in writes[0]
        )
    else:
        assert writes[0].startswith("INSERT") and "ON CONFLICT" in writes[0]
    assert [row.score for row in AttemptQuestion.objects.filter(attempt=attempt)] == [
        Decimal("1.00")
    ] * 5
