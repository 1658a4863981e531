from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "portal.library"
    label = "library"
    verbose_name = _("Knowledge library")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import pre_delete
        from wagtail.signals import page_published

        from portal.registry.personal_data import PersonalDataSource, personal_data_sources

        from . import receivers, selectors

        page_published.connect(
            receivers.resource_published, dispatch_uid="library_resource_published"
        )
        pre_delete.connect(
            receivers.account_deleting,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="library_account_deleting",
        )
        # This app's part of the person's data download (the hook is the registry's).
        personal_data_sources.register(
            key="library",
            provider=PersonalDataSource(
                collect=selectors.library_personal_data,
                covers=selectors.PERSONAL_DATA_COVERS,
                omits=selectors.PERSONAL_DATA_OMITS,
            ),
        )
