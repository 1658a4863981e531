"""The conservation planning course's site plan is required: a learner who has done every
module and passed the final quiz completes the course, and gets its certificate, only once
the plan is graded at or above its pass mark and the grade released."""

import pytest

from assessments.choice_tokens import choice_token
from assessments.demo_questions import QUIZZES
from assessments.grading import spec_from_question
from assessments.models import AttemptQuestion, Question, Quiz, QuizKind
from assessments.services import attempt_start, attempt_submit
from assignments.models import Assignment
from assignments.services import grades_release, submission_grade, submission_hand_in
from certificates.models import Certificate
from courses import selectors as course_selectors
from courses import services as course_services
from courses.services import module_mark_done
from tests.courses.factories import ParticipantFactory
from tests.courses.test_planning_course import SLUG, _load_all, _right_response
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _tokens(attempt_id: int, response: dict) -> dict:
    """A response by choice ids, written as the browser sends it (per-attempt tokens)."""

    def token(choice_id):
        return choice_token(attempt_id=attempt_id, choice_id=choice_id)

    raw = dict(response)
    if "choice" in raw:
        raw["choice"] = token(raw["choice"])
    for name in ("choices", "order"):
        if name in raw:
            raw[name] = [token(v) for v in raw[name]]
    if "pairs" in raw:
        raw["pairs"] = {token(int(k)): v for k, v in raw["pairs"].items()}
    return raw


def _pass_the_final_quiz(course, participant):
    quiz = Quiz.objects.get(course=course, kind=QuizKind.QUIZ, required=True)
    data = {q["prompt"]: q for q in QUIZZES[SLUG]["questions"]}
    attempt = attempt_start(quiz=quiz, participant=participant)
    answers = {}
    for row in AttemptQuestion.objects.filter(attempt=attempt):
        question = Question.objects.prefetch_related("choices").get(pk=row.question_id)
        right = _right_response(spec_from_question(question), data[question.text])
        answers[row.position] = _tokens(attempt.pk, right)
    attempt = attempt_submit(attempt=attempt, answers=answers)
    assert attempt.passed and attempt.percent == 100
    return attempt


def _checklist(client, course) -> str:
    html = client.get(course.url).content.decode()
    start = html.index('data-testid="requirements"')
    return html[start : html.index("</ul>", start)]


def test_the_site_plan_stands_between_the_learner_and_the_certificate(
    client, learner, django_capture_on_commit_callbacks
):
    course = _load_all()
    grader = UserFactory(role="Instructors")
    participant = ParticipantFactory(user=learner, email=learner.email)
    cohort = course_services.course_self_paced_cohort_ensure(course=course)
    enrolment = course_services.enrolment_create(participant=participant, cohort=cohort)
    for module in course_selectors.course_modules(course=course):
        module_mark_done(enrolment=enrolment, module=module)
    _pass_the_final_quiz(course, participant)
    client.force_login(learner)

    assignment = Assignment.objects.get(course=course)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert "not handed in yet" in _checklist(client, course)

    submission = submission_hand_in(
        assignment=assignment,
        enrolment=enrolment,
        files=[],
        text="Targets: breeding White-naped Cranes; wet meadows. Threat 1: the planned line.",
    )
    criteria = list(assignment.criteria.order_by("sort_order"))
    # 6 + 3 + 6 + 3 + 3 = 21 of 30: 70 %, above the pass mark of 60 %.
    levels = dict(zip([c.pk for c in criteria], [2, 1, 2, 1, 1], strict=True))
    submission_grade(
        submission=submission,
        grader=grader,
        levels={pk: (level, "") for pk, level in levels.items()},
        feedback="Clear threats; make the objectives measurable.",
    )
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # graded, but not released
    assert not Certificate.objects.filter(participant=participant).exists()

    with django_capture_on_commit_callbacks(execute=True):
        grades_release(assignment=assignment, cohort=cohort)

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert Certificate.objects.filter(participant=participant, course=course).exists()
    assert "your grade 70" in _checklist(client, course)
