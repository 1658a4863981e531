"""The demo quizzes: one per flagship course, placed in its last module, idempotent."""

from decimal import Decimal

import pytest

from assessments import demo, services
from assessments.demo_questions import QUIZZES
from assessments.models import CohortTestPair, Question, Quiz, QuizKind
from courses.models import ModulePage
from tests.assessments.factories import choice_value
from tests.courses.factories import CohortFactory, ParticipantFactory, make_course

SLUGS = [
    "crane-survey-techniques",
    "colour-banding",
    "drones-remote-sensing",
    "wetland-habitat-assessment",
    "crane-data-analysis",
]


@pytest.mark.django_db
def test_demo_builds_quizzes_once(password):
    courses = [
        make_course(slug=slug, title=slug.replace("-", " ").title(), modules=3) for slug in SLUGS
    ]
    CohortFactory(course=courses[0], slug="khurkh-2025")
    demo.load(password=password)
    counts = (Quiz.objects.count(), Question.objects.count())
    demo.load(password=password)
    assert (Quiz.objects.count(), Question.objects.count()) == counts
    # A final and a survey per course; two pre-tests.
    assert Quiz.objects.filter(kind=QuizKind.QUIZ, required=True).count() == len(SLUGS)
    assert Quiz.objects.filter(kind=QuizKind.QUIZ, required=False).count() == 2
    assert Quiz.objects.filter(kind=QuizKind.SURVEY).count() == len(SLUGS)
    expected_questions = sum(len(data["questions"]) for data in QUIZZES.values()) + 4 * len(SLUGS)
    assert counts[1] == expected_questions
    for course in courses:
        last = ModulePage.objects.child_of(course).order_by("-path").first()
        placed = [b.value.pk for b in last.body if b.block_type == "quiz"]
        final = Quiz.objects.get(course=course, kind=QuizKind.QUIZ, required=True)
        assert placed.count(final.pk) == 1
    banding = Quiz.objects.get(title=QUIZZES["colour-banding"]["title"])
    assert banding.slots.filter(question__kind="colour_bands").exists()
    pair = CohortTestPair.objects.get(cohort__slug="khurkh-2025")
    assert pair.pre_test.title.endswith("pre-test") and pair.post_test.required


def _right_answer(attempt, slot) -> dict:
    question = slot.question
    if question.kind == "numeric":
        return {"value": str(question.numeric_answer)}
    if question.kind == "true_false":
        return {"value": "true" if question.true_false_answer else "false"}
    return {"choice": choice_value(attempt, question.choices.get(is_correct=True))}


@pytest.mark.django_db
def test_data_analysis_quizzes_grade_the_answers_computed_from_the_practice_data(password):
    from courses import practice_data

    course = make_course(slug="crane-data-analysis", title="Crane data analysis", modules=5)
    demo.load(password=password)
    final = Quiz.objects.get(course=course, kind=QuizKind.QUIZ, required=True)
    pre = Quiz.objects.get(course=course, kind=QuizKind.QUIZ, required=False)
    first = ModulePage.objects.child_of(course).order_by("path").first()
    assert [b.value.pk for b in first.body if b.block_type == "quiz"] == [pre.pk]
    assert Quiz.objects.filter(course=course, kind=QuizKind.SURVEY).count() == 1
    answers = practice_data.quiz_answers()
    numeric = sorted(
        float(q.numeric_answer)
        for q in Question.objects.filter(kind="numeric", title__startswith=final.title)
    )
    assert numeric == sorted(
        answers[key]
        for key in (
            "hooded_total_2021",
            "white_naped_ratio_s05_2023",
            "hooded_brood_2024",
            "hooded_trend",
            "white_naped_index_2025",
        )
    )

    participant = ParticipantFactory()
    attempt = services.attempt_start(quiz=final, participant=participant)
    slots = list(attempt.questions.select_related("question"))
    graded = services.attempt_submit(
        attempt=attempt, answers={slot.position: _right_answer(attempt, slot) for slot in slots}
    )
    assert graded.passed and graded.percent == 100

    # One decimal is enough, but a figure outside the tolerance is wrong.
    other = ParticipantFactory()
    attempt = services.attempt_start(quiz=final, participant=other)
    responses = {}
    for slot in attempt.questions.select_related("question"):
        responses[slot.position] = _right_answer(attempt, slot)
        if slot.question.numeric_answer == Decimal(str(answers["hooded_trend"])):
            responses[slot.position] = {"value": f"{answers['hooded_trend']:.1f}"}
            trend_position = slot.position
        if slot.question.numeric_answer == Decimal(str(answers["hooded_total_2021"])):
            responses[slot.position] = {"value": str(answers["hooded_total_2021"] + 70)}
            total_position = slot.position
    services.attempt_submit(attempt=attempt, answers=responses)
    scored = {q.position: q.score for q in attempt.questions.all()}
    assert scored[trend_position] > 0
    assert scored[total_position] == 0
