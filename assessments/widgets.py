"""Admin widgets of the question editor."""

from __future__ import annotations

import json

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import display, grading


class BandAnswerWidget(forms.Widget):
    """A colour-band combination picked per leg and position, with a live drawing.

    Posts one select per band (``<name>-<slot>-<index>``, top to bottom) and
    hands the form field the combination as JSON, so the model's validation
    (``grading.band_answer_problems``) judges it like any other value.
    """

    template_name = "assessments/widgets/band_answer.html"

    class Media:
        js = ["assessments/band_editor.js"]
        css = {"all": ["css/admin.css"]}

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value) if value else {}
            except json.JSONDecodeError:
                value = {}
        return value if isinstance(value, dict) else {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        combination = context["widget"]["value"]
        slots = []
        for slot in grading.BAND_SLOTS:
            chosen = combination.get(slot) if isinstance(combination.get(slot), list) else []
            slots.append(
                {
                    "name": slot,
                    "label": display.BAND_SLOT_LABELS[slot],
                    "bands": [
                        {
                            "field": f"{name}-{slot}-{index}",
                            "value": chosen[index] if index < len(chosen) else "",
                            "label": _("Band %(n)d from the top") % {"n": index + 1},
                        }
                        for index in range(grading.MAX_BANDS_PER_SLOT)
                    ],
                }
            )
        context["widget"].update(
            {
                "slots": slots,
                "colours": list(display.BAND_COLOUR_LABELS.items()),
                "legend": display.band_legend(prefix=f"{name}-editor"),
                "drawing": display.band_drawing(
                    {
                        slot: [c for c in combination.get(slot, []) if c in display.BAND_FILLS]
                        for slot in grading.BAND_SLOTS
                        if isinstance(combination.get(slot), list)
                    },
                    prefix=f"{name}-editor",
                ),
            }
        )
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's templates/ folder holds the template; the default form
        # renderer looks in Django's and the apps' folders only.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308 - a template

    def value_from_datadict(self, data, files, name):
        if name in data:  # the raw JSON, as before the editor (imports, scripts)
            return data[name]
        combination = {
            slot: [
                value
                for index in range(grading.MAX_BANDS_PER_SLOT)
                if (value := data.get(f"{name}-{slot}-{index}", ""))
            ]
            for slot in grading.BAND_SLOTS
        }
        return json.dumps(combination)

    def value_omitted_from_data(self, data, files, name):
        return False
