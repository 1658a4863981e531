"""The conservation planning course in the browser: a learner reads the site-plan module,
opens the assignment from it, reads the rubric, hands in a written plan and gets a receipt;
the course page's checklist names the assignment before and after."""

import pytest

from assessments import demo as assessments_demo
from assignments import demo as assignments_demo
from assignments.models import Assignment, Submission
from courses import demo as courses_demo
from courses.demo_content import conservation_planning
from courses.models import ModulePage
from portal.accounts.roles import Role
from tests.courses.factories import ParticipantFactory
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, email: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _drawing_loads(page, name: str) -> None:
    """The drawing is served and decodes (a broken image has no natural width)."""
    drawing = page.locator(f"img[src*='{name}']")
    drawing.scroll_into_view_if_needed()
    assert page.request.get(drawing.get_attribute("src")).ok
    page.wait_for_function(f"() => document.querySelector(\"img[src*='{name}']\").naturalWidth > 0")


@pytest.fixture
def planning_course(db):
    course = courses_demo.load_course(
        index=courses_demo.load_course_index(), data=conservation_planning.COURSE, instructor=None
    )
    assessments_demo.load(password=PASSWORD)
    assignments_demo.load(password=PASSWORD)
    return course


def test_learner_reads_the_site_plan_module_and_hands_in_a_plan(page, planning_course, screenshot):
    course = planning_course
    learner = UserFactory(email="saran@example.mn", role=Role.LEARNERS.value)
    ParticipantFactory(user=learner, email=learner.email, given_name="Saran")
    assignment = Assignment.objects.get(course=course)
    log_in(page, learner.email)

    page.goto(course.url)
    page.get_by_role("button", name="Enrol").click()
    page.wait_for_url(f"**{course.url}")
    checklist = page.get_by_test_id("requirements").first.inner_text()
    assert assignment.title in checklist
    screenshot(page, "course-checklist")

    threats = ModulePage.objects.get(slug="threats-and-pressures")
    page.goto(threats.url)
    _drawing_loads(page, "threat-to-indicator-chain")
    screenshot(page, "module-threats")

    module = ModulePage.objects.get(slug=assignments_demo.SITE_PLAN_MODULE_SLUG)
    page.goto(module.url)
    _drawing_loads(page, "ekhen-gol-site-sketch")
    screenshot(page, "module-site-plan")
    page.get_by_role("link", name="Open the assignment").click()
    page.wait_for_url("**/assignments/**")
    assert page.get_by_role("heading", name=assignment.title).is_visible()
    rubric = page.get_by_test_id("rubric").inner_text()
    assert "Objectives SMART" in rubric and "Ranked with reasons (6)" in rubric
    screenshot(page, "assignment")

    page.get_by_label("Your answer").fill(
        "Targets: breeding White-naped Cranes and the wet meadows. Threat 1: the planned line."
    )
    page.get_by_role("button", name="Hand in").click()
    assert page.get_by_test_id("receipt").is_visible()
    submission = Submission.objects.get(assignment=assignment)
    assert submission.receipt in page.get_by_test_id("receipt").inner_text()
    screenshot(page, "handed-in")

    page.goto(course.url)
    assert assignment.title in page.get_by_test_id("requirements").first.inner_text()
