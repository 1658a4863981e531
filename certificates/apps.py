from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # A completion in the courses app earns a certificate (enqueued on commit).
        from courses.signals import enrolment_completed

        from . import receivers

        enrolment_completed.connect(
            receivers.enrolment_completed, dispatch_uid="certificates_enrolment_completed"
        )
