import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import selectors, services
from courses.models import (
    CohortMode,
    CourseLanguage,
    CoursePage,
    EnrolmentStatus,
    ModulePage,
    ModuleProgress,
)
from tests.courses.factories import (
    CohortDayFactory,
    CohortFactory,
    EnrolmentFactory,
    ParticipantFactory,
    course_index_page,
    fast_page_building,
    make_course,
    self_paced,
)

pytestmark = pytest.mark.django_db


def quick_course(index, n, *, modules=0, **fields):
    """A live course without revisions: fast enough to build hundreds."""
    course = CoursePage(
        title=f"Course {n}",
        slug=f"course-{n}",
        summary="About wetlands.",
        topic=fields.pop("topic", "habitat"),
        level=fields.pop("level", "intermediate"),
        estimated_hours=4,
        outcomes=[("outcome", "Assess a wetland.")],
        **fields,
    )
    course.languages = [CourseLanguage(language="en")]
    with fast_page_building():
        index.add_child(instance=course)
        for m in range(modules):
            course.add_child(
                instance=ModulePage(title=f"M{m}", slug=f"m{m}", body=[("rich_text", "<p>x</p>")])
            )
    services.course_self_paced_cohort_ensure(course=course)
    return course


# --- catalogue -------------------------------------------------------------------


def test_catalogue_filters_by_topic_level_language_mode_and_dates():
    index = course_index_page()
    surveys = make_course(index=index, modules=2, topic="surveys", level="introductory")
    drones = make_course(
        index=index, modules=1, topic="remote_sensing", level="advanced", languages=("en", "ru")
    )
    CohortFactory(course=drones, start_date=timezone.localdate() + datetime.timedelta(days=5))
    make_course(index=index, publish=False, topic="surveys")

    def titles(**filters):
        return [c.course.title for c in selectors.catalogue_courses(index_page=index, **filters)]

    assert titles() == [surveys.title, drones.title]  # the draft is not listed
    assert titles(topic="surveys") == [surveys.title]
    assert titles(level="advanced") == [drones.title]
    assert titles(language="ru") == [drones.title]
    assert titles(mode=CohortMode.IN_PERSON) == [drones.title]
    assert titles(mode=CohortMode.SELF_PACED) == [surveys.title, drones.title]
    assert titles(upcoming=True) == [drones.title]

    cards = {c.course.pk: c for c in selectors.catalogue_courses(index_page=index)}
    assert cards[surveys.pk].module_count == 2
    assert cards[drones.pk].next_cohort.mode == CohortMode.IN_PERSON
    assert cards[drones.pk].languages == ["English", "Russian"]


def test_catalogue_search_finds_words_in_the_summary():
    index = course_index_page()
    make_course(index=index, title="Colour banding", summary="Rings, permits and resightings.")
    make_course(index=index, title="Wetland habitat assessment", summary="Water depth.")
    found = selectors.catalogue_courses(index_page=index, q="resightings")
    assert [c.course.title for c in found] == ["Colour banding"]


def test_catalogue_queries_do_not_grow_with_courses():
    index = course_index_page()
    for n in range(10):
        quick_course(index, n, modules=2)
    with CaptureQueriesContext(connection) as ten:
        cards = selectors.catalogue_courses(index_page=index)
    assert len(cards) == 10
    for n in range(10, 200):
        quick_course(index, n)
    with CaptureQueriesContext(connection) as two_hundred:
        cards = selectors.catalogue_courses(index_page=index)
    assert len(cards) == 200
    assert len(two_hundred) == len(ten)


# --- progress --------------------------------------------------------------------


def test_course_page_context_shows_places_left_and_my_progress(course, participant):
    cohort = CohortFactory(course=course, capacity=2)
    services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    first = selectors.course_modules(course=course).first()
    services.module_mark_done(enrolment=enrolment, module=first)

    context = selectors.course_page_context(course=course, user=participant.user)
    by_slug = {c.slug: c for c in context["cohorts"]}
    assert by_slug[cohort.slug].places_left == 1
    assert by_slug[self_paced(course).slug].places_left is None
    assert by_slug[self_paced(course).slug].my_enrolment == enrolment
    assert context["is_enrolled"]
    assert (context["progress"].done, context["progress"].total) == (1, 3)
    assert context["next_module"] != first


def test_past_cohorts_are_not_offered(course):
    past = CohortFactory(
        course=course,
        start_date=datetime.date(2020, 7, 6),
        end_date=datetime.date(2020, 7, 8),
    )
    context = selectors.course_page_context(course=course, user=ParticipantFactory().user)
    assert past not in context["cohorts"]


def test_module_context_gives_previous_next_and_position(course, participant):
    modules = list(selectors.course_modules(course=course))
    context = selectors.module_page_context(module=modules[1], user=participant.user)
    assert context["previous_module"].pk == modules[0].pk
    assert context["next_module"].url == modules[2].url
    assert context["module_position"] == 2
    assert context["enrolment"] is None
    assert not context["can_mark_done"]


def test_dashboard_lists_courses_progress_next_step_and_dates(participant):
    crane = make_course(title="Crane survey techniques", modules=3)
    banding = make_course(title="Colour banding", modules=2)
    workshop = CohortFactory(course=banding)
    CohortDayFactory(cohort=workshop, title="Arrival and safety briefing")
    e1 = services.enrolment_create(participant=participant, cohort=self_paced(crane))
    services.enrolment_create(participant=participant, cohort=workshop)
    modules = list(selectors.course_modules(course=crane))
    services.module_mark_done(enrolment=e1, module=modules[0])

    context = selectors.dashboard_context(participant=participant)
    rows = {r.course.pk: r for r in context["in_progress"]}
    assert (rows[crane.pk].progress.done, rows[crane.pk].progress.total) == (1, 3)
    assert rows[crane.pk].next_module == modules[1]
    assert context["resume"].course.pk == crane.pk
    assert [u.label for u in context["upcoming"]] == ["Arrival and safety briefing"]
    assert {"certificates": []} in [s.data for s in context["sections"]]


def test_dashboard_queries_do_not_grow_with_enrolments(participant):
    index = course_index_page()
    courses = [quick_course(index, n, modules=2) for n in range(20)]
    first_modules = {c.pk: selectors.course_modules(course=c).first() for c in courses}

    def enrol(count, offset):
        for n in range(offset, offset + count):
            course = courses[n % len(courses)]
            cohort = CohortFactory(course=course, mode=CohortMode.ONLINE)
            enrolment = EnrolmentFactory(participant=participant, cohort=cohort)
            ModuleProgress.objects.create(enrolment=enrolment, module=first_modules[course.pk])

    enrol(10, 0)
    with CaptureQueriesContext(connection) as ten:
        context = selectors.dashboard_context(participant=participant)
    assert len(context["in_progress"]) == 10
    enrol(190, 10)
    with CaptureQueriesContext(connection) as two_hundred:
        context = selectors.dashboard_context(participant=participant)
    assert len(context["in_progress"]) == 200
    assert all(r.progress.done == 1 and r.progress.total == 2 for r in context["in_progress"])
    assert len(two_hundred) == len(ten)


def test_instructor_rows_hold_no_birth_year_gender_or_email(course):
    person = ParticipantFactory(given_name="Bolormaa", family_name="Tseren", country="MN")
    enrolment = services.enrolment_create(participant=person, cohort=self_paced(course))
    services.module_mark_done(
        enrolment=enrolment, module=selectors.course_modules(course=course).first()
    )
    services.enrolment_create(participant=ParticipantFactory(), cohort=self_paced(course))
    withdrawn = services.enrolment_create(
        participant=ParticipantFactory(), cohort=self_paced(course)
    )
    services.enrolment_withdraw(enrolment=withdrawn)

    rows = selectors.course_learner_rows(course=course)
    assert len(rows) == 2
    row = next(r for r in rows if r.name == "Bolormaa Tseren")
    assert (row.country, row.done, row.total) == ("Mongolia", 1, 3)
    assert not hasattr(row, "birth_year")
    assert not hasattr(row, "email")


def test_courses_taught_by(course, instructor, secretariat):
    other = make_course(modules=0, instructors=[instructor])
    assert list(selectors.courses_taught_by(user=instructor)) == [other]
    assert set(selectors.courses_taught_by(user=secretariat)) == {course, other}


def test_attendance_sheet_marks_who_met_the_threshold(course):
    cohort = CohortFactory(
        course=course,
        start_date=datetime.date(2025, 7, 6),
        end_date=datetime.date(2025, 7, 8),
        attendance_threshold=60,
    )
    days = [
        services.cohort_day_create(cohort=cohort, date=datetime.date(2025, 7, d)) for d in (6, 7, 8)
    ]
    a = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    for day in days[:2]:
        services.attendance_record(enrolment=a, day=day, present=True, acting_user=None)
    sheet = selectors.cohort_attendance_sheet(cohort=cohort)
    met = {row["enrolment"].pk: (row["percent"], row["met"]) for row in sheet["rows"]}
    assert met[a.pk] == (67, True)
    assert sorted(met.values()) == [(0, False), (67, True)]
    assert all(r["enrolment"].status == EnrolmentStatus.ACTIVE for r in sheet["rows"])


@pytest.mark.parametrize(
    ("present", "days", "threshold", "met"),
    [(2, 3, 60, True), (1, 3, 60, False), (3, 5, 60, True), (0, 0, 0, False), (4, 5, 80, True)],
)
def test_one_attendance_threshold_rule(present, days, threshold, met):
    from courses.selectors import attendance_threshold_met

    assert attendance_threshold_met(present=present, days=days, threshold=threshold) is met
