"""Grading is a pure function of question and response: per-type cases and properties."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.grading import (
    BAND_COLOURS,
    BAND_SLOTS,
    ChoiceSpec,
    QuestionSpec,
    ResponseError,
    grade,
    normalise_text,
    validate_response,
)


def single():
    return QuestionSpec(
        kind="single",
        points=Decimal("2"),
        choices=(ChoiceSpec(1, "Hooded", True), ChoiceSpec(2, "White-naped"), ChoiceSpec(3, "Red")),
    )


def multiple(scoring="all_or_nothing"):
    return QuestionSpec(
        kind="multiple",
        multiple_scoring=scoring,
        choices=(
            ChoiceSpec(1, "a", True),
            ChoiceSpec(2, "b", True),
            ChoiceSpec(3, "c"),
            ChoiceSpec(4, "d"),
        ),
    )


def test_single_choice():
    assert grade(single(), {"choice": 1}).score == Decimal("2.00")
    assert grade(single(), {"choice": 2}).score == Decimal("0.00")
    assert grade(single(), None).score == 0


def test_multiple_all_or_nothing():
    assert grade(multiple(), {"choices": [1, 2]}).correct
    assert grade(multiple(), {"choices": [1]}).score == 0
    assert grade(multiple(), {"choices": [1, 2, 3]}).score == 0


def test_multiple_partial_credit():
    spec = multiple("partial")
    assert grade(spec, {"choices": [1]}).score == Decimal("0.50")
    assert grade(spec, {"choices": [1, 2]}).score == Decimal("1.00")
    assert grade(spec, {"choices": [1, 2, 3]}).score == Decimal("0.50")
    # Ticking everything earns nothing: right and wrong cancel out.
    assert grade(spec, {"choices": [1, 2, 3, 4]}).score == Decimal("0.00")
    assert grade(spec, {"choices": [3, 4]}).score == Decimal("0.00")


def test_true_false():
    spec = QuestionSpec(kind="true_false", true_false_answer=False)
    assert grade(spec, validate_response(spec, {"value": "false"})).correct
    assert not grade(spec, validate_response(spec, {"value": "true"})).correct


@pytest.mark.parametrize(
    ("value", "right"),
    [("1080", True), ("1320", True), ("1079", False), ("1,250", True), ("1321", False)],
)
def test_numeric_relative_tolerance(value, right):
    spec = QuestionSpec(
        kind="numeric",
        numeric_answer=Decimal("1200"),
        numeric_tolerance=Decimal("10"),
        tolerance_kind="relative",
    )
    assert grade(spec, validate_response(spec, {"value": value})).correct is right


def test_numeric_absolute_tolerance():
    spec = QuestionSpec(
        kind="numeric", numeric_answer=Decimal("0.35"), numeric_tolerance=Decimal("0.05")
    )
    assert grade(spec, validate_response(spec, {"value": "0.4"})).correct
    assert not grade(spec, validate_response(spec, {"value": "0.41"})).correct


@pytest.mark.parametrize(
    ("language", "typed", "read_as"),
    [
        ("en", "1,250", "1250"),
        ("en", "0.35", "0.35"),
        ("ja", "1,250.5", "1250.5"),
        ("ru", "0,35", "0.35"),
        ("ru", "1\u00a0250,5", "1250.5"),
        ("ru", "1.250,5", "1250.5"),
        ("ru", "0.35", "0.35"),
    ],
)
def test_numeric_answers_follow_the_learners_decimal_separator(language, typed, read_as):
    spec = QuestionSpec(kind="numeric", numeric_answer=Decimal("1"))
    with translation.override(language):
        assert validate_response(spec, {"value": typed}) == {"value": read_as}


def test_short_text_normalises_case_spacing_and_diacritics():
    spec = QuestionSpec(
        kind="short_text",
        choices=(
            ChoiceSpec(1, "Grus monacha", True),
            ChoiceSpec(2, "ナベヅル", True, language="ja"),
            ChoiceSpec(3, "Khövsgöl", True),
        ),
    )
    assert grade(spec, {"text": "  grus   MONACHA ", "language": "en"}).correct
    assert grade(spec, {"text": "khovsgol", "language": "en"}).correct
    assert grade(spec, {"text": "ナベヅル", "language": "ja"}).correct
    # A language variant counts only in its language.
    assert not grade(spec, {"text": "ナベヅル", "language": "en"}).correct
    assert not grade(spec, {"text": "grus", "language": "en"}).correct
    assert normalise_text("\uff28\uff2f\uff2f\uff24\uff25\uff24  Crane") == "hooded crane"


def test_ordering():
    spec = QuestionSpec(
        kind="ordering", choices=(ChoiceSpec(5, "a"), ChoiceSpec(3, "b"), ChoiceSpec(9, "c"))
    )
    assert grade(spec, validate_response(spec, {"order": ["5", "3", "9"]})).correct
    assert not grade(spec, {"order": [3, 5, 9]}).correct


def test_matching_gives_credit_per_pair():
    spec = QuestionSpec(
        kind="matching",
        points=Decimal("2"),
        choices=(
            ChoiceSpec(1, "Hooded", match_text="Grus monacha"),
            ChoiceSpec(2, "White-naped", match_text="Antigone vipio"),
            ChoiceSpec(3, "", match_text="Platalea minor"),
        ),
    )
    assert grade(spec, {"pairs": {"1": "Grus monacha", "2": "Antigone vipio"}}).score == 2
    assert grade(spec, {"pairs": {"1": "Grus monacha", "2": "Platalea minor"}}).score == 1
    with pytest.raises(ResponseError):
        validate_response(spec, {"pairs": {"3": "Grus monacha"}})


def test_image_identification():
    spec = QuestionSpec(
        kind="image", choices=(ChoiceSpec(1, "adult"), ChoiceSpec(2, "juvenile", True))
    )
    assert grade(spec, {"choice": 2}).correct


def test_colour_bands_per_leg_and_position():
    answer = {
        "left_above": ["red"],
        "left_below": ["metal"],
        "right_above": ["white", "green"],
        "right_below": [],
    }
    spec = QuestionSpec(kind="colour_bands", band_answer=answer)
    assert grade(spec, validate_response(spec, dict(answer))).correct
    # Same colours, legs swapped: wrong. Order within a position matters.
    swapped = {
        "left_above": ["white", "green"],
        "left_below": [],
        "right_above": ["red"],
        "right_below": ["metal"],
    }
    assert not grade(spec, validate_response(spec, swapped)).correct
    reordered = {**answer, "right_above": ["green", "white"]}
    assert not grade(spec, validate_response(spec, reordered)).correct


def test_survey_kinds_are_not_graded():
    spec = QuestionSpec(kind="likert", choices=(ChoiceSpec(1, "agree"),))
    assert grade(spec, {"choice": 1}).max_score == 0


@pytest.mark.parametrize(
    ("spec", "raw"),
    [
        (single(), {"choice": 99}),
        (single(), {"choice": "x"}),
        (single(), {"choice": True}),
        (single(), {"choice": [1]}),
        (single(), "1"),
        (multiple(), {"choices": "1"}),
        (multiple(), {"choices": [1, 2, 3, 4, 5]}),
        (QuestionSpec(kind="numeric", numeric_answer=Decimal(1)), {"value": "twelve"}),
        (QuestionSpec(kind="numeric", numeric_answer=Decimal(1)), {"value": "NaN"}),
        (QuestionSpec(kind="numeric", numeric_answer=Decimal(1)), {"value": "9" * 31}),
        (QuestionSpec(kind="short_text"), {"text": "x" * 501}),
        (QuestionSpec(kind="short_text"), {"text": 5}),
        (QuestionSpec(kind="true_false"), {"value": "maybe"}),
        (QuestionSpec(kind="ordering", choices=(ChoiceSpec(1), ChoiceSpec(2))), {"order": [1, 1]}),
        (QuestionSpec(kind="colour_bands"), {"left_above": ["gold"]}),
        (QuestionSpec(kind="colour_bands"), {"left_above": ["red"] * 5}),
        (QuestionSpec(kind="colour_bands"), {"tail": ["red"]}),
    ],
)
def test_bad_responses_are_refused(spec, raw):
    with pytest.raises(ResponseError):
        validate_response(spec, raw)


# --- Properties ------------------------------------------------------------------

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
)


@st.composite
def specs(draw):
    kind = draw(st.sampled_from(KINDS))
    n = draw(st.integers(min_value=2, max_value=6))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=n, max_size=n, unique=True))
    correct = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    texts = [f"opt {i}" for i in ids]
    choices = tuple(
        ChoiceSpec(i, texts[k], correct[k], match_text=f"m{k % 3}" if kind == "matching" else "")
        for k, i in enumerate(ids)
    )
    return QuestionSpec(
        kind=kind,
        points=draw(st.decimals(min_value=0, max_value=100, places=2)),
        choices=choices,
        multiple_scoring=draw(st.sampled_from(["all_or_nothing", "partial"])),
        true_false_answer=draw(st.booleans()),
        numeric_answer=draw(st.decimals(min_value=-(10**6), max_value=10**6, places=3)),
        numeric_tolerance=draw(st.decimals(min_value=0, max_value=100, places=2)),
        tolerance_kind=draw(st.sampled_from(["absolute", "relative"])),
        band_answer={
            s: draw(st.lists(st.sampled_from(BAND_COLOURS), max_size=2)) for s in BAND_SLOTS
        },
    )


@st.composite
def spec_and_response(draw):
    spec = draw(specs())
    ids = [c.id for c in spec.choices]
    kind = spec.kind
    if kind in ("single", "image"):
        raw = {"choice": draw(st.sampled_from(ids))}
    elif kind == "multiple":
        raw = {"choices": draw(st.lists(st.sampled_from(ids), unique=True))}
    elif kind == "true_false":
        raw = {"value": draw(st.booleans())}
    elif kind == "numeric":
        raw = {"value": str(draw(st.decimals(min_value=-(10**6), max_value=10**6, places=2)))}
    elif kind == "short_text":
        raw = {
            "text": draw(st.sampled_from([c.text for c in spec.choices] + ["nope"])),
            "language": "en",
        }
    elif kind == "ordering":
        raw = {"order": draw(st.permutations(ids))}
    elif kind == "matching":
        options = sorted({c.match_text for c in spec.choices})
        raw = {"pairs": {str(i): draw(st.sampled_from(options)) for i in ids}}
    else:
        raw = {s: draw(st.lists(st.sampled_from(BAND_COLOURS), max_size=2)) for s in BAND_SLOTS}
    return spec, validate_response(spec, raw)


@settings(max_examples=300, deadline=None)
@given(spec_and_response())
def test_score_stays_within_zero_and_max(case):
    spec, response = case
    result = grade(spec, response)
    assert Decimal(0) <= result.score <= result.max_score
    assert result.max_score == spec.points.quantize(Decimal("0.01"))


@settings(max_examples=300, deadline=None)
@given(spec_and_response(), st.randoms(use_true_random=False))
def test_shuffling_choices_never_changes_the_grade(case, rnd):
    spec, response = case
    if spec.kind == "ordering":
        # The authored order is the answer for ordering; shuffling the display
        # order (the attempt's choice_order) is what must not matter, and
        # responses carry ids, not positions.
        return
    shuffled = list(spec.choices)
    rnd.shuffle(shuffled)
    other = QuestionSpec(**{**spec.__dict__, "choices": tuple(shuffled)})
    assert grade(spec, response) == grade(other, response)
