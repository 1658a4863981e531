"""What the learner's browser may see of a question, built from plain data.

The attempt page renders only what ``question_view`` returns: the question
text, the choices' ids and texts in the attempt's order, the matching
partners sorted alphabetically, and the learner's own saved response. It never
carries ``is_correct``, per-choice feedback, matching pairs, accepted answers,
numeric answers or scores, so no template, data attribute or script can leak
them. ``review_view`` adds those, and is called only when review is allowed.

Both take the *source* question (its ids are what the browser sends back and
what grading reads) and, optionally, its translation into the reader's
language, whose texts are shown instead; choices are matched by translation key.
"""

from __future__ import annotations

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from . import grading, localization
from .choice_tokens import choice_token

BAND_COLOUR_LABELS = {
    "metal": gettext_lazy("Metal ring"),
    "red": gettext_lazy("Red"),
    "white": gettext_lazy("White"),
    "yellow": gettext_lazy("Yellow"),
    "green": gettext_lazy("Green"),
    "blue": gettext_lazy("Blue"),
    "black": gettext_lazy("Black"),
    "orange": gettext_lazy("Orange"),
    "light_blue": gettext_lazy("Light blue"),
    "light_green": gettext_lazy("Light green"),
    "lime": gettext_lazy("Lime"),
    "pink": gettext_lazy("Pink"),
    "purple": gettext_lazy("Purple"),
}
BAND_FILLS = {
    "metal": "#a8adb3",
    "red": "#c8102e",
    "white": "#ffffff",
    "yellow": "#ffd200",
    "green": "#00843d",
    "blue": "#0033a0",
    "black": "#111111",
    "orange": "#ff8200",
    "light_blue": "#6cace4",
    "light_green": "#8edd65",
    "lime": "#bfd730",
    "pink": "#f4a6c8",
    "purple": "#6d2077",
}
# Each colour also has its own pattern, so bands can be told apart without
# colour vision (red and green look alike under deuteranopia). Tiles are 8 x 8.
BAND_PATTERNS = {
    "metal": "M0,0 L8,8 M0,8 L8,0",  # crossed diagonals
    "red": "M0,8 L8,0",  # rising diagonal
    "white": "",  # plain
    "yellow": "M3,3 h2 v2 h-2 z",  # small dots
    "green": "M0,4 H8",  # horizontal lines
    "blue": "M4,0 V8",  # vertical lines
    "black": "M1,1 h3 v3 h-3 z",  # squares
    "orange": "M0,0 L8,8",  # falling diagonal
    "light_blue": "M2,0 V8 M6,0 V8",  # double vertical
    "light_green": "M0,2 H8 M0,6 H8",  # double horizontal
    "lime": "M0,6 L4,2 L8,6",  # chevrons
    "pink": "M0,4 Q2,1 4,4 T8,4",  # waves
    "purple": "M0,4 H8 M4,0 V8",  # grid
}
DARK_FILLS = frozenset({"red", "green", "blue", "black", "purple"})

BAND_SLOT_LABELS = {
    "left_above": gettext_lazy("Left leg, above the joint"),
    "left_below": gettext_lazy("Left leg, below the joint"),
    "right_above": gettext_lazy("Right leg, above the joint"),
    "right_below": gettext_lazy("Right leg, below the joint"),
}


def band_combination_text(combination: dict) -> str:
    """Write a combination the way field sheets do, leg by leg, top to bottom."""
    parts = []
    for slot in grading.BAND_SLOTS:
        colours = combination.get(slot) or []
        names = " / ".join(str(BAND_COLOUR_LABELS[c]) for c in colours) or _("none")
        parts.append(f"{BAND_SLOT_LABELS[slot]}: {names}")
    return "; ".join(parts)


def band_legend(*, prefix: str) -> list[dict]:
    """The palette as the drawing's legend: number, name, fill, pattern and its id.

    ``prefix`` keeps pattern ids unique on a page with several questions.
    """
    return [
        {
            "number": number,
            "label": BAND_COLOUR_LABELS[colour],
            "fill": BAND_FILLS[colour],
            "pattern": BAND_PATTERNS[colour],
            "ink": "#ffffff" if colour in DARK_FILLS else "#111111",
            "id": f"{prefix}-pat-{number}",
        }
        for number, colour in enumerate(grading.BAND_COLOURS, start=1)
    ]


def band_drawing(combination: dict | None, *, prefix: str = "q") -> list[dict]:
    """Rectangles for the SVG of a bird's legs seen from the front.

    The bird faces the viewer, so its left leg is drawn on the viewer's right:
    reading that correctly is part of the skill. Only positions, fills, the
    pattern (by its legend id) and legend number are returned; nothing names a
    slot.
    """
    numbers = {colour: index for index, colour in enumerate(grading.BAND_COLOURS, start=1)}
    combination = combination or {}
    legs = {"left": 150, "right": 70}  # x of each leg, as the viewer sees it
    tops = {"above": 40, "below": 130}
    rects = []
    for slot in grading.BAND_SLOTS:
        leg, position = slot.split("_")
        for index, colour in enumerate(combination.get(slot) or []):
            rects.append(
                {
                    "x": legs[leg] - 12,
                    "y": tops[position] + index * 16,
                    "fill": BAND_FILLS[colour],
                    "pattern": f"{prefix}-pat-{numbers[colour]}",
                    "number": numbers[colour],
                    "ink": "#ffffff" if colour in DARK_FILLS else "#111111",
                }
            )
    return rects


def _choice_texts(question, translation) -> dict[int, dict]:
    """Per source choice id: the ``text``, ``match_text`` and ``feedback`` to show.

    A translated choice is found by its translation key; a choice (or field)
    without a translation keeps the source's text. Accepted answers of a
    short-text question are never translated: they are graded as written.
    """
    translated = {}
    if translation is not None:
        translated = {c.translation_key: c for c in translation.choices.all()}
    texts = {}
    for choice in question.choices.all():
        other = translated.get(choice.translation_key)
        if other is None or question.kind == "short_text":
            other = choice
        texts[choice.pk] = {
            "text": other.text or choice.text,
            "match_text": other.match_text or choice.match_text,
            "feedback": other.feedback or choice.feedback,
        }
    return texts


def unavailable_view(*, position: int, kind: str, defects: list[str]) -> dict:
    """What an attempt shows for a question that cannot be shown or graded: an apology.

    ``defects`` (what is wrong) is for the author's preview only.
    """
    return {
        "position": position,
        "kind": kind,
        "unavailable": True,
        "defects": defects,
        "response": {},
    }


def question_view(
    *,
    question,
    choice_order: list[int],
    response: dict | None,
    position: int,
    attempt_id: int,
    translation=None,
) -> dict:
    """The learner-safe view of one question in an attempt (see module docstring).

    Choices are named by their per-attempt tokens (``choice_tokens``), never by id.

    Args:
        question: the source question, with its choices.
        attempt_id: the attempt the page belongs to (0 for the editor's preview).
        translation: its translation into the reading language (with its
            choices), or None: the source's texts are shown, marked as such
            when the reader reads another language.

    Returns:
        The view; ``unavailable_view`` for a question with defects
        (``grading.question_defects``).
    """
    defects = grading.question_defects(grading.spec_from_question(question))
    if defects:
        return unavailable_view(
            position=position, kind=question.kind, defects=[message for _f, message in defects]
        )

    def token(pk: int) -> str:
        return choice_token(attempt_id=attempt_id, choice_id=pk)

    choices_by_id = {c.pk: c for c in question.choices.all()}
    texts = _choice_texts(question, translation)
    ordered = [choices_by_id[pk] for pk in choice_order if pk in choices_by_id]
    reading = localization.reading_language()
    view = {
        "position": position,
        "kind": question.kind,
        "text": translation.text if translation is not None and translation.text else question.text,
        "lang": reading if translation is not None else localization.source_language(),
        "untranslated": translation is None and reading != localization.source_language(),
        "has_image": bool(question.image_id),
        "response": response or {},
    }
    kind = question.kind
    if kind in ("single", "multiple", "image", "likert"):
        view["choices"] = [{"id": token(c.pk), "text": texts[c.pk]["text"]} for c in ordered]
        if kind == "multiple":
            chosen = (response or {}).get("choices", [])
        else:
            chosen = [(response or {}).get("choice")]
        view["chosen"] = {token(pk) for pk in chosen if pk in choices_by_id}
    elif kind == "ordering":
        saved = (response or {}).get("order")
        ids = saved if saved and set(saved) == set(choices_by_id) else [c.pk for c in ordered]
        view["choices"] = [{"id": token(pk), "text": texts[pk]["text"]} for pk in ids]
    elif kind == "matching":
        # The browser sends the source partner (what grading compares); the
        # reader sees its translation.
        labels = {c.match_text: texts[c.pk]["match_text"] for c in ordered if c.match_text}
        pairs = (response or {}).get("pairs", {})
        view["prompts"] = [
            {
                "id": token(c.pk),
                "text": texts[c.pk]["text"],
                "selected": pairs.get(str(c.pk), ""),
                "selected_label": labels.get(pairs.get(str(c.pk), ""), ""),
            }
            for c in ordered
            if c.text
        ]
        view["options"] = sorted(
            ({"value": value, "label": label} for value, label in labels.items()),
            key=lambda option: (option["label"], option["value"]),
        )
    elif kind == "colour_bands":
        view["band_mode"] = question.band_mode
        view["slots"] = [
            {
                "name": slot,
                "label": BAND_SLOT_LABELS[slot],
                "selected": list((response or {}).get(slot, [])),
            }
            for slot in grading.BAND_SLOTS
        ]
        view["colours"] = [{"value": k, "label": v} for k, v in BAND_COLOUR_LABELS.items()]
        prefix = f"q{position}"
        view["legend"] = band_legend(prefix=prefix)
        if question.band_mode == "read":
            view["drawing"] = band_drawing(question.band_answer, prefix=prefix)
        else:
            # The question's text gives the code to decode; writing the decoded
            # combination next to it would give the answer away.
            view["drawing"] = band_drawing(response or {}, prefix=prefix)
    return view


def review_view(
    *,
    question,
    choice_order: list[int],
    response: dict | None,
    position: int,
    score,
    max_score,
    attempt_id: int,
    translation=None,
) -> dict:
    """``question_view`` plus the right answers, feedback and score (review only)."""
    view = question_view(
        question=question,
        choice_order=choice_order,
        response=response,
        position=position,
        attempt_id=attempt_id,
        translation=translation,
    )
    view["score"] = score
    view["max_score"] = max_score
    if view.get("unavailable"):
        return view
    spec = grading.spec_from_question(question)
    texts = _choice_texts(question, translation)
    view["general_feedback"] = (
        translation.general_feedback
        if translation is not None and translation.general_feedback
        else question.general_feedback
    )
    choices = list(question.choices.all())
    kind = question.kind
    correct: list[str] = []
    feedback: list[str] = []
    if kind in ("single", "multiple", "image"):
        correct = [texts[c.pk]["text"] for c in choices if c.is_correct]
        chosen = set((response or {}).get("choices", [(response or {}).get("choice")]))
        feedback = [texts[c.pk]["feedback"] for c in choices if c.pk in chosen and c.feedback]
    elif kind == "true_false":
        correct = [_("True") if question.true_false_answer else _("False")]
    elif kind == "numeric":
        tolerance = spec.numeric_tolerance
        unit = "%" if spec.tolerance_kind == "relative" else ""
        correct = [f"{spec.numeric_answer.normalize():f} ± {tolerance.normalize():f}{unit}"]
    elif kind == "short_text":
        # The answers accepted in the reader's language (and in any language).
        language = get_language() or ""
        correct = [c.text for c in choices if not c.language or c.language == language]
    elif kind == "ordering":
        correct = [" → ".join(texts[c.pk]["text"] for c in choices)]
    elif kind == "matching":
        correct = [
            f"{texts[c.pk]['text']} → {texts[c.pk]['match_text']}" for c in choices if c.text
        ]
    elif kind == "colour_bands":
        correct = [band_combination_text(question.band_answer)]
        view["response_text"] = band_combination_text(response or {})
    view["correct_answers"] = correct
    view["choice_feedback"] = feedback
    return view
