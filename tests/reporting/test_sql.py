"""The reporting app's hand-written statement, on the database the suite runs on.

The suite runs on SQLite by default and on PostgreSQL with ``DATABASE_URL``
set; this statement is spliced from compiled SQL, so it is checked on both.
"""

import datetime as dt

import pytest
from django.db.models import F

from certificates.models import Certificate
from courses.models import Enrolment
from portal.reporting import sql
from portal.reporting.models import ParticipationFact
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


def test_year_and_utc_date_read_the_utc_calendar(db):
    course = make_course(modules=0)
    cohort = CohortFactory(course=course, start_date=dt.date(2024, 3, 9))
    enrolment = Enrolment.objects.create(participant=ParticipantFactory(), cohort=cohort)
    # 23:30 on New Year's Eve in UTC is already the next year east of Greenwich.
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)
    )

    row = Enrolment.objects.filter(pk=enrolment.pk).values(
        year=sql.Year("enrolled_at", tzinfo=dt.UTC),
        day=sql.UTCDate("enrolled_at", tzinfo=dt.UTC),
        start_year=sql.Year("cohort__start_date"),
    )[0]

    assert row == {"year": 2025, "day": dt.date(2025, 12, 31), "start_year": 2024}
