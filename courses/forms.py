"""Forms of the courses app: the catalogue filters, the cohort admin form, the list upload."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.core.spreadsheets import max_bytes

from .models import CohortMode, CourseLevel, CourseTopic


def _with_blank(choices, blank_label):
    return [("", blank_label), *choices]


class CatalogueFilterForm(forms.Form):
    """The catalogue's search box and filters; every field is optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=_with_blank(CourseTopic.choices, _("Any topic"))
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=_with_blank(CourseLevel.choices, _("Any level"))
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    mode = forms.ChoiceField(
        label=_("Format"), required=False, choices=_with_blank(CohortMode.choices, _("Any format"))
    )
    upcoming = forms.BooleanField(label=_("With upcoming dates"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _with_blank(settings.LANGUAGES, _("Any language"))

    def clean_q(self):
        return self.cleaned_data["q"].strip()


class CohortAdminForm(WagtailAdminModelForm):
    """Checks that a cohort's days fall within its dates and that only the right modes have days."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        mode = cleaned.get("mode")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must not be before the start date."))
        if mode in (CohortMode.ONLINE, CohortMode.IN_PERSON, CohortMode.BLENDED) and not start:
            self.add_error("start_date", _("A scheduled cohort needs a start date."))
        if mode == CohortMode.IN_PERSON and not cleaned.get("venue"):
            self.add_error("venue", _("An in-person cohort needs a venue."))
        days_formset = self.formsets.get("days")
        if days_formset is not None and days_formset.is_valid():
            dates = [
                f.cleaned_data.get("date")
                for f in days_formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            dates = [d for d in dates if d]
            if dates and mode not in (CohortMode.IN_PERSON, CohortMode.BLENDED):
                self.add_error(
                    "mode", _("Only in-person and blended cohorts have attendance days.")
                )
            outside = [d for d in dates if (start and d < start) or (end and d > end)]
            if outside:
                self.add_error(
                    None,
                    _("These days fall outside the cohort's dates: %(days)s.")
                    % {"days": ", ".join(d.isoformat() for d in outside)},
                )
            if len(dates) != len(set(dates)):
                self.add_error(None, _("Each day may be listed only once."))
        return cleaned


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list"),
        help_text=_(
            "A .csv (UTF-8) or .xlsx file with the columns email, given_name, family_name and "
            "optionally native_name, gender, birth_year, country, organisation, "
            "organisation_type, position, cohort, attended (the days present, as dates or "
            "day numbers, for in-person cohorts)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    cohort = forms.SlugField(
        label=_("Enrol everyone in cohort (slug)"), required=False, max_length=100
    )

    no_email = forms.BooleanField(
        label=_("Do not e-mail anyone"),
        required=False,
        help_text=_(
            "For a past workshop: attendance is recorded and certificates are still issued, "
            "but nobody is e-mailed. The preview says which."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Give a .csv or .xlsx file."))
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(size)s; split it into smaller files.")
                % {"size": f"{max_bytes() / (1024 * 1024):g} MB"}
            )
        return upload
