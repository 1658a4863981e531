import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from courses import selectors, services
from courses.models import (
    Attendance,
    Cohort,
    CohortMode,
    CourseInstructor,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    ModulePage,
    ModuleProgress,
)
from portal.accounts.roles import Role
from tests.courses.factories import (
    CohortFactory,
    EnrolmentFactory,
    ParticipantFactory,
    course_index_page,
    fast_page_building,
    make_course,
    make_module,
    self_paced,
)
from tests.courses.test_selectors import quick_course
from tests.factories import UserFactory
from tests.queries import session_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner_client(client, participant):
    client.force_login(participant.user)
    return client


def grant(group_name, *codenames):
    group = Group.objects.get(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
    )


# --- catalogue and course page ------------------------------------------------------


def test_catalogue_lists_live_public_courses_with_filters(client):
    index = course_index_page()
    make_course(index=index, title="Crane survey techniques", topic="surveys")
    make_course(index=index, title="Wetland habitat assessment", topic="habitat")
    make_course(index=index, title="Draft course", publish=False)
    secret = make_course(index=index, title="Staff-only course")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/en/courses/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Crane survey techniques" in html
    assert "Wetland habitat assessment" in html
    assert "Draft course" not in html
    assert "Staff-only course" not in html

    response = client.get("/en/courses/", {"topic": "habitat"})
    html = response.content.decode()
    assert "Wetland habitat assessment" in html
    assert "Crane survey techniques" not in html


def test_a_bad_filter_value_is_ignored_not_an_error(client):
    make_course(title="Crane survey techniques")
    response = client.get("/en/courses/", {"level": "expert", "topic": "nonsense"})
    assert response.status_code == 200


def test_course_page_shows_outcomes_modules_cohorts_and_enrol_buttons(client, course, instructor):
    CourseInstructor.objects.create(course=course, user=instructor)
    CohortFactory(course=course, title="Khurkh field workshop", venue="Khurkh", capacity=20)
    response = client.get(course.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Plan a synchronised count." in html
    assert "Module 1" in html and "Module 3" in html
    assert "Khurkh field workshop" in html
    assert "20 places left" in html
    assert instructor.get_full_name() in html
    # A visitor's "Enrol" is a link through the log-in (no form: the page is
    # kept in the page cache for every visitor); a learner's is a form.
    assert html.count('href="/en/enrol/') == 2
    assert 'action="/en/enrol/' not in html


def test_a_learner_cannot_see_draft_or_private_pages(learner_client):
    draft = make_course(publish=False)
    assert learner_client.get(f"/en/courses/{draft.slug}/").status_code == 404
    private = make_course(modules=1)
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=Role.SECRETARIAT.value)])
    module = ModulePage.objects.child_of(private).first()
    for url in (private.url, f"{private.url}{module.slug}/"):
        response = learner_client.get(url)
        assert response.status_code in (302, 403, 404)
        assert "Module 1" not in response.content.decode()


# --- enrolment -----------------------------------------------------------------------


def test_enrol_needs_a_log_in_and_a_complete_profile(client, course):
    cohort = self_paced(course)
    url = reverse("courses:enrol", args=[cohort.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert reverse("account_login") in response.url

    incomplete = ParticipantFactory(profile_completed_at=None)
    client.force_login(incomplete.user)
    response = client.post(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("registry:onboarding"))
    assert not Enrolment.objects.exists()


def test_enrol_confirm_page_then_enrol_once(learner_client, course, participant):
    cohort = self_paced(course)
    url = reverse("courses:enrol", args=[cohort.pk])
    response = learner_client.get(url)
    assert response.status_code == 200
    assert not Enrolment.objects.exists()

    response = learner_client.post(url)
    assert response.status_code == 302
    assert response.url == course.url
    learner_client.post(url)
    assert Enrolment.objects.filter(participant=participant).count() == 1
    response = learner_client.get(course.url)
    assert "You are enrolled." in response.content.decode()


def test_enrolling_in_a_full_cohort_says_waiting_list(learner_client, course, participant):
    cohort = CohortFactory(course=course, capacity=1)
    services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    response = learner_client.post(reverse("courses:enrol", args=[cohort.pk]), follow=True)
    assert "waiting list" in response.content.decode()
    assert Enrolment.objects.get(participant=participant).status == EnrolmentStatus.WAITLISTED


def test_enrol_in_a_cohort_of_a_draft_course_is_404(learner_client):
    draft = make_course(publish=False)
    response = learner_client.post(reverse("courses:enrol", args=[self_paced(draft).pk]))
    assert response.status_code == 404
    assert not Enrolment.objects.exists()


def test_every_write_needs_the_csrf_token(client, participant, course):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(participant.user)
    response = client.post(reverse("courses:enrol", args=[self_paced(course).pk]))
    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_a_learner_cannot_withdraw_someone_elses_enrolment(learner_client, course):
    theirs = EnrolmentFactory(cohort=self_paced(course))
    response = learner_client.post(reverse("courses:withdraw", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == EnrolmentStatus.ACTIVE


def test_withdraw_moves_the_waiting_list_up(learner_client, participant, course):
    cohort = CohortFactory(course=course, capacity=1)
    mine = services.enrolment_create(participant=participant, cohort=cohort)
    waiting = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    response = learner_client.post(reverse("courses:withdraw", args=[mine.pk]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ACTIVE


# --- modules -------------------------------------------------------------------------


def test_mark_done_needs_an_enrolment_in_that_course(learner_client, participant, course):
    module = selectors.course_modules(course=course).first()
    url = reverse("courses:module_done", args=[module.pk])
    assert learner_client.post(url).status_code == 404

    other = make_course(modules=1)
    services.enrolment_create(participant=participant, cohort=self_paced(other))
    assert learner_client.post(url).status_code == 404
    assert not ModuleProgress.objects.exists()

    services.enrolment_create(participant=participant, cohort=self_paced(course))
    response = learner_client.post(url)
    assert response.status_code == 302
    assert response.url == module.url
    assert ModuleProgress.objects.filter(module=module).count() == 1
    assert learner_client.get(reverse("courses:module_done", args=[module.pk])).status_code == 405


def test_module_page_shows_progress_previous_next_and_the_done_button(
    learner_client, participant, course
):
    services.enrolment_create(participant=participant, cohort=self_paced(course))
    modules = list(selectors.course_modules(course=course))
    html = learner_client.get(modules[1].url).content.decode()
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert "0 of 3 required modules done" in html
    assert reverse("courses:module_done", args=[modules[1].pk]) in html
    learner_client.post(reverse("courses:module_done", args=[modules[1].pk]))
    html = learner_client.get(modules[1].url).content.decode()
    assert "1 of 3 required modules done (33%)" in html
    assert "You have marked this module as done." in html


# --- dashboard -----------------------------------------------------------------------


def test_dashboard_needs_a_log_in(client):
    response = client.get(reverse("courses:dashboard"))
    assert response.status_code == 302


def test_dashboard_shows_my_courses_and_where_to_continue(learner_client, participant, course):
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    modules = list(selectors.course_modules(course=course))
    services.module_mark_done(enrolment=enrolment, module=modules[0])
    EnrolmentFactory(cohort=self_paced(make_course(title="Someone else's course")))
    response = learner_client.get(reverse("courses:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Continue where you left off" in html
    assert modules[1].title in html
    assert course.title in html
    assert "Someone else&#x27;s course" not in html and "Someone else's course" not in html


# --- query counts of whole pages -----------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_catalogue_page_queries_do_not_grow_with_courses(client):
    index = course_index_page()
    for n in range(10):
        quick_course(index, n, modules=1)
    client.get("/en/courses/")  # warm the site root cache, as a running server has it
    ten = count_queries(client, "/en/courses/")
    for n in range(10, 200):
        quick_course(index, n)
    assert count_queries(client, "/en/courses/") == ten


def test_course_and_module_page_queries_do_not_grow_with_modules(learner_client, participant):
    index = course_index_page()
    course = quick_course(index, 1, modules=10)
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    first = selectors.course_modules(course=course).first()
    services.module_mark_done(enrolment=enrolment, module=first)
    fifth = selectors.course_modules(course=course)[4]
    learner_client.get(course.url)
    learner_client.get(fifth.url)  # warm the outline and body caches, as a running server has
    course_ten = count_queries(learner_client, course.url)
    module_ten = count_queries(learner_client, fifth.url)
    # Session (where sessions are in the database) and user (2), the user's
    # groups (1), site, locale and home page (3), catalogue and course passed
    # through (2), the module (1), view restrictions (2), the learner's
    # enrolment with the modules done (1).
    assert module_ten == 11 + session_queries()
    with fast_page_building():
        for m in range(10, 200):
            course.add_child(
                instance=ModulePage(title=f"M{m}", slug=f"m{m}", body=[("rich_text", "<p>x</p>")])
            )
    # The module outline is cached; pages added without publishing keep it. (Not
    # cache.clear(): with Redis the sessions live in the cache too.)
    cache.delete(selectors.outline_cache_key(course.pk))
    learner_client.get(fifth.url)
    assert count_queries(learner_client, course.url) == course_ten
    assert count_queries(learner_client, fifth.url) == module_ten
    assert "Module 5 of 200" in learner_client.get(fifth.url).content.decode()


def test_the_module_outline_follows_publishing(
    learner_client, course, django_capture_on_commit_callbacks
):
    first = selectors.course_modules(course=course).first()
    assert "Module 1 of 3" in learner_client.get(first.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_module(course=course, number=4, title="Sharing counts")
    html = learner_client.get(first.url).content.decode()
    assert "Module 1 of 4" in html
    last = selectors.course_modules(course=course).last()
    with django_capture_on_commit_callbacks(execute=True):
        last.unpublish()
    assert "Module 1 of 3" in learner_client.get(first.url).content.decode()


def test_dashboard_page_queries_do_not_grow_with_enrolments(learner_client, participant):
    index = course_index_page()
    courses = [quick_course(index, n, modules=2) for n in range(10)]
    first = {c.pk: selectors.course_modules(course=c).first() for c in courses}

    def enrol(count):
        for n in range(count):
            course = courses[n % len(courses)]
            cohort = CohortFactory(course=course, mode=CohortMode.ONLINE)
            enrolment = EnrolmentFactory(participant=participant, cohort=cohort)
            ModuleProgress.objects.create(enrolment=enrolment, module=first[course.pk])

    enrol(10)
    url = reverse("courses:dashboard")
    learner_client.get(url)
    ten = count_queries(learner_client, url)
    enrol(190)
    assert count_queries(learner_client, url) == ten


# --- admin: instructors' learners, attendance, cohorts ------------------------------------


def test_instructors_see_their_own_courses_learners_without_personal_details(
    client, instructor, course
):
    CourseInstructor.objects.create(course=course, user=instructor)
    person = ParticipantFactory(given_name="Bolormaa", family_name="Tseren", birth_year=1999)
    services.enrolment_create(participant=person, cohort=self_paced(course))
    client.force_login(instructor)
    response = client.get(reverse("courses_admin:course_learners", args=[course.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bolormaa Tseren" in html and "Mongolia" in html
    assert "1999" not in html
    assert person.email not in html

    other = make_course(title="Not my course")
    response = client.get(reverse("courses_admin:course_learners", args=[other.pk]), follow=True)
    assert response.status_code == 404
    listing = client.get(reverse("courses_admin:my_courses")).content.decode()
    assert course.title in listing and "Not my course" not in listing


def test_learners_cannot_open_the_learner_lists(learner_client, course):
    response = learner_client.get(reverse("courses_admin:course_learners", args=[course.pk]))
    assert response.status_code in (302, 403, 404)


def _workshop(course):
    cohort = CohortFactory(
        course=course,
        start_date=datetime.date(2025, 7, 6),
        end_date=datetime.date(2025, 7, 8),
        attendance_threshold=60,
    )
    days = [
        services.cohort_day_create(cohort=cohort, date=datetime.date(2025, 7, d)) for d in (6, 7, 8)
    ]
    return cohort, days


def test_attendance_sheet_ticks_are_saved(client, secretariat, course):
    grant(Role.SECRETARIAT.value, "change_cohort", "view_cohort")
    cohort, days = _workshop(course)
    a = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    b = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    client.force_login(secretariat)
    url = reverse("courses_admin:attendance", args=[cohort.pk])
    html = client.get(url).content.decode()
    assert html.count('type="checkbox" name="present"') == 6
    response = client.post(
        url, {"present": [f"{a.pk}-{days[0].pk}", f"{a.pk}-{days[1].pk}", f"{b.pk}-{days[0].pk}"]}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(present=True).count() == 3
    a.refresh_from_db()
    assert a.completed_at is not None


def test_attendance_sheet_refuses_garbage_and_writes_nothing(client, secretariat, course):
    grant(Role.SECRETARIAT.value, "change_cohort", "view_cohort")
    cohort, _days = _workshop(course)
    services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    client.force_login(secretariat)
    url = reverse("courses_admin:attendance", args=[cohort.pk])
    client.post(url, {"present": ["999999-1", "nonsense"]})
    assert not Attendance.objects.exists()


def test_only_the_course_instructors_keep_attendance(client, instructor, course):
    cohort, _days = _workshop(course)
    client.force_login(instructor)
    url = reverse("courses_admin:attendance", args=[cohort.pk])
    assert client.get(url, follow=True).status_code == 404
    CourseInstructor.objects.create(course=course, user=instructor)
    assert client.get(url).status_code == 200


def test_secretariat_creates_an_in_person_cohort_with_days(client, secretariat, course):
    grant(Role.SECRETARIAT.value, "add_cohort", "change_cohort", "view_cohort")
    client.force_login(secretariat)
    data = {
        "course": course.pk,
        "title": "Training Workshop for Young Crane Researchers",
        "slug": "khurkh-2025",
        "mode": CohortMode.IN_PERSON,
        "start_date": "2025-07-06",
        "end_date": "2025-07-08",
        "venue": "Khurkh and Khuiten Nature Reserve",
        "country": "MN",
        "partners": "Wildlife Science and Conservation Center of Mongolia",
        "capacity": "25",
        "attendance_threshold": "67",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2025-07-06",
        "days-0-title": "Arrival",
        "days-0-id": "",
        "days-0-ORDER": "1",
        "days-0-DELETE": "",
        "days-1-date": "2025-07-12",
        "days-1-title": "Too late",
        "days-1-id": "",
        "days-1-ORDER": "2",
        "days-1-DELETE": "",
    }
    url = reverse("cohorts:add")
    response = client.post(url, data)
    assert response.status_code == 200  # refused: a day outside the dates
    assert "outside the cohort" in response.content.decode()
    assert not Cohort.objects.filter(slug="khurkh-2025").exists()

    data["days-1-date"] = "2025-07-07"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    cohort = Cohort.objects.get(slug="khurkh-2025")
    assert [d.title for d in cohort.days.all()] == ["Arrival", "Too late"]


def test_learners_cannot_reach_the_cohort_admin(learner_client):
    response = learner_client.get(reverse("cohorts:index"))
    assert response.status_code in (302, 403)


def test_a_second_self_paced_cohort_is_refused(client, secretariat, course):
    grant(Role.SECRETARIAT.value, "add_cohort", "view_cohort")
    client.force_login(secretariat)
    response = client.post(
        reverse("cohorts:add"),
        {
            "course": course.pk,
            "title": "Another",
            "slug": "another",
            "mode": CohortMode.SELF_PACED,
            "attendance_threshold": "80",
            "days-TOTAL_FORMS": "0",
            "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0",
            "days-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert Cohort.objects.filter(course=course).count() == 1


def test_unused_user_factory_import_guard():
    assert UserFactory


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "6 July 2031"),
        ("ja", "2031年7月6日"),
        ("ko", "2031년 7월 6일"),
        ("zh-hans", "2031年7月6日"),
    ],
)
def test_dashboard_dates_follow_the_readers_language(
    learner_client, participant, course, language, expected
):
    from django.utils import translation

    workshop = CohortFactory(
        course=course, start_date=datetime.date(2031, 7, 6), end_date=datetime.date(2031, 7, 8)
    )
    services.cohort_day_create(cohort=workshop, date=datetime.date(2031, 7, 6))
    services.enrolment_create(participant=participant, cohort=workshop)
    with translation.override(language):
        url = reverse("courses:dashboard")
    html = learner_client.get(url).content.decode()
    assert f">{expected}</time>" in html


def test_anonymous_module_page_queries_as_many_as_a_bare_page_at_its_depth(client, course):
    """Routing passes the catalogue and the course by without loading their own fields."""
    from wagtail.models import Page

    from portal.home.models import HomePage

    parent = HomePage.objects.get()
    for slug in ("bare", "section", "unit"):
        parent = parent.add_child(instance=Page(title=slug, slug=slug))
        parent.save_revision().publish()
    module = selectors.course_modules(course=course)[1]
    client.get(module.url)  # warm the outline and body caches, as a running server has
    bare = count_queries(client, parent.url)
    assert count_queries(client, module.url) == bare == 8


# --- what is the same for every learner is cached (issue 15) ------------------------


def _intro_course():
    course = make_course(body=[("rich_text", "<p>Old introduction</p>")])
    return course, f"/en/courses/{course.slug}/"


def test_course_introduction_is_cached_for_learners(learner_client):
    course, url = _intro_course()
    assert "Old introduction" in learner_client.get(url).content.decode()

    # Changed behind the page's back (no new revision): the cached fragment is served.
    CoursePage.objects.filter(pk=course.pk).update(
        body=[{"type": "rich_text", "value": "<p>Changed introduction</p>"}]
    )
    html = learner_client.get(url).content.decode()
    assert "Old introduction" in html
    assert "Changed introduction" not in html


def test_course_introduction_cache_is_dropped_on_publish(learner_client):
    course, url = _intro_course()
    assert "Old introduction" in learner_client.get(url).content.decode()

    draft = course.get_latest_revision_as_object()
    draft.body = [("rich_text", "<p>New introduction</p>")]
    draft.save_revision().publish()

    html = learner_client.get(url).content.decode()
    assert "New introduction" in html
    assert "Old introduction" not in html


# --- who may enrol themselves (issue #21) ---------------------------------------------


def _past_workshop(course):
    today = timezone.localdate()
    return CohortFactory(
        course=course,
        slug="khurkh-2025",
        start_date=today - datetime.timedelta(days=500),
        end_date=today - datetime.timedelta(days=498),
    )


def test_a_learner_cannot_enrol_in_a_past_workshop_by_any_url(learner_client, course, participant):
    cohort = _past_workshop(course)
    url = reverse("courses:enrol", args=[cohort.pk])
    page = learner_client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert (
        "<form" not in body.split("<main", 1)[1]
        or 'method="post"' not in body.split("<main", 1)[1].split("</main>")[0]
    )
    assert "instructors" in body or "secretariat" in body
    response = learner_client.post(url)
    assert response.status_code == 403
    assert not Enrolment.objects.filter(cohort=cohort).exists()
    course_page = learner_client.get(course.url).content.decode()
    assert f'action="{url}"' not in course_page


@pytest.mark.parametrize(
    ("start", "end", "open_"),
    [(-2, 3, True), (10, 12, False)],
    ids=["running", "closed"],
)
def test_running_and_closed_cohorts_go_through_their_staff(
    learner_client, course, participant, start, end, open_
):
    today = timezone.localdate()
    cohort = CohortFactory(
        course=course,
        start_date=today + datetime.timedelta(days=start),
        end_date=today + datetime.timedelta(days=end),
        open_for_enrolment=open_,
    )
    url = reverse("courses:enrol", args=[cohort.pk])
    assert learner_client.post(url).status_code == 403
    assert not Enrolment.objects.filter(cohort=cohort).exists()
    # The cohort's staff still enrol people (invitation, import, attendance sheet).
    services.enrolment_create(participant=participant, cohort=cohort)
    assert Enrolment.objects.filter(cohort=cohort, participant=participant).exists()


def test_self_paced_and_upcoming_open_cohorts_take_learners(learner_client, course, participant):
    upcoming = CohortFactory(course=course)
    for cohort in (self_paced(course), upcoming):
        assert learner_client.post(reverse("courses:enrol", args=[cohort.pk])).status_code == 302
        assert Enrolment.objects.filter(cohort=cohort, participant=participant).exists()
