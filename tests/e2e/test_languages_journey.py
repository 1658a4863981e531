"""A learner studies in Mongolian, switches to Korean and finds the same progress;
the certificate is labelled in the learner's language."""

import io

import pytest
from pypdf import PdfReader

from assessments.models import QuestionKind
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
    for language in ("mn", "ko"):
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
    page.wait_for_url("**/en/")

    page.select_option("#language-select", "mn")
    page.locator(".language-switcher button").click()
    page.wait_for_url("**/mn/")
    assert page.locator("html").get_attribute("lang") == "mn"
    screenshot(page, "home-in-mongolian")

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

    page.goto(quiz_url(quiz, "mn"))
    page.locator("form[action*='start'] button").click()
    page.check('input[name="q1-value"][value="true"]')
    screenshot(page, "quiz-in-mongolian")
    page.locator("#attempt-form button[type=submit]").click()
    page.wait_for_load_state()
    screenshot(page, "quiz-result-in-mongolian")

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

    # Issued while the learner read in Mongolian: its labels are Mongolian.
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(certificate.pdf.read())).pages)
    assert "Батбаяр Оюунчимэг" in text
    assert "Certificate of Completion" not in text
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None


def quiz_url(quiz, language: str) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse("assessments:quiz_detail", kwargs={"quiz_id": quiz.pk})
