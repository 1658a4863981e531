"""The SQL of the assessments app that the ORM does not write for it.

- ``question_rows_update``: on SQLite, the UPDATE of every question row of an
  attempt in one statement (a ``CASE`` per field), built before the write
  transaction begins.

Why it stays (``bench/bench_assessments_submit.py``, which serves the submit
both ways in the same run and prints the ratio): on SQLite the transaction is
``BEGIN IMMEDIATE``, so the database's one write lock is held from its first
statement to its commit, and every other writer of every worker queues behind
it. The ORM's writes (``bulk_update``, or the upsert the services use) compile
their statement inside that transaction; a submit of ten questions spends a few
milliseconds of CPU there, and the GIL hand-overs of a threaded worker stretch
them further. Built here before ``BEGIN``, the lock is held for two executions.
PostgreSQL locks rows, not the database, and the benchmark shows no gain there:
it keeps the ORM's statement (``services._question_rows_write``).

Every value is a bound parameter, adapted by the model field as the ORM adapts
it (``get_db_prep_save``); only quoted column and table names are written into
the statement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connections

from .models import AttemptQuestion


def question_rows_update(
    rows: Sequence[AttemptQuestion], fields: Sequence[str], *, using: str = "default"
) -> Callable[[], int] | None:
    """The UPDATE of ``fields`` on every one of ``rows``, ready to run, on SQLite only.

    Args:
        rows: existing attempt questions carrying the values to write.
        fields: the names of the fields to write (not the primary key).
        using: the database alias.

    Returns:
        A callable that runs the prepared statement(s) and answers how many rows
        were updated, or ``None`` when the database is not SQLite: the caller
        then writes with the ORM.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return None
    statements = [
        _case_update(batch, fields, connection)
        for batch in _batches(list(rows), len(fields), connection)
    ]

    def run() -> int:
        updated = 0
        with connection.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
                updated += cursor.rowcount
        return updated

    return run


def _batches(rows: list[AttemptQuestion], width: int, connection) -> list[list]:
    """``rows`` cut so that no statement binds more parameters than the database takes."""
    limit = connection.features.max_query_params or 999
    per_row = 2 * width + 1  # a WHEN key and value per field, and the key in the IN list
    size = max(1, limit // per_row)
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def _case_update(
    rows: list[AttemptQuestion], fields: Sequence[str], connection
) -> tuple[str, list]:
    """``UPDATE … SET f = CASE pk WHEN %s THEN %s … END, … WHERE pk IN (…)`` and its params.

    SQLite's columns take any value, so the ``CASE`` needs no cast.
    """
    meta = AttemptQuestion._meta
    quote = connection.ops.quote_name
    pk = quote(meta.pk.column)
    model_fields = [meta.get_field(name) for name in fields]
    whens = " ".join(["WHEN %s THEN %s"] * len(rows))
    assignments = ", ".join(
        f"{quote(field.column)} = CASE {pk} {whens} END" for field in model_fields
    )
    params: list = []
    for field in model_fields:
        for row in rows:
            params += [row.pk, field.get_db_prep_save(getattr(row, field.attname), connection)]
    params += [row.pk for row in rows]
    keys = ", ".join(["%s"] * len(rows))
    statement = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {pk} IN ({keys})"  # noqa: S608 - quoted names only
    return statement, params
