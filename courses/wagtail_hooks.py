"""Admin wiring for courses: the cohort viewset, learner lists, and what saving a course does."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from portal.accounts.menu import CapabilityMenuItem
from portal.accounts.permissions import Capability
from portal.core.admin_views import ReadableInspectView

from . import admin_views, services
from .forms import CohortAdminForm
from .models import Cohort, CoursePage


class CohortViewSet(ModelViewSet):
    """Cohorts for the secretariat: dates, venue, partners, capacity, days."""

    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = admin_views.CohortIndexView
    add_view_class = admin_views.CohortCreateView
    edit_view_class = admin_views.CohortEditView
    list_display = ["title", "course", "mode", "start_date", "end_date", "venue", "capacity"]
    list_filter = ["mode", "country"]
    search_fields = ["title", "slug", "venue"]
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldRowPanel([FieldPanel("title"), FieldPanel("slug")]),
            FieldPanel("title_translations"),
            FieldPanel("mode"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                    FieldRowPanel([FieldPanel("venue"), FieldPanel("country")]),
                    FieldPanel("partners"),
                ],
                heading=_("When and where"),
            ),
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("attendance_threshold")]),
            FieldPanel("open_for_enrolment"),
            InlinePanel("days", heading=_("Days (in-person and blended cohorts)"), label=_("Day")),
        ],
        base_form_class=CohortAdminForm,
    )


@hooks.register("register_admin_viewset")
def register_cohort_viewset():
    return CohortViewSet("cohorts")


@hooks.register("register_admin_urls")
def register_courses_admin_urls():
    urls = [
        path("learners/", admin_views.my_courses, name="my_courses"),
        path("learners/<int:course_id>/", admin_views.course_learners, name="course_learners"),
        path(
            "cohorts/<int:cohort_id>/attendance/", admin_views.attendance_sheet, name="attendance"
        ),
    ]
    # The participant list import keeps its registry address: it is the
    # registry's menu entry, but it enrols and records attendance too.
    import_urls = [
        path("", admin_views.ImportUploadView.as_view(), name="upload"),
        path("<int:pk>/", admin_views.ImportJobView.as_view(), name="job"),
        path("<int:pk>/file/", admin_views.ImportFileView.as_view(), name="file"),
    ]
    return [
        path("courses/", include((urls, "courses_admin"), namespace="courses_admin")),
        path("registry/import/", include((import_urls, "registry_import"))),
    ]


@hooks.register("register_admin_menu_item")
def register_learners_menu_item():
    return CapabilityMenuItem(
        _("My learners"),
        reverse("courses_admin:my_courses"),
        capability=Capability.COURSES_TEACH,
        icon_name="user",
        order=220,
    )


@hooks.register("after_create_page")
def course_created(request, page):
    if isinstance(page, CoursePage):
        services.course_saved(course=page)


@hooks.register("after_edit_page")
def course_edited(request, page):
    # The edit view's page holds the form's instructors even for a draft.
    if isinstance(page, CoursePage):
        services.course_saved(course=page)
