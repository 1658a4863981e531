"""The form a signed-in member proposes a resource with."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from assignments.models import FileKind
from assignments.uploads import SUFFIXES, UploadRefused, upload_check
from portal.taxonomy.models import Tag

from .models import Licence, ResourceKind

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILES = 5
ACCEPTED_KINDS = [FileKind.PDF, FileKind.SHEET, FileKind.PHOTO]


def max_upload_bytes() -> int:
    return int(getattr(settings, "LIBRARY_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class ResourceProposalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("What it is, for whom, and what it covers, in a few sentences."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ResourceKind.choices)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1900)
    authors = forms.CharField(
        label=gettext_lazy("Authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One per line, as they should be cited."),
    )
    organisations = forms.CharField(
        label=gettext_lazy("Organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("One per line."),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries"), choices=[], required=False
    )
    tags = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Species, methods and sites"),
        queryset=Tag.objects.order_by("kind", "name"),
        required=False,
    )
    licence = forms.ChoiceField(label=gettext_lazy("Licence"), choices=Licence.choices)
    doi = forms.CharField(label=gettext_lazy("DOI"), max_length=200, required=False)
    url = forms.URLField(label=gettext_lazy("Web address"), max_length=500, required=False)
    files = MultipleFileField(
        label=gettext_lazy("Files"),
        required=False,
        help_text=gettext_lazy("PDF, CSV, XLSX, JPEG or PNG; up to five files."),
    )
    credit = forms.BooleanField(
        label=gettext_lazy("Show my name on the page as the person who proposed it"),
        required=False,
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the secretariat"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = list(countries)
        self.fields["year"].validators.append(MaxValueValidator(timezone.now().year + 1))

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("Attach at most %(n)d files.") % {"n": MAX_FILES}, code="too_many"
            )
        checked = []
        for upload in uploads:
            name = PurePath(upload.name).name
            if SUFFIXES.get(PurePath(name).suffix.lower()) not in ACCEPTED_KINDS:
                raise forms.ValidationError(
                    _("“%(name)s”: the library accepts PDF, CSV, XLSX, JPEG and PNG files.")
                    % {"name": name[:200]},
                    code="kind",
                )
            if upload.size > max_upload_bytes():
                raise forms.ValidationError(
                    _("“%(name)s” is larger than %(size)s; make it smaller or split it.")
                    % {"name": name[:200], "size": f"{max_upload_bytes() / (1024 * 1024):g} MB"},
                    code="too_large",
                )
            data = upload.read()
            try:
                checked.append(
                    upload_check(
                        name=name, data=data, kinds=ACCEPTED_KINDS, max_bytes=max_upload_bytes()
                    )
                )
            except UploadRefused as error:
                raise forms.ValidationError(str(error), code="refused") from None
        return checked

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind") == ResourceKind.LINK
            and not cleaned.get("url")
            and not cleaned.get("doi")
        ):
            self.add_error("url", _("A web link needs its web address."))
        if (
            cleaned.get("kind") not in (None, ResourceKind.LINK, ResourceKind.VIDEO)
            and not cleaned.get("files")
            and not cleaned.get("url")
            and not cleaned.get("doi")
            and not self.errors.get("files")
        ):
            self.add_error(
                "files", _("Attach the file, or give a web address or DOI where it can be found.")
            )
        return cleaned
