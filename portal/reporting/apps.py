from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "portal.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        # The participation facts follow the registry, courses and certificates
        # through the change signals those apps send inside their transactions.
        from certificates import signals as certificates_signals
        from courses import signals as courses_signals
        from portal.registry import signals as registry_signals

        from . import receivers

        registry_signals.participants_changed.connect(
            receivers.participants_changed, dispatch_uid="reporting_participants_changed"
        )
        courses_signals.enrolments_changed.connect(
            receivers.enrolments_changed, dispatch_uid="reporting_enrolments_changed"
        )
        courses_signals.cohorts_changed.connect(
            receivers.cohorts_changed, dispatch_uid="reporting_cohorts_changed"
        )
        certificates_signals.certificates_changed.connect(
            receivers.certificates_changed, dispatch_uid="reporting_certificates_changed"
        )

        # This app's part of the person's data download (the hook is the registry's).
        from portal.registry.personal_data import PersonalDataSource, personal_data_sources

        from . import selectors as personal_data_selectors

        personal_data_sources.register(
            key="reporting",
            provider=PersonalDataSource(
                collect=personal_data_selectors.reporting_personal_data,
                covers=(),
                omits=personal_data_selectors.PERSONAL_DATA_OMITS,
            ),
        )
