"""The course page's admin form.

A module of its own, without ``courses.models``, so that the page model can name
this form as its ``base_form_class`` without an import cycle.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal.accounts.permissions import Capability, can
from portal.accounts.roles import Role


class CoursePageForm(WagtailAdminPageForm):
    """The course editor's form: its instructor list grants no role by itself.

    Saving a course makes its listed instructors members of the Instructors
    role (``services.course_instructors_sync``); only administrators grant that
    role (issue 14), so anyone else may list only people who already hold it.
    """

    def clean(self):
        cleaned_data = super().clean()
        instructors = self.formsets.get("instructors")
        if instructors is None or can(self.for_user, Capability.ROLES_GRANT):
            return cleaned_data
        instructors.is_valid()
        for form in instructors.forms:
            data = getattr(form, "cleaned_data", None) or {}
            person = data.get("user")
            if person is None or data.get("DELETE"):
                continue
            if not person.groups.filter(name=Role.INSTRUCTORS.value).exists():
                self.add_error(
                    None,
                    forms.ValidationError(
                        _(
                            "%(person)s is not an instructor yet. Only administrators make "
                            "someone an instructor; ask one, then list them here."
                        )
                        % {"person": person},
                        code="not_an_instructor",
                    ),
                )
        return cleaned_data
