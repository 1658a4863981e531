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

        # Before the snippet viewsets register (on the first admin hook lookup),
        # so that Wagtail uses the course-scoped policies for these models.
        from .permissions import permission_policies_register

        permission_policies_register()

        # A quiz is saved, not published: its title and introduction on the
        # course pages change for anonymous readers too, so cached pages go.
        from django.db.models.signals import post_delete, post_save

        from portal.core.page_cache import content_changed_receiver

        from .models import Quiz

        for signal in (post_save, post_delete):
            signal.connect(
                content_changed_receiver,
                sender=Quiz,
                dispatch_uid=f"assessments_quiz_page_cache_{signal is post_save}",
            )

        # Completion (in the courses app, below this one) asks the registered
        # providers whether a course's required quizzes are passed.
        from courses.completion import requirement_providers

        from .completion import RequiredQuizzes

        requirement_providers.register(
            key="assessments.required_quizzes", provider=RequiredQuizzes()
        )

        # The gradebook (courses) asks for a column per graded quiz.
        from courses.gradebook import gradebook_columns

        from .gradebook import quiz_columns

        gradebook_columns.register(key="assessments.quizzes", provider=quiz_columns)

        # The field pack (courses) asks which quizzes a stored course can take offline.
        from courses.offline import offline_pack_providers

        from .offline import offline_quizzes

        offline_pack_providers.register(key="assessments.offline", provider=offline_quizzes)

        # This app's part of the person's data download (the hook is the registry's).
        from portal.registry.personal_data import PersonalDataSource, personal_data_sources

        from . import selectors as personal_data_selectors

        personal_data_sources.register(
            key="assessments",
            provider=PersonalDataSource(
                collect=personal_data_selectors.assessments_personal_data,
                covers=personal_data_selectors.PERSONAL_DATA_COVERS,
                omits=personal_data_selectors.PERSONAL_DATA_OMITS,
            ),
        )
