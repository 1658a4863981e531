"""Forms of the reports: the filters (shared by the page, exports and the command)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from courses.selectors import course_choices_with_languages, course_cohorts_localized
from portal.core.widgets import FastSelect, LanguageSelect

from .definitions import Dimension, parse_dimensions
from .models import TargetMetric
from .report import Filters

DIMENSION_CHOICES = [("", _("(none)")), *Dimension.choices]


class ReportFilterForm(forms.Form):
    """The report's parameters. ``by`` also accepts BRIEF §4's comma list (``gender,country``)."""

    by = forms.CharField(label=_("Break down by"), required=False)
    and_by = forms.ChoiceField(
        label=_("and by"), choices=DIMENSION_CHOICES, required=False, widget=FastSelect
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    course = forms.ChoiceField(label=_("Course"), required=False)
    cohort = forms.ChoiceField(label=_("Cohort"), required=False, widget=FastSelect)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)

    def __init__(self, *args, default_by: str = "gender", **kwargs):
        super().__init__(*args, **kwargs)
        self.default_by = default_by
        self.fields["by"].widget = FastSelect(choices=Dimension.choices)
        courses = course_choices_with_languages(value="slug")
        self.fields["course"].choices = [
            ("", _("All courses")),
            *((slug, label) for slug, label, _language in courses),
        ]
        self.fields["course"].widget = LanguageSelect(
            choices=self.fields["course"].choices,
            option_languages={slug: language for slug, _label, language in courses},
        )
        # Cohorts under their course, named in the reader's language.
        groups: dict[str, list] = {}
        cohorts = course_cohorts_localized().order_by(
            "course_display_title", "-start_date", "title"
        )
        for cohort in cohorts.only("slug", "title", "title_translations", "mode"):
            groups.setdefault(cohort.course_display_title, []).append(
                (cohort.slug, cohort.display_title)
            )
        self.fields["cohort"].choices = [("", _("All cohorts")), *groups.items()]
        self.fields["country"].choices = [("", _("All countries")), *list(countries)]

    def clean_by(self) -> list[str]:
        text = self.cleaned_data.get("by") or self.default_by
        try:
            return parse_dimensions(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        data = super().clean()
        dims = list(data.get("by") or [])
        extra = data.get("and_by")
        if extra and extra not in dims:
            dims.append(extra)
        if len(dims) > 2:
            self.add_error("and_by", _("Break down by at most two dimensions."))
        data["dimensions"] = dims
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        if data.get("year") and (start or end):
            self.add_error("year", _("Give either a year or a date range, not both."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            year=data.get("year"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            course=data.get("course") or "",
            cohort=data.get("cohort") or "",
            country=data.get("country") or "",
        )

    def error_text(self) -> str:
        """Every problem on one line each, saying what to fix (for exports: 400)."""
        lines = []
        for field, errors in self.errors.items():
            name = field if field != "__all__" else "parameters"
            lines += [f"{name}: {e}" for e in errors]
        return "\n".join(lines)


class TargetForm(forms.Form):
    """A target for one figure in one year; one that exists already is replaced."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    metric = forms.ChoiceField(label=_("Figure"), choices=TargetMetric.choices)
    minimum = forms.DecimalField(
        label=_("Target (at least)"),
        min_value=0,
        max_digits=9,
        decimal_places=1,
        help_text=_("Percent for shares and rates; a count otherwise."),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class SnapshotFreezeForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class SnapshotUnfreezeForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why unfreeze?"), max_length=500)
