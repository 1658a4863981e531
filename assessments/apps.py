from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from courses.signals import enrolments_combining
        from portal.registry.signals import participant_merging

        from . import receivers

        participant_merging.connect(
            receivers.participant_merging, dispatch_uid="assessments_participant_merging"
        )
        enrolments_combining.connect(
            receivers.enrolments_combining, dispatch_uid="assessments_enrolments_combining"
        )
