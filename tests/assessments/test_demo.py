"""The demo quizzes: one per flagship course, placed in its last module, idempotent."""

import pytest

from assessments import demo
from assessments.demo_questions import QUIZZES
from assessments.models import CohortTestPair, Question, Quiz, QuizKind
from courses.models import ModulePage
from tests.courses.factories import CohortFactory, make_course

# Every course with a quiz in the demo data (a pre-test's key ends in ":pre").
SLUGS = sorted({key.partition(":")[0] for key in QUIZZES})


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
    # A final and a survey per course; the pre-tests are not required.
    assert Quiz.objects.filter(kind=QuizKind.QUIZ, required=True).count() == len(SLUGS)
    assert Quiz.objects.filter(kind=QuizKind.SURVEY).count() == len(SLUGS)
    pre_tests = [key for key in QUIZZES if key.endswith(":pre")]
    assert Quiz.objects.filter(kind=QuizKind.QUIZ, required=False).count() == len(pre_tests)
    survey_questions = len(demo.SURVEY_ITEMS) * len(SLUGS)
    expected_questions = sum(len(data["questions"]) for data in QUIZZES.values())
    expected_questions += survey_questions
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
