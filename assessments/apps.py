from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        # Completion (in the courses app, below this one) asks the registered
        # providers whether a course's required quizzes are passed.
        from courses.completion import requirement_providers

        from .completion import RequiredQuizzes

        requirement_providers.register(
            key="assessments.required_quizzes", provider=RequiredQuizzes()
        )
