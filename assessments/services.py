"""Writes of the quiz engine: start an attempt, save answers, submit and grade.

Every write that depends on an attempt's state runs in one transaction and
re-reads the attempt with ``select_for_update`` (on SQLite the immediate
transaction serialises writers the same way), so a replayed, doubled or late
submit grades at most once and answers saved after the time limit are ignored.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from . import grading, localization, sql
from .choice_tokens import decode_answer, token_map
from .models import (
    Attempt,
    AttemptQuestion,
    AttemptStatus,
    Question,
    QuestionKind,
    Quiz,
    QuizKind,
)
from .selectors import attempt_questions_for_grading, attempt_time_is_up

TWO_PLACES = Decimal("0.01")


class AssessmentError(Exception):
    """A request the rules refuse; ``str()`` is a message for the learner."""


class QuizNotOpen(AssessmentError):
    pass


class NoAttemptsLeft(AssessmentError):
    pass


class AttemptClosed(AssessmentError):
    pass


class AnswerRejected(AssessmentError):
    """A response that does not fit its question; nothing was stored."""


# --- Starting --------------------------------------------------------------------


def _draw_questions(*, quiz: Quiz, rng: random.Random) -> list[Question]:
    """Fixed questions plus random draws from categories, without repeats."""
    chosen: list[Question] = []
    seen: set[int] = set()
    slots = list(quiz.slots.select_related("question__locale").order_by("sort_order"))
    # A slot may name a translation; attempts always hold the source question.
    fixed = localization.source_questions([slot.question for slot in slots if slot.question_id])
    for question in fixed:
        # A question never published is a draft: learners never see it.
        if question.pk not in seen and question.live:
            chosen.append(question)
            seen.add(question.pk)
    for slot in slots:
        if not slot.category_id:
            continue
        # Translations may share the category; only sources are drawn.
        pool = list(
            Question.objects.filter(
                localization.sources_filter(Question), categories=slot.category_id, live=True
            )
            .exclude(pk__in=seen)
            .order_by("pk")
        )
        if len(pool) < slot.draw_count:
            raise QuizNotOpen(_("This quiz is not ready: its question bank has too few questions."))
        for question in rng.sample(pool, slot.draw_count):
            chosen.append(question)
            seen.add(question.pk)
    if not chosen:
        raise QuizNotOpen(_("This quiz has no questions yet."))
    return chosen


def _choice_order(question: Question, *, shuffle: bool, rng: random.Random) -> list[int]:
    ids = [c.pk for c in sorted(question.choices.all(), key=lambda c: c.sort_order or 0)]
    if question.kind == QuestionKind.LIKERT:
        return ids  # a scale keeps its order
    if question.kind == QuestionKind.ORDERING and len(ids) > 1:
        # Ordering is always shuffled, and never shown already in the right order.
        order = ids[:]
        while order == ids:
            rng.shuffle(order)
        return order
    if shuffle:
        ids = ids[:]
        rng.shuffle(ids)
    return ids


def quiz_is_open(*, quiz: Quiz, now: datetime) -> bool:
    if quiz.opens_at and now < quiz.opens_at:
        return False
    return not (quiz.closes_at and now >= quiz.closes_at)


def attempt_start(
    *,
    quiz: Quiz,
    participant,
    enrolment=None,
    now: datetime | None = None,
    rng: random.Random | None = None,
    language: str | None = None,
) -> Attempt:
    """Open a new attempt, or return the participant's open one.

    Drawing fixes the questions, their order and the order of their choices
    for the life of the attempt. An open attempt whose time ran out is first
    submitted with what was saved in time.

    The attempt keeps the version it began on: the quiz's pass mark (the quiz
    row is its published version; drafts live in revisions), each question as
    published, and each question's translation into ``language`` (default: the
    reading language) as published, so that neither an editor nor a
    translator changes a running or graded attempt.

    Raises:
        QuizNotOpen: before the opening or after the closing date, or the quiz
            cannot be drawn.
        NoAttemptsLeft: every attempt allowed is used.
    """
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    current = Attempt.objects.filter(
        quiz=quiz, participant=participant, status=AttemptStatus.IN_PROGRESS
    ).first()
    if current is not None:
        if not attempt_time_is_up(attempt=current, now=now):
            return current
        attempt_submit(attempt=current, now=now)
    if not quiz.live or not quiz_is_open(quiz=quiz, now=now):
        raise QuizNotOpen(_("This quiz is not open now."))
    used = Attempt.objects.filter(quiz=quiz, participant=participant).count()
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise NoAttemptsLeft(_("You have used every attempt this quiz allows."))
    questions = _draw_questions(quiz=quiz, rng=rng)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    with_choices = {
        q.pk: q
        for q in Question.objects.filter(pk__in=[q.pk for q in questions]).prefetch_related(
            "choices"
        )
    }
    questions = [with_choices[q.pk] for q in questions]
    language = language or localization.reading_language()
    translations = localization.question_translations(questions, language=language)
    specs = {q.pk: grading.spec_from_question(q) for q in questions}
    # A question that cannot be shown or graded is shown as an apology and
    # counts for nothing; the course team is told (see question_defects_notify).
    defective = [pk for pk, spec in specs.items() if grading.question_defects(spec)]
    tops = {
        pk: Decimal("0") if pk in defective else grading.max_score(spec)
        for pk, spec in specs.items()
    }
    deadline = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                participant=participant,
                enrolment=enrolment,
                number=used + 1,
                quiz_revision_id=quiz.live_revision_id,
                pass_mark=quiz.pass_mark,
                language=language,
                started_at=now,
                deadline=deadline,
                max_score=sum(tops.values(), Decimal("0")),
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    question=question,
                    # The attempt keeps the question as published now: a later
                    # edit changes neither this attempt nor its grade.
                    question_revision_id=question.live_revision_id,
                    snapshot=question.serializable_data(),
                    translation_snapshot=(
                        translations[question.pk].serializable_data()
                        if question.pk in translations
                        else None
                    ),
                    position=position,
                    choice_order=_choice_order(question, shuffle=quiz.shuffle_choices, rng=rng),
                    max_score=tops[question.pk],
                )
                for position, question in enumerate(questions, start=1)
            )
            if defective:
                transaction.on_commit(
                    functools.partial(
                        _enqueue_defects_notify, quiz_id=quiz.pk, question_ids=defective
                    )
                )
    except IntegrityError:
        # A concurrent start won the race: resume the attempt it opened.
        existing = Attempt.objects.filter(
            quiz=quiz, participant=participant, status=AttemptStatus.IN_PROGRESS
        ).first()
        if existing is None:
            raise
        return existing
    return attempt


# --- Saving answers --------------------------------------------------------------


def _clean_answers(
    *,
    attempt_id: int,
    questions: list[AttemptQuestion],
    answers: dict[int, object],
    specs: dict | None = None,
) -> list[AttemptQuestion]:
    """Validate every answer first, so that one bad answer stores nothing.

    Answers name choices by the attempt's tokens (``choice_tokens``), as the
    page does; they are stored by choice id. ``specs`` maps question ids to
    grading specs; without it each row's ``question`` (with its choices) is
    used. An answer to a question that cannot be graded is left out.
    """
    by_position = {aq.position: aq for aq in questions}
    changed = []
    for position, raw in answers.items():
        aq = by_position.get(position)
        if aq is None:
            raise AnswerRejected(_("That question is not part of this attempt."))
        if not raw:
            aq.response = None
            changed.append(aq)
            continue
        spec = specs[aq.question_id] if specs else grading.spec_from_question(aq.question)
        if grading.question_defects(spec):
            continue
        try:
            if isinstance(raw, dict) and "_unknown" in raw:
                raise grading.ResponseError(_("The answer has a field this question does not use."))
            tokens = token_map(attempt_id=attempt_id, choice_ids=aq.choice_order or [])
            aq.response = grading.validate_response(spec, decode_answer(raw, tokens))
        except grading.ResponseError as error:
            raise AnswerRejected(
                _("Question %(number)d: %(problem)s") % {"number": position, "problem": error}
            ) from None
        changed.append(aq)
    return changed


def attempt_save_answers(
    *, attempt: Attempt, answers: dict[int, object], now: datetime | None = None
) -> int:
    """Store the learner's answers (by question position) on an open attempt.

    Answers are checked before the write transaction; the transaction first
    stamps ``last_saved_at`` only if the attempt is still open and in time
    (one conditional UPDATE, which also makes a concurrent submit re-read),
    then writes the answers.

    Returns:
        How many answers were stored.

    Raises:
        AttemptClosed: the attempt is submitted or out of time (nothing stored).
        AnswerRejected: an answer does not fit its question, or names a question
            not in the attempt (nothing stored).
    """
    from datetime import timedelta as _timedelta

    from .selectors import grace_period_seconds

    now = now or timezone.now()
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise AttemptClosed(_("This attempt has been submitted; it cannot be changed."))
    if attempt_time_is_up(attempt=attempt, now=now):
        raise AttemptClosed(_("The time limit has passed; later answers are not saved."))
    questions, specs = attempt_questions_for_grading(attempt=attempt)
    changed = _clean_answers(
        attempt_id=attempt.pk, questions=questions, answers=answers, specs=specs
    )
    for aq in changed:
        aq.saved_at = now
    in_time = Q(deadline__isnull=True) | Q(
        deadline__gte=now - _timedelta(seconds=grace_period_seconds())
    )
    write_rows = _question_rows_writer(changed, ["response", "saved_at"])
    with transaction.atomic():
        still_open = Attempt.objects.filter(
            in_time, pk=attempt.pk, status=AttemptStatus.IN_PROGRESS
        ).update(last_saved_at=now)
        if not still_open:
            raise AttemptClosed(_("This attempt is closed; the answer was not saved."))
        write_rows()
    return len(changed)


def attempt_set_accessible_bands(*, attempt: Attempt, on: bool) -> Attempt:
    """Record whether the learner reads colour bands in the accessible form.

    The accessible form numbers each band by its legend entry and draws larger;
    it is recorded on the attempt, so the page keeps it and reports can tell.
    """
    Attempt.objects.filter(pk=attempt.pk).update(accessible_bands=on)
    attempt.accessible_bands = on
    return attempt


# --- Submitting ------------------------------------------------------------------


def _question_rows_writer(rows: list[AttemptQuestion], fields: list[str]) -> Callable[[], object]:
    """The write of ``fields`` on an attempt's existing question ``rows``, to run later.

    Built before the write transaction, run inside it. On SQLite the statement
    is prepared here (``sql.question_rows_update``: one UPDATE with a CASE per
    field), so the write lock of the immediate transaction is held for its
    execution only; ``bench/bench_assessments_submit.py`` measures why.
    Elsewhere it is the ORM's upsert on the primary key (``bulk_create`` with
    ``update_conflicts``: INSERT … ON CONFLICT (id) DO UPDATE SET ``fields``);
    every row exists, so each is updated and nothing is inserted. Its values go
    as plain parameters, where ``bulk_update`` compiles a CASE WHEN per row and
    field (for ten rows 0.9 ms of CPU against 3.6 ms on PostgreSQL).
    """
    prepared = sql.question_rows_update(rows, fields)
    if prepared is not None:
        return prepared
    return functools.partial(
        AttemptQuestion.objects.bulk_create,
        rows,
        update_conflicts=True,
        unique_fields=[AttemptQuestion._meta.pk.name],
        update_fields=fields,
    )


def _percent(score: Decimal, top: Decimal) -> Decimal:
    if not top:
        return Decimal("100.00")
    return (score * 100 / top).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def attempt_submit(
    *,
    attempt: Attempt,
    answers: dict[int, object] | None = None,
    now: datetime | None = None,
    submit_key: str = "",
) -> Attempt:
    """Grade the attempt once and close it; a replay returns the graded attempt.

    Answers sent with the submit are stored first if they arrive in time; after
    the time limit and grace period they are ignored and the attempt is graded
    on what was saved in time.

    Reading and grading happen before the write transaction; the transaction
    then closes the attempt with a compare-and-set UPDATE (still open, nothing
    saved since it was read). Only one of several concurrent submits can win
    it; the others re-read and return the graded attempt. This keeps the
    database's write lock for a few statements only.

    ``submit_key`` (an idempotency key, see ``attempt_submit_once``) is written
    by the submit that wins the compare-and-set, so the attempt records which
    submit graded it.

    Raises:
        AnswerRejected: an answer sent with the submit does not fit (nothing
            stored, the attempt stays open).
    """
    now = now or timezone.now()
    current = attempt if "quiz" in attempt._state.fields_cache else None
    while True:
        if current is None:
            current = Attempt.objects.select_related("quiz", "enrolment__cohort__course").get(
                pk=attempt.pk
            )
        if current.status != AttemptStatus.IN_PROGRESS:
            return current
        late = attempt_time_is_up(attempt=current, now=now)
        questions, specs = attempt_questions_for_grading(attempt=current)
        if answers and not late:
            changed = _clean_answers(
                attempt_id=current.pk, questions=questions, answers=answers, specs=specs
            )
            for aq in changed:
                aq.saved_at = now
        total = Decimal("0")
        for aq in questions:
            spec = specs[aq.question_id]
            if grading.question_defects(spec):
                # Found broken after the start: it counts for nothing, the rest is graded.
                current.max_score -= aq.max_score
                aq.max_score = aq.score = Decimal("0")
                continue
            aq.score = grading.grade(spec, aq.response).score
            total += aq.score
        current.status = AttemptStatus.SUBMITTED
        current.submitted_at = min(now, current.deadline) if late and current.deadline else now
        current.score = min(total, current.max_score)
        current.percent = _percent(current.score, current.max_score)
        # The pass mark of the version the attempt began on; attempts from
        # before it was kept have none and take the quiz's.
        pass_mark = current.quiz.pass_mark if current.pass_mark is None else current.pass_mark
        current.passed = (
            True if current.quiz.kind == QuizKind.SURVEY else current.percent >= pass_mark
        )
        current.submit_key = submit_key
        # The attempt closes only if it is still open and nothing was saved
        # since it was read (compare-and-set); then its question rows follow,
        # all in one statement, prepared before the transaction.
        write_rows = _question_rows_writer(
            questions, ["response", "saved_at", "score", "max_score"]
        )
        with transaction.atomic():
            closed = Attempt.objects.filter(
                pk=current.pk,
                status=AttemptStatus.IN_PROGRESS,
                last_saved_at=current.last_saved_at,
            ).update(
                status=current.status,
                submitted_at=current.submitted_at,
                score=current.score,
                max_score=current.max_score,
                percent=current.percent,
                passed=current.passed,
                submit_key=submit_key,
            )
            if closed != 1:
                current = None
                continue  # submitted or changed meanwhile: read again
            write_rows()
        # Completion reads the course's requirements; it runs after the write
        # lock is released and only when this attempt can have changed it: a
        # failed attempt never makes a quiz grade passing, whatever the method.
        if current.enrolment_id and current.passed:
            from courses.services import enrolment_completion_update

            enrolment_completion_update(enrolment=current.enrolment)
        return current


class SubmitOutcome(models.TextChoices):
    """How a submit sent with an idempotency key ended (``attempt_submit_once``)."""

    GRADED = "graded", _("Graded")
    REPLAYED = "replayed", _("Already graded")
    SUBMITTED_ELSEWHERE = "submitted_elsewhere", _("Submitted elsewhere")
    LATE = "late", _("Graded on the answers saved in time")


def attempt_submit_once(
    *,
    attempt: Attempt,
    answers: dict[int, object] | None,
    submit_key: str,
    now: datetime | None = None,
) -> tuple[Attempt, SubmitOutcome]:
    """Submit a queued attempt exactly once, whenever and however often it arrives.

    A device that lost its connection sends the same submit again, with the
    same ``submit_key``, until it hears an answer. The first to arrive grades
    the attempt by the usual rules (``attempt_submit``); a repeat with the same
    key gets that result back (``REPLAYED``) and grades nothing; a submit with
    another key for an attempt already graded (another device, the time limit
    or the quiz's closing) gets ``SUBMITTED_ELSEWHERE`` and the attempt as it
    was graded, its answers ignored. When the attempt's time ran out (its
    deadline is the quiz's closing date too) before the submit arrived, the
    answers it carries are ignored as online, and the outcome is ``LATE``.

    Raises:
        AnswerRejected: an answer does not fit (nothing stored, the attempt stays open).
        ValueError: ``submit_key`` is empty or longer than 64 characters.
    """
    if not submit_key or len(submit_key) > 64:
        raise ValueError("submit_key must be 1 to 64 characters")
    now = now or timezone.now()
    if attempt.status != AttemptStatus.IN_PROGRESS:
        if attempt.submit_key == submit_key:
            return attempt, SubmitOutcome.REPLAYED
        return attempt, SubmitOutcome.SUBMITTED_ELSEWHERE
    late = attempt_time_is_up(attempt=attempt, now=now)
    graded = attempt_submit(attempt=attempt, answers=answers, now=now, submit_key=submit_key)
    if graded.submit_key != submit_key:
        # Another submit won the race; ours changed nothing.
        return graded, SubmitOutcome.SUBMITTED_ELSEWHERE
    return graded, SubmitOutcome.LATE if late else SubmitOutcome.GRADED


def attempts_close_expired(*, now: datetime | None = None) -> int:
    """Submit every open attempt whose time ran out (for a periodic task)."""
    now = now or timezone.now()
    count = 0
    for attempt in Attempt.objects.filter(
        status=AttemptStatus.IN_PROGRESS, deadline__isnull=False, deadline__lt=now
    ):
        if attempt_time_is_up(attempt=attempt, now=now):
            attempt_submit(attempt=attempt, now=now)
            count += 1
    return count


# --- Question bank ---------------------------------------------------------------


def question_save_draft(*, draft, live: bool = True) -> tuple[Question, bool]:
    """Create or update the bank question titled ``draft.title`` from an import draft.

    Its choices are replaced by the draft's. A question created with
    ``live=False`` is a draft, drawn into no attempt until published.
    Returns ``(question, created)``.
    """
    from .models import Choice, QuestionCategory

    source_language = localization.source_language()
    question = Question.objects.filter(
        title=draft.title, locale__language_code=source_language
    ).first()
    created = question is None
    if created:
        question = Question(
            title=draft.title,
            locale=Locale.objects.get_for_language(source_language),
            live=live,
            has_unpublished_changes=not live,
        )
    names = (
        "kind",
        "text",
        "points",
        "general_feedback",
        "multiple_scoring",
        "true_false_answer",
        "numeric_answer",
        "numeric_tolerance",
        "tolerance_kind",
        "band_mode",
        "band_answer",
    )
    before = {name: getattr(question, name) for name in names}
    for name in names:
        setattr(question, name, getattr(draft, name))
    question.full_clean(exclude=["image"])
    categories = [
        QuestionCategory.objects.get_or_create(kind=kind, name=name)[0]
        for kind, name in draft.categories
    ]
    same_categories = not created and {c.pk for c in question.categories.all()} == {
        c.pk for c in categories
    }
    # An unchanged question is not saved again: saving marks it edited, which
    # makes its translations (and their revisions) be synchronised anew.
    if (
        created
        or not same_categories
        or any(before[name] != getattr(question, name) for name in names)
    ):
        # A ParentalManyToManyField is written when the question is saved.
        question.categories.set(categories)
        question.save()
    # Choices are updated in place, position by position: their ids (named by
    # attempts) and translation keys (which link their translations) stay.
    existing = list(question.choices.order_by("sort_order", "pk"))
    fields = ["text", "is_correct", "match_text", "language", "feedback"]
    changed, added = [], []
    for index, c in enumerate(draft.choices):
        values = {name: getattr(c, name) for name in fields}
        if index < len(existing):
            choice = existing[index]
            if choice.sort_order != index or any(
                getattr(choice, name) != value for name, value in values.items()
            ):
                for name, value in values.items():
                    setattr(choice, name, value)
                choice.sort_order = index
                changed.append(choice)
        else:
            added.append(
                Choice(question=question, locale_id=question.locale_id, sort_order=index, **values)
            )
    Choice.objects.filter(pk__in=[c.pk for c in existing[len(draft.choices) :]]).delete()
    if changed:
        Choice.objects.bulk_update(changed, [*fields, "sort_order"])
    Choice.objects.bulk_create(added)
    return question, created


def _draft_defects(drafts, *, label: str) -> list[str]:
    """``<label> N: what to fix`` for drafts that could not be shown or graded."""
    errors = []
    for draft in drafts:
        spec = grading.QuestionSpec(
            kind=draft.kind,
            choices=tuple(
                grading.ChoiceSpec(
                    id=index, text=c.text, is_correct=c.is_correct, match_text=c.match_text
                )
                for index, c in enumerate(draft.choices)
            ),
            true_false_answer=draft.true_false_answer,
            numeric_answer=draft.numeric_answer,
            band_answer=draft.band_answer,
        )
        errors += [
            f"{label} {draft.row}: {message}" for _f, message in grading.question_defects(spec)
        ]
    return errors


def question_import(*, name: str, content: bytes, dry_run: bool = False, user=None) -> dict:
    """Import questions from a spreadsheet (.xlsx, .csv), Moodle XML (.xml) or GIFT
    (.gift, .txt); all or none.

    With ``user`` (the admin's import screen), the import keeps the user's
    limits: a question of the bank outside their courses is never updated,
    and a user who may not publish questions adds new ones as drafts for
    review and cannot change published ones (they edit those in the bank,
    where the change goes through review). Questions a user adds stay in
    their reach (they are logged as created by them). Without ``user`` (the
    management command, run by operators) questions are published at once.

    Returns:
        ``{"created": n, "updated": n, "errors": [..]}``; with errors, nothing
        was written. Errors name the spreadsheet's ``row N`` or the XML or
        GIFT file's ``question N``.

    Raises:
        importing.ImportFileError: the file cannot be read.
    """
    from .formats import gift, moodle_xml
    from .importing import parse_rows, read_rows

    if name.lower().endswith(".xml"):
        drafts, errors = moodle_xml.parse(content)
        label = "question"
    elif name.lower().endswith((".gift", ".txt")):
        drafts, errors = gift.parse(content)
        label = "question"
    else:
        drafts, errors = parse_rows(read_rows(name, content))
        label = "row"
    if not errors:
        errors = _draft_defects(drafts, label=label)
    existing_rows = Question.objects.filter(
        title__in=[d.title for d in drafts],
        locale__language_code=localization.source_language(),
    )
    existing = set(existing_rows.values_list("title", flat=True))
    publishes = user is None or user.has_perm("assessments.publish_question")
    if not errors and user is not None:
        errors = _import_limits(
            drafts, existing_rows=existing_rows, user=user, publishes=publishes, label=label
        )
    result = {"created": 0, "updated": 0, "errors": errors}
    if errors:
        return result
    result["created"] = sum(1 for d in drafts if d.title not in existing)
    result["updated"] = len(drafts) - result["created"]
    if dry_run:
        return result
    with transaction.atomic():
        for draft in drafts:
            question, created = question_save_draft(draft=draft, live=publishes)
            if created and user is not None:
                _log_imported(question=question, user=user, publishes=publishes)
    return result


def _import_limits(drafts, *, existing_rows, user, publishes: bool, label: str) -> list[str]:
    """``<label> N: what to fix`` for drafts that would change what ``user`` may not."""
    from .permissions import questions_for_user

    existing = set(existing_rows.values_list("title", flat=True))
    reachable = set(questions_for_user(user, existing_rows).values_list("title", flat=True))
    errors = []
    for draft in drafts:
        if draft.title not in existing:
            continue
        if draft.title not in reachable:
            errors.append(
                f"{label} {draft.row}: "
                + _("a question named %(title)s belongs to a course not assigned to you: rename it")
                % {"title": draft.title}
            )
        elif not publishes:
            errors.append(
                f"{label} {draft.row}: "
                + _(
                    "the published question %(title)s is changed in the question bank, where "
                    "the change goes through review: rename it to import it as a new question"
                )
                % {"title": draft.title}
            )
    return errors


def _log_imported(*, question: Question, user, publishes: bool) -> None:
    """Record who added an imported question; a draft also gets its first revision."""
    from wagtail.log_actions import log

    log(instance=question, action="wagtail.create", user=user)
    if not publishes:
        question.save_revision(user=user, log_action=False)


@transaction.atomic
def quiz_save(*, title: str, questions: list[Question], **fields) -> tuple[Quiz, bool]:
    """Create or update the quiz titled ``title`` with these fixed questions, in order.

    ``fields`` are other ``Quiz`` fields (course, pass_mark, review_policy …).
    Returns ``(quiz, created)``.
    """
    from .models import QuizSlot

    source_language = localization.source_language()
    quiz = Quiz.objects.filter(title=title, locale__language_code=source_language).first()
    created = quiz is None
    if created:
        quiz = Quiz(title=title, locale=Locale.objects.get_for_language(source_language))
    changed = created or any(getattr(quiz, name) != value for name, value in fields.items())
    for name, value in fields.items():
        setattr(quiz, name, value)
    quiz.full_clean(exclude=["course"])
    if changed:  # as for questions: an unchanged quiz is not marked edited
        quiz.save()
    wanted = [q.pk for q in questions]
    current = list(
        QuizSlot.objects.filter(quiz=quiz)
        .order_by("sort_order")
        .values_list("question_id", flat=True)
    )
    if current != wanted:
        QuizSlot.objects.filter(quiz=quiz).delete()
        QuizSlot.objects.bulk_create(
            QuizSlot(quiz=quiz, question=question, sort_order=index)
            for index, question in enumerate(questions)
        )
    return quiz, created


# --- Questions that cannot be shown or graded -------------------------------------


def _enqueue_defects_notify(*, quiz_id: int, question_ids: list[int]) -> None:
    from .tasks import question_defects_notify_task

    question_defects_notify_task.enqueue(quiz_id=quiz_id, question_ids=question_ids)


def question_defects_notify(*, quiz: Quiz, question_ids: list[int]) -> int:
    """E-mail the quiz's course team about questions an attempt could not show.

    Validation keeps such questions out of the bank; one found anyway (an old
    row, a write past the editor) is reported once per version of the question.
    The course's instructors are told; a quiz without a course, the secretariat.

    Returns:
        How many people were e-mailed (0: nobody to tell, or told already).
    """
    from django.core.cache import cache
    from django.urls import reverse

    from courses.models import CourseInstructor
    from portal.accounts.models import User
    from portal.accounts.roles import Role
    from portal.core import links
    from portal.core.mail import mail_send_each_language

    questions = []
    for question in Question.objects.filter(pk__in=question_ids).prefetch_related("choices"):
        key = f"assessments:defects-told:{question.pk}:{question.updated_at.timestamp():.6f}"
        problems = grading.question_defects(grading.spec_from_question(question))
        if problems and cache.add(key, 1, 60 * 60 * 24 * 30):
            questions.append((question, [message for _field, message in problems]))
    if not questions:
        return 0
    if quiz.course_id:
        users = User.objects.filter(
            pk__in=CourseInstructor.objects.filter(course_id=quiz.course_id).values("user_id")
        )
    else:
        users = User.objects.filter(groups__name=Role.SECRETARIAT)
    recipients = set(users.filter(is_active=True).values_list("email", "preferred_language"))

    def context():
        return {
            "quiz": quiz,
            "questions": [
                {
                    "title": question.title,
                    "problems": problems,
                    "url": links.absolute_url(
                        reverse("wagtailsnippets_assessments_question:edit", args=[question.pk])
                    ),
                }
                for question, problems in questions
            ],
        }

    return mail_send_each_language(
        template="assessments/email/question_defects", context=context, recipients=recipients
    )
