from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    label = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # Publishing reaches Wagtail's signals from every path (the editor, the
        # moderation workflow, scheduled publishing); the handlers only enqueue
        # work or drop a cached course outline, on commit.
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal.accounts.permissions import course_assignments_register
        from portal.registry.signals import participant_merging

        from . import handlers, receivers, selectors
        from .models import ModulePage

        participant_merging.connect(
            receivers.participant_merging, dispatch_uid="courses_participant_merging"
        )
        # "Is this your course?" is answered in portal.accounts.permissions, below
        # us in the layers: it reads the instructor list through this reader.
        course_assignments_register(selectors.course_ids_taught_by)

        # This app's part of the person's data download (the hook is the registry's).
        from portal.registry.personal_data import PersonalDataSource, personal_data_sources

        from . import selectors as personal_data_selectors

        personal_data_sources.register(
            key="courses",
            provider=PersonalDataSource(
                collect=personal_data_selectors.courses_personal_data,
                covers=personal_data_selectors.PERSONAL_DATA_COVERS,
                omits=personal_data_selectors.PERSONAL_DATA_OMITS,
            ),
        )

        page_published.connect(
            handlers.course_content_changed, dispatch_uid="courses_content_published"
        )
        page_unpublished.connect(
            handlers.course_content_changed, dispatch_uid="courses_content_unpublished"
        )
        post_page_move.connect(handlers.module_moved, dispatch_uid="courses_module_moved")
        post_delete.connect(
            handlers.module_deleted, sender=ModulePage, dispatch_uid="courses_module_deleted"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                handlers.view_restriction_changed,
                sender=PageViewRestriction,
                dispatch_uid=f"courses_restriction_{signal is post_save}",
            )
