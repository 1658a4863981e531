"""Admin wiring for assignments: the assignment snippets, grading, gradebooks, announcements."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.accounts.menu import CapabilityMenuItem
from portal.accounts.permissions import Capability

from . import admin_views
from .models import Assignment
from .permissions import CourseScopedAssignmentViewSetMixin


class AssignmentViewSet(CourseScopedAssignmentViewSetMixin, SnippetViewSet):
    model = Assignment
    icon = "doc-full"
    menu_label = _("Assignments")
    # Its own menu entry: kept off Wagtail's snippets overview, which is for administrators.
    add_to_admin_menu = True
    menu_order = 224
    list_display = [
        "title",
        "course",
        "module",
        BooleanColumn("required", label=_("required for completion")),
    ]
    list_filter = ["required", "grading_scheme"]
    search_fields = ["title"]


register_snippet(AssignmentViewSet)


@hooks.register("register_admin_urls")
def register_assignments_admin_urls():
    urls = [
        path("", admin_views.assignment_list, name="list"),
        path(
            "<int:assignment_id>/cohorts/<int:cohort_id>/",
            admin_views.grading_list,
            name="grading",
        ),
        path(
            "<int:assignment_id>/cohorts/<int:cohort_id>/release/",
            admin_views.grades_release,
            name="release",
        ),
        path(
            "<int:assignment_id>/cohorts/<int:cohort_id>/zip/",
            admin_views.archive_request,
            name="archive_request",
        ),
        path("archives/<int:archive_id>/", admin_views.archive_download, name="archive"),
        path("files/<int:file_id>/", admin_views.file_download, name="file"),
        path("submissions/<int:submission_id>/", admin_views.submission_grade, name="grade"),
        path("cohorts/", admin_views.cohort_list, name="cohorts"),
        path("cohorts/<int:cohort_id>/gradebook/", admin_views.gradebook, name="gradebook"),
        path("cohorts/<int:cohort_id>/announce/", admin_views.cohort_announce, name="announce"),
        path("cohorts/<int:cohort_id>/groups/", admin_views.cohort_groups, name="groups"),
    ]
    return [path("grading/", include((urls, "assignments_admin"), namespace="assignments_admin"))]


@hooks.register("register_admin_menu_item")
def register_grading_menu_item():
    return CapabilityMenuItem(
        _("Grading"),
        reverse("assignments_admin:list"),
        capability=Capability.COURSES_TEACH,
        icon_name="doc-full",
        order=225,
    )


@hooks.register("register_admin_menu_item")
def register_gradebook_menu_item():
    return CapabilityMenuItem(
        _("Gradebooks"),
        reverse("assignments_admin:cohorts"),
        capability=Capability.COURSES_TEACH,
        icon_name="table",
        order=226,
    )
