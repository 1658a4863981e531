"""Grading: a pure function of a question and a response.

Nothing here touches the database. ``QuestionSpec`` is a plain snapshot of a
question (``spec_from_question`` builds it from the model); ``validate_response``
turns what a browser sent into a clean response or raises ``ResponseError``;
``grade`` scores a clean response. Responses name choices by id, never by
position, so the order the learner saw cannot change the grade.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

KINDS = (
    "single",
    "multiple",
    "true_false",
    "numeric",
    "short_text",
    "ordering",
    "matching",
    "image",
    "colour_bands",
    "likert",
    "free_text",
)
UNGRADED = frozenset({"likert", "free_text"})

BAND_SLOTS = ("left_above", "left_below", "right_above", "right_below")
BAND_COLOURS = (
    "metal",
    "red",
    "white",
    "yellow",
    "green",
    "blue",
    "black",
    "orange",
    "light_blue",
    "light_green",
    "lime",
    "pink",
    "purple",
)
MAX_BANDS_PER_SLOT = 4
MAX_TEXT_LENGTH = 500
MAX_FREE_TEXT_LENGTH = 4000
TWO_PLACES = Decimal("0.01")


class ResponseError(ValueError):
    """A response that cannot be stored; ``str()`` says what to fix."""


@dataclass(frozen=True)
class ChoiceSpec:
    id: int
    text: str = ""
    is_correct: bool = False
    match_text: str = ""
    language: str = ""
    feedback: str = ""


@dataclass(frozen=True)
class QuestionSpec:
    """What grading needs to know of a question. Choices are in authored order."""

    kind: str
    points: Decimal = Decimal("1")
    choices: tuple[ChoiceSpec, ...] = ()
    multiple_scoring: str = "all_or_nothing"
    true_false_answer: bool | None = None
    numeric_answer: Decimal | None = None
    numeric_tolerance: Decimal = Decimal("0")
    tolerance_kind: str = "absolute"
    band_answer: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Grade:
    score: Decimal
    max_score: Decimal

    @property
    def fraction(self) -> Decimal:
        return self.score / self.max_score if self.max_score else Decimal("0")

    @property
    def correct(self) -> bool:
        return self.max_score > 0 and self.score == self.max_score


def spec_from_question(question) -> QuestionSpec:
    """Snapshot a ``Question`` (with its ``choices`` prefetched) for grading."""
    return QuestionSpec(
        kind=question.kind,
        points=question.points,
        choices=tuple(
            ChoiceSpec(
                id=c.pk,
                text=c.text,
                is_correct=c.is_correct,
                match_text=c.match_text,
                language=c.language,
                feedback=c.feedback,
            )
            for c in question.choices.all()
        ),
        multiple_scoring=question.multiple_scoring,
        true_false_answer=question.true_false_answer,
        numeric_answer=question.numeric_answer,
        numeric_tolerance=question.numeric_tolerance,
        tolerance_kind=question.tolerance_kind,
        band_answer=question.band_answer or {},
    )


def max_score(spec: QuestionSpec) -> Decimal:
    return Decimal("0") if spec.kind in UNGRADED else Decimal(spec.points)


def matching_options(spec: QuestionSpec) -> list[str]:
    """The partners a matching question offers (answers and distractors), sorted."""
    return sorted({c.match_text for c in spec.choices if c.match_text})


def normalise_text(value: str) -> str:
    """Fold case, spacing and diacritics: ``"  Grus  MONACHA "`` → ``"grus monacha"``.

    Full-width forms fold to their ordinary ones (NFKC), so a full-width spelling matches too.
    """
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = unicodedata.normalize("NFKC", value).casefold()
    return re.sub(r"\s+", " ", value).strip()


# --- Questions that cannot be shown or graded ----------------------------------


def band_answer_problems(value) -> list[str]:
    """What is wrong with a colour-band combination as stored (empty: nothing).

    A combination maps each of ``BAND_SLOTS`` to a list of at most
    ``MAX_BANDS_PER_SLOT`` colours of ``BAND_COLOURS``, top to bottom, and has at
    least one band. Each problem names the slot or colour at fault.
    """
    if not isinstance(value, dict):
        return [_("Give the combination per leg and position.")]
    problems = []
    for slot in value:
        if slot not in BAND_SLOTS:
            problems.append(
                _("Unknown leg position “%(slot)s”: use %(slots)s.")
                % {"slot": slot, "slots": ", ".join(BAND_SLOTS)}
            )
    for slot in [*BAND_SLOTS, *(key for key in value if key not in BAND_SLOTS)]:
        colours = value.get(slot, [])
        if not isinstance(colours, list) or not all(isinstance(c, str) for c in colours):
            problems.append(_("%(slot)s: give a list of colours.") % {"slot": slot})
            continue
        if len(colours) > MAX_BANDS_PER_SLOT:
            problems.append(
                _("%(slot)s: at most %(count)d bands.")
                % {"slot": slot, "count": MAX_BANDS_PER_SLOT}
            )
        for colour in colours:
            if colour not in BAND_COLOURS:
                problems.append(
                    _("%(slot)s: unknown colour “%(colour)s”.") % {"slot": slot, "colour": colour}
                )
    if not problems and not any(value.get(slot) for slot in BAND_SLOTS):
        problems.append(_("Place at least one band."))
    return problems


def question_defects(spec: QuestionSpec) -> list[tuple[str, str]]:
    """Why a question cannot be shown or graded, as ``(field, message)`` pairs.

    The one rule for "this question works": the editor refuses to save a
    question with defects (``field`` names the form field to mark; ``choices``
    means the inline choices), and an attempt that meets one anyway shows an
    apology for it and grades the rest.

    Returns:
        An empty list for a question that works.
    """
    kind = spec.kind
    choices = [c for c in spec.choices if c.text or c.match_text]
    correct = [c for c in choices if c.is_correct]
    problems: list[tuple[str, str]] = []

    def choices_problem(message) -> None:
        problems.append(("choices", message))

    if kind not in KINDS:
        return [("kind", _("Choose a kind of question."))]
    if kind in ("single", "image"):
        if len(choices) < 2:
            choices_problem(_("Give at least two choices."))
        if len(correct) != 1:
            choices_problem(_("Mark exactly one choice as correct."))
    elif kind == "multiple":
        if len(choices) < 2:
            choices_problem(_("Give at least two choices."))
        if not correct:
            choices_problem(_("Mark at least one choice as correct."))
    elif kind == "true_false":
        if spec.true_false_answer is None:
            problems.append(("true_false_answer", _("Say whether the statement is true.")))
    elif kind == "numeric":
        if spec.numeric_answer is None:
            problems.append(("numeric_answer", _("Give the numeric answer.")))
    elif kind == "short_text":
        if not [c for c in choices if c.text.strip()]:
            choices_problem(_("Give at least one accepted answer."))
    elif kind == "ordering":
        if len(choices) < 2 or any(not c.text.strip() for c in choices):
            choices_problem(_("Give at least two items, each with its text, in the right order."))
    elif kind == "matching":
        prompts = [c for c in choices if c.text]
        if len(prompts) < 2:
            choices_problem(_("Give at least two prompts, each with its partner."))
        if any(not c.match_text for c in prompts):
            choices_problem(_("Give every prompt its partner in “matches”."))
    elif kind == "colour_bands":
        problems += [("band_answer", message) for message in band_answer_problems(spec.band_answer)]
    elif kind == "likert" and len(choices) < 2:
        choices_problem(_("Give at least two scale points, in order."))
    return problems


# --- Validation ------------------------------------------------------------------


def _choice_id(value, valid: set[int]) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ResponseError(_("A choice must be given by its number."))
    try:
        choice_id = int(value)
    except ValueError:
        raise ResponseError(_("A choice must be given by its number.")) from None
    if choice_id not in valid:
        raise ResponseError(_("That choice does not belong to this question."))
    return choice_id


def _number_text(text: str) -> str:
    """A number as the learner typed it, read with the separators of their language.

    Spaces (also no-break spaces) group digits. Where the language writes a decimal
    comma (Russian: "0,35", "1 250,5"), a comma is the decimal point and a dot groups
    digits; elsewhere a comma groups digits ("1,250") and the dot is the decimal point.
    """
    for space in (" ", "\u00a0", "\u202f"):
        text = text.replace(space, "")
    if formats.get_format("DECIMAL_SEPARATOR") == ",":
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        return text
    return text.replace(",", "")


def _text(value, limit: int) -> str:
    if not isinstance(value, str):
        raise ResponseError(_("The answer must be text."))
    if len(value) > limit:
        raise ResponseError(
            _("The answer is too long: at most %(limit)d characters.") % {"limit": limit}
        )
    return value


def validate_response(spec: QuestionSpec, raw) -> dict:
    """Check what the browser sent for one question and return the response to store.

    Args:
        spec: the question.
        raw: the decoded JSON the browser sent (a dict).

    Returns:
        A clean response dict of the kind's shape.

    Raises:
        ResponseError: the response does not fit the question; the message says why.
    """
    if not isinstance(raw, dict):
        raise ResponseError(_("The answer is not in the expected form."))
    ids = {c.id for c in spec.choices}
    kind = spec.kind
    if kind in ("single", "image"):
        return {"choice": _choice_id(raw.get("choice"), ids)}
    if kind == "multiple":
        values = raw.get("choices", [])
        if not isinstance(values, list) or len(values) > len(ids):
            raise ResponseError(_("Choose from the options given."))
        chosen = {_choice_id(v, ids) for v in values}
        return {"choices": sorted(chosen)}
    if kind == "true_false":
        value = raw.get("value")
        if value not in (True, False, "true", "false"):
            raise ResponseError(_("Answer true or false."))
        return {"value": value in (True, "true")}
    if kind == "numeric":
        value = raw.get("value")
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ResponseError(_("Enter a number."))
        text = _number_text(str(value).strip())
        if len(text) > 30:
            raise ResponseError(_("Enter a number of at most 30 characters."))
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ResponseError(_("Enter a number, such as 1250 or 0.35.")) from None
        if not number.is_finite():
            raise ResponseError(_("Enter a number, such as 1250 or 0.35."))
        return {"value": str(number)}
    if kind in ("short_text", "free_text"):
        limit = MAX_TEXT_LENGTH if kind == "short_text" else MAX_FREE_TEXT_LENGTH
        response = {"text": _text(raw.get("text", ""), limit)}
        if kind == "short_text":
            language = raw.get("language", "")
            response["language"] = language if isinstance(language, str) else ""
            response["language"] = response["language"][:10]
        return response
    if kind == "ordering":
        values = raw.get("order")
        if not isinstance(values, list):
            raise ResponseError(_("Put every item in order."))
        order = [_choice_id(v, ids) for v in values]
        if sorted(order) != sorted(ids):
            raise ResponseError(_("Put every item in order, each once."))
        return {"order": order}
    if kind == "matching":
        pairs = raw.get("pairs", {})
        prompts = {c.id for c in spec.choices if c.text}
        options = set(matching_options(spec))
        if not isinstance(pairs, dict) or len(pairs) > len(prompts):
            raise ResponseError(_("Match each item from the list given."))
        clean = {}
        for key, value in pairs.items():
            prompt = _choice_id(key, prompts)
            if value == "":
                continue
            if not isinstance(value, str) or value not in options:
                raise ResponseError(_("Match each item from the list given."))
            clean[str(prompt)] = value
        return {"pairs": clean}
    if kind == "colour_bands":
        unknown = set(raw) - set(BAND_SLOTS)
        if unknown:
            raise ResponseError(_("Give colours for the left and right leg, above and below."))
        clean = {}
        for slot in BAND_SLOTS:
            colours = raw.get(slot, [])
            if not isinstance(colours, list) or len(colours) > MAX_BANDS_PER_SLOT:
                raise ResponseError(
                    _("At most %(count)d bands per leg and position.")
                    % {"count": MAX_BANDS_PER_SLOT}
                )
            if any(c not in BAND_COLOURS for c in colours):
                raise ResponseError(_("Choose colours from the list given."))
            clean[slot] = list(colours)
        return clean
    if kind == "likert":
        return {"choice": _choice_id(raw.get("choice"), ids)}
    raise ResponseError(_("This question cannot be answered."))


# --- Grading ---------------------------------------------------------------------


def _quantise(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _fraction(spec: QuestionSpec, response: dict) -> Decimal:
    kind = spec.kind
    correct_ids = {c.id for c in spec.choices if c.is_correct}
    if kind in ("single", "image"):
        return Decimal("1") if response.get("choice") in correct_ids else Decimal("0")
    if kind == "multiple":
        chosen = set(response.get("choices", []))
        if spec.multiple_scoring == "partial":
            # Moodle's rule: each right choice earns 1/right, each wrong one costs
            # 1/wrong, never below zero.
            wrong_ids = {c.id for c in spec.choices} - correct_ids
            gained = Decimal(len(chosen & correct_ids)) / max(len(correct_ids), 1)
            lost = Decimal(len(chosen & wrong_ids)) / max(len(wrong_ids), 1)
            return min(Decimal("1"), max(Decimal("0"), gained - lost))
        return Decimal("1") if chosen == correct_ids else Decimal("0")
    if kind == "true_false":
        return Decimal("1") if response.get("value") is spec.true_false_answer else Decimal("0")
    if kind == "numeric":
        if spec.numeric_answer is None or "value" not in response:
            return Decimal("0")
        value = Decimal(response["value"])
        answer = Decimal(spec.numeric_answer)
        tolerance = Decimal(spec.numeric_tolerance)
        if spec.tolerance_kind == "relative":
            tolerance = abs(answer) * tolerance / 100
        return Decimal("1") if abs(value - answer) <= tolerance else Decimal("0")
    if kind == "short_text":
        given = normalise_text(response.get("text", ""))
        if not given:
            return Decimal("0")
        language = response.get("language", "")
        for choice in spec.choices:
            if choice.language and choice.language != language:
                continue
            if normalise_text(choice.text) == given:
                return Decimal("1")
        return Decimal("0")
    if kind == "ordering":
        return (
            Decimal("1") if response.get("order") == [c.id for c in spec.choices] else Decimal("0")
        )
    if kind == "matching":
        prompts = [c for c in spec.choices if c.text]
        if not prompts:
            return Decimal("0")
        pairs = response.get("pairs", {})
        right = sum(1 for c in prompts if pairs.get(str(c.id)) == c.match_text)
        return Decimal(right) / len(prompts)
    if kind == "colour_bands":
        answer = {slot: list(spec.band_answer.get(slot, [])) for slot in BAND_SLOTS}
        given = {slot: list(response.get(slot, [])) for slot in BAND_SLOTS}
        return Decimal("1") if answer == given else Decimal("0")
    return Decimal("0")


def grade(spec: QuestionSpec, response: dict | None) -> Grade:
    """Score one clean response (``None``: not answered) against its question.

    Returns:
        ``Grade`` with ``0 <= score <= max_score``, rounded to hundredths.
    """
    top = max_score(spec)
    if response is None or top == 0:
        return Grade(Decimal("0.00"), _quantise(top))
    fraction = _fraction(spec, response)
    if math.isnan(fraction) or fraction < 0:
        fraction = Decimal("0")
    return Grade(_quantise(min(top, top * fraction)), _quantise(top))
