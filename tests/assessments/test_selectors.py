"""Grades by method, course completion, review policy, statistics and learning gain."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments import selectors, services
from assessments.models import Attempt, AttemptStatus
from tests.assessments.factories import choice_value, make_pair, make_question, make_quiz
from tests.courses.factories import CohortFactory, EnrolmentFactory, ParticipantFactory


def sit(quiz, participant, *, right: int, enrolment=None, now=None):
    """One submitted attempt answering the first ``right`` questions correctly."""
    attempt = services.attempt_start(
        quiz=quiz, participant=participant, enrolment=enrolment, now=now
    )
    answers = {}
    for aq in attempt.questions.select_related("question").order_by("question_id"):
        good = len(answers) < right
        answers[aq.position] = {
            "choice": choice_value(attempt, aq.question.choices.filter(is_correct=good).first())
        }
    return services.attempt_submit(attempt=attempt, answers=answers, now=now)


@pytest.mark.parametrize(
    ("method", "grade"),
    [("highest", "80"), ("last", "40"), ("first", "20"), ("average", "46.67")],
)
def test_grade_from_percents(method, grade):
    assert selectors.grade_from_percents(
        [Decimal("20"), Decimal("80"), Decimal("40")], method
    ) == Decimal(grade)
    assert selectors.grade_from_percents([], method) is None


@pytest.mark.django_db
class TestCompletion:
    def test_course_without_quizzes_passes(self, enrolment):
        assert selectors.enrolment_assessments_passed(enrolment=enrolment) is True

    def test_every_required_quiz_must_be_passed(self, participant, enrolment, course):
        first = make_quiz([make_question() for _ in range(5)], course=course, pass_mark=60)
        second = make_quiz([make_question()], course=course)
        make_quiz([make_question()], course=course, required=False)
        make_quiz([make_question("likert")], course=course, kind="survey")
        sit(first, participant, right=2, enrolment=enrolment)
        assert not selectors.enrolment_assessments_passed(enrolment=enrolment)
        sit(first, participant, right=3, enrolment=enrolment)
        assert not selectors.enrolment_assessments_passed(enrolment=enrolment)
        sit(second, participant, right=1, enrolment=enrolment)
        assert selectors.enrolment_assessments_passed(enrolment=enrolment)

    def test_grading_method_last_can_lose_a_pass(self, participant, enrolment, course):
        quiz = make_quiz([make_question()], course=course, grading_method="last")
        sit(quiz, participant, right=1, enrolment=enrolment)
        assert selectors.enrolment_assessments_passed(enrolment=enrolment)
        sit(quiz, participant, right=0, enrolment=enrolment)
        assert not selectors.enrolment_assessments_passed(enrolment=enrolment)

    def test_what_is_left_lists_modules_and_required_quizzes_through_the_hook(
        self, participant, enrolment, course
    ):
        from courses.selectors import (
            course_modules,
            enrolment_requirement_items,
            enrolment_requirements_met,
        )
        from courses.services import module_mark_done

        quiz = make_quiz([make_question() for _ in range(2)], course=course, pass_mark=60)
        make_quiz([make_question()], course=course, required=False)
        first, second = course_modules(course=course)
        module_mark_done(enrolment=enrolment, module=first)
        sit(quiz, participant, right=1, enrolment=enrolment)

        items = enrolment_requirement_items(enrolment=enrolment)
        assert [(i.kind, i.label, i.met) for i in items] == [
            ("module", first.title, True),
            ("module", second.title, False),
            ("quiz", quiz.title, False),
        ]
        assert "60" in items[-1].detail and "50" in items[-1].detail
        module_mark_done(enrolment=enrolment, module=second)
        sit(quiz, participant, right=2, enrolment=enrolment)
        items = enrolment_requirement_items(enrolment=enrolment)
        assert all(i.met for i in items)
        assert enrolment_requirements_met(enrolment=enrolment)


@pytest.mark.django_db
class TestReviewPolicy:
    def test_policies(self, participant):
        now = timezone.now()
        immediately = sit(make_quiz([make_question()]), participant, right=0)
        assert selectors.review_allowed(attempt=immediately)
        never = sit(make_quiz([make_question()], review_policy="never"), participant, right=0)
        assert not selectors.review_allowed(attempt=never)
        last_quiz = make_quiz(
            [make_question()], review_policy="after_last_attempt", attempts_allowed=2
        )
        first = sit(last_quiz, participant, right=0)
        assert not selectors.review_allowed(attempt=first)
        sit(last_quiz, participant, right=0)
        assert selectors.review_allowed(attempt=first)
        closing = make_quiz(
            [make_question()],
            review_policy="after_close",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(hours=1),
        )
        attempt = sit(closing, participant, right=0)
        assert not selectors.review_allowed(attempt=attempt)
        assert selectors.review_allowed(attempt=attempt, now=now + timedelta(hours=2))

    def test_open_attempt_is_never_reviewable(self, participant):
        attempt = services.attempt_start(quiz=make_quiz([make_question()]), participant=participant)
        assert not selectors.review_allowed(attempt=attempt)


@pytest.mark.django_db
def test_question_statistics_flag_a_question_everyone_gets(settings):
    settings.ASSESSMENTS_STATISTICS_MIN_LEARNERS = 5
    easy, hard = make_question(title="Easy"), make_question(title="Hard")
    others = [make_question(title=f"Q{i}") for i in range(3)]
    quiz = make_quiz([easy, hard, *others], shuffle_questions=False)
    for right in (1, 2, 3, 4, 5):
        sit(quiz, ParticipantFactory(), right=right)
    stats = {s.title: s for s in selectors.question_statistics(quiz=quiz)}
    assert stats["Easy"].answered == 5
    # Questions are answered right in question-id order: Easy by all five, Hard by four.
    assert stats["Easy"].facility == 1.0 and stats["Easy"].is_weak
    assert stats["Hard"].facility == 0.8
    assert stats["Easy"].discrimination is None  # no spread
    assert stats["Q2"].discrimination > 0.5


@pytest.mark.django_db
def test_learning_gain_rows(course):
    cohort = CohortFactory(course=course)
    pre = make_quiz([make_question() for _ in range(4)], title="Pre", pass_mark=0)
    post = make_quiz([make_question() for _ in range(4)], title="Post", pass_mark=0)
    make_pair(cohort=cohort, pre=pre, post=post)
    both, only_pre, neither = (EnrolmentFactory(cohort=cohort) for _ in range(3))
    sit(pre, both.participant, right=1, enrolment=both)
    sit(post, both.participant, right=3, enrolment=both)
    sit(pre, only_pre.participant, right=2, enrolment=only_pre)
    # An attempt outside the cohort's enrolment does not count.
    sit(post, only_pre.participant, right=4)
    rows = {r["participant_id"]: r for r in selectors.learning_gain_rows(cohort_ids=[cohort.pk])}
    assert rows[both.participant_id] == {
        "participant_id": both.participant_id,
        "cohort_id": cohort.pk,
        "pre": Decimal("25.00"),
        "post": Decimal("75.00"),
        "gain": Decimal("50.00"),
    }
    assert (
        rows[only_pre.participant_id]["post"] is None
        and rows[only_pre.participant_id]["gain"] is None
    )
    assert neither.participant_id not in rows
    assert selectors.learning_gain_rows(course_ids=[course.pk + 999]) == []
    assert Attempt.objects.filter(status=AttemptStatus.SUBMITTED).count() == 4


@pytest.mark.django_db
def test_survey_summary_counts_likert_and_lists_free_text(participant, other_participant, settings):
    settings.REPORT_MIN_CELL = 1
    likert = make_question("likert", text="Relevant to my work")
    free = make_question("free_text", text="What would you change?", points=0)
    survey = make_quiz([likert, free], kind="survey", shuffle_questions=False)
    agree = likert.choices.get(text="Agree")
    for who, text in ((participant, "More maps"), (other_participant, "")):
        attempt = services.attempt_start(quiz=survey, participant=who)
        services.attempt_submit(
            attempt=attempt,
            answers={1: {"choice": choice_value(attempt, agree)}, 2: {"text": text}},
        )
    rows = {row["kind"]: row for row in selectors.survey_summary(quiz=survey)}
    assert ("Agree", 2) in rows["likert"]["counts"] and ("Disagree", 0) in rows["likert"]["counts"]
    assert rows["free_text"]["texts"] == ["More maps"]
    assert Attempt.objects.get(quiz=survey, participant=participant).passed is True


def test_survey_free_text_order_does_not_follow_the_respondents(
    participant, other_participant, settings
):
    settings.REPORT_MIN_CELL = 2
    free = make_question("free_text", text="What would you change?", points=0)
    survey = make_quiz([free], kind="survey", shuffle_questions=False)
    # The first respondent writes the text that sorts last.
    for who, text in ((participant, "Zones on the map"), (other_participant, "more field days")):
        attempt = services.attempt_start(quiz=survey, participant=who)
        services.attempt_submit(attempt=attempt, answers={1: {"text": text}})
    (row,) = selectors.survey_summary(quiz=survey)
    assert row["texts"] == ["more field days", "Zones on the map"]


@pytest.mark.django_db
def test_question_statistics_flag_nothing_on_too_few_learners(participant):
    """Issue 14: three attempts by one person flagged 8 of 10 questions."""
    questions = [make_question(title=f"Q{i}") for i in range(10)]
    quiz = make_quiz(questions, shuffle_questions=False, attempts_allowed=0)
    for right in (2, 5, 9):
        sit(quiz, participant, right=right)
    stats = selectors.question_statistics(quiz=quiz)
    assert {s.answered for s in stats} == {3}
    assert {s.learners for s in stats} == {1}
    assert not [s for s in stats if s.is_weak]
    assert not any(s.enough for s in stats)


@pytest.mark.django_db
def test_quiz_report_says_when_figures_are_too_few(client, admin_user, participant):
    from django.urls import reverse

    quiz = make_quiz([make_question(title="Only")])
    sit(quiz, participant, right=1)
    client.force_login(admin_user)
    html = client.get(reverse("assessments_quiz_report", args=[quiz.pk])).content.decode()
    assert "Check this question" not in html
    assert "at least 10 learners" in html


def _answer_survey(survey, texts):
    for text in texts:
        attempt = services.attempt_start(quiz=survey, participant=ParticipantFactory())
        services.attempt_submit(attempt=attempt, answers={1: {"text": text}})


@pytest.mark.django_db
def test_survey_comments_wait_for_enough_respondents(settings):
    """Issue 21: a comment of one of four respondents could be told apart."""
    settings.REPORT_MIN_CELL = 5
    survey = make_quiz([make_question("free_text", text="Comments", points=0)], kind="survey")
    _answer_survey(survey, ["Great field day", "More maps", "", "Too short"])
    (row,) = selectors.survey_summary(quiz=survey)
    assert row["texts"] == [] and row["too_few"] is True and row["respondents"] == 3
    _answer_survey(survey, ["Zones", "boats"])
    (row,) = selectors.survey_summary(quiz=survey)
    assert row["too_few"] is False
    assert row["texts"] == ["boats", "Great field day", "More maps", "Too short", "Zones"]


@pytest.mark.django_db
def test_survey_report_and_export_name_no_respondent(client, admin_user, settings):
    from django.urls import reverse

    settings.REPORT_MIN_CELL = 2
    survey = make_quiz([make_question("free_text", text="Comments", points=0)], kind="survey")
    _answer_survey(survey, ["Great field day", "More maps"])
    people = [a.participant for a in Attempt.objects.filter(quiz=survey)]
    client.force_login(admin_user)
    html = client.get(reverse("assessments_quiz_report", args=[survey.pk])).content.decode()
    assert "More maps" in html
    for fmt in ("csv",):
        export = client.get(reverse("assessments_quiz_export", args=[survey.pk, fmt]))
        body = export.content.decode()
        assert "More maps" in body
    for person in people:
        for page in (html, body):
            assert person.email not in page and person.family_name not in page
    # No submission times beside the comments.
    submitted = Attempt.objects.filter(quiz=survey).first().submitted_at
    assert submitted.strftime("%H:%M") not in body
