"""Words for the library's search, the same for every script and both databases.

Chinese and Japanese are written without spaces between words, and Korean words
carry their particles, so a text cannot be split into words by spaces alone.
Like Lucene's CJK analyzer, a run of Han, kana or Hangul characters is cut into
overlapping pairs of characters (bigrams): 丹顶鹤 gives 丹顶 and 顶鹤, and a
query 顶鹤 finds it. Single characters are kept too, so that a one-character
query (鹤) finds every text holding it. Other scripts (Latin, Cyrillic,
Mongolian Cyrillic) are split into words at spaces and punctuation, folded to
lower case; a query word matches words it begins ("crane" finds "cranes").

:func:`index_text` makes the text stored on each resource; :func:`query_terms`
cuts what a visitor types the same way. ``selectors.resource_search`` turns the
terms into PostgreSQL's full-text query or, on SQLite, into a match of whole
terms in the stored text: the one cut serves both databases.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(
    r"[\u3040-\u30ff\u3100-\u312f\u3131-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+"
)
# Long texts add nothing a query could need beyond this many terms.
MAX_TERMS = 4000


@dataclass(frozen=True)
class Term:
    text: str
    #: A word of a spaced script, matched as the start of a word; CJK terms match whole.
    prefix: bool


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _cjk_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def terms(text: str, *, with_unigrams: bool) -> list[Term]:
    """The terms of ``text`` in order (repeats kept).

    Args:
        text: any text, in any script.
        with_unigrams: also give each CJK character alone (for what is stored).
    """
    out: list[Term] = []
    for word in _WORD.findall(_fold(text)):
        position = 0
        for run in _CJK.finditer(word):
            if run.start() > position:
                out.append(Term(word[position : run.start()], prefix=True))
            chars = run.group()
            if with_unigrams and len(chars) > 1:
                out.extend(Term(char, prefix=False) for char in chars)
            out.extend(Term(pair, prefix=False) for pair in _cjk_terms(chars))
            position = run.end()
        if position < len(word):
            out.append(Term(word[position:], prefix=True))
    return out


def index_text(*parts: str) -> str:
    """The text to store for a resource: its distinct terms, space-separated.

    Starts and ends with a space so that a whole term is found as `` term ``.
    """
    seen: dict[str, None] = {}
    for part in parts:
        for term in terms(part or "", with_unigrams=True):
            seen.setdefault(term.text, None)
            if len(seen) >= MAX_TERMS:
                break
    return f" {' '.join(seen)} " if seen else ""


def query_terms(query: str, *, limit: int = 12) -> list[Term]:
    """The distinct terms of what a visitor typed, at most ``limit`` of them."""
    seen: dict[str, Term] = {}
    for term in terms(query, with_unigrams=False):
        seen.setdefault(term.text, term)
    return list(seen.values())[:limit]
