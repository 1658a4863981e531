"""An admin menu item shown to the holders of one capability (see ``permissions``)."""

from wagtail.admin.menu import MenuItem

from .permissions import Capability, can


class CapabilityMenuItem(MenuItem):
    """A Wagtail menu item shown only to users who hold ``capability``."""

    def __init__(self, label, url, *, capability: Capability, **kwargs):
        super().__init__(label, url, **kwargs)
        self.capability = Capability(capability)

    def is_shown(self, request):
        return can(request.user, self.capability)
