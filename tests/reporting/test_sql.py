"""The reporting app's hand-written SQL, on the database the suite runs on.

The suite runs on SQLite by default and on PostgreSQL with ``DATABASE_URL``
set; these statements are spliced from compiled SQL or differ per database, so
they are checked on both.
"""

# ruff: noqa: S311 - seeded generators make the data repeatable

import datetime as dt
import itertools
import random

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from certificates.models import Certificate
from courses.models import Enrolment
from courses.services import course_self_paced_cohort_ensure
from portal.reporting import selectors, sql
from portal.reporting.definitions import Dimension
from portal.reporting.loaddata import generate_load_data
from portal.reporting.models import FACT_DIMENSIONS, ParticipationFact
from portal.reporting.report import Filters
from portal.reporting.services import FACT_COLUMNS, _fact_select
from tests.courses.factories import CohortFactory, make_course
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

COLUMNS = [f.attname for f in ParticipationFact._meta.concrete_fields]


def test_insert_select_writes_what_the_select_reads(load_data):
    select = _fact_select(Enrolment.objects.all(), Certificate.objects.all())
    expected = {
        tuple(row[f"f_{column.removesuffix('_id')}"] for column in COLUMNS) for row in select
    }
    ParticipationFact.objects.all().delete()

    written = sql.facts_insert_select(select, columns=FACT_COLUMNS)

    assert written == len(expected) > 0
    assert set(ParticipationFact.objects.values_list(*COLUMNS)) == expected


def test_insert_select_refuses_columns_out_of_order(load_data):
    select = Enrolment.objects.annotate(f_participant=F("participant_id"), f_enrolment=F("pk"))
    ParticipationFact.objects.all().delete()

    with pytest.raises(RuntimeError, match="column order"):
        sql.facts_insert_select(
            select.values("f_participant", "f_enrolment"),
            columns=("enrolment_id", "participant_id"),
        )

    assert not ParticipationFact.objects.exists()


def test_the_fact_year_and_day_read_the_utc_calendar(db):
    """Django's ExtractYear and TruncDate, in UTC, on both databases (the SQLite
    versions of ``sql.py`` measured no faster: ``bench_reporting.py``)."""
    course = make_course(modules=0)
    self_paced = course_self_paced_cohort_ensure(course=course)
    dated = CohortFactory(course=course, start_date=dt.date(2024, 3, 9))
    late = Enrolment.objects.create(participant=ParticipantFactory(), cohort=self_paced)
    on_time = Enrolment.objects.create(participant=ParticipantFactory(), cohort=dated)
    # 23:30 on New Year's Eve in UTC is already the next year east of Greenwich.
    Enrolment.objects.filter(pk__in=[late.pk, on_time.pk]).update(
        enrolled_at=dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    )

    rows = {
        row["f_enrolment"]: (row["f_year"], row["f_reference_date"])
        for row in _fact_select(Enrolment.objects.all(), Certificate.objects.all())
    }

    assert rows[late.pk] == (2025, dt.date(2025, 12, 31))
    assert rows[on_time.pk] == (2024, dt.date(2024, 3, 9))
    assert all(type(year) is int for year, _day in rows.values())


# --- A breakdown through the index for its dimensions ---------------------------------


def _orm_rows(monkeypatch, source, dims, **kwargs):
    """``breakdown_rows`` as the ORM alone answers it (the SQLite hint switched off)."""
    with monkeypatch.context() as patch:
        patch.setattr(sql, "read_by_dimension_index", lambda rows, dims: rows)
        return selectors.breakdown_rows(source, dims, **kwargs)


def _key(row):
    return sorted(row.items(), key=lambda item: item[0])


def _filters_for(rng):
    """No filter, or one or two of the filters a reader can set, drawn from the data."""
    facts = list(ParticipationFact.objects.select_related("course", "cohort")[:50])
    fact = rng.choice(facts)
    choices = [
        {},
        {"year": fact.year},
        {"country": fact.country or "MN"},
        {"course": fact.course.slug},
        {"cohort": fact.cohort.slug, "year": fact.year},
        {"date_from": fact.reference_date - dt.timedelta(days=200)},
    ]
    return Filters(**rng.choice(choices))


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_breakdown_through_the_index_gives_the_orm_figures(db, monkeypatch, seed):
    rng = random.Random(seed)
    generate_load_data(participants=rng.randint(60, 160), seed=seed)
    shapes = [[d] for d in Dimension.values]
    shapes += [
        list(pair) for pair in rng.sample(list(itertools.combinations(Dimension.values, 2)), 6)
    ]
    compared = 0
    for dims in shapes:
        filters = _filters_for(rng)
        with_pass_rates = rng.random() < 0.5
        source = selectors.live_source(filters)

        hinted = selectors.breakdown_rows(source, dims, with_pass_rates=with_pass_rates)
        plain = _orm_rows(monkeypatch, source, dims, with_pass_rates=with_pass_rates)

        assert sorted(map(_key, hinted)) == sorted(map(_key, plain)), (dims, filters)
        compared += sum(row["participants"] for row in hinted)
    assert compared > 0


def test_the_index_hint_is_written_on_sqlite_only(load_data):
    source = selectors.live_source(Filters())
    for dims in (["gender"], ["country", "year"], ["cohort"]):
        with CaptureQueriesContext(connection) as queries:
            selectors.breakdown_rows(source, dims)

        index = sql.dimension_index(dims)
        ordered = [d for d in FACT_DIMENSIONS if d in dims]
        assert index == "reporting_fact_by_" + "_".join(FACT_DIMENSIONS[d] for d in ordered)
        statement = queries.captured_queries[-1]["sql"]
        hinted = f'INDEXED BY "{index}"' in statement
        assert hinted is (connection.vendor == "sqlite"), statement


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_sqlite_reads_the_breakdown_through_the_named_index(load_data):
    rows = selectors.live_source(Filters()).queryset.values("gender").annotate(n=F("pk"))
    statement, params = sql.read_by_dimension_index(rows, ["gender"]).query.sql_with_params()

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {statement}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())

    assert "reporting_fact_by_gen " in plan + " ", plan


def test_no_hint_without_an_index_for_the_dimensions(load_data):
    rows = ParticipationFact.objects.values("gender", "country", "year")

    assert sql.dimension_index(["gender", "country", "year"]) is None
    assert sql.dimension_index([]) is None
    assert sql.read_by_dimension_index(rows, ["gender", "country", "year"]) is rows


def test_frozen_years_are_read_without_the_hint(load_data):
    from portal.reporting import services

    year = (
        ParticipationFact.objects.filter(year__lte=dt.date.today().year)
        .values_list("year", flat=True)
        .first()
    )
    snapshot = services.snapshot_freeze(year=year, acting_user=None)
    source = selectors.frozen_source(snapshot, Filters(year=year))

    with CaptureQueriesContext(connection) as queries:
        rows = selectors.breakdown_rows(source, ["gender"])

    assert sum(row["participants"] for row in rows) > 0
    assert all("INDEXED BY" not in query["sql"] for query in queries.captured_queries)
