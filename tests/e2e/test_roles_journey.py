"""A second instructor cannot open another course's quiz (issue 14).

Kenji teaches the crane course and its quiz; Ana teaches the goose course. Ana
sees her own quiz in the admin and not Kenji's; opening the crane quiz's edit
address by hand answers "page not found", and its pass mark stays as it was.
"""

from decimal import Decimal

import pytest

from portal.accounts.roles import Role
from tests.assessments.factories import make_question, make_quiz
from tests.courses.factories import make_course
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def test_a_second_instructor_cannot_open_another_courses_quiz(page, screenshot):
    kenji = UserFactory(email="kenji@example.org", role=Role.INSTRUCTORS.value)
    ana = UserFactory(email="ana@example.org", role=Role.INSTRUCTORS.value)
    cranes = make_course(modules=1, title="Crane survey techniques", instructors=[kenji])
    geese = make_course(modules=1, title="Goose banding", instructors=[ana])
    crane_quiz = make_quiz([make_question(title="Roost count")], course=cranes, title="Crane quiz")
    make_quiz([make_question(title="Ring reading")], course=geese, title="Goose quiz")

    log_in(page, ana.email)
    page.goto("/admin/snippets/assessments/quiz/")
    screenshot(page, "ana-sees-her-quizzes")
    listing = page.locator("main")
    assert listing.get_by_text("Goose quiz").is_visible()
    assert listing.get_by_text("Crane quiz").count() == 0

    response = page.goto(f"/admin/snippets/assessments/quiz/edit/{crane_quiz.pk}/")
    screenshot(page, "ana-opens-the-crane-quiz")
    assert response.status == 404
    assert page.locator("#id_pass_mark").count() == 0

    crane_quiz.refresh_from_db()
    assert crane_quiz.pass_mark == Decimal("70")
