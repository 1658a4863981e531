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

        # This app's part of the person's data download (the hook is the registry's).
        from portal.registry.personal_data import PersonalDataSource, personal_data_sources

        from . import selectors as personal_data_selectors

        personal_data_sources.register(
            key="network",
            provider=PersonalDataSource(
                collect=personal_data_selectors.network_personal_data,
                covers=personal_data_selectors.PERSONAL_DATA_COVERS,
                omits=personal_data_selectors.PERSONAL_DATA_OMITS,
            ),
        )
