"""Forms of the trainee network: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.widgets import LanguageSelect
from portal.registry.models import DirectoryVisibility, OrganisationType
from portal.taxonomy.models import Tag, TagKind

from .models import FIELD_DEFAULTS, DirectoryField, Message, ReportReason
from .selectors import (
    Audience,
    DirectoryFilters,
    cohort_choices,
    country_choices,
    course_choices_with_languages,
)

VISIBILITY_HELP = {
    DirectoryVisibility.HIDDEN: _("Nobody sees you in the directory. This is the default."),
    DirectoryVisibility.MEMBERS: _(
        "Logged-in members with a complete profile see the fields you choose below."
    ),
    DirectoryVisibility.PUBLIC: _(
        "Anyone sees your name, and organisation, country, expertise, bio and links if you "
        "show them. Courses and certificates stay for members only."
    ),
}


class DirectorySettingsForm(forms.Form):
    """Who sees a member in the directory, and what of their profile shows."""

    visibility = forms.ChoiceField(
        label=_("Who can find you in the directory"),
        choices=DirectoryVisibility.choices,
        widget=forms.RadioSelect,
    )
    show_organisation = forms.BooleanField(label=_("Organisation and position"), required=False)
    show_country = forms.BooleanField(label=_("Country"), required=False)
    show_expertise = forms.BooleanField(
        label=_("Expertise (species, methods, sites)"), required=False
    )
    show_courses = forms.BooleanField(
        label=_("Courses and cohorts you took part in"),
        required=False,
        help_text=_("Also lists you on the alumni pages of those cohorts, for members."),
    )
    show_certificates = forms.BooleanField(
        label=_("Certificates, with their verification links"),
        required=False,
        help_text=_("Members only."),
    )
    show_bio = forms.BooleanField(label=_("Short bio"), required=False)
    show_links = forms.BooleanField(label=_("Links such as ORCID"), required=False)
    accepts_messages = forms.BooleanField(
        label=_("Members may send me messages"),
        required=False,
        help_text=_("Messages reach you by e-mail; nobody sees your address."),
    )

    @classmethod
    def initial_for(cls, *, participant, profile) -> dict:
        initial = {"visibility": participant.directory_visibility}
        for name in DirectoryField.values:
            initial[f"show_{name}"] = (
                profile.shows(name) if profile is not None else FIELD_DEFAULTS[name]
            )
        initial["accepts_messages"] = profile.accepts_messages if profile is not None else True
        return initial

    def shows(self) -> dict[str, bool]:
        return {name: self.cleaned_data[f"show_{name}"] for name in DirectoryField.values}

    def field_switches(self):
        return [self[f"show_{name}"] for name in DirectoryField.values]


class DirectorySearchForm(forms.Form):
    """The directory's search box and filters; the public gets fewer of them."""

    q = forms.CharField(
        label=_("Name, organisation or expertise"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 山田, Батбаяр")}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    organisation_type = forms.ChoiceField(label=_("Organisation type"), required=False)
    species = forms.ModelChoiceField(
        label=_("Species"),
        required=False,
        queryset=Tag.objects.filter(kind=TagKind.SPECIES),
        to_field_name="slug",
        empty_label=_("Any species"),
    )
    method = forms.ModelChoiceField(
        label=_("Method"),
        required=False,
        queryset=Tag.objects.filter(kind=TagKind.METHOD),
        to_field_name="slug",
        empty_label=_("Any method"),
    )
    site = forms.ModelChoiceField(
        label=_("Site"),
        required=False,
        queryset=Tag.objects.filter(kind=TagKind.SITE),
        to_field_name="slug",
        empty_label=_("Any site"),
    )
    course = forms.TypedChoiceField(label=_("Course"), required=False, coerce=int)
    cohort = forms.ChoiceField(label=_("Cohort"), required=False)

    def __init__(self, *args, audience: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.audience = audience
        self.fields["country"].choices = [
            ("", _("Any country")),
            *country_choices(audience=audience),
        ]
        self.fields["organisation_type"].choices = [
            ("", _("Any type")),
            *OrganisationType.choices,
        ]
        if audience == Audience.MEMBERS:
            courses = course_choices_with_languages()
            self.fields["course"].choices = [
                ("", _("Any course")),
                *((key, label) for key, label, _language in courses),
            ]
            self.fields["course"].widget = LanguageSelect(
                choices=self.fields["course"].choices,
                option_languages={str(key): language for key, _label, language in courses},
            )
            # Cohorts grouped under their course, each named in the reader's language.
            self.cohorts = {c.slug: c for c in cohort_choices()}
            groups: dict[str, list] = {}
            for slug, c in self.cohorts.items():
                groups.setdefault(c.course_display_title, []).append((slug, c.display_title))
            self.fields["cohort"].choices = [("", _("Any cohort")), *groups.items()]
        else:
            # Course history is for members only: the public cannot filter on it.
            del self.fields["course"]
            del self.fields["cohort"]
            self.cohorts = {}

    def to_filters(self) -> DirectoryFilters:
        """The valid part of the search: a filter that does not parse is left out."""
        if not self.is_bound:
            return DirectoryFilters()
        self.is_valid()
        data = self.cleaned_data
        cohort = self.cohorts.get(data.get("cohort") or "")
        tags = (data.get("species"), data.get("method"), data.get("site"))
        return DirectoryFilters(
            query=data.get("q") or "",
            country=data.get("country") or "",
            organisation_type=data.get("organisation_type") or "",
            tags=tuple(tag for tag in tags if tag),
            course_id=data.get("course") or None,
            cohort_id=cohort.pk if cohort else None,
        )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=Message._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_(
            "Sent by e-mail from the portal. Your e-mail address is not shown; "
            "the member replies through the portal."
        ),
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write a message before sending."))
        return body


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this message?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details for the secretariat (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    block_sender = forms.BooleanField(
        label=_("Also block this sender"), required=False, initial=True
    )


class ReportResolveForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("dismissed", _("Dismiss")), ("actioned", _("Suspend the sender's messaging"))]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
