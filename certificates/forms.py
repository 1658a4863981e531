from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Kept in the certificate's history."),
    )


class HandIssueForm(ReasonForm):
    """Pick the enrolment by cohort and the participant's e-mail address."""

    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=None)
    email = forms.EmailField(label=_("Participant's e-mail address"))
    field_order = ["cohort", "email", "reason"]

    def __init__(self, *args, **kwargs):
        from courses.selectors import course_cohorts

        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = course_cohorts().select_related("course")

    def clean(self):
        from courses.models import Enrolment

        cleaned = super().clean()
        cohort, email = cleaned.get("cohort"), cleaned.get("email")
        if cohort and email:
            enrolment = (
                Enrolment.objects.select_related("participant", "cohort__course")
                .filter(cohort=cohort, participant__email__iexact=email)
                .first()
            )
            if enrolment is None:
                raise ValidationError(
                    _(
                        "Nobody with that e-mail address is enrolled in this cohort; "
                        "enrol them first."
                    )
                )
            cleaned["enrolment"] = enrolment
        return cleaned


class BulkIssueForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=None, required=False)
    course = forms.ModelChoiceField(label=_("Course"), queryset=None, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        from courses.selectors import course_cohorts, course_originals_localized

        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = course_cohorts().select_related("course")
        # Each course once: certificates belong to the original, not a language's copy.
        self.fields["course"].queryset = course_originals_localized().order_by("display_title")
        self.fields["course"].label_from_instance = lambda course: course.display_title

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("cohort")) == bool(cleaned.get("course")):
            raise ValidationError(_("Choose a cohort or a course, not both."))
        return cleaned
