"""Admin wiring for reporting: a menu item that leads the secretariat to the reports."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts.menu import CapabilityMenuItem
from portal.accounts.permissions import Capability


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return CapabilityMenuItem(
        _("Participation reports"),
        reverse("reporting:participation"),
        capability=Capability.REPORTS_VIEW,
        icon_name="table",
        order=330,
    )
