from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "portal.network"
    label = "network"
    verbose_name = _("Trainee network")

    def ready(self):
        from portal.registry.signals import participant_merging

        from . import receivers

        participant_merging.connect(
            receivers.participant_merging, dispatch_uid="network_participant_merging"
        )
