"""Which quizzes, questions and categories a user may see and change in the admin.

Instructors work on the courses assigned to them and nothing else (issue 14);
the secretariat and administrators reach everything. The course scope itself
comes from ``portal.accounts.permissions.course_scope``; this module only says
how each assessments model hangs on a course:

- a quiz through its ``course``;
- a question through the quizzes that place it (directly, or by drawing from a
  category it is in), or because the user created it (so that a question just
  written stays in reach until it is placed in a quiz);
- a category through the quizzes that draw from it, the in-scope questions it
  holds, or because the user created it.

Translations follow their source: a row is in scope when any row of its
translation key is. ``CourseScopedViewSetMixin`` applies the scope to every
view of a snippet viewset: the listing is filtered, and any view of one object
outside the scope (edit, delete, history, usage, preview, copy...) is a 404.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import BigIntegerField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import chooser as snippet_chooser

from portal.accounts.permissions import course_scope, user_can_edit_course

from . import viewsets
from .models import Question, QuestionCategory, Quiz, QuizSlot


def _created_by(user, model) -> QuerySet:
    """Primary keys of ``model`` rows that ``user`` created in the admin (``object_id``).

    The log stores ids as text; they are cast so that PostgreSQL compares numbers.
    """
    return (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            action="wagtail.create",
            user_id=user.pk,
        )
        .annotate(object_pk=Cast("object_id", output_field=BigIntegerField()))
        .values("object_pk")
    )


def _with_translations(model, rows: Q) -> Q:
    """``rows`` widened to every translation of the rows it matches."""
    return Q(translation_key__in=model.objects.filter(rows).values("translation_key"))


def quizzes_for_user(user, queryset: QuerySet[Quiz] | None = None) -> QuerySet[Quiz]:
    """The quizzes ``user`` may work on: those of their courses."""
    queryset = Quiz.objects.all() if queryset is None else queryset
    scope = course_scope(user)
    if scope is None:
        return queryset
    return queryset.filter(course_id__in=scope)


def questions_for_user(user, queryset: QuerySet[Question] | None = None) -> QuerySet[Question]:
    """The questions ``user`` may work on (see the module docstring)."""
    queryset = Question.objects.all() if queryset is None else queryset
    scope = course_scope(user)
    if scope is None:
        return queryset
    slots = QuizSlot.objects.filter(quiz__course_id__in=scope)
    placed = Q(pk__in=slots.exclude(question=None).values("question_id"))
    drawn = Q(categories__in=slots.exclude(category=None).values("category_id"))
    own = Q(pk__in=_created_by(user, Question))
    rows = _with_translations(Question, placed | drawn) | own
    return queryset.filter(pk__in=Question.objects.filter(rows).values("pk"))


def categories_for_user(
    user, queryset: QuerySet[QuestionCategory] | None = None
) -> QuerySet[QuestionCategory]:
    """The question categories ``user`` may work on (see the module docstring)."""
    queryset = QuestionCategory.objects.all() if queryset is None else queryset
    scope = course_scope(user)
    if scope is None:
        return queryset
    drawn = QuizSlot.objects.filter(quiz__course_id__in=scope).exclude(category=None)
    rows = (
        Q(pk__in=drawn.values("category_id"))
        | Q(questions__in=questions_for_user(user).values("pk"))
        | Q(pk__in=_created_by(user, QuestionCategory))
    )
    return queryset.filter(pk__in=QuestionCategory.objects.filter(rows).values("pk"))


SCOPES = {
    Quiz: quizzes_for_user,
    Question: questions_for_user,
    QuestionCategory: categories_for_user,
}


def _in_scope(user, instance) -> bool:
    rows = type(instance)._default_manager.filter(pk=instance.pk)
    return SCOPES[type(instance)](user, rows).exists()


class CourseScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions of the role, limited to the instances in the user's course scope.

    Wagtail asks the policy about single objects in bulk actions, copy and
    preview views, and for the objects a user may act on; the answer follows
    ``SCOPES``.
    """

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and _in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return SCOPES[self.model](user, self.model._default_manager.all())


def permission_policies_register() -> None:
    """Register the scoped policies; called from ``AssessmentsConfig.ready()``."""
    for model in SCOPES:
        register_permission_policy(model, CourseScopedPermissionPolicy(model), exact_class=True)


class ScopedQuizFormMixin:
    """A quiz stays within the author's courses: its course and what its slots use.

    Server-side, so that a forged POST cannot move a quiz into another course,
    out of every course, or make it draw from another course's bank.
    """

    def clean_course(self):
        course = self.cleaned_data.get("course")
        if not user_can_edit_course(self.for_user, course.pk if course is not None else None):
            raise ValidationError(_("Choose one of the courses you teach."), code="not_your_course")
        return course

    def clean(self):
        cleaned_data = super().clean()
        slots = getattr(self, "formsets", {}).get("slots")
        if slots is not None and slots.is_valid():
            for form in slots.forms:
                data = getattr(form, "cleaned_data", {})
                if not data or data.get("DELETE"):
                    continue
                for used in (data.get("question"), data.get("category")):
                    if used is not None and not _in_scope(self.for_user, used):
                        self.add_error(
                            None,
                            ValidationError(
                                _("%(item)s belongs to another course; choose from your own.")
                                % {"item": used},
                                code="not_your_course",
                            ),
                        )
        return cleaned_data


class ScopedQuestionFormMixin:
    """A question joins only the author's categories (a category decides random draws)."""

    def clean_categories(self):
        categories = self.cleaned_data.get("categories")
        if categories is not None:
            for category in categories:
                if not _in_scope(self.for_user, category):
                    raise ValidationError(
                        _("%(item)s belongs to another course; choose from your own.")
                        % {"item": category},
                        code="not_your_course",
                    )
        return categories


FORM_MIXINS = {Quiz: ScopedQuizFormMixin, Question: ScopedQuestionFormMixin}


class _ScopedChooseMixin:
    def get_object_list(self):
        return SCOPES[self.model_class](self.request.user, super().get_object_list())


class ScopedChooseView(_ScopedChooseMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(_ScopedChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        return SCOPES[self.model_class](self.request.user).get(pk=pk)


class ScopedChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return SCOPES[self.model_class](self.request.user, super().get_objects(pks))


class ScopedSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """The chooser (a quiz slot's question or category) offers only what is in scope."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class CourseScopedViewSetMixin:
    """For a ``SnippetViewSet`` of a model in ``SCOPES``: list and open only what is in scope.

    Wraps every view the viewset builds: a request naming one object (a ``pk``
    in the URL) outside the user's scope is a 404 before Wagtail's view runs.
    """

    chooser_viewset_class = ScopedSnippetChooserViewSet

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        mixin = FORM_MIXINS.get(self.model)
        if mixin is None:
            return form_class
        return type(form_class.__name__, (mixin, form_class), {"__module__": __name__})

    def get_queryset(self, request):
        return SCOPES[self.model](request.user, self.model._default_manager.all())

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        scope = SCOPES[self.model]
        model = self.model

        @wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                rows = model._default_manager.filter(pk=unquote(str(pk)))
                if not scope(request.user, rows).exists():
                    raise Http404
            return view(request, *args, **view_kwargs)

        return scoped


# --- The viewsets, scoped -----------------------------------------------------------


class ScopedQuizViewSet(CourseScopedViewSetMixin, viewsets.QuizViewSet):
    pass


class ScopedQuestionViewSet(CourseScopedViewSetMixin, viewsets.QuestionViewSet):
    pass


class ScopedQuestionCategoryViewSet(CourseScopedViewSetMixin, viewsets.QuestionCategoryViewSet):
    pass


class ScopedAssessmentsViewSetGroup(viewsets.AssessmentsViewSetGroup):
    """The assessments menu with every per-course model scoped; register this one."""

    items = tuple(
        {
            viewsets.QuizViewSet: ScopedQuizViewSet,
            viewsets.QuestionViewSet: ScopedQuestionViewSet,
            viewsets.QuestionCategoryViewSet: ScopedQuestionCategoryViewSet,
        }.get(item, item)
        for item in viewsets.AssessmentsViewSetGroup.items
    )
