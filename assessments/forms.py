"""Parsing of the attempt form: one set of fields per question, named by position."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .grading import BAND_SLOTS, ChoiceSpec, QuestionSpec, question_defects

# Choices are named by opaque per-attempt tokens (``choice_tokens``), e.g. q3-pair-c1f…
FIELD = re.compile(r"^q(\d{1,4})-([a-z_]+)(?:-([0-9a-z]{1,32}))?$")
MAX_FIELDS = 2000


class TooManyFields(ValueError):
    pass


def answers_from_post(post, *, language: str = "") -> dict[int, dict]:
    """Group the posted fields into a raw answer per question position.

    Fields are ``q<position>-<part>``: ``choice``, ``choices`` (repeated),
    ``value``, ``text``, ``order`` (repeated, in order), ``pair-<choice id>``,
    and a colour-band slot name (repeated, top to bottom). ``q<position>-present``
    marks a question whose fields were all left empty, which clears its answer.
    Values are passed on as strings for ``grading.validate_response`` to judge.

    Returns:
        ``{position: raw}``; an empty ``raw`` means "no answer".
    """
    if len(post) > MAX_FIELDS:
        raise TooManyFields(_("Too many answers were sent at once."))
    answers: dict[int, dict] = {}
    for key in post:
        match = FIELD.match(key)
        if match is None:
            continue
        position, part, sub = int(match.group(1)), match.group(2), match.group(3)
        raw = answers.setdefault(position, {})
        if part == "present":
            continue
        if part in ("choices", "order"):
            raw[part] = post.getlist(key)
        elif part in BAND_SLOTS:
            raw[part] = [value for value in post.getlist(key) if value]
        elif part == "pair" and sub:
            raw.setdefault("pairs", {})[sub] = post.get(key, "")
        elif part in ("choice", "value", "text"):
            value = post.get(key, "")
            if value.strip() == "" and part != "text":
                continue
            raw[part] = value
            if part == "text":
                raw["language"] = language
        else:
            raw["_unknown"] = key
    for raw in answers.values():
        if "text" in raw and not raw["text"].strip():
            raw.clear()
    return answers


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv), Moodle XML (.xml) or GIFT (.gift or .txt)"),
        help_text=_("At most 2 MB. See the column list on this page."),
    )
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False)

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv", ".xml", ".gift", ".txt")):
            raise forms.ValidationError(
                _("Upload an .xlsx, .csv, Moodle XML (.xml) or GIFT (.gift or .txt) file.")
            )
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class QuestionAdminForm(WagtailAdminModelForm):
    """The question editor: refuses a question that could not be shown or graded.

    The question's own fields are checked by ``Question.clean``; here the
    inline choices as submitted (not yet saved) are checked by the same rule,
    ``grading.question_defects``.
    """

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("choices") if hasattr(self, "formsets") else None
        if formset is None or not all(form.is_valid() for form in formset.forms):
            return cleaned
        choices = tuple(
            ChoiceSpec(
                id=index,
                text=form.cleaned_data.get("text", ""),
                is_correct=bool(form.cleaned_data.get("is_correct")),
                match_text=form.cleaned_data.get("match_text", ""),
                language=form.cleaned_data.get("language", ""),
            )
            for index, form in enumerate(formset.forms)
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        spec = QuestionSpec(
            kind=cleaned.get("kind", ""),
            choices=choices,
            true_false_answer=cleaned.get("true_false_answer"),
            numeric_answer=cleaned.get("numeric_answer"),
            band_answer=cleaned.get("band_answer") or {},
        )
        for name, message in question_defects(spec):
            if name == "choices":
                self.add_error(None, message)
        return cleaned
