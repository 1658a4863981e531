"""Issue 17's bar: from every kind of page, the switcher lands on that page in every
other language.

A learner reads the crane course (translated into the five other languages), its
module and quiz, a graded attempt's result, the dashboard, the profile and the
network; the secretariat reads the participation report. From each, the journey
chooses every language in turn in the page's own switcher, and checks the address,
the page's language and, for course pages and the quiz, the translated title.
"""

import pytest

from assessments import demo as assessments_demo
from assessments import demo_translations as quiz_translations
from assessments.demo_questions import CRANE_SURVEY_QUIZ
from assessments.models import Quiz
from assessments.services import attempt_start, attempt_submit
from courses import demo as courses_demo
from courses.demo_content import crane_surveys
from courses.demo_translations import load_translations
from courses.models import CoursePage, ModulePage
from courses.services import course_self_paced_cohort_ensure, enrolment_create
from tests.factories import PASSWORD, UserFactory
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Each switch goes from the language before it: English, then round the five and back.
ORDER = ["zh-hans", "ja", "ko", "mn", "ru", "en"]


def _translated(model, source, language: str):
    return model.objects.get(translation_key=source.translation_key, locale__language_code=language)


def _log_in(page, email: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, page.url


def _switch_round(page, screenshot, kind: str, address, title=None) -> None:
    """From ``address("en")``, choose each language of ORDER in the switcher."""
    page.goto(address("en"))
    for language in ORDER:
        page.select_option("#language-select", language)
        page.locator(".language-switcher button").click()
        page.wait_for_url(f"**{address(language)}")
        assert page.locator("html").get_attribute("lang") == language, (kind, language)
        assert page.locator("#language-select").input_value() == language, (kind, language)
        if title is not None:
            assert page.locator("h1").first.inner_text().strip() == title(language), (
                kind,
                language,
            )
        if language in ("ko", "en"):
            screenshot(page, f"{kind}-{language}")


def test_the_switcher_lands_on_the_same_page_in_every_language(
    page, browser, live_server, screenshot
):
    index = courses_demo.load_course_index()
    course = courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=None)
    quiz = assessments_demo._build_quiz(
        key="crane-survey-techniques", data=CRANE_SURVEY_QUIZ, course=course, required=False
    )
    assessments_demo._place_in_module(course=course, quizzes=[quiz])
    for language in ORDER[:-1]:
        quiz_translations.load_translations(language=language)
        load_translations(language=language)
    module = ModulePage.objects.child_of(course).live().order_by("path").first()

    participant = ParticipantFactory(native_name="Ганболд Сарнай")
    enrolment = enrolment_create(
        participant=participant, cohort=course_self_paced_cohort_ensure(course=course)
    )
    attempt = attempt_start(quiz=quiz, participant=participant, enrolment=enrolment)
    attempt_submit(attempt=attempt, answers={})

    def course_title(language):
        return course.title if language == "en" else _translated(CoursePage, course, language).title

    def module_title(language):
        return module.title if language == "en" else _translated(ModulePage, module, language).title

    def quiz_title(language):
        return quiz.title if language == "en" else _translated(Quiz, quiz, language).title

    def page_url(source, model):
        return lambda language: (
            source.url if language == "en" else _translated(model, source, language).url
        )

    def fixed(path):
        return lambda language: f"/{language}{path}"

    _log_in(page, participant.user.email)
    _switch_round(page, screenshot, "course", page_url(course, CoursePage), course_title)
    _switch_round(page, screenshot, "module", page_url(module, ModulePage), module_title)
    _switch_round(page, screenshot, "quiz", fixed(f"/quizzes/{quiz.pk}/"), quiz_title)
    _switch_round(page, screenshot, "result", fixed(f"/attempts/{attempt.pk}/result/"))
    _switch_round(page, screenshot, "dashboard", fixed("/dashboard/"))
    _switch_round(page, screenshot, "profile", fixed("/profile/"))
    _switch_round(page, screenshot, "network", fixed("/network/"))

    secretariat = UserFactory(role="Secretariat")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    reports = context.new_page()
    reports.set_default_timeout(15_000)
    _log_in(reports, secretariat.email)
    _switch_round(reports, screenshot, "reports", fixed("/reports/participation/"))
    context.close()

    # The last choice is remembered on both accounts.
    participant.user.refresh_from_db()
    secretariat.refresh_from_db()
    assert participant.user.preferred_language == secretariat.preferred_language == "en"
