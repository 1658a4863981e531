"""Moodle XML: the question bank format of Moodle's own export and import.

Kinds shared with Moodle (https://docs.moodle.org/en/Moodle_XML_format):

- ``multichoice`` with ``<single>true</single>``: single choice; with ``false``:
  multiple choice, partial credit (fractions); ``multichoiceset`` (Moodle's
  all-or-nothing multiple choice): multiple choice, all or nothing.
- ``truefalse``, ``shortanswer``, ``numerical`` (absolute tolerance; a relative
  tolerance is written as its absolute value), ``matching`` (a subquestion
  without text is a distractor), ``ordering`` (answers in the right order),
  ``essay`` (a survey's free text).
- ``<question type="category">`` sets the category of the questions after it;
  the last part of its path becomes a topic category.

Texts are read as plain text (HTML tags are dropped) and written as
``plain_text``. Everything else in a Moodle file (penalties, hints, units,
``idnumber``) is ignored on import.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from ..importing import ChoiceDraft, ImportFileError, QuestionDraft
from ..models import CategoryKind, MultipleScoring, QuestionKind, ToleranceKind

MAX_QUESTIONS = 2000


def _text(element, path: str = "text") -> str:
    node = element.find(path) if element is not None else None
    if node is None or node.text is None:
        return ""
    return html.unescape(strip_tags(node.text)).strip()


def _fraction(answer) -> Decimal:
    try:
        return Decimal(answer.get("fraction", "0"))
    except InvalidOperation:
        return Decimal("0")


def _answers(question) -> list:
    return question.findall("answer")


def _choice(answer) -> ChoiceDraft:
    return ChoiceDraft(
        text=_text(answer),
        is_correct=_fraction(answer) > 0,
        feedback=_text(answer.find("feedback")),
    )


def parse(content: bytes) -> tuple[list[QuestionDraft], list[str]]:
    """Import drafts from a Moodle XML file; all or nothing is up to the caller.

    Returns:
        ``(drafts, errors)``; errors read ``question N: what to fix`` (N counts
        the file's questions, categories not included).

    Raises:
        ImportFileError: the file is not Moodle XML at all.
    """
    try:
        root = SafeET.fromstring(content)
    except (SafeET.ParseError, DefusedXmlException) as error:
        raise ImportFileError(
            _("The file is not readable XML: %(error)s") % {"error": error}
        ) from None
    if root.tag != "quiz":
        raise ImportFileError(_("This is not a Moodle XML question file (no <quiz> element)."))
    drafts: list[QuestionDraft] = []
    errors: list[str] = []
    category: list[tuple[str, str]] = []
    number = 0
    for element in root.findall("question"):
        kind = element.get("type", "")
        if kind == "category":
            path = _text(element.find("category"))
            name = path.rstrip("/").split("/")[-1].strip() if path else ""
            category = [(CategoryKind.TOPIC.value, name)] if name and name != "top" else []
            continue
        number += 1
        if number > MAX_QUESTIONS:
            raise ImportFileError(
                _("At most %(count)d questions per file.") % {"count": MAX_QUESTIONS}
            )

        def problem(message: str, number=number) -> None:
            errors.append(f"question {number}: {message}")

        title = _text(element.find("name"))
        if not title:
            problem(_("give the question a name"))
            continue
        draft = QuestionDraft(
            row=number,
            title=title[:200],
            kind="",
            text=_text(element.find("questiontext")),
            general_feedback=_text(element.find("generalfeedback")),
            categories=list(category),
        )
        grade = element.findtext("defaultgrade")
        if grade:
            try:
                draft.points = Decimal(grade.strip()).quantize(Decimal("0.01"))
            except InvalidOperation:
                problem(_("defaultgrade is not a number"))
                continue
        if kind == "multichoice":
            single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
            draft.kind = QuestionKind.SINGLE if single else QuestionKind.MULTIPLE
            draft.multiple_scoring = MultipleScoring.PARTIAL
            draft.choices = [_choice(a) for a in _answers(element)]
        elif kind == "multichoiceset":
            draft.kind = QuestionKind.MULTIPLE
            draft.multiple_scoring = MultipleScoring.ALL_OR_NOTHING
            draft.choices = [_choice(a) for a in _answers(element)]
        elif kind == "truefalse":
            draft.kind = QuestionKind.TRUE_FALSE
            right = [a for a in _answers(element) if _fraction(a) > 0]
            if len(right) != 1 or _text(right[0]).lower() not in ("true", "false"):
                problem(_("mark either true or false as the right answer"))
                continue
            draft.true_false_answer = _text(right[0]).lower() == "true"
        elif kind == "shortanswer":
            draft.kind = QuestionKind.SHORT_TEXT
            draft.choices = [
                ChoiceDraft(text=_text(a), is_correct=True, feedback=_text(a.find("feedback")))
                for a in _answers(element)
                if _fraction(a) > 0
            ]
        elif kind == "numerical":
            draft.kind = QuestionKind.NUMERIC
            right = [a for a in _answers(element) if _fraction(a) >= 100]
            try:
                draft.numeric_answer = Decimal(_text(right[0]))
                draft.numeric_tolerance = abs(Decimal(right[0].findtext("tolerance") or "0"))
            except (IndexError, InvalidOperation):
                problem(_("give one fully right numeric answer"))
                continue
            draft.tolerance_kind = ToleranceKind.ABSOLUTE
        elif kind == "matching":
            draft.kind = QuestionKind.MATCHING
            draft.choices = [
                ChoiceDraft(text=_text(sub), match_text=_text(sub.find("answer")))
                for sub in element.findall("subquestion")
            ]
        elif kind == "ordering":
            draft.kind = QuestionKind.ORDERING
            draft.choices = [ChoiceDraft(text=_text(a)) for a in _answers(element)]
        elif kind == "essay":
            draft.kind = QuestionKind.FREE_TEXT
            draft.points = Decimal("0")
        else:
            problem(_("the question type %(type)s is not supported") % {"type": kind or "?"})
            continue
        drafts.append(draft)
    return drafts, errors


# --- Export ----------------------------------------------------------------------


def _add_text(parent, tag: str, value: str, *, fmt: str | None = "plain_text"):
    element = ET.SubElement(parent, tag)
    if fmt:
        element.set("format", fmt)
    ET.SubElement(element, "text").text = value
    return element


def _add_answer(parent, text: str, fraction: str, feedback: str = ""):
    answer = ET.SubElement(parent, "answer", fraction=fraction, format="plain_text")
    ET.SubElement(answer, "text").text = text
    _add_text(answer, "feedback", feedback)
    return answer


def _number(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def export(questions) -> bytes:
    """A Moodle XML file of ``questions`` (with choices and categories prefetched).

    Questions Moodle cannot hold (colour bands, Likert, image identification)
    are left out; the caller may say so.
    """
    root = ET.Element("quiz")
    current = None
    for question in questions:
        if question.kind in (QuestionKind.COLOUR_BANDS, QuestionKind.LIKERT, QuestionKind.IMAGE):
            continue
        categories = [c.name for c in question.categories.all()]
        category = categories[0] if categories else ""
        if category != current:
            element = ET.SubElement(root, "question", type="category")
            _add_text(
                element,
                "category",
                f"$course$/top/{category}" if category else "$course$/top",
                fmt=None,
            )
            current = category
        choices = sorted(question.choices.all(), key=lambda c: c.sort_order or 0)
        kind = question.kind
        moodle_type = {
            QuestionKind.SINGLE: "multichoice",
            QuestionKind.MULTIPLE: "multichoice"
            if question.multiple_scoring == MultipleScoring.PARTIAL
            else "multichoiceset",
            QuestionKind.TRUE_FALSE: "truefalse",
            QuestionKind.SHORT_TEXT: "shortanswer",
            QuestionKind.NUMERIC: "numerical",
            QuestionKind.MATCHING: "matching",
            QuestionKind.ORDERING: "ordering",
            QuestionKind.FREE_TEXT: "essay",
        }[kind]
        element = ET.SubElement(root, "question", type=moodle_type)
        _add_text(element, "name", question.title, fmt=None)
        _add_text(element, "questiontext", question.text)
        _add_text(element, "generalfeedback", question.general_feedback)
        ET.SubElement(element, "defaultgrade").text = _number(question.points)
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            if moodle_type == "multichoice":
                ET.SubElement(element, "single").text = (
                    "true" if kind == QuestionKind.SINGLE else "false"
                )
            ET.SubElement(element, "shuffleanswers").text = "true"
            right = [c for c in choices if c.is_correct]
            wrong = [c for c in choices if not c.is_correct]
            for choice in choices:
                if kind == QuestionKind.SINGLE or moodle_type == "multichoiceset":
                    fraction = "100" if choice.is_correct else "0"
                elif choice.is_correct:
                    fraction = _number(Decimal(100) / len(right))
                else:
                    fraction = _number(-Decimal(100) / len(wrong)) if wrong else "0"
                _add_answer(element, choice.text, fraction, choice.feedback)
        elif kind == QuestionKind.TRUE_FALSE:
            _add_answer(element, "true", "100" if question.true_false_answer else "0")
            _add_answer(element, "false", "0" if question.true_false_answer else "100")
        elif kind == QuestionKind.SHORT_TEXT:
            ET.SubElement(element, "usecase").text = "0"
            for choice in choices:
                _add_answer(element, choice.text, "100", choice.feedback)
        elif kind == QuestionKind.NUMERIC:
            tolerance = Decimal(question.numeric_tolerance)
            if question.tolerance_kind == ToleranceKind.RELATIVE:
                tolerance = abs(Decimal(question.numeric_answer)) * tolerance / 100
            answer = _add_answer(element, _number(question.numeric_answer), "100")
            ET.SubElement(answer, "tolerance").text = _number(tolerance)
        elif kind == QuestionKind.MATCHING:
            ET.SubElement(element, "shuffleanswers").text = "true"
            for choice in choices:
                sub = _add_text(element, "subquestion", choice.text)
                ET.SubElement(ET.SubElement(sub, "answer"), "text").text = choice.match_text
        elif kind == QuestionKind.ORDERING:
            ET.SubElement(element, "layouttype").text = "VERTICAL"
            ET.SubElement(element, "selecttype").text = "ALL"
            for position, choice in enumerate(choices, start=1):
                _add_answer(element, choice.text, str(position))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
