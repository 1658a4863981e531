"""Admin wiring: the assessments menu, instructor reports and the question import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from . import admin_views
from .models import Quiz
from .permissions import ScopedAssessmentsViewSetGroup

register_snippet(ScopedAssessmentsViewSetGroup)


@hooks.register("register_admin_urls")
def register_assessments_admin_urls():
    return [
        path(
            "assessments/quizzes/<int:quiz_id>/report/",
            admin_views.quiz_report,
            name="assessments_quiz_report",
        ),
        path(
            "assessments/quizzes/<int:quiz_id>/attempts.<str:fmt>",
            admin_views.quiz_export,
            name="assessments_quiz_export",
        ),
        path(
            "assessments/questions/export.xml",
            admin_views.question_export_moodle,
            name="assessments_question_export_moodle",
        ),
        path(
            "assessments/questions/export.gift.txt",
            admin_views.question_export_gift,
            name="assessments_question_export_gift",
        ),
        path(
            "assessments/questions/import/",
            admin_views.question_import,
            name="assessments_question_import",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def quiz_report_button(snippet, user, next_url=None):
    if isinstance(snippet, Quiz):
        yield ListingButton(
            _("Attempts and statistics"),
            reverse("assessments_quiz_report", args=[snippet.pk]),
            icon_name="table",
            priority=10,
        )
