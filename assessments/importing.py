"""Question import from a spreadsheet: read rows, check them all, then write in one go.

Columns (header names, case-insensitive; only ``title``, ``kind`` and ``text``
are required):

- ``title``: the name in the bank (an existing question with this title is updated).
- ``kind``: one of the ``QuestionKind`` values (``single``, ``multiple``, ``true_false``,
  ``numeric``, ``short_text``, ``ordering``, ``matching``, ``image``,
  ``colour_bands``, ``likert``, ``free_text``).
- ``text``: the question. ``points`` (default 1). ``general_feedback``.
- ``categories``: ``kind:name`` items separated by ``;``, e.g.
  ``topic:Crane surveys; species:Hooded Crane; difficulty:easy``.
- ``choices``: items separated by ``|``. A leading ``*`` marks a correct choice;
  ``text :: feedback`` adds per-choice feedback; for matching, ``prompt => partner``;
  for short text, ``ja: 答え`` limits an accepted answer to a language.
- ``answer``: true/false for ``true_false``; the number for ``numeric``; for
  ``colour_bands`` the combination as ``left_above=red,metal; right_below=white``.
- ``tolerance`` and ``tolerance_kind`` (``absolute``/``relative``), ``multiple_scoring``
  (``all_or_nothing``/``partial``), ``band_mode`` (``read``/``compose``).

The parsing is plain Python over rows of strings, so it is tested without the
database; ``question_import`` in services writes the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from portal.core.spreadsheets import SpreadsheetError, spreadsheet_read

from .grading import BAND_COLOURS, BAND_SLOTS, MAX_BANDS_PER_SLOT
from .models import BandMode, CategoryKind, MultipleScoring, QuestionKind, ToleranceKind

REQUIRED = ("title", "kind", "text")
MAX_ROWS = 5000


class ImportFileError(ValueError):
    """The file cannot be read at all; the message says why."""


@dataclass
class ChoiceDraft:
    text: str = ""
    is_correct: bool = False
    match_text: str = ""
    language: str = ""
    feedback: str = ""


@dataclass
class QuestionDraft:
    row: int
    title: str
    kind: str
    text: str
    points: Decimal = Decimal("1")
    general_feedback: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)
    choices: list[ChoiceDraft] = field(default_factory=list)
    multiple_scoring: str = MultipleScoring.ALL_OR_NOTHING
    true_false_answer: bool | None = None
    numeric_answer: Decimal | None = None
    numeric_tolerance: Decimal = Decimal("0")
    tolerance_kind: str = ToleranceKind.ABSOLUTE
    band_mode: str = BandMode.READ
    band_answer: dict = field(default_factory=dict)


def read_rows(name: str, content: bytes) -> list[dict[str, str]]:
    """Rows of a .csv or .xlsx file as dicts keyed by lower-case header.

    Read by the portal's one spreadsheet reader (``portal.core.spreadsheets``):
    encodings, the size cap, the sheet and formulas are handled there.

    Raises:
        ImportFileError: the file cannot be read, or required columns are missing.
    """
    try:
        table = spreadsheet_read(content, name=name, row_limit=MAX_ROWS)
    except SpreadsheetError as error:
        raise ImportFileError(str(error)) from None
    header = [h.strip().lower() for h in table.header]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})
    return [
        {header[i]: value for i, value in enumerate(cells) if i < len(header)}
        for _number, cells in table.rows
    ]


def _decimal(value: str) -> Decimal:
    number = Decimal(value.replace(",", ""))
    if not number.is_finite():
        raise InvalidOperation
    return number


def _choices(value: str, kind: str) -> list[ChoiceDraft]:
    languages = {code for code, _name in settings.LANGUAGES}
    drafts = []
    for item in (part.strip() for part in value.split("|")):
        if not item:
            continue
        draft = ChoiceDraft()
        if item.startswith("*"):
            draft.is_correct = True
            item = item[1:].strip()
        if "::" in item:
            item, draft.feedback = (part.strip() for part in item.split("::", 1))
        if kind == QuestionKind.MATCHING and "=>" in item:
            item, draft.match_text = (part.strip() for part in item.split("=>", 1))
        if kind == QuestionKind.SHORT_TEXT and ":" in item:
            prefix, rest = item.split(":", 1)
            if prefix.strip().lower() in languages:
                draft.language, item = prefix.strip().lower(), rest.strip()
        if kind == QuestionKind.SHORT_TEXT:
            draft.is_correct = True
        draft.text = item
        drafts.append(draft)
    return drafts


def _bands(value: str) -> dict:
    combination = {slot: [] for slot in BAND_SLOTS}
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        slot, _sep, colours = part.partition("=")
        slot = slot.strip().lower()
        if slot not in BAND_SLOTS:
            raise ValueError(_("unknown leg position %(slot)s") % {"slot": slot})
        names = [c.strip().lower().replace(" ", "_") for c in colours.split(",") if c.strip()]
        bad = [c for c in names if c not in BAND_COLOURS]
        if bad:
            raise ValueError(_("unknown colour %(colour)s") % {"colour": bad[0]})
        if len(names) > MAX_BANDS_PER_SLOT:
            raise ValueError(_("at most %(n)d bands per position") % {"n": MAX_BANDS_PER_SLOT})
        combination[slot] = names
    return combination


def parse_rows(rows: list[dict[str, str]]) -> tuple[list[QuestionDraft], list[str]]:
    """Check every row; return the drafts and every problem as ``row N: column: message``.

    Row numbers count the header as row 1, as a spreadsheet shows them.
    """
    drafts: list[QuestionDraft] = []
    errors: list[str] = []
    kinds = set(QuestionKind.values)
    seen_titles: set[str] = set()
    for index, row in enumerate(rows, start=2):

        def problem(column: str, message: str, index=index) -> None:
            errors.append(f"row {index}: {column}: {message}")

        for column in REQUIRED:
            if not row.get(column):
                problem(column, _("required"))
        kind = row.get("kind", "").lower()
        if kind and kind not in kinds:
            problem("kind", _("must be one of %(kinds)s") % {"kinds": ", ".join(sorted(kinds))})
        title = row.get("title", "")
        if len(title) > 200:
            problem("title", _("at most 200 characters"))
        if title in seen_titles:
            problem("title", _("appears twice in the file"))
        seen_titles.add(title)
        if not (row.get("title") and kind in kinds and row.get("text")):
            continue
        draft = QuestionDraft(row=index, title=title, kind=kind, text=row["text"])
        draft.general_feedback = row.get("general_feedback", "")
        if row.get("points"):
            try:
                draft.points = _decimal(row["points"])
                if draft.points < 0:
                    raise InvalidOperation
            except InvalidOperation:
                problem("points", _("must be a number of 0 or more"))
        for item in (p.strip() for p in row.get("categories", "").split(";")):
            if not item:
                continue
            category_kind, _sep, name = item.partition(":")
            category_kind = category_kind.strip().lower()
            if category_kind not in CategoryKind.values or not name.strip():
                problem(
                    "categories",
                    _("write each as kind:name, kind one of topic, species, method, difficulty"),
                )
            else:
                draft.categories.append((category_kind, name.strip()[:120]))
        draft.choices = _choices(row.get("choices", ""), kind)
        if any(len(c.text) > 500 or len(c.match_text) > 500 for c in draft.choices):
            problem("choices", _("each choice at most 500 characters"))
        answer = row.get("answer", "")
        if kind in (QuestionKind.SINGLE, QuestionKind.IMAGE):
            if len(draft.choices) < 2 or sum(c.is_correct for c in draft.choices) != 1:
                problem("choices", _("give at least two choices and mark exactly one with *"))
        elif kind == QuestionKind.MULTIPLE:
            if len(draft.choices) < 2 or not any(c.is_correct for c in draft.choices):
                problem("choices", _("give at least two choices and mark the right ones with *"))
        elif kind == QuestionKind.TRUE_FALSE:
            if answer.lower() not in ("true", "false"):
                problem("answer", _("write true or false"))
            else:
                draft.true_false_answer = answer.lower() == "true"
        elif kind == QuestionKind.NUMERIC:
            try:
                draft.numeric_answer = _decimal(answer)
            except InvalidOperation:
                problem("answer", _("must be a number"))
            if row.get("tolerance"):
                try:
                    draft.numeric_tolerance = abs(_decimal(row["tolerance"]))
                except InvalidOperation:
                    problem("tolerance", _("must be a number"))
        elif kind in (QuestionKind.SHORT_TEXT, QuestionKind.ORDERING, QuestionKind.LIKERT):
            if len(draft.choices) < (1 if kind == QuestionKind.SHORT_TEXT else 2):
                problem("choices", _("give the accepted answers, items or scale points"))
        elif kind == QuestionKind.MATCHING:
            if sum(1 for c in draft.choices if c.text and c.match_text) < 2:
                problem("choices", _("give at least two pairs written as prompt => partner"))
        elif kind == QuestionKind.COLOUR_BANDS:
            try:
                draft.band_answer = _bands(answer)
            except ValueError as error:
                problem("answer", str(error))
            if not any(draft.band_answer.values()):
                problem("answer", _("give the combination, e.g. left_above=red; right_below=metal"))
        if row.get("tolerance_kind"):
            if row["tolerance_kind"] not in ToleranceKind.values:
                problem("tolerance_kind", _("write absolute or relative"))
            else:
                draft.tolerance_kind = row["tolerance_kind"]
        if row.get("multiple_scoring"):
            if row["multiple_scoring"] not in MultipleScoring.values:
                problem("multiple_scoring", _("write all_or_nothing or partial"))
            else:
                draft.multiple_scoring = row["multiple_scoring"]
        if row.get("band_mode"):
            if row["band_mode"] not in BandMode.values:
                problem("band_mode", _("write read or compose"))
            else:
                draft.band_mode = row["band_mode"]
        drafts.append(draft)
    return drafts, errors
