"""Starting, saving, submitting and grading attempts; the bank import."""

# ruff: noqa: S311 - seeded generators make the draws repeatable

import random
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from assessments import services
from assessments.models import Attempt, AttemptQuestion, AttemptStatus, Question
from tests.assessments.factories import (
    QuestionCategoryFactory,
    choice_value,
    make_question,
    make_quiz,
)


def answer_for(aq: AttemptQuestion, *, right: bool) -> dict:
    """A raw answer to one drawn question, right or wrong."""
    question = aq.question
    choices = list(question.choices.order_by("sort_order"))
    if question.kind in ("single", "image"):
        pick = next(c for c in choices if c.is_correct is right)
        return {"choice": choice_value(aq.attempt, pick)}
    if question.kind == "true_false":
        return {"value": "true" if question.true_false_answer is right else "false"}
    raise AssertionError(question.kind)


@pytest.mark.django_db
class TestStart:
    def test_start_fixes_questions_and_order(self, participant):
        questions = [make_question() for _ in range(4)]
        quiz = make_quiz(questions, shuffle_questions=True)
        attempt = services.attempt_start(quiz=quiz, participant=participant, rng=random.Random(3))
        drawn = list(
            attempt.questions.order_by("position").values_list("question_id", "choice_order")
        )
        assert sorted(q for q, _o in drawn) == sorted(q.pk for q in questions)
        assert attempt.max_score == Decimal("4")
        # Resuming returns the same attempt with the same draw.
        again = services.attempt_start(quiz=quiz, participant=participant, rng=random.Random(9))
        assert again.pk == attempt.pk
        assert (
            list(again.questions.order_by("position").values_list("question_id", "choice_order"))
            == drawn
        )

    def test_random_draw_from_category(self, participant):
        category = QuestionCategoryFactory(kind="species", name="Hooded Crane")
        pool = [make_question(categories=[category]) for _ in range(6)]
        fixed = make_question()
        quiz = make_quiz([fixed], category=category, draw=3)
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        ids = set(attempt.questions.values_list("question_id", flat=True))
        assert len(ids) == 4 and fixed.pk in ids
        assert ids - {fixed.pk} <= {q.pk for q in pool}

    def test_category_too_small_is_refused(self, participant):
        category = QuestionCategoryFactory()
        make_question(categories=[category])
        quiz = make_quiz(category=category, draw=2)
        with pytest.raises(services.QuizNotOpen):
            services.attempt_start(quiz=quiz, participant=participant)
        assert not Attempt.objects.exists()

    def test_ordering_is_never_shown_in_the_right_order(self, participant):
        question = make_question("ordering")
        quiz = make_quiz([question], shuffle_choices=False)
        right = list(question.choices.order_by("sort_order").values_list("pk", flat=True))
        for seed in range(20):
            attempt = services.attempt_start(
                quiz=quiz, participant=participant, rng=random.Random(seed)
            )
            assert attempt.questions.get().choice_order != right
            services.attempt_submit(attempt=attempt)

    def test_attempt_limit_and_dates(self, participant):
        quiz = make_quiz([make_question()], attempts_allowed=1)
        services.attempt_submit(attempt=services.attempt_start(quiz=quiz, participant=participant))
        with pytest.raises(services.NoAttemptsLeft):
            services.attempt_start(quiz=quiz, participant=participant)
        later = make_quiz([make_question()], opens_at=timezone.now() + timedelta(days=1))
        with pytest.raises(services.QuizNotOpen):
            services.attempt_start(quiz=later, participant=participant)
        closed = make_quiz(
            [make_question()],
            closes_at=timezone.now() - timedelta(minutes=1),
            opens_at=timezone.now() - timedelta(days=1),
        )
        with pytest.raises(services.QuizNotOpen):
            services.attempt_start(quiz=closed, participant=participant)

    def test_database_allows_one_open_attempt(self, participant):
        quiz = make_quiz([make_question()])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        with pytest.raises(IntegrityError), transaction.atomic():
            Attempt.objects.create(
                quiz=quiz, participant=participant, number=2, started_at=timezone.now(), max_score=1
            )
        assert attempt.is_open


@pytest.mark.django_db
class TestSaveAndSubmit:
    def test_answers_saved_then_graded(self, participant):
        questions = [make_question() for _ in range(3)]
        quiz = make_quiz(questions)
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        aqs = list(attempt.questions.select_related("question"))
        services.attempt_save_answers(
            attempt=attempt,
            answers={
                aqs[0].position: answer_for(aqs[0], right=True),
                aqs[1].position: answer_for(aqs[1], right=False),
            },
        )
        graded = services.attempt_submit(attempt=attempt)
        assert graded.status == AttemptStatus.SUBMITTED
        assert graded.score == Decimal("1.00") and graded.percent == Decimal("33.33")
        assert graded.passed is False

    def test_submit_stores_each_answer_and_score_on_its_own_row(self, participant):
        quiz = make_quiz([make_question() for _ in range(3)] + [make_question("true_false")])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        aqs = list(attempt.questions.select_related("question").order_by("position"))
        answers = {aq.position: answer_for(aq, right=aq.position != 2) for aq in aqs}
        unanswered = aqs[2]
        answers[unanswered.position] = {}
        now = timezone.now()
        graded = services.attempt_submit(attempt=attempt, answers=answers, now=now)
        stored = {aq.pk: aq for aq in AttemptQuestion.objects.filter(attempt=attempt)}
        for aq in aqs:
            row = stored[aq.pk]
            if aq.pk == unanswered.pk:
                assert row.response is None and row.score == Decimal("0.00")
                continue
            raw = answers[aq.position]
            if aq.question.kind == "true_false":
                assert row.response == {"value": raw["value"] == "true"}
            else:
                picked = next(
                    pk for pk in aq.choice_order if choice_value(attempt, pk) == raw["choice"]
                )
                assert row.response == {"choice": picked}
            assert row.score == (Decimal("0.00") if aq.position == 2 else Decimal("1.00"))
            assert row.saved_at == now
        assert graded.score == sum(row.score for row in stored.values()) == Decimal("2.00")

    def test_a_cleared_answer_is_stored_as_no_answer(self, participant):
        # SQL NULL, not JSON null: "not answered" is read with ``response__isnull``.
        quiz = make_quiz([make_question() for _ in range(2)])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        first, second = attempt.questions.select_related("question").order_by("position")
        services.attempt_save_answers(
            attempt=attempt,
            answers={1: answer_for(first, right=True), 2: answer_for(second, right=True)},
        )
        services.attempt_save_answers(attempt=attempt, answers={1: {}})
        assert list(
            attempt.questions.filter(response__isnull=True).values_list("position", flat=True)
        ) == [1]

        services.attempt_submit(attempt=attempt, answers={2: {}})

        assert sorted(
            attempt.questions.filter(response__isnull=True).values_list("position", flat=True)
        ) == [1, 2]
        assert attempt.questions.count() == 2  # rows written over, none added

    @pytest.mark.parametrize(
        "raw",
        [{"choice": "999999"}, {"choice": "abc"}, {"choice": ["1"]}, {"text": "x" * 5000}],
    )
    def test_bad_answer_stores_nothing(self, participant, raw):
        quiz = make_quiz([make_question(), make_question()])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        good = attempt.questions.select_related("question").get(position=1)
        with pytest.raises(services.AnswerRejected):
            services.attempt_save_answers(
                attempt=attempt, answers={1: answer_for(good, right=True), 2: raw}
            )
        assert not attempt.questions.filter(response__isnull=False).exists()

    def test_answer_to_question_not_in_attempt_is_refused(self, participant):
        quiz = make_quiz([make_question()])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        with pytest.raises(services.AnswerRejected, match="not part of this attempt"):
            services.attempt_save_answers(attempt=attempt, answers={7: {"choice": "1"}})

    def test_replayed_submit_grades_once(self, participant):
        question = make_question()
        quiz = make_quiz([question])
        attempt = services.attempt_start(quiz=quiz, participant=participant)
        aq = attempt.questions.select_related("question").get()
        first = services.attempt_submit(attempt=attempt, answers={1: answer_for(aq, right=False)})
        again = services.attempt_submit(attempt=attempt, answers={1: answer_for(aq, right=True)})
        assert first.score == again.score == 0
        assert first.submitted_at == again.submitted_at
        with pytest.raises(services.AttemptClosed):
            services.attempt_save_answers(attempt=attempt, answers={1: answer_for(aq, right=True)})

    def test_time_limit_ignores_late_answers(self, participant, settings):
        settings.ASSESSMENTS_GRACE_SECONDS = 30
        quiz = make_quiz([make_question(), make_question()], time_limit_minutes=10)
        start = timezone.now()
        attempt = services.attempt_start(quiz=quiz, participant=participant, now=start)
        aq1, aq2 = attempt.questions.select_related("question").order_by("position")
        # Within the grace period: saved.
        services.attempt_save_answers(
            attempt=attempt,
            answers={1: answer_for(aq1, right=True)},
            now=start + timedelta(minutes=10, seconds=20),
        )
        late = start + timedelta(minutes=11)
        with pytest.raises(services.AttemptClosed):
            services.attempt_save_answers(
                attempt=attempt, answers={2: answer_for(aq2, right=True)}, now=late
            )
        graded = services.attempt_submit(
            attempt=attempt, answers={2: answer_for(aq2, right=True)}, now=late
        )
        assert graded.score == Decimal("1.00")
        assert graded.submitted_at == attempt.deadline
        assert AttemptQuestion.objects.get(pk=aq2.pk).response is None

    def test_expired_attempt_is_graded_when_learner_returns(self, participant):
        quiz = make_quiz([make_question()], time_limit_minutes=5, attempts_allowed=2)
        start = timezone.now() - timedelta(hours=1)
        old = services.attempt_start(quiz=quiz, participant=participant, now=start)
        new = services.attempt_start(quiz=quiz, participant=participant)
        old.refresh_from_db()
        assert old.status == AttemptStatus.SUBMITTED and new.number == 2
        assert services.attempts_close_expired() == 0

    def test_shuffling_questions_never_changes_the_grade(self, participant, other_participant):
        questions = [make_question() for _ in range(5)] + [make_question("true_false")]
        quiz = make_quiz(questions)
        scores = []
        for who, seed in ((participant, 1), (other_participant, 2)):
            attempt = services.attempt_start(quiz=quiz, participant=who, rng=random.Random(seed))
            answers = {
                aq.position: answer_for(aq, right=aq.question_id % 2 == 0)
                for aq in attempt.questions.select_related("question")
            }
            scores.append(services.attempt_submit(attempt=attempt, answers=answers).score)
        assert scores[0] == scores[1]

    def test_submit_updates_course_completion(self, participant, enrolment, course):
        quiz = make_quiz([make_question()], course=course)
        attempt = services.attempt_start(quiz=quiz, participant=participant, enrolment=enrolment)
        aq = attempt.questions.select_related("question").get()
        for module in course.get_children().specific():
            from courses.services import module_mark_done

            module_mark_done(enrolment=enrolment, module=module)
        enrolment.refresh_from_db()
        assert enrolment.completed_at is None
        services.attempt_submit(attempt=attempt, answers={1: answer_for(aq, right=True)})
        enrolment.refresh_from_db()
        assert enrolment.completed_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submits_grade_once(participant):
    """Two submits of one attempt in two threads: one grades, the other sees it graded."""
    quiz = make_quiz([make_question() for _ in range(5)])
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    answers = {
        aq.position: answer_for(aq, right=True)
        for aq in attempt.questions.select_related("question")
    }
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait()
            results.append(
                services.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), answers=answers)
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({r.submitted_at for r in results}) == 1
    assert Attempt.objects.get(pk=attempt.pk).score == Decimal("5.00")
    assert Attempt.objects.filter(quiz=quiz).count() == 1


@pytest.mark.django_db
class TestImport:
    CSV = (
        "title,kind,text,choices,answer,tolerance,tolerance_kind,categories\n"
        "Head colour,single,Which crane has a white head?,"
        "*Hooded Crane :: Yes|White-naped Crane,,,,species:Hooded Crane\n"
        "Flock,numeric,How many cranes?,,1200,10,relative,topic:Counting\n"
        "Bands,colour_bands,Read the bands,,left_above=red; right_below=metal,,,\n"
    )

    def test_import_creates_questions(self):
        result = services.question_import(name="q.csv", content=self.CSV.encode())
        assert result == {"created": 3, "updated": 0, "errors": []}
        single = Question.objects.get(title="Head colour")
        assert single.choices.get(is_correct=True).feedback == "Yes"
        assert Question.objects.get(title="Bands").band_answer["right_below"] == ["metal"]
        assert services.question_import(name="q.csv", content=self.CSV.encode())["updated"] == 3

    def test_bad_row_imports_nothing(self):
        bad = self.CSV + "Broken,single,No right answer,a|b,,,,\nNumber,numeric,x,,many,,,\n"
        result = services.question_import(name="q.csv", content=bad.encode())
        assert result["errors"] == [
            "row 5: choices: give at least two choices and mark exactly one with *",
            "row 6: answer: must be a number",
        ]
        assert not Question.objects.exists()

    def test_the_size_cap_applies_to_question_banks(self, settings):
        from assessments.importing import ImportFileError

        settings.SPREADSHEET_MAX_BYTES = 100
        with pytest.raises(ImportFileError, match="larger than"):
            services.question_import(name="q.csv", content=self.CSV.encode())
        assert not Question.objects.exists()

    def test_a_legacy_encoding_is_named(self):
        from assessments.importing import ImportFileError

        text = "title,kind,text\nЖуравль,true_false,Стерх — журавль?\n"
        with pytest.raises(ImportFileError, match=r"Windows Cyrillic \(CP1251\)"):
            services.question_import(name="q.csv", content=text.encode("cp1251"))

    def test_a_workbook_s_question_sheet_is_chosen_by_its_data(self):
        from tests.core.test_spreadsheets import workbook_bytes

        data = workbook_bytes(
            {
                "Read me": [],
                "Questions": [
                    ["title", "kind", "text", "answer"],
                    ["Flock", "numeric", "How many cranes?", 1200],
                ],
            }
        )
        result = services.question_import(name="q.xlsx", content=data)
        assert result == {"created": 1, "updated": 0, "errors": []}
        assert Question.objects.get().numeric_answer == 1200
