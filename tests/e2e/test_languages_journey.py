"""A learner studies in Mongolian, switches to Korean and finds the same progress;
the quiz reads in the learner's language, the attempt carries over, and the
certificate is labelled in the learner's language."""

import io
import time

import pytest
from pypdf import PdfReader

from assessments import demo as assessments_demo
from assessments import demo_translations as quiz_translations
from assessments.demo_content.translations.crane_quiz_ko import QUIZ as CRANE_QUIZ_KO
from assessments.demo_content.translations.crane_quiz_mn import QUIZ as CRANE_QUIZ_MN
from assessments.demo_questions import CRANE_SURVEY_QUIZ
from assessments.models import Attempt, AttemptQuestion, QuestionKind, Quiz
from certificates.models import Certificate
from courses import demo as courses_demo
from courses.demo_content import crane_surveys
from courses.demo_translations import load_translations
from courses.models import CoursePage, Enrolment, ModulePage
from courses.services import course_self_paced_cohort_ensure, enrolment_create
from tests.assessments.factories import make_question, make_quiz
from tests.factories import PASSWORD
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_switching_language_keeps_progress_and_the_certificate_follows_it(page, screenshot):
    index = courses_demo.load_course_index()
    course = courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=None)
    # The demo's crane quiz, not required here, placed in the last module and
    # translated before the pages, as load_demo_data does.
    crane_quiz = assessments_demo._build_quiz(
        key="crane-survey-techniques", data=CRANE_SURVEY_QUIZ, course=course, required=False
    )
    assessments_demo._place_in_module(course=course, quizzes=[crane_quiz])
    for language in ("mn", "ko"):
        quiz_translations.load_translations(language=language)
        load_translations(language=language)
    question = make_question(QuestionKind.TRUE_FALSE, true_false_answer=True)
    quiz = make_quiz([question], course=course, required=True, pass_mark=50)
    participant = ParticipantFactory(native_name="Батбаяр Оюунчимэг")
    enrolment = enrolment_create(
        participant=participant, cohort=course_self_paced_cohort_ensure(course=course)
    )
    module_count = ModulePage.objects.child_of(course).live().count()

    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(participant.user.email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/dashboard/")

    page.select_option("#language-select", "mn")
    page.locator(".language-switcher button").click()
    page.wait_for_url("**/mn/dashboard/")
    assert page.locator("html").get_attribute("lang") == "mn"
    screenshot(page, "dashboard-in-mongolian")

    mn_course = CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="mn"
    )
    for n, module in enumerate(ModulePage.objects.child_of(mn_course).order_by("path"), start=1):
        page.goto(module.url)
        assert page.locator("h1").inner_text() == module.title
        page.locator("form[action$='/done/'] button").click()
        page.wait_for_load_state()
        if n == 1:
            screenshot(page, "module-done-in-mongolian")
    assert enrolment.module_progress.count() == module_count

    # The last module's quiz box reads in Mongolian and leads to the one quiz
    # that holds attempts, whose questions read in Mongolian too.
    page.goto(module.url)
    launch = page.locator(".quiz-launch", has_text=CRANE_QUIZ_MN["title"])
    launch.locator("a.button").click()
    page.wait_for_url(f"**{quiz_url(crane_quiz, 'mn')}")
    assert page.locator("h1").inner_text() == CRANE_QUIZ_MN["title"]
    page.locator("form[action*='start'] button").click()
    page.wait_for_selector("#attempt-form")
    texts = page.locator(".question-text").all_inner_texts()
    assert sorted(t.strip() for t in texts) == sorted(
        q["prompt"] for q in CRANE_QUIZ_MN["questions"]
    )
    assert page.locator(".question-untranslated").count() == 0
    assert CRANE_QUIZ_MN["questions"][0]["choices"][0]["text"] in page.content()
    # Answer the true-or-false question (index 4) and let autosave store it.
    zero_count = page.locator(".question", has_text=CRANE_QUIZ_MN["questions"][4]["prompt"])
    zero_count.locator('input[value="false"]').check()
    crane_attempt = Attempt.objects.get(quiz=crane_quiz, participant=participant)
    wait_until(
        lambda: AttemptQuestion.objects.filter(
            attempt=crane_attempt, response__isnull=False
        ).exists()
    )
    screenshot(page, "crane-quiz-in-mongolian")

    page.goto(quiz_url(quiz, "mn"))
    page.locator("form[action*='start'] button").click()
    page.check('input[name="q1-value"][value="true"]')
    screenshot(page, "quiz-in-mongolian")
    page.locator("#attempt-form button[type=submit]").click()
    page.wait_for_load_state()
    screenshot(page, "quiz-result-in-mongolian")

    # Completion enqueues the certificate on commit; wait for the task, not the page.
    wait_until(lambda: Certificate.objects.filter(enrolment=enrolment).exists())
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    certificate = Certificate.objects.get(enrolment=enrolment)

    page.select_option("#language-select", "ko")
    page.locator(".language-switcher button").click()
    page.wait_for_load_state()
    page.goto("/ko/dashboard/")
    assert page.locator("html").get_attribute("lang") == "ko"
    html = page.content()
    assert "/ko/courses/crane-survey-techniques/" in html
    ko_title = CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="ko"
    ).title
    assert ko_title in html
    assert certificate.serial in html
    screenshot(page, "dashboard-in-korean")

    # The open attempt carries over to Korean, with its saved answer.
    page.goto(quiz_url(crane_quiz, "ko"))
    assert page.locator("h1").inner_text() == CRANE_QUIZ_KO["title"]
    page.locator(f"a[href$='/attempts/{crane_attempt.pk}/']").first.click()
    page.wait_for_selector("#attempt-form")
    texts = page.locator(".question-text").all_inner_texts()
    assert sorted(t.strip() for t in texts) == sorted(
        q["prompt"] for q in CRANE_QUIZ_KO["questions"]
    )
    zero_count = page.locator(".question", has_text=CRANE_QUIZ_KO["questions"][4]["prompt"])
    assert zero_count.locator('input[value="false"]').is_checked()
    screenshot(page, "crane-quiz-in-korean")
    assert Quiz.objects.filter(translation_key=crane_quiz.translation_key).count() == 3
    assert Attempt.objects.filter(participant=participant).count() == 2

    # Issued while the learner read in Mongolian: its labels are Mongolian.
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(certificate.pdf.read())).pages)
    assert "Батбаяр Оюунчимэг" in text
    assert "Certificate of Completion" not in text
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None


def wait_until(condition, timeout: float = 10) -> None:
    """Poll ``condition`` (a database check) until it holds, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the server"
        time.sleep(0.1)


def quiz_url(quiz, language: str) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse("assessments:quiz_detail", kwargs={"quiz_id": quiz.pk})
