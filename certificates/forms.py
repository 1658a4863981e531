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


class VerifyForm(forms.Form):
    """Check a certificate by what is printed on it: the serial and family name, or the code."""

    serial = forms.CharField(
        label=_("Serial number"),
        required=False,
        max_length=40,
        help_text=_("As printed on the certificate, e.g. FA-2026-000123."),
    )
    family_name = forms.CharField(
        label=_("Holder's family name"),
        required=False,
        max_length=150,
        help_text=_("In Latin letters or as written in the holder's own script."),
    )
    code = forms.CharField(
        label=_("Verification code"),
        required=False,
        max_length=300,
        help_text=_("Or: the code printed under the QR code, or the whole link."),
    )

    def clean(self):
        from .selectors import code_from_input, serial_normalise

        data = super().clean()
        serial = (data.get("serial") or "").strip()
        family_name = (data.get("family_name") or "").strip()
        code = (data.get("code") or "").strip()
        if code:
            data["code"] = code_from_input(code)
            if not data["code"]:
                self.add_error(
                    "code",
                    _("This is not a verification code: it has 43 letters, digits, - and _."),
                )
            return data
        if not serial and not family_name:
            raise ValidationError(
                _("Enter the serial number and the holder's family name, or the verification code.")
            )
        if not serial:
            self.add_error("serial", _("Enter the serial number too."))
        elif serial_normalise(serial) is None:
            self.add_error("serial", _("A serial number looks like FA-2026-000123."))
        if not family_name:
            self.add_error("family_name", _("Enter the holder's family name too."))
        return data
