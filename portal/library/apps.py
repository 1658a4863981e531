from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "portal.library"
    label = "library"
    verbose_name = _("Knowledge library")

    def ready(self):
        from wagtail.signals import page_published

        from . import receivers

        page_published.connect(
            receivers.resource_published, dispatch_uid="library_resource_published"
        )
