"""An instructor's quiz edit waits for the secretariat's approval; a learner in the
middle of an attempt keeps the version it started on, with colour bands in the
accessible form."""

from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from assessments.models import Attempt, Question, QuestionKind
from courses.models import CourseInstructor, Enrolment
from portal.accounts.roles import Role, roles_sync
from tests.assessments.factories import choice_value, make_question, make_quiz
from tests.courses.factories import ParticipantFactory, make_course, self_paced
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def test_edit_waits_for_approval_and_a_running_attempt_keeps_its_version(
    django_db_serialized_rollback, browser, live_server, screenshot
):
    roles_sync(django_apps)
    instructor = UserFactory(email="kenji@example.org", role=Role.INSTRUCTORS.value)
    secretariat = UserFactory(email="seo-yeon@example.org", role=Role.SECRETARIAT.value)
    learner = UserFactory(email="tuya@example.mn", role=Role.LEARNERS.value)
    participant = ParticipantFactory(user=learner, email=learner.email, given_name="Tuya")
    course = make_course(slug="crane-survey-techniques", title="Crane survey techniques")
    CourseInstructor.objects.create(course=course, user=instructor)
    Enrolment.objects.create(participant=participant, cohort=self_paced(course))
    question = make_question(
        "single",
        text="Which crane has a white nape?",
        choices=[
            {"text": "White-naped Crane", "is_correct": True},
            {"text": "Hooded Crane"},
        ],
    )
    bands = make_question(
        QuestionKind.COLOUR_BANDS,
        text="Write down the bands of this crane.",
        band_answer={"left_above": ["red"], "left_below": ["metal"], "right_above": ["green"]},
    )
    quiz = make_quiz([question, bands], course=course, shuffle_questions=False)

    # The learner starts the quiz and asks for the accessible colour bands.
    learner_context, learner_page = new_page(browser, live_server)
    log_in(learner_page, learner.email)
    learner_page.goto(reverse("assessments:quiz_detail", args=[quiz.pk]))
    learner_page.get_by_role("button", name="Start the quiz").click()
    learner_page.wait_for_url("**/attempts/*/")
    attempt = Attempt.objects.get(quiz=quiz, participant=participant)
    learner_page.get_by_role("button", name="Show colour bands numbered").click()
    learner_page.wait_for_load_state()
    assert learner_page.locator(".bands-accessible").count() == 1
    assert learner_page.locator(".band-number").count() == 3
    screenshot(learner_page, "attempt-accessible-bands")
    attempt.refresh_from_db()
    assert attempt.accessible_bands

    # The instructor rewrites the question and submits it for approval.
    context, page = new_page(browser, live_server)
    log_in(page, instructor.email)
    page.goto(f"/admin/snippets/assessments/question/edit/{question.pk}/")
    page.locator("#id_text").fill("Which crane has a white nape? (revised)")
    screenshot(page, "instructor-edits")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    screenshot(page, "instructor-submitted")
    context.close()
    question.refresh_from_db()
    assert question.text == "Which crane has a white nape?"  # waits for approval
    assert question.current_workflow_state is not None
    learner_page.reload()
    assert "(revised)" not in learner_page.content()

    # The secretariat approves: the new wording is published.
    context, page = new_page(browser, live_server)
    log_in(page, secretariat.email)
    page.goto(f"/admin/snippets/assessments/question/edit/{question.pk}/")
    screenshot(page, "secretariat-reviews")
    approve = page.locator("button[data-workflow-action-name=approve]").first
    if not approve.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    approve.click()
    page.wait_for_load_state()
    screenshot(page, "secretariat-approved")
    context.close()
    assert Question.objects.get(pk=question.pk).text.endswith("(revised)")

    # The learner, mid-attempt, keeps the version the attempt began on.
    learner_page.reload()
    assert "Which crane has a white nape?" in learner_page.content()
    assert "(revised)" not in learner_page.content()
    right = question.choices.get(is_correct=True)
    learner_page.check(f'input[name="q1-choice"][value="{choice_value(attempt, right)}"]')
    for slot, colour in (("left_above", "red"), ("left_below", "metal"), ("right_above", "green")):
        learner_page.locator(f'select[name="q2-{slot}"]').first.select_option(colour)
    screenshot(learner_page, "attempt-answered")
    learner_page.get_by_role("button", name="Submit for grading").click()
    learner_page.wait_for_url("**/result/")
    attempt.refresh_from_db()
    assert attempt.percent == 100

    # The next attempt shows the published wording.
    learner_page.goto(reverse("assessments:quiz_detail", args=[quiz.pk]))
    screenshot(learner_page, "quiz-page-after-pass")
    learner_page.get_by_role("button", name="Start a new attempt").click()
    learner_page.wait_for_url("**/attempts/*/")
    assert "(revised)" in learner_page.content()
    screenshot(learner_page, "next-attempt-new-version")
    learner_context.close()


GIFT_FILE = Path(__file__).parent.parent / "assessments" / "data" / "gift_bank.txt"


def test_a_gift_file_is_checked_imported_and_exported_in_the_admin(
    django_db_serialized_rollback, browser, live_server, screenshot, tmp_path
):
    from assessments.formats import gift

    roles_sync(django_apps)
    secretariat = UserFactory(email="seo-yeon@example.org", role=Role.SECRETARIAT.value)
    context, page = new_page(browser, live_server)
    log_in(page, secretariat.email)

    # A file with a mistake imports nothing and names the question.
    broken = tmp_path / "broken.gift"
    broken.write_bytes(GIFT_FILE.read_bytes().replace(b"{#1200:50}", b"{#twelve hundred}"))
    page.goto("/admin/assessments/questions/import/")
    page.locator("input[type=file]").set_input_files(str(broken))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    assert "question 7: give one fully right number" in page.content()
    screenshot(page, "gift-import-refused")
    assert not Question.objects.exists()

    # The hand-written file imports every question.
    page.locator("input[type=file]").set_input_files(str(GIFT_FILE))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url("**/snippets/assessments/question/**")
    assert Question.objects.count() == 11
    screenshot(page, "gift-imported")

    # The export link gives a GIFT file with the same questions.
    page.goto("/admin/assessments/questions/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export the question bank as GIFT").click()
    exported = tmp_path / "exported.gift"
    download.value.save_as(exported)
    drafts, errors = gift.parse(exported.read_bytes())
    assert errors == [] and len(drafts) == 11
    context.close()
