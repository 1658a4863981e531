from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "portal.registry"
    label = "registry"
    verbose_name = _("Participant registry")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .receivers import ask_consent_to_a_new_policy

        user_logged_in.connect(ask_consent_to_a_new_policy, dispatch_uid="registry_reconsent")
