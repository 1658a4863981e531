"""GIFT: Moodle's plain-text question format (https://docs.moodle.org/en/GIFT_format).

A file is a list of questions separated by blank lines; ``//`` starts a
comment line; ``$CATEGORY: path`` sets the category of the questions after it
(the last part of the path becomes a topic category). A question is
``::name:: [format] text { answers }``; ``\\`` escapes ``~ = # { } :`` and
``\\n`` is a line break.

Kinds shared with the portal:

- ``{=right ~wrong ~wrong}``: single choice. ``{~%50%right ~%50%right ~%-100%wrong}``
  (no ``=``, weights): multiple choice with partial credit; the portal's
  all-or-nothing multiple choice is written the same way with the comment line
  ``// portal: all_or_nothing`` before it (Moodle ignores comments).
- ``{T}`` / ``{TRUE}`` / ``{F}`` / ``{FALSE}``: true or false.
- ``{=answer =other}`` (no ``~``): short text, the accepted answers.
- ``{#3:0.5}``, ``{#2..4}``, ``{#=3:0.5 =%50%3:1}``: numeric with an absolute
  tolerance (the fully right answer is kept; a relative tolerance is written
  as its absolute value).
- ``{=prompt -> partner =prompt -> partner = -> distractor}``: matching.
- ``{}``: free text (essay), for surveys.

``#feedback`` after an answer is its feedback; ``####feedback`` the general
feedback. Text after the closing brace makes a "missing word" question: the
answer's place is shown as ``_____``. GIFT has no points: imported questions
are worth 1 (free text 0). Ordering, Likert, image identification and colour
bands have no GIFT form and are left out of an export.
"""

from __future__ import annotations

import html as html_module
import re
from decimal import Decimal, InvalidOperation

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from ..importing import ChoiceDraft, ImportFileError, QuestionDraft
from ..models import CategoryKind, MultipleScoring, QuestionKind, ToleranceKind

MAX_QUESTIONS = 2000
ALL_OR_NOTHING_MARK = "// portal: all_or_nothing"

# Escaped characters are swapped for private-use code points while parsing.
_ESCAPABLE = "\\~=#{}:"
_HIDDEN = {char: chr(0xE000 + index) for index, char in enumerate(_ESCAPABLE)}
_NEWLINE = chr(0xE010)
_SHOWN = {hidden: char for char, hidden in _HIDDEN.items()} | {_NEWLINE: "\n"}
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


def _hide_escapes(text: str) -> str:
    out, index = [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            if following in _HIDDEN:
                out.append(_HIDDEN[following])
                index += 2
                continue
            if following == "n":
                out.append(_NEWLINE)
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)


def _unhide(text: str) -> str:
    return "".join(_SHOWN.get(char, char) for char in text)


def _plain(text: str, *, html: bool = False) -> str:
    text = _unhide(text).strip()
    if html:
        text = html_module.unescape(strip_tags(text)).strip()
    return text


def _split_feedback(text: str) -> tuple[str, str]:
    """``answer#feedback`` → (answer, feedback), on the first unescaped ``#``."""
    answer, _sep, feedback = text.partition("#")
    return answer, feedback


def _answers(body: str) -> list[tuple[str, str]]:
    """``=a ~b =c`` → [("=", "a"), ("~", "b"), ("=", "c")] (escapes hidden)."""
    parts = re.split(r"([=~])", body)
    answers = []
    for index in range(1, len(parts), 2):
        answers.append((parts[index], parts[index + 1] if index + 1 < len(parts) else ""))
    return answers


def _questions(text: str) -> list[tuple[list[str], str]]:
    """The file's blocks as (comment lines before it, text), in order."""
    blocks, current, comments = [], [], []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            if not current:
                comments.append(stripped)
            continue
        if stripped.startswith("$CATEGORY:"):
            if current:
                blocks.append((comments, "\n".join(current)))
                current, comments = [], []
            blocks.append(([], stripped))
            continue
        if not stripped:
            if current:
                blocks.append((comments, "\n".join(current)))
                current, comments = [], []
            continue
        current.append(line)
    if current:
        blocks.append((comments, "\n".join(current)))
    return blocks


def _numeric(body: str) -> tuple[Decimal, Decimal]:
    """The fully right answer and its tolerance of a ``{#...}`` body.

    Raises:
        InvalidOperation: no fully right answer written as a number.
    """
    body, _feedback = _split_feedback(body) if "=" not in body else (body, "")
    candidates = []
    if "=" in body:
        for _marker, item in _answers(body):
            item, _feedback = _split_feedback(item)
            weight = _WEIGHT.match(item.strip())
            if weight is None or Decimal(weight.group(1)) >= 100:
                candidates.append(_WEIGHT.sub("", item.strip()))
    else:
        candidates.append(body)
    for item in candidates:
        item = _unhide(item).strip()
        if ".." in item:
            low, high = (Decimal(part.strip()) for part in item.split("..", 1))
            return (low + high) / 2, abs(high - low) / 2
        value, _sep, tolerance = item.partition(":")
        return Decimal(value.strip()), abs(Decimal(tolerance.strip() or "0"))
    raise InvalidOperation


def parse(content: bytes) -> tuple[list[QuestionDraft], list[str]]:
    """Import drafts from a GIFT file; all or nothing is up to the caller.

    Returns:
        ``(drafts, errors)``; errors read ``question N: what to fix`` (N counts
        the file's questions, category lines not included).

    Raises:
        ImportFileError: the file is not UTF-8 text, or has too many questions.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The GIFT file is not UTF-8 text.")) from None
    drafts: list[QuestionDraft] = []
    errors: list[str] = []
    category: list[tuple[str, str]] = []
    number = 0
    for comments, raw in _questions(text.replace("\r\n", "\n")):
        block = _hide_escapes(raw)
        if block.strip().startswith("$CATEGORY:"):
            path = _unhide(block.strip()[len("$CATEGORY:") :]).strip()
            name = path.rstrip("/").split("/")[-1].strip() if path else ""
            category = [(CategoryKind.TOPIC.value, name[:120])] if name and name != "top" else []
            continue
        number += 1
        if number > MAX_QUESTIONS:
            raise ImportFileError(
                _("At most %(count)d questions per file.") % {"count": MAX_QUESTIONS}
            )

        def problem(message: str, number=number) -> None:
            errors.append(f"question {number}: {message}")

        block = block.strip()
        title = ""
        if block.startswith("::"):
            end = block.find("::", 2)
            if end == -1:
                problem(_("close the question name with ::"))
                continue
            title, block = _plain(block[2:end]), block[end + 2 :].strip()
        html = False
        fmt = _FORMAT.match(block)
        if fmt:
            html = fmt.group(1).lower() == "html"
            block = block[fmt.end() :]
        start, end = block.find("{"), block.rfind("}")
        if start == -1:
            problem(_("a description without answers is not a question: add { answers }"))
            continue
        if end < start:
            problem(_("close the answers with }"))
            continue
        before, body, after = block[:start], block[start + 1 : end], block[end + 1 :]
        question_text = _plain(before, html=html)
        if after.strip():
            question_text = f"{question_text} _____ {_plain(after, html=html)}".strip()
        title = title or question_text
        if not title or not question_text:
            problem(_("write the question's text before its answers"))
            continue
        draft = QuestionDraft(
            row=number, title=title[:200], kind="", text=question_text, categories=list(category)
        )
        body, _sep, general = body.partition("####")
        draft.general_feedback = _plain(general, html=html)
        body = body.strip()
        try:
            _parse_body(draft, body, html=html, all_or_nothing=ALL_OR_NOTHING_MARK in comments)
        except ValueError as error:
            problem(str(error))
            continue
        drafts.append(draft)
    return drafts, errors


def _parse_body(draft: QuestionDraft, body: str, *, html: bool, all_or_nothing: bool) -> None:
    """Fill ``draft`` from the text between its braces.

    Raises:
        ValueError: what to fix.
    """
    flat = body.replace("\n", " ").strip()
    if not flat:
        draft.kind = QuestionKind.FREE_TEXT
        draft.points = Decimal("0")
        return
    if flat.startswith("#"):
        draft.kind = QuestionKind.NUMERIC
        try:
            draft.numeric_answer, draft.numeric_tolerance = _numeric(flat[1:])
        except (InvalidOperation, ValueError):
            raise ValueError(_("give one fully right number, e.g. {#3:0.5} or {#2..4}")) from None
        draft.tolerance_kind = ToleranceKind.ABSOLUTE
        return
    head, _sep, _feedback = flat.partition("#")
    if head.strip().upper() in ("T", "TRUE", "F", "FALSE"):
        draft.kind = QuestionKind.TRUE_FALSE
        draft.true_false_answer = head.strip().upper().startswith("T")
        return
    answers = _answers(flat)
    if not answers or flat[0] not in "=~":
        raise ValueError(_("start each answer with = (right) or ~ (wrong)"))
    if any("->" in text for _marker, text in answers):
        draft.kind = QuestionKind.MATCHING
        for _marker, text in answers:
            text, feedback = _split_feedback(text)
            prompt, arrow, partner = text.partition("->")
            if not arrow:
                raise ValueError(_("write every pair as =prompt -> partner"))
            draft.choices.append(
                ChoiceDraft(
                    text=_plain(prompt, html=html),
                    match_text=_plain(partner, html=html),
                    feedback=_plain(feedback, html=html),
                )
            )
        return
    choices = []
    weighted = False
    for marker, text in answers:
        text, feedback = _split_feedback(text)
        weight = _WEIGHT.match(text.strip())
        fraction = Decimal("100") if marker == "=" else Decimal("0")
        if weight is not None:
            weighted = True
            fraction = Decimal(weight.group(1))
            text = text.strip()[weight.end() :]
        choices.append(
            ChoiceDraft(
                text=_plain(text, html=html),
                is_correct=fraction > 0,
                feedback=_plain(feedback, html=html),
            )
        )
    if all(marker == "=" for marker, _text in answers):
        draft.kind = QuestionKind.SHORT_TEXT
        draft.choices = [c for c in choices if c.is_correct]
        return
    draft.choices = choices
    if any(marker == "=" for marker, _text in answers) and not weighted:
        draft.kind = QuestionKind.SINGLE
    else:
        draft.kind = QuestionKind.MULTIPLE
        draft.multiple_scoring = (
            MultipleScoring.ALL_OR_NOTHING if all_or_nothing else MultipleScoring.PARTIAL
        )


# --- Export ----------------------------------------------------------------------


def _escape(text: str) -> str:
    for char in _ESCAPABLE:
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def _number(value) -> str:
    return f"{Decimal(value).normalize():f}"


def _feedback(text: str) -> str:
    return f"#{_escape(text)}" if text else ""


def _weight(value: Decimal) -> str:
    return f"%{_number(value.quantize(Decimal('0.00001')))}%"


EXPORTED_KINDS = frozenset(
    {
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.TRUE_FALSE,
        QuestionKind.SHORT_TEXT,
        QuestionKind.NUMERIC,
        QuestionKind.MATCHING,
        QuestionKind.FREE_TEXT,
    }
)


def export(questions) -> bytes:
    """A GIFT file of ``questions`` (with choices and categories prefetched).

    Kinds without a GIFT form (ordering, Likert, image identification, colour
    bands) are left out. Texts are written as ``[plain]``.
    """
    lines: list[str] = []
    current = None
    for question in questions:
        if question.kind not in EXPORTED_KINDS:
            continue
        categories = [c.name for c in question.categories.all()]
        category = categories[0] if categories else ""
        if category != current:
            lines += [f"$CATEGORY: $course$/top/{category}".rstrip("/"), ""]
            current = category
        choices = sorted(question.choices.all(), key=lambda c: c.sort_order or 0)
        kind = question.kind
        body: list[str] = []
        if kind == QuestionKind.SINGLE:
            body = [
                f"\t{'=' if c.is_correct else '~'}{_escape(c.text)}{_feedback(c.feedback)}"
                for c in choices
            ]
        elif kind == QuestionKind.MULTIPLE:
            right = [c for c in choices if c.is_correct]
            wrong = [c for c in choices if not c.is_correct]
            for choice in choices:
                if choice.is_correct:
                    weight = Decimal(100) / len(right)
                else:
                    weight = -Decimal(100) / len(wrong)
                body.append(
                    f"\t~{_weight(weight)}{_escape(choice.text)}{_feedback(choice.feedback)}"
                )
            if question.multiple_scoring == MultipleScoring.ALL_OR_NOTHING:
                lines.append(ALL_OR_NOTHING_MARK)
        elif kind == QuestionKind.TRUE_FALSE:
            body = ["\tTRUE" if question.true_false_answer else "\tFALSE"]
        elif kind == QuestionKind.SHORT_TEXT:
            body = [f"\t={_escape(c.text)}{_feedback(c.feedback)}" for c in choices]
        elif kind == QuestionKind.NUMERIC:
            tolerance = Decimal(question.numeric_tolerance)
            if question.tolerance_kind == ToleranceKind.RELATIVE:
                tolerance = abs(Decimal(question.numeric_answer)) * tolerance / 100
            body = [f"\t#{_number(question.numeric_answer)}:{_number(tolerance)}"]
        elif kind == QuestionKind.MATCHING:
            body = [
                f"\t={_escape(c.text)} -> {_escape(c.match_text)}{_feedback(c.feedback)}"
                for c in choices
            ]
        if question.general_feedback:
            body.append(f"\t####{_escape(question.general_feedback)}")
        lines.append(f"::{_escape(question.title)}::[plain]{_escape(question.text)}{{")
        lines += body
        lines += ["}", ""]
    return "\n".join(lines).encode("utf-8")
