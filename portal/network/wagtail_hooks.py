"""Admin wiring for the trainee network: cohort tags and the abuse-report queue."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CohortTag
from .selectors import is_secretariat


class CohortTagViewSet(ModelViewSet):
    """Species, methods and sites of a cohort, beyond its course's own tags."""

    model = CohortTag
    icon = "tag"
    menu_label = _("Cohort tags")
    menu_order = 310
    add_to_admin_menu = True
    form_fields = ["cohort", "tag"]
    list_display = ["cohort", "tag"]
    list_filter = ["tag__kind"]
    search_fields = ["cohort__title", "cohort__slug", "tag__name"]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return is_secretariat(request.user)


@hooks.register("register_admin_viewset")
def register_cohort_tag_viewset():
    return CohortTagViewSet("network_cohort_tags")


@hooks.register("register_admin_menu_item")
def register_abuse_reports_menu_item():
    return SecretariatMenuItem(
        _("Network abuse reports"),
        reverse("network:report_list"),
        icon_name="warning",
        order=320,
    )
