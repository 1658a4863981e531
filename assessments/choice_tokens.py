"""Opaque, per-attempt names for choices: what the learner's browser sends back.

A choice's database id follows the order in which the author wrote the
choices, so ids on the page told learners the answer (ascending ids gave the
right order; the lowest id was the right choice). The page names a choice by
a keyed hash of the attempt and the choice instead: it differs between
attempts, carries no order, and only the server can map it back, from the
attempt's own choices.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.crypto import salted_hmac

SALT = "assessments.choice_tokens"
UNKNOWN = -1  # what a value that names no choice of the attempt becomes


def choice_token(*, attempt_id: int, choice_id: int) -> str:
    """The name of choice ``choice_id`` in attempt ``attempt_id`` (letters and digits).

    The leading letter keeps a token from ever reading as a number.
    """
    digest = salted_hmac(SALT, f"{attempt_id}:{choice_id}", algorithm="sha256").hexdigest()
    return "c" + digest[:20]


def token_map(*, attempt_id: int, choice_ids: Iterable[int]) -> dict[str, int]:
    """Token → choice id for the given choices of one attempt."""
    return {choice_token(attempt_id=attempt_id, choice_id=pk): pk for pk in choice_ids}


def decode_answer(raw: dict, tokens: dict[str, int]) -> dict:
    """A posted answer with its choice tokens replaced by choice ids.

    Args:
        raw: one question's raw answer (see ``forms.answers_from_post``).
        tokens: the attempt's tokens for that question (``token_map``).

    Returns:
        A new dict; a value that is not one of ``tokens`` becomes ``UNKNOWN``,
        which ``grading.validate_response`` refuses as not of this question.
        Other fields are passed on unchanged.
    """

    def one(value):
        return tokens.get(value, UNKNOWN) if isinstance(value, str) else UNKNOWN

    clean = dict(raw)
    if "choice" in raw:
        clean["choice"] = one(raw["choice"])
    for name in ("choices", "order"):
        if isinstance(raw.get(name), list):
            clean[name] = [one(value) for value in raw[name]]
    if isinstance(raw.get("pairs"), dict):
        clean["pairs"] = {str(one(key)): value for key, value in raw["pairs"].items()}
    return clean
