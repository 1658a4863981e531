"""Which assignments a user may see and change in the admin: those of their courses.

Instructors work on the assignments of the courses assigned to them; the
secretariat and administrators reach every one (``portal.accounts.permissions.
course_scope``). The snippet viewset lists only what is in scope and answers
404 for any view of one assignment outside it; the form refuses a course that
is not the user's, so that a forged POST cannot move an assignment elsewhere.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import chooser as snippet_chooser

from portal.accounts.permissions import course_scope, user_can_edit_course

from .models import Assignment


def assignments_in_scope(user, queryset: QuerySet[Assignment] | None = None) -> QuerySet:
    queryset = Assignment.objects.all() if queryset is None else queryset
    scope = course_scope(user)
    return queryset if scope is None else queryset.filter(course_id__in=scope)


class AssignmentPermissionPolicy(ModelPermissionPolicy):
    """The role's model permissions, limited to the assignments of the user's courses."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_can_edit_course(
            user, instance.course_id
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return assignments_in_scope(user, self.model._default_manager.all())


def permission_policy_register() -> None:
    """Called from ``AssignmentsConfig.ready()``, before the snippet viewset registers."""
    register_permission_policy(Assignment, AssignmentPermissionPolicy(Assignment), exact_class=True)


class ScopedAssignmentFormMixin:
    def clean_course(self):
        course = self.cleaned_data.get("course")
        if not user_can_edit_course(self.for_user, course.pk if course is not None else None):
            raise ValidationError(_("Choose one of the courses you teach."), code="not_your_course")
        return course


class _ScopedChooseMixin:
    def get_object_list(self):
        return assignments_in_scope(self.request.user, super().get_object_list())


class ScopedChooseView(_ScopedChooseMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(_ScopedChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        return assignments_in_scope(self.request.user).get(pk=unquote(str(pk)))


class ScopedAssignmentChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView


class CourseScopedAssignmentViewSetMixin:
    chooser_viewset_class = ScopedAssignmentChooserViewSet

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        return type(
            form_class.__name__, (ScopedAssignmentFormMixin, form_class), {"__module__": __name__}
        )

    def get_queryset(self, request):
        return assignments_in_scope(request.user, Assignment.objects.all())

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)

        @wraps(view)
        def scoped(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                rows = Assignment.objects.filter(pk=unquote(str(pk)))
                if not assignments_in_scope(request.user, rows).exists():
                    raise Http404
            return view(request, *args, **view_kwargs)

        return scoped
