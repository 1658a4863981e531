"""Learner views: the quiz page, the attempt, autosave, submit and the result.

Views parse, call one service or selector, and render. Every attempt URL is
looked up with the participant in the query, so somebody else's attempt is a 404
for GET and POST alike.
"""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from portal.registry.decorators import profile_required

from . import display, localization, selectors, services
from .forms import TooManyFields, answers_from_post
from .models import Attempt, AttemptQuestion, AttemptStatus, Quiz


def _attempt_or_404(request, attempt_id: int) -> Attempt:
    try:
        return selectors.attempt_for_participant(
            attempt_id=attempt_id, participant=request.participant
        )
    except Attempt.DoesNotExist:
        raise Http404 from None


@never_cache
@require_GET
@profile_required
def quiz_detail(request, quiz_id: int):
    quiz = get_object_or_404(Quiz.objects.select_related("course", "locale"), pk=quiz_id, live=True)
    source = localization.source_quiz(quiz)
    if source.pk != quiz.pk:
        # A translated page's quiz block may hold the translation: the learner's
        # attempts are on the source, shown in the reading language.
        return redirect("assessments:quiz_detail", quiz_id=source.pk)
    context = selectors.quiz_overview(quiz=quiz, participant=request.participant)
    shown = localization.quiz_for_display(quiz)
    return render(request, "assessments/quiz_detail.html", {**context, "quiz": shown})


@require_POST
@profile_required
def attempt_start(request, quiz_id: int):
    quiz = localization.source_quiz(
        get_object_or_404(Quiz.objects.select_related("locale"), pk=quiz_id, live=True)
    )
    enrolment = selectors.enrolment_for_quiz(quiz=quiz, participant=request.participant)
    if quiz.course_id and enrolment is None:
        messages.error(request, _("Enrol in the course before you take its quiz."))
        return redirect("assessments:quiz_detail", quiz_id=quiz.pk)
    try:
        attempt = services.attempt_start(
            quiz=quiz, participant=request.participant, enrolment=enrolment
        )
    except services.AssessmentError as error:
        messages.error(request, str(error))
        return redirect("assessments:quiz_detail", quiz_id=quiz.pk)
    if attempt.status == AttemptStatus.SUBMITTED:
        return redirect("assessments:attempt_result", attempt_id=attempt.pk)
    return redirect("assessments:attempt_detail", attempt_id=attempt.pk)


@never_cache
@profile_required
def attempt_detail(request, attempt_id: int):
    attempt = _attempt_or_404(request, attempt_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return redirect("assessments:attempt_result", attempt_id=attempt.pk)
    if selectors.attempt_time_is_up(attempt=attempt):
        services.attempt_submit(attempt=attempt)
        messages.warning(request, _("The time limit has passed; your saved answers were graded."))
        return redirect("assessments:attempt_result", attempt_id=attempt.pk)
    rows = selectors.attempt_questions(attempt=attempt)
    translations = localization.attempt_translations(attempt, rows)
    questions = [
        display.question_view(
            question=aq.question_as_drawn(),
            choice_order=aq.choice_order,
            response=aq.response,
            position=aq.position,
            attempt_id=attempt.pk,
            translation=translations.get(aq.question_id),
        )
        for aq in rows
    ]
    return render(
        request,
        "assessments/attempt_detail.html",
        {
            "attempt": attempt,
            "quiz": localization.quiz_for_display(attempt.quiz),
            "questions": questions,
            "has_bands": any(q["kind"] == "colour_bands" for q in questions),
            "now": timezone.now(),
        },
    )


@require_POST
@profile_required
def attempt_answer(request, attempt_id: int):
    """Autosave: store the answers posted for one or more questions; JSON reply."""
    attempt = _attempt_or_404(request, attempt_id)
    try:
        answers = answers_from_post(request.POST, language=get_language() or "")
        if not answers:
            return JsonResponse({"saved": 0, "error": _("No answer was sent.")}, status=400)
        saved = services.attempt_save_answers(attempt=attempt, answers=answers)
    except (services.AnswerRejected, TooManyFields) as error:
        return JsonResponse({"saved": 0, "error": str(error)}, status=400)
    except services.AttemptClosed as error:
        return JsonResponse({"saved": 0, "error": str(error)}, status=409)
    return JsonResponse({"saved": saved, "saved_at": timezone.now().isoformat()})


@require_POST
@profile_required
def attempt_submit(request, attempt_id: int):
    try:
        attempt = selectors.attempt_for_submit(
            attempt_id=attempt_id, participant=request.participant
        )
    except Attempt.DoesNotExist:
        raise Http404 from None
    try:
        answers = answers_from_post(request.POST, language=get_language() or "")
        services.attempt_submit(attempt=attempt, answers=answers)
    except (services.AnswerRejected, TooManyFields) as error:
        messages.error(request, str(error))
        return redirect("assessments:attempt_detail", attempt_id=attempt.pk)
    return redirect("assessments:attempt_result", attempt_id=attempt.pk)


def _submit_message(outcome: services.SubmitOutcome) -> str:
    if outcome == services.SubmitOutcome.SUBMITTED_ELSEWHERE:
        return _(
            "This attempt had already been submitted, on another device or when the quiz "
            "closed. The answers sent from this device were not counted; here is its result."
        )
    if outcome == services.SubmitOutcome.LATE:
        return _(
            "The time for this attempt had run out (or the quiz had closed) before your "
            "answers reached us. It was graded on the answers saved in time."
        )
    return ""


@require_POST
@profile_required
def attempt_submit_queued(request, attempt_id: int):
    """Submit with an idempotency key (``submit_key``): JSON, safe to send again.

    The attempt page and the offline queue submit through here. A repeat of
    the same submit returns the same result; the reply names the result page.
    Answers that do not fit: 400, the attempt stays open.
    """
    try:
        attempt = selectors.attempt_for_submit(
            attempt_id=attempt_id, participant=request.participant
        )
    except Attempt.DoesNotExist:
        raise Http404 from None
    key = request.POST.get("submit_key", "")
    if not key or len(key) > 64:
        return JsonResponse({"error": _("The submit carries no valid key.")}, status=400)
    try:
        answers = answers_from_post(request.POST, language=get_language() or "")
        attempt, outcome = services.attempt_submit_once(
            attempt=attempt, answers=answers, submit_key=key
        )
    except (services.AnswerRejected, TooManyFields) as error:
        return JsonResponse({"error": str(error)}, status=400)
    message = _submit_message(outcome)
    if message:
        messages.warning(request, message)
    return JsonResponse(
        {
            "outcome": outcome.value,
            "message": message,
            "result_url": reverse("assessments:attempt_result", kwargs={"attempt_id": attempt.pk}),
        }
    )


@require_POST
@profile_required
def attempt_accessible(request, attempt_id: int):
    """Switch the attempt's colour bands to (``on=1``) or from the accessible form."""
    attempt = _attempt_or_404(request, attempt_id)
    services.attempt_set_accessible_bands(attempt=attempt, on=request.POST.get("on") == "1")
    return redirect("assessments:attempt_detail", attempt_id=attempt.pk)


@never_cache
@require_GET
@profile_required
def attempt_result(request, attempt_id: int):
    attempt = _attempt_or_404(request, attempt_id)
    if attempt.status != AttemptStatus.SUBMITTED:
        return redirect("assessments:attempt_detail", attempt_id=attempt.pk)
    context = selectors.attempt_result_context(attempt=attempt)
    context["quiz"] = localization.quiz_for_display(context["quiz"])
    return render(request, "assessments/attempt_result.html", {"attempt": attempt, **context})


@never_cache
@require_GET
@profile_required
def attempt_question_image(request, attempt_id: int, position: int):
    """The image of an image-identification question, without its file name."""
    attempt = _attempt_or_404(request, attempt_id)
    aq = get_object_or_404(
        AttemptQuestion.objects.select_related("question__image"),
        attempt=attempt,
        position=position,
    )
    image = aq.question_as_drawn().image
    if image is None:
        raise Http404
    rendition = image.get_rendition("max-1000x800")
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    response = FileResponse(rendition.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    return response
