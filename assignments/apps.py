from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "assignments"
    label = "assignments"
    verbose_name = _("Assignments")

    def ready(self):
        # Before the snippet viewset registers: instructors reach their courses' assignments.
        from .permissions import permission_policy_register

        permission_policy_register()

        from courses.completion import requirement_providers
        from courses.dashboard import dashboard_sections
        from courses.signals import enrolments_combining
        from portal.registry.signals import participant_merging

        from . import receivers
        from .completion import RequiredAssignments
        from .selectors import dashboard_assignments_section

        participant_merging.connect(
            receivers.participant_merging, dispatch_uid="assignments_participant_merging"
        )
        enrolments_combining.connect(
            receivers.enrolments_combining, dispatch_uid="assignments_enrolments_combining"
        )
        # Completion (courses, below) asks whether the required assignments are passed.
        requirement_providers.register(
            key="assignments.required_assignments", provider=RequiredAssignments()
        )
        from courses.gradebook import gradebook_columns

        from .gradebook import assignment_columns

        gradebook_columns.register(key="assignments.assignments", provider=assignment_columns)
        dashboard_sections.register(
            key="assignments.announcements_and_work", provider=dashboard_assignments_section
        )
        # This app's part of the person's data download (the hook is the registry's).
        from portal.registry.personal_data import PersonalDataSource, personal_data_sources

        from . import selectors as personal_data_selectors

        personal_data_sources.register(
            key="assignments",
            provider=PersonalDataSource(
                collect=personal_data_selectors.assignments_personal_data,
                covers=personal_data_selectors.PERSONAL_DATA_COVERS,
                omits=personal_data_selectors.PERSONAL_DATA_OMITS,
            ),
        )
