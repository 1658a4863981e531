"""Forms of the registry: onboarding, profile, admin edit, and merge.

Forms parse and show fields; the rules live in ``validation`` and the services,
whose ``ValidationError`` views hand back to the form (``form.add_error``).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.taxonomy.models import Tag, TagKind

from .models import Gender, Participant

# How a person describes themself; the report labels (Women, Men …) stay in the model.
GENDER_FORM_CHOICES = [
    (Gender.WOMAN, _("Woman")),
    (Gender.MAN, _("Man")),
    (Gender.ANOTHER, _("Another gender")),
    (Gender.UNDISCLOSED, _("Prefer not to say")),
]

PROFILE_FORM_FIELDS = [
    "given_name",
    "family_name",
    "native_name",
    "gender",
    "birth_year",
    "country",
    "organisation",
    "organisation_type",
    "position",
    "career_stage",
    "expertise",
    "directory_visibility",
    "bio",
]


class LinksField(forms.CharField):
    """Web addresses, one per line, as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class ProfileForm(forms.ModelForm):
    """The learner's own profile (onboarding and later edits)."""

    gender = forms.ChoiceField(
        label=_("Gender"), choices=GENDER_FORM_CHOICES, widget=forms.RadioSelect
    )
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        required=False,
        min_value=1900,
        help_text=_("Used only for anonymous figures on youth participation."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "1995"}),
    )
    expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise"),
        queryset=Tag.objects.filter(kind__in=[TagKind.SPECIES, TagKind.METHOD]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Species and methods you work with."),
    )
    links = LinksField(
        label=_("Links"), required=False, help_text=_("One web address per line (https://…).")
    )

    class Meta:
        model = Participant
        fields = [*PROFILE_FORM_FIELDS, "links"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_year"].widget.attrs["max"] = timezone.now().year
        if not self.fields["expertise"].queryset.exists():
            del self.fields["expertise"]
        for name in ("given_name", "family_name"):
            self.fields[name].widget.attrs["autocomplete"] = (
                "given-name" if name == "given_name" else "family-name"
            )
            self.fields[name].widget.attrs["lang"] = "en"

    def _post_clean(self):
        # The service checks the values (and writes the history); the instance
        # must stay untouched until then so the service sees what changed.
        pass

    def profile_values(self) -> dict:
        """The cleaned profile fields, as the services take them."""
        values = {
            name: self.cleaned_data[name]
            for name in self.Meta.fields
            if name in self.cleaned_data and name != "expertise"
        }
        if "links" in self.fields:
            values["links"] = self.cleaned_data["links"]
        values["country"] = str(values.get("country") or "")
        return values

    def chosen_expertise(self):
        """The chosen tags, or None when the form has no expertise field."""
        return self.cleaned_data.get("expertise") if "expertise" in self.fields else None


class OnboardingForm(ProfileForm):
    """The profile plus consent to the processing of personal data."""

    consent = forms.BooleanField(
        label=_(
            "I agree that Flyway Academy processes my personal data "
            "as described in the privacy policy."
        ),
        required=True,
        error_messages={"required": _("Please agree to the privacy policy to continue.")},
    )

    # The directory entry (visibility, bio, links) can wait until later.
    links = None

    class Meta(ProfileForm.Meta):
        fields = [f for f in PROFILE_FORM_FIELDS if f not in ("directory_visibility", "bio")]


class ConsentForm(forms.Form):
    """Consent to the privacy policy again, after its version was raised."""

    consent = forms.BooleanField(
        label=_(
            "I agree that Flyway Academy processes my personal data "
            "as described in the privacy policy."
        ),
        required=True,
        error_messages={"required": _("Please agree to the privacy policy to continue.")},
    )


class AccountDeleteForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        help_text=_("Your account and your personal data are erased; this cannot be undone."),
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value.upper() != "DELETE":
            raise forms.ValidationError(_("Type DELETE (in capital letters) to confirm."))
        return value


class ParticipantAdminForm(WagtailAdminModelForm):
    """The secretariat's create/edit form in the admin, plus why the change is made.

    Its model validation only prepares the form; the edit view hands the values
    to ``participant_update``/``participant_create``, which check them again.
    """

    gender = forms.ChoiceField(label=_("Gender"), choices=GENDER_FORM_CHOICES)
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1900)
    links = LinksField(
        label=_("Links"), required=False, help_text=_("One web address per line (https://…).")
    )
    reason = forms.CharField(
        label=_("Reason for this change"),
        help_text=_("Kept in the participant's history, e.g. “spelling fixed from passport”."),
        max_length=500,
    )

    def profile_values(self) -> dict:
        values = {
            name: self.cleaned_data[name]
            for name in ["email", *PROFILE_FORM_FIELDS, "links"]
            if name in self.cleaned_data and name != "expertise"
        }
        values["country"] = str(values.get("country") or "")
        return values


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("Duplicate to merge into this participant"),
        queryset=Participant.objects.filter(anonymised_at__isnull=True),
        widget=forms.NumberInput,
        help_text=_("The number (ID) of the other record; it is deleted after the merge."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)
