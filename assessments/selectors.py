"""Reads of quizzes, attempts, grades, learning gain and question statistics."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .localization import sources_filter
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptStatus,
    Choice,
    CohortTestPair,
    GradingMethod,
    Quiz,
    QuizKind,
    ReviewPolicy,
)

TWO_PLACES = Decimal("0.01")


def grace_period_seconds() -> int:
    """Seconds after the time limit during which answers still count (network lag)."""
    return int(getattr(settings, "ASSESSMENTS_GRACE_SECONDS", 30))


# --- Grades --------------------------------------------------------------------


def grade_from_percents(percents: list[Decimal], method: str) -> Decimal | None:
    """Combine attempt percentages, in attempt order, by the quiz's grading method."""
    if not percents:
        return None
    if method == GradingMethod.FIRST:
        return percents[0]
    if method == GradingMethod.LAST:
        return percents[-1]
    if method == GradingMethod.AVERAGE:
        return (sum(percents) / len(percents)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return max(percents)


def enrolment_required_quiz_grades(*, enrolment) -> list[tuple[Quiz, Decimal | None]]:
    """Each required graded quiz of the enrolment's course with the participant's grade.

    Two queries (one when the course requires no quiz).

    Args:
        enrolment: a ``courses.Enrolment``.

    Returns:
        (quiz, grade by the quiz's grading method or None before a submitted
        attempt), in the quizzes' order.
    """
    # Translations of a quiz share its course but never hold attempts: only
    # the sources count.
    quizzes = list(
        Quiz.objects.filter(
            course_id=enrolment.cohort.course_id,
            required=True,
            kind=QuizKind.QUIZ,
        )
        .filter(sources_filter(Quiz))
        .only("pk", "title", "grading_method", "pass_mark", "kind")
    )
    if not quizzes:
        return []
    percents: dict[int, list[Decimal]] = {quiz.pk: [] for quiz in quizzes}
    rows = (
        Attempt.objects.filter(
            quiz__in=quizzes,
            participant_id=enrolment.participant_id,
            status=AttemptStatus.SUBMITTED,
        )
        .order_by("number")
        .values_list("quiz_id", "percent")
    )
    for quiz_id, percent in rows:
        percents[quiz_id].append(percent)
    return [(quiz, grade_from_percents(percents[quiz.pk], quiz.grading_method)) for quiz in quizzes]


def enrolments_required_quiz_grades(*, enrolments) -> dict[int, list[tuple[Quiz, Decimal | None]]]:
    """:func:`enrolment_required_quiz_grades` for many enrolments; two queries at most.

    Args:
        enrolments: ``courses.Enrolment`` rows with their cohorts loaded.

    Returns:
        By enrolment pk: (quiz, grade or None) for each required graded quiz.
    """
    enrolments = list(enrolments)
    course_ids = {e.cohort.course_id for e in enrolments}
    quizzes_by_course: dict[int, list[Quiz]] = {}
    if course_ids:
        for quiz in (
            Quiz.objects.filter(course_id__in=course_ids, required=True, kind=QuizKind.QUIZ)
            .filter(sources_filter(Quiz))
            .only("pk", "title", "grading_method", "pass_mark", "kind", "course_id")
            .order_by("pk")
        ):
            quizzes_by_course.setdefault(quiz.course_id, []).append(quiz)
    quiz_ids = [q.pk for quizzes in quizzes_by_course.values() for q in quizzes]
    percents: dict[tuple[int, int], list[Decimal]] = {}
    if quiz_ids:
        rows = (
            Attempt.objects.filter(
                quiz_id__in=quiz_ids,
                participant_id__in={e.participant_id for e in enrolments},
                status=AttemptStatus.SUBMITTED,
            )
            .order_by("number")
            .values_list("quiz_id", "participant_id", "percent")
        )
        for quiz_id, participant_id, percent in rows:
            percents.setdefault((quiz_id, participant_id), []).append(percent)
    return {
        e.pk: [
            (
                quiz,
                grade_from_percents(
                    percents.get((quiz.pk, e.participant_id), []), quiz.grading_method
                ),
            )
            for quiz in quizzes_by_course.get(e.cohort.course_id, [])
        ]
        for e in enrolments
    }


def enrolment_assessments_passed(*, enrolment) -> bool:
    """True when every required graded quiz of the enrolment's course is passed.

    Args:
        enrolment: a ``courses.Enrolment``.

    Returns:
        True when the course has no required quiz, or the enrolment's participant
        has a grade at or above the pass mark on each (by the quiz's grading method).
    """
    return all(
        grade is not None and grade >= quiz.pass_mark
        for quiz, grade in enrolment_required_quiz_grades(enrolment=enrolment)
    )


# --- Attempts ------------------------------------------------------------------


def attempts_for_participant(*, quiz: Quiz, participant) -> QuerySet[Attempt]:
    return Attempt.objects.filter(quiz=quiz, participant=participant).order_by("number")


def attempt_for_participant(*, attempt_id: int, participant) -> Attempt:
    """The attempt if it is the participant's own.

    Raises:
        Attempt.DoesNotExist: no such attempt, or somebody else's (views answer 404).
    """
    return Attempt.objects.select_related("quiz", "enrolment__cohort__course").get(
        pk=attempt_id, participant=participant
    )


@functools.cache
def _submit_columns() -> tuple[str, ...]:
    """What grading and completion read (anything else loads on first use)."""
    return (
        *(field.name for field in Attempt._meta.concrete_fields),
        "quiz__kind",
        "quiz__pass_mark",
        "enrolment__participant",
        "enrolment__cohort",
        "enrolment__status",
        "enrolment__completed_at",
        "enrolment__cohort__course",
        "enrolment__cohort__mode",
        "enrolment__cohort__end_date",
        "enrolment__cohort__attendance_threshold",
        # Completion finds the course's modules by the page's place in the tree.
        "enrolment__cohort__course__path",
        "enrolment__cohort__course__depth",
    )


def attempt_for_submit(*, attempt_id: int, participant) -> Attempt:
    """The participant's attempt with what submitting it reads, in one query.

    As ``attempt_for_participant``, but only the columns that grading and
    completion read are loaded; of the course page, its place in the page tree.
    Compiling and reading the page's and the quiz's other columns was the
    larger part of that query's cost, and the submit is the quiz engine's
    busiest write. The view's query count is pinned in tests, so a read of a
    column left out here shows there as an extra query.

    Raises:
        Attempt.DoesNotExist: no such attempt, or somebody else's (views answer 404).
    """
    return (
        Attempt.objects.select_related("quiz", "enrolment__cohort__course")
        .only(*_submit_columns())
        .get(pk=attempt_id, participant=participant)
    )


def attempt_questions(*, attempt: Attempt) -> list[AttemptQuestion]:
    """The attempt's questions in order with their choices; three queries at any size."""
    return list(
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("question")
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("sort_order"))
        )
        .order_by("position")
    )


def attempts_used(*, quiz: Quiz, participant) -> int:
    return Attempt.objects.filter(quiz=quiz, participant=participant).count()


def attempt_time_is_up(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Past the time limit plus the grace period (or past the quiz's closing)."""
    if attempt.deadline is None:
        return False
    now = now or timezone.now()
    return (now - attempt.deadline).total_seconds() > grace_period_seconds()


def review_allowed(
    *, attempt: Attempt, now: datetime | None = None, used: int | None = None
) -> bool:
    """Whether the learner may now see answers, feedback and per-question scores.

    Args:
        attempt: a submitted attempt (an open one is never reviewable).
        used: attempts used so far, if the caller has counted them already.
    """
    if attempt.status != AttemptStatus.SUBMITTED:
        return False
    quiz = attempt.quiz
    now = now or timezone.now()
    closed = quiz.closes_at is not None and now >= quiz.closes_at
    policy = quiz.review_policy
    if policy == ReviewPolicy.IMMEDIATELY:
        return True
    if policy == ReviewPolicy.AFTER_CLOSE:
        return closed
    if policy == ReviewPolicy.AFTER_LAST_ATTEMPT:
        if closed:
            return True
        if not quiz.attempts_allowed:
            return False
        if used is None:
            used = attempts_used(quiz=quiz, participant=attempt.participant_id)
        return used >= quiz.attempts_allowed
    return False


# --- Instructor reports --------------------------------------------------------


def quiz_attempt_rows(*, quiz: Quiz) -> list[dict]:
    """One row per attempt on ``quiz`` for the instructor's table and exports."""
    rows = []
    attempts = (
        Attempt.objects.filter(quiz=quiz)
        .select_related("participant", "enrolment__cohort")
        .order_by("participant__family_name", "participant__given_name", "number")
    )
    for attempt in attempts:
        participant = attempt.participant
        rows.append(
            {
                "participant_id": participant.pk,
                "name": f"{participant.given_name} {participant.family_name}".strip(),
                "email": participant.email,
                "cohort": attempt.enrolment.cohort.slug if attempt.enrolment_id else "",
                "attempt": attempt.number,
                "status": attempt.get_status_display(),
                "started_at": attempt.started_at,
                "submitted_at": attempt.submitted_at,
                "score": attempt.score,
                "max_score": attempt.max_score,
                "percent": attempt.percent,
                "passed": attempt.passed,
            }
        )
    return rows


def statistics_min_learners() -> int:
    """How many different learners must have answered a question before it is judged."""
    return int(getattr(settings, "ASSESSMENTS_STATISTICS_MIN_LEARNERS", 10))


@dataclass(frozen=True)
class QuestionStatistics:
    question_id: int
    title: str
    kind: str
    answered: int
    facility: float | None
    discrimination: float | None
    learners: int = 0

    @property
    def enough(self) -> bool:
        """Enough different learners answered for the figures to mean something."""
        return self.learners >= statistics_min_learners()

    @property
    def is_weak(self) -> bool:
        """Flag questions nearly everyone or nobody gets, or that do not discriminate.

        Never before ``enough``: a few attempts (or one person's) say nothing
        about a question.
        """
        if not self.enough:
            return False
        if self.facility is not None and (self.facility < 0.2 or self.facility > 0.95):
            return True
        return self.discrimination is not None and self.discrimination < 0.2


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def question_statistics(*, quiz: Quiz) -> list[QuestionStatistics]:
    """Facility and discrimination per question over the quiz's submitted attempts.

    Facility is the mean score fraction on the question. Discrimination is the
    correlation between the question's score and the rest of the attempt's score
    (the attempt total minus this question), over attempts that drew it; None
    with fewer than three attempts or no spread.
    """
    rows = (
        AttemptQuestion.objects.filter(attempt__quiz=quiz, attempt__status=AttemptStatus.SUBMITTED)
        .values_list(
            "question_id",
            "question__title",
            "question__kind",
            "score",
            "max_score",
            "attempt__score",
            "attempt__participant_id",
        )
        .order_by("question__title", "question_id")
    )
    per_question: dict[int, dict] = {}
    for question_id, title, kind, score, max_score, total, participant_id in rows:
        if not max_score:
            continue
        entry = per_question.setdefault(
            question_id,
            {"title": title, "kind": kind, "fractions": [], "rest": [], "learners": set()},
        )
        entry["learners"].add(participant_id)
        entry["fractions"].append(float(score / max_score))
        entry["rest"].append(float(total - score))
    return [
        QuestionStatistics(
            question_id=question_id,
            title=entry["title"],
            kind=entry["kind"],
            answered=len(entry["fractions"]),
            facility=sum(entry["fractions"]) / len(entry["fractions"]),
            discrimination=_correlation(entry["fractions"], entry["rest"]),
            learners=len(entry["learners"]),
        )
        for question_id, entry in per_question.items()
    ]


def questions_for_export(*, quiz_id: int | str | None = None) -> QuerySet:
    """Original-language questions with choices and categories, by title; a quiz's only.

    Args:
        quiz_id: only the questions placed in this quiz's slots (None: the bank).
    """
    from .models import Question, QuizSlot

    questions = Question.objects.filter(sources_filter(Question))
    if quiz_id is not None:
        questions = questions.filter(
            pk__in=QuizSlot.objects.filter(quiz_id=quiz_id).values("question_id")
        )
    return questions.prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("sort_order")), "categories"
    ).order_by("title")


# --- Learning gain -------------------------------------------------------------


def learning_gain_rows(
    *, cohort_ids: list[int] | None = None, course_ids: list[int] | None = None
) -> list[dict]:
    """Pre- and post-test score per learner of cohorts with a test pair.

    Each learner's score on a test is their grade by that quiz's grading method,
    over the attempts made within that cohort's enrolment.

    Args:
        cohort_ids: only these cohorts (None: all with a pair).
        course_ids: only cohorts of these courses.

    Returns:
        Rows ``{"participant_id", "cohort_id", "pre", "post", "gain"}`` with
        percentages as Decimal; ``pre``/``post`` None when not sat, ``gain``
        None unless both were sat. Learners who sat neither are left out.
    """
    pairs = CohortTestPair.objects.select_related("pre_test", "post_test")
    if cohort_ids is not None:
        pairs = pairs.filter(cohort_id__in=cohort_ids)
    if course_ids is not None:
        pairs = pairs.filter(cohort__course_id__in=course_ids)
    pairs = list(pairs)
    if not pairs:
        return []
    by_quiz_cohort = {}
    for pair in pairs:
        by_quiz_cohort[(pair.pre_test_id, pair.cohort_id)] = ("pre", pair.pre_test.grading_method)
        by_quiz_cohort[(pair.post_test_id, pair.cohort_id)] = (
            "post",
            pair.post_test.grading_method,
        )
    attempts = (
        Attempt.objects.filter(
            status=AttemptStatus.SUBMITTED,
            enrolment__cohort_id__in=[p.cohort_id for p in pairs],
            quiz_id__in={q for (q, _c) in by_quiz_cohort},
        )
        .order_by("number")
        .values_list("participant_id", "enrolment__cohort_id", "quiz_id", "percent")
    )
    collected: dict[tuple[int, int], dict[str, list[Decimal]]] = {}
    for participant_id, cohort_id, quiz_id, percent in attempts:
        which = by_quiz_cohort.get((quiz_id, cohort_id))
        if which is None:
            continue
        entry = collected.setdefault((participant_id, cohort_id), {"pre": [], "post": []})
        entry[which[0]].append(percent)
    methods = {
        pair.cohort_id: (pair.pre_test.grading_method, pair.post_test.grading_method)
        for pair in pairs
    }
    rows = []
    for (participant_id, cohort_id), entry in sorted(collected.items()):
        pre_method, post_method = methods[cohort_id]
        pre = grade_from_percents(entry["pre"], pre_method)
        post = grade_from_percents(entry["post"], post_method)
        rows.append(
            {
                "participant_id": participant_id,
                "cohort_id": cohort_id,
                "pre": pre,
                "post": post,
                "gain": post - pre if pre is not None and post is not None else None,
            }
        )
    return rows


# --- Learner pages -------------------------------------------------------------


def enrolment_for_quiz(*, quiz: Quiz, participant):
    """The participant's active enrolment in the quiz's course (latest first), or None."""
    if not quiz.course_id:
        return None
    from courses.models import Enrolment, EnrolmentStatus

    return (
        Enrolment.objects.filter(
            participant=participant,
            cohort__course_id=quiz.course_id,
            status=EnrolmentStatus.ACTIVE,
        )
        .order_by("-enrolled_at")
        .first()
    )


def quiz_overview(*, quiz: Quiz, participant) -> dict:
    """What the quiz page shows a learner: their attempts, grade and what they may do."""
    now = timezone.now()
    attempts = list(attempts_for_participant(quiz=quiz, participant=participant))
    submitted = [a for a in attempts if a.status == AttemptStatus.SUBMITTED]
    open_attempt = next((a for a in attempts if a.status == AttemptStatus.IN_PROGRESS), None)
    grade = grade_from_percents([a.percent for a in submitted], quiz.grading_method)
    used = len(attempts)
    left = None if not quiz.attempts_allowed else max(quiz.attempts_allowed - used, 0)
    is_open = not (quiz.opens_at and now < quiz.opens_at) and not (
        quiz.closes_at and now >= quiz.closes_at
    )
    enrolment = enrolment_for_quiz(quiz=quiz, participant=participant)
    needs_enrolment = bool(quiz.course_id) and enrolment is None
    return {
        "attempts": attempts,
        "open_attempt": open_attempt,
        "grade": grade,
        "passed": grade is not None and (quiz.is_survey or grade >= quiz.pass_mark),
        "attempts_left": left,
        "is_open": is_open,
        "needs_enrolment": needs_enrolment,
        "can_start": open_attempt is None and is_open and not needs_enrolment and left != 0,
    }


def attempt_result_context(*, attempt: Attempt) -> dict:
    """The result page: overall result always; answers and feedback only in review."""
    from . import display

    used = attempts_used(quiz=attempt.quiz, participant=attempt.participant_id)
    allowed = review_allowed(attempt=attempt, used=used)
    quiz = attempt.quiz
    left = None if not quiz.attempts_allowed else max(quiz.attempts_allowed - used, 0)
    context = {
        "quiz": quiz,
        "review_allowed": allowed,
        "attempts_left": left,
        "can_retry": left != 0 and not (quiz.closes_at and timezone.now() >= quiz.closes_at),
        "review": [],
    }
    if allowed:
        from . import localization

        rows = attempt_questions(attempt=attempt)
        translations = localization.attempt_translations(attempt, rows)
        context["review"] = [
            display.review_view(
                question=aq.question_as_drawn(),
                choice_order=aq.choice_order,
                response=aq.response,
                position=aq.position,
                attempt_id=attempt.pk,
                score=aq.score,
                max_score=aq.max_score,
                translation=translations.get(aq.question_id),
            )
            for aq in rows
        ]
    return context


# --- Grading specs -------------------------------------------------------------

SPEC_CACHE_SECONDS = 60 * 60


def _snapshot_key(snapshot: dict) -> str:
    """The snapshot as canonical JSON, without ``updated_at``.

    ``serializable_data()`` writes the time of the snapshot there (the field is
    ``auto_now``), so two attempts of one unchanged question differ only by it;
    grading never reads it.
    """
    content = {key: value for key, value in snapshot.items() if key != "updated_at"}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)


@functools.lru_cache(maxsize=4096)
def _spec_from_snapshot(snapshot_json: str):
    """The grading spec of a question snapshot, kept per worker process.

    A snapshot is never changed once written, so its spec is keyed by its
    content. Building it means deserialising the question with its choices
    (modelcluster), about a millisecond a question: most of a submit's CPU
    before this was kept, since every learner of a quiz submits the same
    snapshots.
    """
    from . import grading
    from .models import Question

    question = Question.from_serializable_data(json.loads(snapshot_json), check_fks=False)
    return grading.spec_from_question(question)


def _spec_key(question_id: int, updated_at: datetime) -> str:
    return f"assessments:spec:{question_id}:{updated_at.timestamp():.6f}"


def attempt_questions_for_grading(*, attempt: Attempt):
    """The attempt's question rows and a grading spec per question id.

    Rows keep the question as published when the attempt began (``snapshot``),
    whose spec needs no query. Rows from before snapshots were kept read the
    question; their specs are cached under its id and ``updated_at`` (saving a
    question writes it, so an edited question gets a new key). Returns
    ``(rows, specs)``; at most three queries at any size, one with snapshots.
    """
    from django.core.cache import cache
    from django.db.models import F

    from . import grading
    from .models import Question

    rows = list(
        AttemptQuestion.objects.filter(attempt_id=attempt.pk)
        .annotate(question_updated_at=F("question__updated_at"))
        .order_by("position")
    )
    # An attempt grades the questions as they were when it began (its snapshots).
    specs = {
        row.question_id: _spec_from_snapshot(_snapshot_key(row.snapshot))
        for row in rows
        if row.snapshot is not None
    }
    keys = {
        row.question_id: _spec_key(row.question_id, row.question_updated_at)
        for row in rows
        if row.snapshot is None
    }
    found = cache.get_many(list(keys.values())) if keys else {}
    specs.update({qid: found[key] for qid, key in keys.items() if key in found})
    missing = [qid for qid in keys if qid not in specs]
    if missing:
        fresh = {}
        for question in Question.objects.filter(pk__in=missing).prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("sort_order"))
        ):
            specs[question.pk] = grading.spec_from_question(question)
            fresh[_spec_key(question.pk, question.updated_at)] = specs[question.pk]
        cache.set_many(fresh, SPEC_CACHE_SECONDS)
    return rows, specs


def survey_min_respondents() -> int:
    """How many people must answer a survey question before its answers are shown.

    The public figures' threshold (``REPORT_MIN_CELL``, BRIEF §3): fewer
    answers could be told apart by who took the survey.
    """
    return int(getattr(settings, "REPORT_MIN_CELL", 5))


def survey_summary(*, quiz: Quiz) -> list[dict]:
    """Per question of a survey: Likert counts per scale point, or the free-text answers.

    Returns rows ``{"title", "text", "kind", "counts": [(label, n)], "texts": [str],
    "respondents": n, "too_few": bool}`` over submitted attempts, in question
    order of first appearance. Nothing here names, dates or orders by a
    respondent: comments are sorted alphabetically, and a question's answers
    are given only once at least ``survey_min_respondents()`` different people
    answered it (``too_few`` otherwise, with no counts and no texts).
    """
    minimum = survey_min_respondents()
    rows = (
        AttemptQuestion.objects.filter(attempt__quiz=quiz, attempt__status=AttemptStatus.SUBMITTED)
        .select_related("question", "attempt")
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("sort_order"))
        )
        .order_by("question_id")
    )
    summary: dict[int, dict] = {}
    for aq in rows:
        question = aq.question
        entry = summary.get(question.pk)
        if entry is None:
            choices = list(question.choices.all())
            entry = summary[question.pk] = {
                "title": question.title,
                "text": question.text,
                "kind": question.kind,
                "labels": {c.pk: c.text for c in choices},
                "tally": dict.fromkeys((c.pk for c in choices), 0),
                "texts": [],
                "people": set(),
            }
        response = aq.response or {}
        if question.kind == "free_text" and response.get("text", "").strip():
            entry["texts"].append(response["text"].strip())
            entry["people"].add(aq.attempt.participant_id)
        elif response.get("choice") in entry["tally"]:
            entry["tally"][response["choice"]] += 1
            entry["people"].add(aq.attempt.participant_id)
    out = []
    for entry in summary.values():
        enough = len(entry["people"]) >= minimum
        out.append(
            {
                "title": entry["title"],
                "text": entry["text"],
                "kind": entry["kind"],
                "respondents": len(entry["people"]),
                "too_few": not enough,
                "counts": [(entry["labels"][pk], n) for pk, n in entry["tally"].items()]
                if enough
                else [],
                # Sorted, not in the order given: that order would match the attempts
                # list and tell instructors who wrote what.
                "texts": sorted(entry["texts"], key=str.casefold) if enough else [],
            }
        )
    return out


# --- The personal-data download (portal.registry.personal_data) -------------

PERSONAL_DATA_COVERS = ("assessments.Attempt.participant", "assessments.Attempt.enrolment")
PERSONAL_DATA_OMITS = {
    "assessments.Quiz.locked_by": "An edit lock a staff member holds on a quiz they are writing",
    "assessments.Question.locked_by": (
        "An edit lock a staff member holds on a question they are writing"
    ),
}


def assessments_personal_data(participant) -> dict[str, list[dict]]:
    """The person's quiz and survey attempts and every answer they gave.

    An answer names the question as it was shown (its text), never the
    question's key or the other choices' marks: the download is no answer sheet.
    """
    from .models import Attempt, AttemptQuestion

    attempts = list(
        Attempt.objects.filter(participant=participant)
        .select_related("quiz")
        .order_by("started_at", "pk")
    )
    answers = (
        AttemptQuestion.objects.filter(attempt__participant=participant)
        .select_related("question", "attempt__quiz")
        .order_by("attempt__started_at", "attempt_id", "position")
    )
    return {
        "assessments.attempts": [
            {
                "attempt": a.pk,
                "quiz": a.quiz.title,
                "kind": a.quiz.kind,
                "number": a.number,
                "status": a.status,
                "started_at": a.started_at,
                "submitted_at": a.submitted_at,
                "score": a.score,
                "max_score": a.max_score,
                "percent": a.percent,
                "passed": a.passed,
            }
            for a in attempts
        ],
        "assessments.answers": [
            {
                "attempt": row.attempt_id,
                "quiz": row.attempt.quiz.title,
                "position": row.position,
                "question": row.question_as_drawn().text,
                "response": row.response,
                "saved_at": row.saved_at,
                "score": row.score,
                "max_score": row.max_score,
            }
            for row in answers
        ],
    }
