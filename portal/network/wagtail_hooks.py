"""Admin wiring for the trainee network: cohort tags and the abuse-report queue."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from portal.accounts.menu import CapabilityMenuItem
from portal.accounts.permissions import Capability

from .models import CohortTag


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


@hooks.register("register_admin_viewset")
def register_cohort_tag_viewset():
    return CohortTagViewSet("network_cohort_tags")


@hooks.register("register_admin_menu_item")
def register_abuse_reports_menu_item():
    return CapabilityMenuItem(
        _("Network abuse reports"),
        reverse("network:report_list"),
        capability=Capability.NETWORK_MODERATE,
        icon_name="warning",
        order=320,
    )
