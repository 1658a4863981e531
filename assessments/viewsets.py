"""Admin viewsets of the question bank, quizzes and pre/post pairs."""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from portal.accounts.permissions import course_scope

from .forms import QuestionAdminForm
from .models import CohortTestPair, Question, QuestionCategory, Quiz, QuizSlot
from .widgets import BandAnswerWidget


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Question categories")
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    panels = [FieldPanel("kind"), FieldPanel("name")]


def _quizzes(request):
    # An instructor's filter names only the quizzes of their own courses.
    quizzes = Quiz.objects.order_by("title")
    scope = course_scope(request.user) if request is not None else None
    return quizzes if scope is None else quizzes.filter(course_id__in=scope)


def _courses(request):
    from courses.selectors import course_originals_localized

    # Each course once (not each language's copy), titled in the editor's language;
    # an instructor's, only their own.
    courses = course_originals_localized().order_by("display_title")
    scope = course_scope(request.user) if request is not None else None
    return courses if scope is None else courses.filter(pk__in=scope)


class QuestionFilterSet(WagtailFilterSet):
    """The bank's filters: kind, category, language, and where a question is used."""

    used_in = django_filters.ModelChoiceFilter(
        label=_("Used in quiz"), queryset=_quizzes, method="filter_used_in"
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Used in a quiz of course"), queryset=_courses, method="filter_course"
    )

    class Meta:
        model = Question
        fields = ["kind", "categories", "locale"]

    def filter_used_in(self, queryset, name, value):
        return queryset.filter(pk__in=QuizSlot.objects.filter(quiz=value).values("question_id"))

    def filter_course(self, queryset, name, value):
        return queryset.filter(
            pk__in=QuizSlot.objects.filter(quiz__course=value).values("question_id")
        )


class QuestionIndexView(IndexView):
    """The bank's listing, with a button to the import and export screen."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("assessments.add_question"):
            buttons.append(
                HeaderButton(
                    _("Import or export"),
                    url=reverse("assessments_question_import"),
                    icon_name="download",
                )
            )
        return buttons


class QuestionViewSet(SnippetViewSet):
    """Questions with their choices inline; the preview shows the learner's view."""

    model = Question
    index_view_class = QuestionIndexView
    icon = "help"
    menu_label = _("Question bank")
    list_display = ["title", "kind", "points", "updated_at"]
    filterset_class = QuestionFilterSet
    search_fields = ["title", "text"]
    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind"), FieldPanel("points")]),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("categories"),
        InlinePanel(
            "choices",
            heading=_("Choices, accepted answers, items or pairs"),
            label=_("Choice"),
            help_text=_(
                "Choice questions: tick the right ones. Short text: each accepted answer. "
                "Ordering: the items in the right order. Matching: a prompt and its partner "
                "(a partner without prompt is a distractor). Likert: the scale points in order."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("multiple_scoring"),
                FieldPanel("true_false_answer"),
                FieldRowPanel(
                    [
                        FieldPanel("numeric_answer"),
                        FieldPanel("numeric_tolerance"),
                        FieldPanel("tolerance_kind"),
                    ]
                ),
                FieldPanel("band_mode"),
                FieldPanel("band_answer", widget=BandAnswerWidget),
            ],
            heading=_("Answer settings for this kind"),
        ),
        FieldPanel("general_feedback"),
    ]
    # The form checks the inline choices with the question (see QuestionAdminForm).
    edit_handler = ObjectList(panels, base_form_class=QuestionAdminForm)


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    list_display = ["title", "kind", "course", "pass_mark", "attempts_allowed", "updated_at"]
    list_filter = ["kind", "required"]
    search_fields = ["title"]
    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("course"), FieldPanel("required")]),
        InlinePanel(
            "slots",
            heading=_("Questions"),
            label=_("Question or random draw"),
            help_text=_("Pick a question, or a category and how many questions to draw from it."),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("pass_mark"),
                        FieldPanel("attempts_allowed"),
                        FieldPanel("time_limit_minutes"),
                    ]
                ),
                FieldRowPanel([FieldPanel("grading_method"), FieldPanel("review_policy")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldPanel("offline_allowed"),
            ],
            heading=_("Settings"),
        ),
    ]


class CohortTestPairViewSet(SnippetViewSet):
    model = CohortTestPair
    icon = "resubmit"
    menu_label = _("Pre/post tests")
    list_display = ["cohort", "pre_test", "post_test"]
    panels = [
        FieldPanel("cohort"),
        FieldRowPanel([FieldPanel("pre_test"), FieldPanel("post_test")]),
    ]


class AssessmentsViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, QuestionCategoryViewSet, CohortTestPairViewSet)
    menu_icon = "tasks"
    menu_label = _("Assessments")
    menu_name = "assessments"
    menu_order = 220
