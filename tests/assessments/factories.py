"""Factories for the assessments app: questions of every kind, quizzes, attempts."""

from decimal import Decimal

import factory

from assessments.models import (
    Choice,
    CohortTestPair,
    Question,
    QuestionCategory,
    QuestionKind,
    Quiz,
    QuizSlot,
)


class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory
        django_get_or_create = ("kind", "name")

    kind = "topic"
    name = factory.Sequence(lambda n: f"Topic {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    kind = QuestionKind.SINGLE
    title = factory.Sequence(lambda n: f"Question {n}")
    text = "Which crane has a white head and neck and a dark body?"
    points = Decimal("1")
    general_feedback = "GENERAL-FEEDBACK-SECRET"


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Crane survey quiz {n}")
    pass_mark = Decimal("70")
    review_policy = "immediately"


def add_choices(question: Question, rows: list[dict]) -> Question:
    for index, row in enumerate(rows):
        Choice.objects.create(question=question, sort_order=index, **row)
    return question


def make_question(kind: str = QuestionKind.SINGLE, **fields) -> Question:
    """A question of ``kind`` with sensible choices; secrets carry marker strings.

    Correct answers contain ``RIGHT``, per-choice feedback ``FEEDBACK-SECRET``, so
    leak tests can search the HTML for them.
    """
    categories = fields.pop("categories", [])
    choices = fields.pop("choices", None)
    question = QuestionFactory(kind=kind, **fields)
    if categories:
        question.categories.set(categories)
        question.save()  # a ParentalManyToManyField is written on save
    if choices is not None:
        return add_choices(question, choices)
    if kind in (QuestionKind.SINGLE, QuestionKind.IMAGE):
        add_choices(
            question,
            [
                {"text": "Hooded Crane RIGHT", "is_correct": True, "feedback": "FEEDBACK-SECRET-1"},
                {"text": "White-naped Crane", "feedback": "FEEDBACK-SECRET-2"},
                {"text": "Red-crowned Crane"},
            ],
        )
    elif kind == QuestionKind.MULTIPLE:
        add_choices(
            question,
            [
                {"text": "Roost RIGHT A", "is_correct": True, "feedback": "FEEDBACK-SECRET-A"},
                {"text": "Feeding site RIGHT B", "is_correct": True},
                {"text": "Motorway"},
                {"text": "Airport"},
            ],
        )
    elif kind == QuestionKind.TRUE_FALSE:
        if "true_false_answer" not in fields:
            question.true_false_answer = True
            question.save()
    elif kind == QuestionKind.NUMERIC:
        if question.numeric_answer is None:
            question.numeric_answer = Decimal("1200")
            question.numeric_tolerance = Decimal("10")
            question.tolerance_kind = "relative"
            question.save()
    elif kind == QuestionKind.SHORT_TEXT:
        add_choices(
            question,
            [
                {"text": "Grus monacha", "is_correct": True},
                {"text": "ナベヅル", "is_correct": True, "language": "ja"},
            ],
        )
    elif kind == QuestionKind.ORDERING:
        add_choices(
            question,
            [
                {"text": "Arrive before dawn"},
                {"text": "Count the roost"},
                {"text": "Record weather"},
                {"text": "Send the sheet"},
            ],
        )
    elif kind == QuestionKind.MATCHING:
        add_choices(
            question,
            [
                {"text": "Hooded Crane", "match_text": "Grus monacha"},
                {"text": "White-naped Crane", "match_text": "Antigone vipio"},
                {"text": "", "match_text": "Platalea minor"},
            ],
        )
    elif kind == QuestionKind.COLOUR_BANDS:
        if not question.band_answer:
            question.band_answer = {
                "left_above": ["red"],
                "left_below": ["metal"],
                "right_above": ["white", "green"],
                "right_below": [],
            }
            question.save()
    elif kind == QuestionKind.LIKERT:
        add_choices(question, [{"text": t} for t in ("Disagree", "Neutral", "Agree")])
    return question


def make_quiz(questions=(), *, category=None, draw=0, **fields) -> Quiz:
    quiz = QuizFactory(**fields)
    for index, question in enumerate(questions):
        QuizSlot.objects.create(quiz=quiz, question=question, sort_order=index)
    if category is not None:
        QuizSlot.objects.create(quiz=quiz, category=category, draw_count=draw, sort_order=999)
    return quiz


def choice_value(attempt, choice) -> str:
    """What the attempt page names ``choice`` by, and so what a browser posts back."""
    from assessments.choice_tokens import choice_token

    return choice_token(attempt_id=attempt.pk, choice_id=getattr(choice, "pk", choice))


def make_pair(*, cohort, pre: Quiz, post: Quiz) -> CohortTestPair:
    return CohortTestPair.objects.create(cohort=cohort, pre_test=pre, post_test=post)
