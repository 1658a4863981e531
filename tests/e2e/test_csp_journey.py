"""The Content-Security-Policy holds on every page: public, learner and admin.

Chromium reports every script, style or frame the policy blocks, both on the
console ("Refused to …") and as a ``securitypolicyviolation`` event; the
journey fails on the first page that has one, and checks that the policy
allows no inline script.
"""

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from assessments.models import QuestionKind
from certificates.services import certificate_issue
from courses.models import Enrolment
from portal.accounts.roles import Role, roles_sync
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.conftest import _signing_key, _signing_key_pem  # noqa: F401
from tests.courses.factories import CohortFactory, ParticipantFactory, make_course, self_paced
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def log_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


class Watcher:
    """Visits pages and keeps every CSP violation the browser reports."""

    def __init__(self, page, screenshot):
        self.page, self.screenshot = page, screenshot
        self.console: list[str] = []
        page.add_init_script(LISTEN)
        page.on(
            "console",
            lambda message: (
                self.console.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def visit(self, url: str, name: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy, url
        assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0], url
        self.page.wait_for_load_state("networkidle")
        self.screenshot(self.page, name)
        self.check(url)

    def check(self, where: str) -> None:
        events = self.page.evaluate("window.__cspViolations || []")
        assert not events, f"CSP violations on {where}: {events}"
        assert not self.console, f"CSP violations on {where}: {self.console}"


def test_no_page_breaks_the_content_security_policy(browser, live_server, screenshot):
    roles_sync(django_apps)
    learner = UserFactory(email="tuya@example.mn", role=Role.LEARNERS.value)
    participant = ParticipantFactory(user=learner, email=learner.email, given_name="Tuya")
    admin = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    course = make_course(slug="crane-survey-techniques", title="Crane survey techniques")
    workshop = CohortFactory(course=course, slug="khurkh-2025")
    Enrolment.objects.create(participant=participant, cohort=self_paced(course))
    enrolment = Enrolment.objects.create(participant=participant, cohort=workshop)
    quiz = make_quiz(
        [
            make_question(
                "single",
                text="Which crane has a white nape?",
                choices=[{"text": "White-naped Crane", "is_correct": True}, {"text": "Hooded"}],
            ),
            make_question(
                QuestionKind.COLOUR_BANDS,
                text="Write down the bands of this crane.",
                band_answer={"left_above": ["red"], "left_below": ["metal"]},
            ),
        ],
        course=course,
        title="Crane quiz",
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now())
    enrolment.refresh_from_db()
    certificate = certificate_issue(enrolment=enrolment, notify=False)
    module = course.get_children().live().first()

    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watcher(page, screenshot)

    # Public pages, as a visitor.
    for url, name in (
        ("/en/", "home"),
        (course.url, "course"),
        ("/en/impact/", "impact"),
        (reverse("certificates:verify", args=[certificate.code]), "verify"),
        ("/en/accounts/login/", "login"),
        ("/en/accounts/signup/", "signup"),
    ):
        watch.visit(url, f"public-{name}")

    # A learner's pages, the quiz attempt's script included.
    log_in(page, learner.email)
    watch.check("the log-in")
    for url, name in (
        (reverse("courses:dashboard"), "dashboard"),
        (reverse("registry:profile"), "profile"),
        (reverse("registry:profile_edit"), "profile-edit"),
        (module.url, "module"),
        (reverse("certificates:mine"), "certificates"),
        (reverse("network:directory"), "network"),
        ("/en/accounts/email/", "email"),
        (reverse("assessments:quiz_detail", args=[quiz.pk]), "quiz"),
    ):
        watch.visit(url, f"learner-{name}")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/attempts/*/")
    page.get_by_label("White-naped Crane").check()
    page.wait_for_load_state("networkidle")
    screenshot(page, "learner-attempt")
    watch.check("the quiz attempt")
    # attempt.js ran (it needs no inline script): it saved the answer and said so.
    assert page.locator("#attempt-status").inner_text() != ""
    context.close()

    # The Wagtail admin, as a superuser: dashboard, page editor, snippets, registry.
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watcher(page, screenshot)
    log_in(page, admin.email)
    for url, name in (
        ("/admin/", "dashboard"),
        (f"/admin/pages/{course.get_parent().pk}/", "explorer"),
        (f"/admin/pages/{course.pk}/edit/", "page-editor"),
        ("/admin/snippets/assessments/quiz/", "quizzes"),
        (f"/admin/snippets/assessments/question/edit/{quiz.slots.last().question_id}/", "bands"),
        ("/admin/images/", "images"),
        ("/admin/images/multiple/add/", "image-upload"),
        ("/admin/registry/import/", "import"),
        (reverse("wagtailadmin_home") + f"courses/cohorts/{workshop.pk}/attendance/", "sheet"),
        ("/admin/users/", "users"),
        (reverse("reporting:participation"), "participation-report"),
    ):
        watch.visit(url, f"admin-{name}")
    context.close()

    # The learner deletes their account: the verification page keeps the course
    # and date, and says the holder asked for their data to be erased.
    from portal.registry.services import account_delete

    account_delete(user=learner)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = Watcher(page, screenshot)
    watch.visit(reverse("certificates:verify", args=[certificate.code]), "public-verify-erased")
    text = page.locator("main").inner_text()
    assert "asked for their data to be erased" in text
    assert "Crane survey techniques" in text and "Tuya" not in text
    context.close()
