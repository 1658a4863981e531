"""The quiz save and submit paths as they were before the ORM rewrite (issue 13).

For ``bench_assessments_submit.py`` only: it serves the portal once with the
services as they are and once with these hand-built statements patched in, so
that the benchmark prints what the ORM version costs against them. Copied from
``assessments/services.py`` at commit eb2e3a0; not used by the portal itself.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import grading
from assessments import services as orm_services
from assessments.models import Attempt, AttemptQuestion, AttemptStatus, QuizKind
from assessments.selectors import attempt_questions_for_grading, attempt_time_is_up
from assessments.services import AttemptClosed, _clean_answers, _percent


def install() -> None:
    """Patch the hand-built save and submit into ``assessments.services``."""
    orm_services.attempt_save_answers = attempt_save_answers
    orm_services.attempt_submit = attempt_submit


def attempt_save_answers(
    *, attempt: Attempt, answers: dict[int, object], now: datetime | None = None
) -> int:
    """Store the learner's answers (by question position) on an open attempt.

    Answers are checked before the write transaction; the transaction first
    stamps ``last_saved_at`` only if the attempt is still open and in time
    (one conditional UPDATE, which also makes a concurrent submit re-read),
    then writes the answers.

    Returns:
        How many answers were stored.

    Raises:
        AttemptClosed: the attempt is submitted or out of time (nothing stored).
        AnswerRejected: an answer does not fit its question, or names a question
            not in the attempt (nothing stored).
    """
    from datetime import timedelta as _timedelta

    from assessments.selectors import grace_period_seconds

    now = now or timezone.now()
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise AttemptClosed(_("This attempt has been submitted; it cannot be changed."))
    if attempt_time_is_up(attempt=attempt, now=now):
        raise AttemptClosed(_("The time limit has passed; later answers are not saved."))
    questions, specs = attempt_questions_for_grading(attempt=attempt)
    changed = _clean_answers(questions=questions, answers=answers, specs=specs)
    for aq in changed:
        aq.saved_at = now
    in_time = Q(deadline__isnull=True) | Q(
        deadline__gte=now - _timedelta(seconds=grace_period_seconds())
    )
    rows_sql, rows_params, many = _question_rows_statement(changed, ["response", "saved_at"])
    with transaction.atomic():
        still_open = Attempt.objects.filter(
            in_time, pk=attempt.pk, status=AttemptStatus.IN_PROGRESS
        ).update(last_saved_at=now)
        if not still_open:
            raise AttemptClosed(_("This attempt is closed; the answer was not saved."))
        if rows_params:
            with connection.cursor() as cursor:
                (cursor.executemany if many else cursor.execute)(rows_sql, rows_params)
    return len(changed)


# --- Submitting ------------------------------------------------------------------


def _update_statement(model, fields: list[str], where: str = "") -> str:
    """``UPDATE <table> SET <field> = %s, ... WHERE <pk> = %s <where>`` for ``model``."""
    meta = model._meta
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in fields)
    return (
        f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608 - quoted identifiers only
        f"WHERE {quote(meta.pk.column)} = %s {where}"
    )


def _db_values(instance, fields: list[str]) -> list:
    """``fields`` of ``instance`` adapted for the database (JSON, dates, decimals)."""
    meta = type(instance)._meta
    return [
        meta.get_field(name).get_db_prep_save(
            getattr(instance, meta.get_field(name).attname), connection
        )
        for name in fields
    ]


def _question_rows_statement(questions: list[AttemptQuestion], fields: list[str]):
    """The UPDATE of ``fields`` on every row, prepared before the write transaction.

    Returns ``(sql, params, many)``: run with ``executemany`` when ``many``.
    ``bulk_update`` compiles a CASE expression per field and row; on the write
    paths, which hold the database's write lock, statements prepared before
    the transaction keep that lock for as short a time as possible.

    On SQLite all rows go in one statement (a CASE per field, written here):
    every statement costs the lock holder a hand-over of Python's GIL, during
    which a sibling thread of the worker may run on while all other writers
    wait. SQLite's dynamic typing needs no casts in the CASE; other databases
    get one prepared statement per row.
    """
    if connection.vendor != "sqlite":
        sql = _update_statement(AttemptQuestion, fields)
        return sql, [[*_db_values(aq, fields), aq.pk] for aq in questions], True
    meta = AttemptQuestion._meta
    quote = connection.ops.quote_name
    pk = quote(meta.pk.column)
    rows = [_db_values(aq, fields) for aq in questions]
    whens = " ".join(["WHEN %s THEN %s"] * len(questions))
    assignments = ", ".join(
        f"{quote(meta.get_field(name).column)} = CASE {pk} {whens} END" for name in fields
    )
    params = [
        value
        for index in range(len(fields))
        for aq, row in zip(questions, rows, strict=True)
        for value in (aq.pk, row[index])
    ]
    keys = ", ".join(["%s"] * len(questions))
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {assignments} "  # noqa: S608 - quoted identifiers only
        f"WHERE {pk} IN ({keys})"
    )
    return sql, [*params, *(aq.pk for aq in questions)] if questions else [], False


def attempt_submit(
    *, attempt: Attempt, answers: dict[int, object] | None = None, now: datetime | None = None
) -> Attempt:
    """Grade the attempt once and close it; a replay returns the graded attempt.

    Answers sent with the submit are stored first if they arrive in time; after
    the time limit and grace period they are ignored and the attempt is graded
    on what was saved in time.

    Reading and grading happen before the write transaction; the transaction
    then closes the attempt with a compare-and-set UPDATE (still open, nothing
    saved since it was read). Only one of several concurrent submits can win
    it; the others re-read and return the graded attempt. This keeps the
    database's write lock for a few statements only.

    Raises:
        AnswerRejected: an answer sent with the submit does not fit (nothing
            stored, the attempt stays open).
    """
    now = now or timezone.now()
    current = attempt if "quiz" in attempt._state.fields_cache else None
    while True:
        if current is None:
            current = Attempt.objects.select_related("quiz", "enrolment__cohort__course").get(
                pk=attempt.pk
            )
        if current.status != AttemptStatus.IN_PROGRESS:
            return current
        late = attempt_time_is_up(attempt=current, now=now)
        questions, specs = attempt_questions_for_grading(attempt=current)
        if answers and not late:
            changed = _clean_answers(questions=questions, answers=answers, specs=specs)
            for aq in changed:
                aq.saved_at = now
        total = Decimal("0")
        for aq in questions:
            aq.score = grading.grade(specs[aq.question_id], aq.response).score
            total += aq.score
        current.status = AttemptStatus.SUBMITTED
        current.submitted_at = min(now, current.deadline) if late and current.deadline else now
        current.score = min(total, current.max_score)
        current.percent = _percent(current.score, current.max_score)
        current.passed = (
            True
            if current.quiz.kind == QuizKind.SURVEY
            else current.percent >= current.quiz.pass_mark
        )
        # Both statements are prepared first: the write lock is held for two
        # executions only. The attempt closes only if it is still open and
        # nothing was saved since it was read (compare-and-set).
        closing = ["status", "submitted_at", "score", "percent", "passed"]
        quote = connection.ops.quote_name
        where = f"AND {quote('status')} = %s AND {quote('last_saved_at')} " + (
            "= %s" if current.last_saved_at else "IS NULL"
        )
        close_sql = _update_statement(Attempt, closing, where)
        close_params = [*_db_values(current, closing), current.pk, AttemptStatus.IN_PROGRESS.value]
        if current.last_saved_at:
            close_params += _db_values(current, ["last_saved_at"])
        rows_sql, rows_params, many = _question_rows_statement(
            questions, ["response", "saved_at", "score"]
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(close_sql, close_params)
            if cursor.rowcount != 1:
                current = None
                continue  # submitted or changed meanwhile: read again
            if rows_params:
                (cursor.executemany if many else cursor.execute)(rows_sql, rows_params)
        # Completion reads the course's requirements; it runs after the write
        # lock is released and only when this attempt can have changed it: a
        # failed attempt never makes a quiz grade passing, whatever the method.
        if current.enrolment_id and current.passed:
            from courses.services import enrolment_completion_update

            enrolment_completion_update(enrolment=current.enrolment)
        return current
