"""Instructor views in the Wagtail admin: attempts and statistics per quiz, exports, import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.accounts.permissions import Capability, can, course_or_404

from . import exports, selectors, services
from .forms import QuestionImportForm
from .importing import ImportFileError
from .localization import source_quiz
from .models import Quiz

EXPORT_HEADER = [
    "participant_id",
    "name",
    "email",
    "cohort",
    "attempt",
    "status",
    "started_at",
    "submitted_at",
    "score",
    "max_score",
    "percent",
    "passed",
]


def _quiz_for_staff(request, quiz_id: int) -> Quiz:
    """The quiz, if the user may see its attempts: it belongs to one of their courses.

    A translation's report is its source's: attempts are made on the source.

    Raises:
        PermissionDenied: the user does not teach (403, a role question).
        Http404: the quiz is not of a course of theirs (object-level, see
            ``portal.accounts.permissions``).
    """
    if not can(request.user, Capability.COURSES_TEACH):
        raise PermissionDenied
    quiz = source_quiz(
        get_object_or_404(Quiz.objects.select_related("course", "locale"), pk=quiz_id)
    )
    course_or_404(request.user, quiz.course_id)
    return quiz


SURVEY_EXPORT_HEADER = ["question", "kind", "answer", "count"]


def _survey_export_rows(quiz: Quiz) -> list[list]:
    """A survey's results without respondents or times: counts, and comments alphabetically."""
    rows = []
    minimum = selectors.survey_min_respondents()
    for item in selectors.survey_summary(quiz=quiz):
        if item["too_few"]:
            note = _("Fewer than %(n)s people answered: not shown.") % {"n": minimum}
            rows.append([item["text"], item["kind"], note, ""])
        elif item["kind"] == "free_text":
            rows.extend([item["text"], item["kind"], text, ""] for text in item["texts"])
        else:
            rows.extend([item["text"], item["kind"], label, n] for label, n in item["counts"])
    return rows


def quiz_report(request, quiz_id: int):
    quiz = _quiz_for_staff(request, quiz_id)
    # A survey is anonymous: no list of who answered when beside its answers.
    rows = [] if quiz.is_survey else selectors.quiz_attempt_rows(quiz=quiz)
    return TemplateResponse(
        request,
        "assessments/admin/quiz_report.html",
        {
            "quiz": quiz,
            "rows": rows,
            "statistics": selectors.question_statistics(quiz=quiz),
            "statistics_min_learners": selectors.statistics_min_learners(),
            "survey": selectors.survey_summary(quiz=quiz) if quiz.is_survey else [],
            "survey_min_respondents": selectors.survey_min_respondents(),
            "header_title": quiz.title,
        },
    )


def quiz_export(request, quiz_id: int, fmt: str):
    quiz = _quiz_for_staff(request, quiz_id)
    if quiz.is_survey:
        header, rows, kind = SURVEY_EXPORT_HEADER, _survey_export_rows(quiz), "results"
    else:
        attempts = selectors.quiz_attempt_rows(quiz=quiz)
        header, kind = EXPORT_HEADER, "attempts"
        rows = [[row[key] for key in EXPORT_HEADER] for row in attempts]
    name = slugify(quiz.title) or f"quiz-{quiz.pk}"
    if fmt == "xlsx":
        content = exports.rows_to_xlsx(header, rows, title=kind)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exports.rows_to_csv(header, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}-{kind}.{fmt}"'
    return response


def _questions_to_export(request):
    """The bank's originals the user may see (their courses' for an instructor)."""
    from .permissions import questions_for_user

    if not request.user.has_perm("assessments.view_question"):
        raise PermissionDenied
    questions = selectors.questions_for_export(quiz_id=request.GET.get("quiz") or None)
    return questions_for_user(request.user, questions)


def question_export_moodle(request):
    """The question bank (originals, not translations) as Moodle XML; ``?quiz=`` for one quiz's."""
    from .formats import moodle_xml

    content = moodle_xml.export(_questions_to_export(request))
    response = HttpResponse(content, content_type="application/xml")
    response["Content-Disposition"] = 'attachment; filename="questions-moodle.xml"'
    return response


def question_export_gift(request):
    """The question bank (originals, not translations) as GIFT; ``?quiz=`` for one quiz's."""
    from .formats import gift

    content = gift.export(_questions_to_export(request))
    response = HttpResponse(content, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="questions.gift.txt"'
    return response


def question_import(request):
    if not request.user.has_perm("assessments.add_question"):
        raise PermissionDenied
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.question_import(
                name=upload.name,
                content=upload.read(),
                dry_run=form.cleaned_data["dry_run"],
                user=request.user,
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            errors = result["errors"]
            if not errors:
                if form.cleaned_data["dry_run"]:
                    messages.success(
                        request,
                        _("The file is fine: %(created)d new and %(updated)d updated questions.")
                        % result,
                    )
                else:
                    messages.success(
                        request,
                        _("Imported %(created)d new and updated %(updated)d questions.") % result,
                    )
                    return redirect("wagtailsnippets_assessments_question:list")
    return TemplateResponse(
        request,
        "assessments/admin/question_import.html",
        {"form": form, "errors": errors, "header_title": _("Import questions")},
    )
