"""Every user-facing string in the project's templates is marked for translation.

Walks each template's tokens with Django's own lexer: text outside
``{% translate %}`` / ``{% blocktranslate %}`` must hold no words, and the
attributes people read or hear (alt, title, placeholder, aria-label, value of
buttons) must not be literal words either.
"""

import re
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [REPO / "templates"]
# Error pages rendered without request context still use {% translate %}; mail
# subjects and bodies are templates too and are checked like the rest.
SKIP = {"templates/admin"}

PLACEHOLDER = "\x00"
WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
TAG = re.compile(r"<[^>]*>", re.S)
READ_ATTRIBUTES = re.compile(
    r'\b(alt|title|placeholder|aria-label|aria-description|label)\s*=\s*"([^"{]*)"', re.I
)
# Words that are not language: entities, brand marks and units that read the same everywhere.
ALLOWED_WORDS = {
    "nbsp",
    "middot",
    "rarr",
    "larr",
    "times",
    "ndash",
    "mdash",
    "hellip",
    "amp",
    "ORCID",
    "QR",
    "PDF",
    "CSV",
    "XLSX",
    "JSON",
    "SVG",
    "ZIP",
    "TOTP",
    "URL",
}


def _templates():
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*.html")) + sorted(folder.rglob("*.txt")):
            relative = path.relative_to(REPO).as_posix()
            if not any(relative.startswith(skip) for skip in SKIP):
                yield path


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w not in ALLOWED_WORDS]


def unmarked_strings(source: str) -> list[str]:
    """The literal words of a template that no translation tag covers.

    Text tokens outside translation blocks are joined, with every variable and
    tag replaced by a placeholder, so that HTML tags split by ``{{ }}`` are
    still recognised as markup.
    """
    parts = []
    depth_translate = 0
    skip_until = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            bits = token.contents.split()
            name = bits[0] if bits else ""
            if skip_until:
                if name == skip_until:
                    skip_until = None
                continue
            if name in {"blocktranslate", "blocktrans"}:
                depth_translate += 1
            elif name in {"endblocktranslate", "endblocktrans"}:
                depth_translate -= 1
            elif name in {"comment", "verbatim"}:
                skip_until = f"end{name}"
            elif name == "block" and len(bits) > 1 and bits[1].endswith("class"):
                skip_until = "endblock"  # CSS class names, not words
            parts.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT and not depth_translate and not skip_until:
            parts.append(token.contents)
        else:
            parts.append(PLACEHOLDER)
    text = "".join(parts)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    found = [value.strip() for _n, value in READ_ATTRIBUTES.findall(text) if _words(value)]
    visible = TAG.sub(PLACEHOLDER, text)
    visible = re.sub(r"&#?\w+;", " ", visible)
    for run in visible.split(PLACEHOLDER):
        if _words(run):
            found.append(" ".join(run.split()))
    return found


@pytest.mark.parametrize("path", list(_templates()), ids=lambda p: p.relative_to(REPO).as_posix())
def test_template_has_no_unmarked_text(path):
    assert unmarked_strings(path.read_text(encoding="utf-8")) == []


def test_the_checker_finds_unmarked_text():
    source = (
        '{% load i18n %}<h1>Welcome</h1><img alt="A crane">'
        '<p>{% translate "Marked" %}</p>{% blocktranslate %}Also marked{% endblocktranslate %}'
        "{# a comment #}{% comment %}Not shown{% endcomment %}<script>var x = 'code';</script>"
    )
    assert unmarked_strings(source) == ["A crane", "Welcome"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Hello {{ name }}</p>", ["Hello"]),
        ('<a href="{% url "x" %}" title="Open the course">{{ title }}</a>', ["Open the course"]),
        ('<input placeholder="{% translate "Search" %}">', []),
        ("<li>{{ a }} · {{ b }}</li>", []),
        ('{% block body_class %}page-home{% endblock %}<div class="card">{{ x }}</div>', []),
        ("<button>Save</button>", ["Save"]),
    ],
)
def test_the_checker_on_small_templates(source, expected):
    assert unmarked_strings(source) == expected
