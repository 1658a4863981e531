"""The SQL of the reporting app that the ORM does not write for it.

- ``facts_insert_select``: INSERT … SELECT of the participation facts.
- ``read_by_dimension_index``: on SQLite, a live breakdown reads the facts
  through the index made for exactly its dimensions (``INDEXED BY``).

The participation facts are computed by one SELECT over the enrolments
(``services._fact_select``, an ordinary queryset). Django has no
``INSERT … SELECT``; the ORM way is to read the rows into Python and write them
back with ``bulk_create``. ``bench/bench_reporting.py`` times a rebuild of the
facts of 100,000 participants both ways, on SQLite and on PostgreSQL, and
prints the ratio: the statement here keeps every row inside the database.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.datastructures import BaseTable

from .models import FACT_DIMENSIONS, ParticipationFact


def facts_insert_select(
    select: QuerySet, *, columns: tuple[str, ...], using: str = "default"
) -> int:
    """``INSERT INTO`` the facts table's ``columns`` from ``select``, in one statement.

    Args:
        select: a ``values()`` queryset whose columns are, in order, ``columns``
            spelled ``f_<column without _id>``.
        columns: the facts' column names, in the order of the SELECT list.
        using: the database alias (the data migration passes its own).

    Returns:
        How many rows were written.

    Raises:
        RuntimeError: the SELECT list is not in ``columns`` order.
    """
    connection = connections[using]
    compiler = select.query.get_compiler(connection=connection)
    select_sql, params = compiler.as_sql()
    # The SELECT list must be in ``columns`` order; say so loudly if Django ever reorders it.
    aliases = [alias for _expr, _sql, alias in compiler.select]
    expected = [f"f_{column.removesuffix('_id')}" for column in columns]
    if aliases != expected:
        raise RuntimeError(f"Unexpected column order for the facts: {aliases}")
    quote = connection.ops.quote_name
    insert = "INSERT INTO {} ({}) {}".format(
        quote(ParticipationFact._meta.db_table),
        ", ".join(quote(column) for column in columns),
        select_sql,
    )
    with connection.cursor() as cursor:
        cursor.execute(insert, params)
        return max(cursor.rowcount, 0)


# --- A breakdown through the index for its dimensions (SQLite) -----------------------


def dimension_index(dims: Sequence[str]) -> str | None:
    """The name of the facts' covering index for exactly ``dims``, if there is one.

    ``ParticipationFact.Meta.indexes`` has one per dimension and per pair,
    ordered (``dims`` in ``FACT_DIMENSIONS`` order, participant, measures).
    """
    if not dims or any(d not in FACT_DIMENSIONS for d in dims):
        return None
    name = "reporting_fact_by_" + "_".join(FACT_DIMENSIONS[d] for d in FACT_DIMENSIONS if d in dims)
    names = {index.name for index in ParticipationFact._meta.indexes}
    return name if name in names else None


class IndexedTable(BaseTable):
    """The query's base table, read on SQLite through the named index only.

    SQLite writes the hint after the table (and its alias): ``"t" INDEXED BY
    "i"``. Other databases have no such hint and get the plain table.
    """

    def __init__(self, table_name: str, alias: str, index: str):
        super().__init__(table_name, alias)
        self.index = index

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"{sql} INDEXED BY {compiler.quote_name(self.index)}", params

    def relabeled_clone(self, change_map):
        return self.__class__(
            self.table_name, change_map.get(self.table_alias, self.table_alias), self.index
        )

    @property
    def identity(self):
        return self.__class__, self.table_name, self.table_alias, self.index


def read_by_dimension_index(rows: QuerySet, dims: Sequence[str]) -> QuerySet:
    """``rows`` (a GROUP BY of the facts over ``dims``) reading the index for ``dims``.

    On SQLite only, and only when that index exists; otherwise ``rows`` as given.
    Every covering index that starts with the grouped columns gives SQLite's
    planner the same estimate, so it may read a breakdown by gender through the
    index led by (gender, cohort): within each group the participants then
    arrive out of order, and counting them distinct costs about twice as much.
    ``bench/bench_reporting.py`` prints the report with and without this hint
    on SQLite (2.3-2.8x slower without it at 100,000 participants); PostgreSQL
    has no hint and its planner needs none. The queryset stays the ORM's:
    the same SELECT, values and conversions, with the hint on its FROM table.
    """
    if connections[rows.db].vendor != "sqlite":
        return rows
    index = dimension_index(dims)
    if index is None:
        return rows
    rows = rows.all()
    query = rows.query
    alias = query.get_initial_alias()
    table = query.alias_map[alias]
    if table.table_name != ParticipationFact._meta.db_table:
        return rows
    query.alias_map[alias] = IndexedTable(table.table_name, table.table_alias, index)
    return rows
