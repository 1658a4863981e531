from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "portal.registry"
    label = "registry"
    verbose_name = _("Participant registry")

    def ready(self):
        # The registry's own part of the personal-data download (the hook is its own).
        from .personal_data import PersonalDataSource, personal_data_sources
        from .selectors import REGISTRY_COVERS, REGISTRY_OMITS, registry_personal_data

        personal_data_sources.register(
            key="registry",
            provider=PersonalDataSource(
                collect=registry_personal_data, covers=REGISTRY_COVERS, omits=REGISTRY_OMITS
            ),
        )
        from django.contrib.auth.signals import user_logged_in

        from .receivers import ask_consent_to_a_new_policy

        user_logged_in.connect(ask_consent_to_a_new_policy, dispatch_uid="registry_reconsent")
