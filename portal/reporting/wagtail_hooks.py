"""Admin wiring for reporting: a menu item that leads the secretariat to the reports."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import can_view_reports


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        _("Participation reports"),
        reverse("reporting:participation"),
        icon_name="table",
        order=330,
    )
