"""The participation facts stay equal to a full rebuild through every path that changes them.

Each test changes an input through the service (or admin view) that users go
through, then checks two things: the facts did change (so a missing refresh
would be caught), and they equal what ``participation_facts_rebuild`` makes
from the source tables.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses import services as courses_services
from courses.models import Cohort, CohortMode, Enrolment
from courses.signals import enrolments_changed
from portal.core.signals import changes_batched
from portal.registry import services as registry_services
from portal.reporting.models import ParticipationFact
from portal.reporting.report import Filters
from portal.reporting.selectors import breakdown, live_source
from portal.reporting.services import (
    participation_facts_rebuild,
    participation_facts_refresh,
)
from tests.certificates.conftest import _signing_key, _signing_key_pem  # noqa: F401
from tests.courses.factories import CohortFactory, make_course, self_paced
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

COLUMNS = [f.attname for f in ParticipationFact._meta.concrete_fields]


def facts() -> set[tuple]:
    return set(ParticipationFact.objects.values_list(*COLUMNS))


def rebuilt() -> set[tuple]:
    participation_facts_rebuild()
    return facts()


def assert_changed_and_current(before: set[tuple]) -> set[tuple]:
    now = facts()
    assert now != before, "the change did not reach the facts"
    assert now == rebuilt()
    return now


@pytest.fixture
def course(db):
    # No modules and no quizzes: completion needs nothing but an active enrolment.
    return make_course(modules=0)


@pytest.fixture
def workshop(course):
    return CohortFactory(
        course=course,
        slug="khurkh-2025",
        start_date=dt.date(2025, 7, 6),
        end_date=dt.date(2025, 7, 8),
    )


def person(**values):
    values = {"gender": "woman", "birth_year": 1990, "country": "MN", **values}
    return ParticipantFactory(**values)


def enrol(participant, cohort) -> Enrolment:
    return courses_services.enrolment_create(participant=participant, cohort=cohort)


def test_enrol_adds_a_fact_with_every_dimension(workshop):
    before = facts()
    enrolment = enrol(person(organisation_type="ngo"), workshop)
    assert_changed_and_current(before)
    fact = ParticipationFact.objects.get(enrolment=enrolment)
    assert (fact.gender, fact.country, fact.organisation_type) == ("woman", "MN", "ngo")
    assert (fact.year, fact.reference_date, fact.youth) == (2025, dt.date(2025, 7, 6), "youth")
    assert (fact.course_id, fact.cohort_id) == (workshop.course_id, workshop.pk)
    assert not fact.completed and not fact.certified


def test_waitlisted_has_no_fact_until_promoted_by_a_withdrawal(workshop):
    workshop.capacity = 1
    workshop.save()
    first = enrol(person(), workshop)
    waiting = enrol(person(), workshop)
    assert waiting.status == "waitlisted"
    assert not ParticipationFact.objects.filter(enrolment=waiting).exists()
    before = facts()
    courses_services.enrolment_withdraw(enrolment=first)
    assert_changed_and_current(before)
    # The withdrawn still count (BRIEF §3), the promoted one now does too.
    assert set(ParticipationFact.objects.values_list("enrolment_id", flat=True)) == {
        first.pk,
        waiting.pk,
    }


def test_completion(course):
    enrolment = enrol(person(), self_paced(course))
    before = facts()
    assert courses_services.enrolment_completion_update(enrolment=enrolment)
    assert_changed_and_current(before)
    assert ParticipationFact.objects.get(enrolment=enrolment).completed


@pytest.mark.parametrize(
    "change",
    [{"gender": "man"}, {"country": "JP"}, {"birth_year": 1980}, {"organisation_type": "academia"}],
)
def test_profile_edit(workshop, change):
    participant = person()
    enrol(participant, workshop)
    before = facts()
    registry_services.participant_update(
        participant=participant, acting_user=None, reason="Corrected", **change
    )
    assert_changed_and_current(before)


def test_profile_edit_of_other_fields_writes_no_facts(workshop):
    participant = person()
    enrol(participant, workshop)
    before = facts()
    registry_services.participant_update(
        participant=participant, acting_user=None, reason="New job", position="Ranger"
    )
    assert facts() == before == rebuilt()


def test_merge_moves_facts_to_the_person_kept(workshop, course):
    keep = person(gender="undisclosed", country="")
    duplicate = person(gender="woman", country="KR", user=None)
    enrol(keep, workshop)
    enrol(duplicate, workshop)  # both in the same cohort: the earlier one stays
    enrol(duplicate, self_paced(course))
    before = facts()
    result = registry_services.participant_merge(
        keep=keep, duplicate=duplicate, acting_user=None, reason="Same person"
    )
    now = assert_changed_and_current(before)
    assert {row[COLUMNS.index("participant_id")] for row in now} == {keep.pk}
    assert len(now) == 2
    assert not any("participation fact" in note for note in result.notes)


def test_anonymise_and_account_delete(workshop, settings):
    settings.REGISTRY_ANONYMISE_KEEPS = ()  # erase the reported fields too
    first, second = person(), person(gender="man", country="JP")
    enrol(first, workshop)
    enrol(second, workshop)
    before = facts()
    registry_services.participant_anonymise(participant=first, acting_user=None, reason="Asked")
    before = assert_changed_and_current(before)
    registry_services.account_delete(user=second.user)
    assert_changed_and_current(before)
    genders = set(ParticipationFact.objects.values_list("gender", "country", "youth"))
    assert genders == {("undisclosed", "", "unknown")}


def test_import_updates_profiles_and_enrols_in_one_refresh(workshop, tmp_path):
    existing = person(email="oyuna@example.org")
    enrol(existing, workshop)
    path = tmp_path / "workshop.csv"
    path.write_text(
        "email,given_name,family_name,gender,birth_year,country,cohort\n"
        "oyuna@example.org,Oyuna,Bat,F,1975,MN,\n"
        "minjun@example.org,Minjun,Kim,M,1999,KR,khurkh-2025\n",
        encoding="utf-8",
    )
    before = facts()
    call_command("import_participants", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    now = assert_changed_and_current(before)
    assert len(now) == 2
    assert ParticipationFact.objects.get(participant=existing).youth == "non_youth"


def test_certificate_issue_and_revoke(course):
    from certificates.services import certificate_issue, certificate_revoke

    enrolment = enrol(person(), self_paced(course))
    courses_services.enrolment_completion_update(enrolment=enrolment)
    before = facts()
    certificate = certificate_issue(enrolment=enrolment, notify=False)
    before = assert_changed_and_current(before)
    assert ParticipationFact.objects.get(enrolment=enrolment).certified
    certificate_revoke(certificate=certificate, acting_user=None, reason="Issued in error")
    assert_changed_and_current(before)
    assert not ParticipationFact.objects.get(enrolment=enrolment).certified


def test_cohort_start_date_change_in_the_admin(client, admin_user, workshop):
    enrol(person(birth_year=1990), workshop)
    before = facts()
    client.force_login(admin_user)
    response = client.post(
        reverse("cohorts:edit", args=[workshop.pk]),
        {
            "course": workshop.course_id,
            "title": workshop.title,
            "slug": workshop.slug,
            "mode": CohortMode.IN_PERSON,
            "start_date": "2026-07-06",  # one year later: aged 36, no longer youth
            "end_date": "2026-07-08",
            "venue": workshop.venue,
            "country": "MN",
            "partners": "",
            "capacity": "",
            "attendance_threshold": "80",
            "days-TOTAL_FORMS": "0",
            "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0",
            "days-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Cohort.objects.get(pk=workshop.pk).start_date == dt.date(2026, 7, 6)
    assert_changed_and_current(before)
    fact = ParticipationFact.objects.get()
    assert (fact.year, fact.youth) == (2026, "non_youth")
    assert [r.keys for r in breakdown(["year"]).rows] == [(2026,)]


def test_batched_changes_refresh_once_at_the_end(workshop):
    people = [person() for _ in range(3)]
    enrolments = [Enrolment.objects.create(participant=p, cohort=workshop) for p in people]
    with changes_batched():
        for e in enrolments:
            enrolments_changed.send_changes(sender=Enrolment, enrolment_ids=[e.pk])
        assert not ParticipationFact.objects.exists()
    assert ParticipationFact.objects.count() == 3
    assert facts() == rebuilt()


def test_rebuild_is_all_or_nothing(workshop, monkeypatch):
    from portal.reporting import services

    enrol(person(), workshop)
    before = facts()
    assert before

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "participation_facts_insert", broken)
    with pytest.raises(RuntimeError):
        participation_facts_rebuild()
    assert facts() == before


def test_rebuild_command_shows_progress_and_counts(workshop):
    enrol(person(), workshop)
    ParticipationFact.objects.all().delete()
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_report_facts", stdout=out, stderr=err)
    assert "1 participation facts written" in out.getvalue()
    assert "100 %" in err.getvalue()
    assert ParticipationFact.objects.count() == 1


def test_an_expired_certificate_stops_counting_without_a_write(course):
    from certificates.services import certificate_issue

    enrolment = enrol(person(), self_paced(course))
    courses_services.enrolment_completion_update(enrolment=enrolment)
    now = dt.datetime.now(dt.UTC)
    certificate_issue(enrolment=enrolment, notify=False, expires_at=now + dt.timedelta(days=1))
    today = live_source(Filters(), now=now)
    tomorrow = live_source(Filters(), now=now + dt.timedelta(days=2))
    assert today.queryset.filter(today.certified).count() == 1
    assert tomorrow.queryset.filter(tomorrow.certified).count() == 0


def test_a_refresh_is_three_statements_whatever_the_number_of_enrolments(
    course, workshop, django_assert_num_queries
):
    participant = person()
    enrol(participant, workshop)
    enrol(participant, self_paced(course))
    # Two DELETEs and one INSERT … SELECT (plus the savepoint around them).
    with django_assert_num_queries(5):
        participation_facts_refresh(participant_ids=[participant.pk])
    other = CohortFactory(course=course, start_date=dt.date(2026, 3, 1))
    enrol(participant, other)
    with django_assert_num_queries(5):
        participation_facts_refresh(participant_ids=[participant.pk])
    assert ParticipationFact.objects.filter(participant=participant).count() == 3
