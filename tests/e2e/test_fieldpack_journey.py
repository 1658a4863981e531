"""Issue 16: a course kept on the phone works offline, and nothing done offline is lost.

Chromium's offline mode (``context.set_offline``) cuts the connection the way a
reserve does; every request the browser makes is logged and must go to the
portal itself.
"""

from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps

from assessments import demo
from assessments.models import Attempt, AttemptStatus, Quiz
from courses.models import Enrolment, ModulePage, ModuleProgress
from portal.accounts.roles import roles_sync
from tests.courses.factories import ParticipantFactory, make_course, self_paced
from tests.e2e.test_assessments_journey import answer_right
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


SERIALIZE = """() => Array.from(document.querySelectorAll(
  '#attempt-form input, #attempt-form select, #attempt-form textarea'))
  .filter(e => e.name && e.name !== 'csrfmiddlewaretoken'
          && (!['radio', 'checkbox'].includes(e.type) || e.checked))
  .map(e => e.name + '=' + e.value)"""


def _learner():
    roles_sync(django_apps)
    user = UserFactory(email="learner@example.org", role="Learners")
    participant = ParticipantFactory(
        user=user, email=user.email, given_name="Oyunchimeg", family_name="Batbayar"
    )
    return user, participant


def _log_in(page, user) -> list[str]:
    """Log in; returns the list every request's URL is appended to from now on."""
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(user.email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/dashboard/")
    return requests


def _only_own_host(requests: list[str], live_server) -> None:
    own = urlsplit(live_server.url).netloc
    others = {url for url in requests if urlsplit(url).netloc not in (own, "")}
    others = {url for url in others if not url.startswith(("data:", "blob:"))}
    assert not others, others


def test_kept_course_read_and_quiz_taken_offline_counted_once(
    django_db_serialized_rollback, phone_page, live_server, screenshot
):
    page = phone_page
    user, participant = _learner()
    course = make_course(
        slug="crane-survey-techniques", title="Crane survey techniques", modules=3, blocks=3
    )
    enrolment = Enrolment.objects.create(participant=participant, cohort=self_paced(course))
    demo.load(password=PASSWORD)
    quiz = Quiz.objects.get(course=course, required=True)
    quiz.offline_allowed = True
    quiz.time_limit_minutes = None
    quiz.save()
    modules = list(ModulePage.objects.child_of(course).order_by("path"))

    requests = _log_in(page, user)
    page.goto(course.url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    box = page.locator("[data-offline-save]")
    page.locator(".offline-info", has_text="About").wait_for()
    assert "MB on this device" in box.inner_text()
    screenshot(page, "course-size-shown")
    page.get_by_role("button", name="Keep this course on my phone").click()
    page.locator('[data-offline-save][data-offline-state="ready"]').wait_for()
    screenshot(page, "course-kept")
    # Keeping the course fixed the attempt: questions, order and version.
    attempt = Attempt.objects.get(quiz=quiz, participant=participant)
    assert attempt.status == AttemptStatus.IN_PROGRESS

    # On paper: the text and a protocol to fill in; no navigation, forms or buttons.
    page.goto(modules[0].url)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Mark as done").is_visible()
    assert page.locator(".protocol-form-header").is_visible()
    screenshot(page, "module-on-paper")
    page.emulate_media(media="screen")
    assert not page.locator(".protocol-form-header").is_visible()

    page.context.set_offline(True)
    for module in modules:
        page.goto(module.url)
        assert page.locator("h1").inner_text() == module.title
    screenshot(page, "module-offline")
    for module in modules[:2]:
        page.goto(module.url)
        page.get_by_role("button", name="Mark as done").click()
        page.locator("[data-offline-queued]").wait_for()
    screenshot(page, "done-queued-offline")
    assert not ModuleProgress.objects.filter(enrolment=enrolment).exists()

    # A page that was not kept: our own page, not the browser's error.
    page.goto("/en/network/")
    assert page.locator("h1").inner_text() == "You are offline"
    screenshot(page, "not-kept-offline")

    page.goto(modules[-1].url)
    page.get_by_role("link", name="Go to the quiz").first.click()
    page.locator("#attempt-form").wait_for()
    for aq in attempt.questions.select_related("question").order_by("position"):
        answer_right(page, aq)
    page.get_by_role("button", name="Submit for grading").click()
    page.get_by_text("You are offline. Your answers are kept on this device").wait_for()
    screenshot(page, "quiz-queued-offline")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS

    page.context.set_offline(False)
    page.wait_for_url("**/result/", timeout=45_000)
    screenshot(page, "quiz-graded-after-reconnecting")
    # Sending the queue again changes nothing: graded once, progress once.
    page.evaluate("window.FlywayOffline.flush()")
    page.goto("/en/dashboard/")
    page.evaluate("window.FlywayOffline.flush()")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.passed
    assert attempt.submit_key
    assert Attempt.objects.filter(quiz=quiz, participant=participant).count() == 1
    assert set(
        ModuleProgress.objects.filter(enrolment=enrolment).values_list("module_id", flat=True)
    ) == {modules[0].pk, modules[1].pk}
    page.locator("[data-offline-course]").wait_for()
    screenshot(page, "dashboard-lists-kept-course")
    _only_own_host(requests, live_server)


def test_connection_lost_mid_quiz_on_a_course_not_kept_loses_no_answer(
    django_db_serialized_rollback, page, live_server, screenshot
):
    user, participant = _learner()
    course = make_course(slug="crane-survey-techniques", title="Crane survey techniques", modules=3)
    Enrolment.objects.create(participant=participant, cohort=self_paced(course))
    demo.load(password=PASSWORD)
    quiz = Quiz.objects.get(course=course, required=True)

    requests = _log_in(page, user)
    page.goto(f"/en/quizzes/{quiz.pk}/")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/attempts/*/")
    attempt = Attempt.objects.get(quiz=quiz, participant=participant)
    rows = list(attempt.questions.select_related("question").order_by("position"))
    answer_right(page, rows[0])
    page.get_by_text("All answers saved.").wait_for()

    page.context.set_offline(True)
    for aq in rows[1:]:
        answer_right(page, aq)
    typed = page.evaluate(SERIALIZE)
    screenshot(page, "answered-offline")

    # Back online, the page opened again: the server's copy (no-store) lacks
    # the answers typed offline; the device puts them back.
    page.context.set_offline(False)
    page.reload()
    page.wait_for_function(f"() => ({SERIALIZE})().join() === {typed!r}.join()")

    # A submit that cannot reach the server keeps the page and every answer.
    page.context.set_offline(True)
    page.get_by_role("button", name="Submit for grading").click()
    page.get_by_text("You are offline. Your answers are kept on this device").wait_for()
    assert page.url.endswith(f"/attempts/{attempt.pk}/")
    assert page.evaluate(SERIALIZE) == typed
    screenshot(page, "submit-failed-offline")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS

    # The connection returns: the queued submit is graded, once.
    page.context.set_offline(False)
    page.wait_for_url("**/result/", timeout=45_000)
    screenshot(page, "graded-after-reconnecting")
    page.evaluate("window.FlywayOffline.flush()")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.passed
    assert Attempt.objects.filter(quiz=quiz, participant=participant).count() == 1
    _only_own_host(requests, live_server)
