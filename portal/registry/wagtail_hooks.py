from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .forms import ParticipantAdminForm
from .models import Participant
from .selectors import EXPORT_HEADERS


class ParticipantViewSet(ModelViewSet):
    """The participant registry for the secretariat."""

    model = Participant
    name = "participants"
    url_namespace = "registry_participant"
    menu_label = _("Participants")
    icon = "group"
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.ParticipantIndexView
    add_view_class = admin_views.ParticipantCreateView
    edit_view_class = admin_views.ParticipantEditView
    delete_view_class = admin_views.ParticipantDeleteView
    inspect_view_class = admin_views.ParticipantInspectView
    filterset_class = admin_views.ParticipantFilterSet
    search_fields = ["search_text"]
    list_export = EXPORT_HEADERS
    export_filename = "participants"
    list_per_page = 50
    ordering = ["family_name", "given_name"]

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("email"),
                    FieldRowPanel([FieldPanel("given_name"), FieldPanel("family_name")]),
                    FieldPanel("native_name"),
                ],
                heading=_("Name and e-mail"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("gender"), FieldPanel("birth_year")]),
                    FieldPanel("country"),
                ],
                heading=_("About the person"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("organisation"),
                    FieldRowPanel([FieldPanel("organisation_type"), FieldPanel("career_stage")]),
                    FieldPanel("position"),
                    FieldPanel("expertise"),
                ],
                heading=_("Work"),
            ),
            MultiFieldPanel(
                [FieldPanel("directory_visibility"), FieldPanel("bio"), FieldPanel("links")],
                heading=_("Trainee directory"),
            ),
            FieldPanel("reason"),
        ],
        base_form_class=ParticipantAdminForm,
    )

    inspect_view_fields = admin_views.INSPECT_FIELDS

    @property
    def history_view(self):
        return admin_views.ParticipantHistoryView.as_view()

    def get_queryset(self, request):
        return Participant.objects.select_related("user")

    @property
    def list_display(self):
        return admin_views.participant_columns()


participant_viewset = ParticipantViewSet()


@hooks.register("register_admin_viewset")
def register_participant_viewset():
    return participant_viewset


registry_admin_urls = [
    path("<int:pk>/merge/", admin_views.ParticipantMergeView.as_view(), name="merge"),
]


@hooks.register("register_admin_urls")
def register_registry_admin_urls():
    return [
        path("registry/", include((registry_admin_urls, "registry_admin"))),
    ]
