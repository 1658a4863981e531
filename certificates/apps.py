from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from courses.signals import enrolments_combining
        from portal.registry.signals import participant_anonymised, participant_merging

        from . import receivers

        participant_merging.connect(
            receivers.participant_merging, dispatch_uid="certificates_participant_merging"
        )
        # Erasure reaches the certificates: names off, PDFs and archives deleted.
        participant_anonymised.connect(
            receivers.participant_anonymised, dispatch_uid="certificates_participant_anonymised"
        )
        enrolments_combining.connect(
            receivers.enrolments_combining, dispatch_uid="certificates_enrolments_combining"
        )

        # Courses previews what a completion would do (the participant import)
        # without importing this app: it asks the previewers registered here.
        from courses.hooks import completion_previewer_register

        from .selectors import completion_preview

        completion_previewer_register(completion_preview)

        # A completion in the courses app earns a certificate (the task is enqueued on commit).
        from courses.dashboard import dashboard_sections
        from courses.signals import enrolment_completed
        from portal.registry.validation import name_checks

        from . import receivers, selectors, validators

        enrolment_completed.connect(
            receivers.enrolment_completed, dispatch_uid="certificates_enrolment_completed"
        )
        # The learner's dashboard (in the courses app) lists their certificates.
        dashboard_sections.register(
            key="certificates", provider=selectors.dashboard_certificates_section
        )
        # The gradebook (courses) shows each learner's certificate.
        from courses.gradebook import gradebook_columns

        gradebook_columns.register(
            key="certificates.certificate", provider=selectors.gradebook_certificate_columns
        )
        # A name is refused when it is saved if a certificate could not print it.
        name_checks.register(
            key="certificates.printable", provider=validators.validate_printable_name
        )

        # This app's part of the person's data download (the hook is the registry's).
        from portal.registry.personal_data import PersonalDataSource, personal_data_sources

        from . import selectors as personal_data_selectors

        personal_data_sources.register(
            key="certificates",
            provider=PersonalDataSource(
                collect=personal_data_selectors.certificates_personal_data,
                covers=personal_data_selectors.PERSONAL_DATA_COVERS,
                omits=personal_data_selectors.PERSONAL_DATA_OMITS,
            ),
        )
