"""The submit's question-row write two ways, for ``bench_assessments_submit.py`` only.

The portal writes an attempt's question rows (``assessments.services``,
``_question_rows_writer``) with ``assessments.sql.question_rows_update`` on
SQLite — one UPDATE with a CASE per field, prepared before ``BEGIN IMMEDIATE``
— and with the ORM's upsert elsewhere. The benchmark serves the portal twice,
with one of these patched in, so that both ways run on each database:

- ``orm()``: the ORM's statement on every database (what SQLite would run
  without ``sql.py``);
- ``hand_built()``: a statement prepared before the transaction on every
  database: on SQLite ``sql.question_rows_update`` itself, on PostgreSQL one
  UPDATE per row run with ``executemany`` (what the portal ran there before
  the ORM rewrite, commit eb2e3a0), to see whether PostgreSQL would gain.

Not used by the portal itself.
"""

from __future__ import annotations

from django.db import connections

from assessments import sql
from assessments.models import AttemptQuestion

portal_question_rows_update = sql.question_rows_update


def orm() -> None:
    """Patch the ORM's write in on every database."""
    sql.question_rows_update = lambda rows, fields, *, using="default": None


def hand_built() -> None:
    """Patch a statement prepared before the transaction in on every database."""
    sql.question_rows_update = _prepared_everywhere


def _prepared_everywhere(rows, fields, *, using="default"):
    prepared = portal_question_rows_update(rows, fields, using=using)
    if prepared is not None:
        return prepared
    connection = connections[using]
    meta = AttemptQuestion._meta
    quote = connection.ops.quote_name
    model_fields = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in model_fields)
    statement = (
        f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608 - quoted names only
    )
    params = [
        [
            *(
                field.get_db_prep_save(getattr(row, field.attname), connection)
                for field in model_fields
            ),
            row.pk,
        ]
        for row in rows
    ]

    def run() -> int:
        if not params:
            return 0
        with connection.cursor() as cursor:
            cursor.executemany(statement, params)
            return cursor.rowcount

    return run
