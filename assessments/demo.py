"""Demo data of this app for ``load_demo_data``: idempotent, built through services.

Turns ``assessments.demo_questions`` (plain data written with the course texts)
into question-bank entries and one final quiz per flagship course, placed at the
end of the course's last module; a course with a ``"<slug>:pre"`` entry also gets
its pre-test in its first module (the crane survey course's is paired with its final
quiz on the ``khurkh-2025`` workshop) and every course a short reaction survey.
The course pages are built by ``courses.demo`` first.
"""

from __future__ import annotations

from decimal import Decimal

from .demo_questions import QUIZZES
from .importing import ChoiceDraft, QuestionDraft
from .models import CategoryKind, CohortTestPair, QuestionKind, Quiz, QuizKind, ReviewPolicy
from .services import question_save_draft, quiz_save

TYPE_TO_KIND = {
    "single_choice": QuestionKind.SINGLE,
    "multiple_choice": QuestionKind.MULTIPLE,
    "true_false": QuestionKind.TRUE_FALSE,
    "numeric": QuestionKind.NUMERIC,
    "short_text": QuestionKind.SHORT_TEXT,
    "ordering": QuestionKind.ORDERING,
    "matching": QuestionKind.MATCHING,
    "image": QuestionKind.IMAGE,
    "colour_bands": QuestionKind.COLOUR_BANDS,
}

SURVEY_ITEMS = [
    ("likert", "The course was relevant to my work in the field."),
    ("likert", "The quizzes and exercises helped me learn."),
    ("likert", "I could follow the course on the device I use."),
    ("free_text", "What would you change in this course?"),
]
LIKERT_SCALE = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]


def draft_from_data(*, title: str, data: dict, topic: str) -> QuestionDraft:
    """One question of ``demo_questions`` as an import draft."""
    kind = TYPE_TO_KIND[data["type"]]
    draft = QuestionDraft(
        row=0,
        title=title,
        kind=kind,
        text=data["prompt"],
        general_feedback=data.get("general_feedback", ""),
        categories=[(CategoryKind.TOPIC, topic)],
    )
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.IMAGE):
        draft.choices = [
            ChoiceDraft(text=c["text"], is_correct=c["correct"], feedback=c.get("feedback", ""))
            for c in data["choices"]
        ]
        if kind == QuestionKind.MULTIPLE:
            draft.multiple_scoring = data.get("scoring", "partial")
    elif kind == QuestionKind.TRUE_FALSE:
        right = next(c for c in data["choices"] if c["correct"])
        draft.true_false_answer = right["text"].strip().lower() == "true"
    elif kind == QuestionKind.NUMERIC:
        draft.numeric_answer = Decimal(str(data["answer"]))
        draft.numeric_tolerance = Decimal(str(data.get("tolerance", 0)))
        draft.tolerance_kind = data.get("tolerance_kind", "absolute")
    elif kind == QuestionKind.SHORT_TEXT:
        draft.choices = [ChoiceDraft(text=text, is_correct=True) for text in data["accepted"]]
        draft.choices += [
            ChoiceDraft(text=text, is_correct=True, language=language)
            for language, texts in data.get("accepted_in_language", {}).items()
            for text in texts
        ]
    elif kind == QuestionKind.ORDERING:
        draft.choices = [ChoiceDraft(text=text) for text in data["items"]]
    elif kind == QuestionKind.MATCHING:
        draft.choices = [ChoiceDraft(text=left, match_text=right) for left, right in data["pairs"]]
    elif kind == QuestionKind.COLOUR_BANDS:
        legs = data["legs"]
        draft.band_mode = data.get("mode", "read")
        draft.band_answer = {
            f"{leg}_{position}": list(legs.get(leg, {}).get(position, []))
            for leg in ("left", "right")
            for position in ("above", "below")
        }
    return draft


def _course(slug: str):
    from courses.models import CoursePage

    return CoursePage.objects.filter(slug=slug).first()


def _place_in_module(*, course, quizzes: list[Quiz], last: bool = True) -> bool:
    """Append the quizzes' blocks to the course's last (or first) module, once; publish it."""
    from courses.models import ModulePage

    module = ModulePage.objects.child_of(course).order_by("-path" if last else "path").first()
    if module is None:
        return False
    present = {
        block.value.pk for block in module.body if block.block_type == "quiz" and block.value
    }
    missing = [quiz for quiz in quizzes if quiz.pk not in present]
    if not missing:
        return False
    for quiz in missing:
        module.body.append(("quiz", quiz))
    module.save_revision().publish()
    return True


def _build_quiz(*, key: str, data: dict, course, **settings) -> Quiz:
    questions = []
    for number, question in enumerate(data["questions"], start=1):
        draft = draft_from_data(
            title=f"{data['title']} · {number}", data=question, topic=data["title"].split(":")[0]
        )
        questions.append(question_save_draft(draft=draft)[0])
    quiz, _created = quiz_save(
        title=data["title"],
        questions=questions,
        course=course,
        pass_mark=Decimal(str(data.get("pass_mark", 70))),
        **settings,
    )
    return quiz


def _build_survey(*, course) -> Quiz:
    questions = []
    for number, (kind, text) in enumerate(SURVEY_ITEMS, start=1):
        draft = QuestionDraft(
            row=0,
            title=f"{course.title}: feedback · {number}",
            kind=kind,
            text=text,
            points=Decimal("0"),
        )
        if kind == "likert":
            draft.choices = [ChoiceDraft(text=label) for label in LIKERT_SCALE]
        questions.append(question_save_draft(draft=draft)[0])
    quiz, _created = quiz_save(
        title=f"{course.title}: your feedback",
        questions=questions,
        course=course,
        kind=QuizKind.SURVEY,
        required=False,
        shuffle_questions=False,
        shuffle_choices=False,
        review_policy=ReviewPolicy.NEVER,
        pass_mark=Decimal("0"),
        intro="Three statements and one question, anonymous in reports. Thank you for your time.",
    )
    return quiz


def load(*, password: str, stdout=None) -> None:
    """Quizzes for the flagship courses (idempotent)."""
    from courses.models import Cohort

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    finals = {}
    for key, data in QUIZZES.items():
        slug, _sep, variant = key.partition(":")
        course = _course(slug)
        if course is None:
            say(f"assessments: course {slug!r} not found; its quiz is left unplaced")
        if variant == "pre":
            quiz = _build_quiz(
                key=key,
                data=data,
                course=course,
                required=False,
                attempts_allowed=1,
                review_policy=ReviewPolicy.AFTER_CLOSE,
                grading_method="first",
                intro="Answer what you already know: this test is not graded for completion.",
            )
            finals.setdefault(slug, {})["pre"] = quiz
            if course is not None:
                _place_in_module(course=course, quizzes=[quiz], last=False)
            continue
        quiz = _build_quiz(
            key=key,
            data=data,
            course=course,
            required=True,
            attempts_allowed=3,
            review_policy=ReviewPolicy.AFTER_LAST_ATTEMPT,
            grading_method="highest",
            intro=(
                "Three attempts; your best counts. You see which answers were right after "
                "your last attempt."
            ),
        )
        finals.setdefault(slug, {})["final"] = quiz
        if course is not None:
            survey = _build_survey(course=course)
            _place_in_module(course=course, quizzes=[quiz, survey])
        say(f"assessments: {quiz.title}")
    crane = finals.get("crane-survey-techniques", {})
    workshop = Cohort.objects.filter(slug="khurkh-2025").first()
    if workshop is not None and crane.get("pre") and crane.get("final"):
        CohortTestPair.objects.update_or_create(
            cohort=workshop, defaults={"pre_test": crane["pre"], "post_test": crane["final"]}
        )
