"""A learner finds the crane survey course, enrols, reads two modules and marks them done;
an instructor edits a module and submits it; the secretariat approves it and it is live."""

import pytest

from courses.demo import load_course, load_course_index
from courses.demo_content import crane_surveys
from courses.models import ModulePage
from portal.accounts.roles import Role
from tests.courses.factories import ParticipantFactory
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def progress_label(page):
    return page.get_by_test_id("progress-label").first.inner_text()


@pytest.fixture
def crane_course(db):
    instructor = UserFactory(email="kenji@example.org", role=Role.INSTRUCTORS.value)
    course = load_course(
        index=load_course_index(), data=crane_surveys.COURSE, instructor=instructor
    )
    return course, instructor


def test_learner_enrols_reads_two_modules_and_sees_progress(page, crane_course, screenshot):
    course, _instructor = crane_course
    learner = UserFactory(email="tuya@example.mn", role=Role.LEARNERS.value)
    ParticipantFactory(user=learner, email=learner.email, given_name="Tuya")
    log_in(page, learner.email)

    page.goto("/en/courses/")
    page.get_by_label("Search").fill("crane")
    page.get_by_role("button", name="Show courses").click()
    screenshot(page, "catalogue-search")
    page.get_by_role("link", name=course.title).click()
    page.wait_for_url(f"**{course.url}")
    screenshot(page, "course")

    page.get_by_role("button", name="Enrol").click()
    page.wait_for_url(f"**{course.url}")
    assert page.get_by_text("You are enrolled in").is_visible()
    total = ModulePage.objects.child_of(course).count()
    assert progress_label(page).startswith(f"0 of {total} ")
    screenshot(page, "enrolled")

    # Studying in the field: a phone-sized screen from here on.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Start the first module").click()
    screenshot(page, "module-1")
    page.get_by_role("button", name="Mark as done").click()
    assert page.get_by_test_id("module-done").is_visible()
    assert progress_label(page).startswith(f"1 of {total} ")
    screenshot(page, "module-1-done")

    page.locator("a[rel=next]").click()
    page.get_by_role("button", name="Mark as done").click()
    assert progress_label(page).startswith(f"2 of {total} ")
    value = page.locator("progress").first.get_attribute("value")
    assert value == "2"
    screenshot(page, "module-2-done")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/en/dashboard/")
    assert page.get_by_text("Continue where you left off").is_visible()
    assert f"2 of {total} requirements met" in page.content()
    screenshot(page, "dashboard")


def test_instructor_submits_a_module_and_the_secretariat_approves_it(
    browser, live_server, crane_course, screenshot
):
    course, instructor = crane_course
    module = ModulePage.objects.child_of(course).order_by("path").first()
    secretariat = UserFactory(email="seo-yeon@example.org", role=Role.SECRETARIAT.value)
    new_title = "Planning a synchronised count (revised)"

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, instructor.email)
    page.goto(f"/admin/pages/{module.pk}/edit/")
    page.locator("#id_title").fill(new_title)
    screenshot(page, "instructor-edits")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    screenshot(page, "instructor-submitted")
    module.refresh_from_db()
    assert module.title != new_title
    assert module.current_workflow_state is not None
    context.close()

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, secretariat.email)
    page.goto(f"/admin/pages/{module.pk}/edit/")
    screenshot(page, "secretariat-reviews")
    approve = page.locator("button[data-workflow-action-name=approve]").first
    if not approve.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    approve.click()
    page.wait_for_load_state()
    screenshot(page, "secretariat-approved")

    module.refresh_from_db()
    assert module.title == new_title
    page.goto(module.url)
    assert page.get_by_role("heading", name=new_title).is_visible()
    screenshot(page, "live")
    context.close()
