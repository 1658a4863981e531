from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        # Before the snippet viewsets register (on the first admin hook lookup),
        # so that Wagtail uses the course-scoped policies for these models.
        from .permissions import permission_policies_register

        permission_policies_register()
