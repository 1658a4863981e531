"""What the attempt page shows of each question kind: nothing that gives an answer away.

These tests read the rendered HTML of the attempt page, as a learner's browser
gets it, and look for every way an answer could show: in the text, in
attributes (values, ids, names), and in the order of the choices.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from assessments import display, services
from assessments.models import QuestionKind
from tests.assessments.factories import make_question, make_quiz
from tests.courses.factories import ParticipantFactory

CHOICE_KINDS = ["single", "multiple", "image", "ordering", "matching", "likert"]
ATTRIBUTE = re.compile(r'(?:value|id|name|for|data-[a-z-]+)="([^"]*)"')


def _page(participant, password, attempt) -> str:
    client = Client()
    assert client.login(email=participant.user.email, password=password)
    response = client.get(reverse("assessments:attempt_detail", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _question_html(html: str) -> str:
    start = html.index('<fieldset class="question')
    return html[start : html.index("</form>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", CHOICE_KINDS)
def test_choice_values_are_opaque_and_carry_no_order(kind, participant, password):
    # Authored order, no shuffling: the order on the page is the authors', but
    # nothing in the markup may name a choice by its id or sort into the answer.
    question = make_question(kind)
    quiz = make_quiz([question], shuffle_choices=False, shuffle_questions=False)
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    html = _question_html(_page(participant, password, attempt))
    ids = {str(pk) for pk in question.choices.values_list("pk", flat=True)}
    # The question's position (1) is no secret; it must not hide a choice id, though.
    scanned = html.replace('name="q1-present" value="1"', "").replace('data-position="1"', "")
    attributes = ATTRIBUTE.findall(scanned)
    for value in attributes:
        parts = set(re.split(r"[-_ ]", value))
        assert not parts & ids, f"a choice id shows in {value!r}"
    values = re.findall(r'name="q1-(?:choice|choices|order)" value="([^"]+)"', html)
    pairs = re.findall(r'name="q1-pair-([^"]+)"', html)
    tokens = values or pairs
    assert tokens, "the page names no choice"
    assert all(not token.isdigit() for token in tokens)


@pytest.mark.django_db
def test_choice_values_differ_between_attempts(participant, password):
    question = make_question("single")
    quiz = make_quiz([question], shuffle_choices=False)
    other = ParticipantFactory()
    first = services.attempt_start(quiz=quiz, participant=participant)
    second = services.attempt_start(quiz=quiz, participant=other)
    choice = question.choices.first()
    assert display.choice_token(attempt_id=first.pk, choice_id=choice.pk) != display.choice_token(
        attempt_id=second.pk, choice_id=choice.pk
    )


@pytest.mark.django_db
def test_lowest_value_is_not_the_answer_by_construction(participant):
    """Sorting the values does not sort by authored order (over many attempts)."""
    question = make_question("ordering")
    ids = list(question.choices.order_by("sort_order").values_list("pk", flat=True))
    in_authored_order = 0
    for attempt_id in range(1, 41):
        tokens = [display.choice_token(attempt_id=attempt_id, choice_id=pk) for pk in ids]
        in_authored_order += tokens == sorted(tokens)
    # 4 items: 1 in 24 orders is the authored one by chance; 40 of 40 was the defect.
    assert in_authored_order < 10


@pytest.mark.django_db
def test_submitting_the_page_values_grades_them(participant, password):
    question = make_question("single")
    quiz = make_quiz([question], shuffle_choices=False)
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    client = Client()
    assert client.login(email=participant.user.email, password=password)
    right = question.choices.get(is_correct=True)
    token = display.choice_token(attempt_id=attempt.pk, choice_id=right.pk)
    response = client.post(
        reverse("assessments:attempt_submit", args=[attempt.pk]), {"q1-choice": token}
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.percent == 100


@pytest.mark.django_db
def test_a_raw_choice_id_is_not_accepted(participant, password):
    question = make_question("single")
    quiz = make_quiz([question])
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    client = Client()
    assert client.login(email=participant.user.email, password=password)
    right = question.choices.get(is_correct=True)
    response = client.post(
        reverse("assessments:attempt_answer", args=[attempt.pk]), {"q1-choice": str(right.pk)}
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_compose_question_shows_the_code_never_its_decoding(participant, password):
    answer = {
        "left_above": ["black", "white"],
        "left_below": ["metal"],
        "right_above": [],
        "right_below": ["red", "yellow"],
    }
    question = make_question(
        QuestionKind.COLOUR_BANDS,
        band_mode="compose",
        band_answer=answer,
        text="Place the bands for the bird written NW.M / -.RY.",
    )
    quiz = make_quiz([question])
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    html = _question_html(_page(participant, password, attempt))
    assert "NW.M / -.RY" in html
    assert display.band_combination_text(answer) not in html
    assert "Black / White" not in html
    # Nothing is drawn before the learner places a band, and nothing is preselected.
    assert "<rect" not in html.split('class="bands-rects"')[1].split("</g>")[0]
    assert " selected" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(QuestionKind.values))
def test_every_kind_renders_without_its_answer(kind, participant, password):
    question = make_question(kind)
    quiz = make_quiz([question])
    attempt = services.attempt_start(quiz=quiz, participant=participant)
    html = _question_html(_page(participant, password, attempt))
    for secret in ("RIGHT", "FEEDBACK-SECRET", "1200", "Grus monacha"):
        if kind in ("matching",) and secret == "Grus monacha":
            continue  # a matching partner is one of the options offered
        if kind in ("single", "multiple", "image") and secret == "RIGHT":
            continue  # the right option is offered among the others
        assert secret not in html, f"{secret} shows in a {kind} question"
    assert "is_correct" not in html and "correct" not in html.lower().replace("incorrect", "")


# --- Colour without colour vision (issue 14, item 5) -----------------------------

RED_GREEN = {
    "left_above": ["red"],
    "left_below": ["metal"],
    "right_above": ["green"],
    "right_below": [],
}


def _bands_html(participant, password, **fields):
    question = make_question(QuestionKind.COLOUR_BANDS, band_answer=RED_GREEN, **fields)
    attempt = services.attempt_start(quiz=make_quiz([question]), participant=participant)
    return attempt, _question_html(_page(participant, password, attempt))


@pytest.mark.django_db
def test_bands_are_drawn_with_a_pattern_as_well_as_a_colour(participant, password):
    _attempt, html = _bands_html(participant, password)
    drawn = html.split('class="bands-rects"')[1].split("</g>")[0]
    fills = re.findall(r'<rect [^>]*fill="([^"]+)"', drawn)
    patterns = re.findall(r'fill="url\(#([^)]+)\)"', drawn)
    assert len(patterns) == 3, fills
    # Red and green look alike under deuteranopia: their patterns must differ.
    assert len(set(patterns)) == 3
    for pattern in patterns:
        assert f'id="{pattern}"' in html


@pytest.mark.django_db
def test_a_legend_names_every_colour_with_its_pattern(participant, password):
    _attempt, html = _bands_html(participant, password)
    legend = html.split('class="bands-legend"')[1].split("</ul>")[0]
    for name in ("Red", "Green", "Metal ring", "Light blue", "Purple"):
        assert name in legend
    assert legend.count("url(#") == len(display.BAND_COLOUR_LABELS)


@pytest.mark.django_db
def test_leg_labels_are_large_enough_and_clear_of_the_lines(participant, password):
    _attempt, html = _bands_html(participant, password)
    svg = html.split('<svg class="bands-drawing"')[1].split("</svg>")[0]
    lowest_line = max(
        max(float(y1), float(y2))
        for y1, y2 in re.findall(r'<line [^>]*y1="([\d.]+)"[^>]*y2="([\d.]+)"', svg)
    )
    feet = max(float(v) for v in re.findall(r"l-?\d+ (\d+)", svg)) + 200
    labels = re.findall(r"<text ([^>]*)>", svg.split("</defs>")[-1])
    assert labels
    for attributes in labels:
        if "band-number" in attributes:
            continue
        size = float(re.search(r'font-size="([\d.]+)"', attributes).group(1))
        y = float(re.search(r' y="([\d.]+)"', attributes).group(1))
        assert size >= 12
        assert y - size > max(lowest_line, feet), attributes


@pytest.mark.django_db
def test_the_learner_can_ask_for_the_accessible_form(participant, password):
    attempt, html = _bands_html(participant, password)
    assert "bands-accessible" not in html
    client = Client()
    assert client.login(email=participant.user.email, password=password)
    url = reverse("assessments:attempt_accessible", args=[attempt.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"on": "1"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.accessible_bands is True
    page = _question_html(_page(participant, password, attempt))
    assert "bands-accessible" in page
    # Each band carries the number of its legend entry.
    assert page.count('class="band-number"') == 3
    client.post(url, {"on": "0"})
    attempt.refresh_from_db()
    assert attempt.accessible_bands is False


@pytest.mark.django_db
def test_nobody_else_can_switch_an_attempt(participant, password):
    attempt, _html = _bands_html(participant, password)
    other = ParticipantFactory()
    client = Client()
    assert client.login(email=other.user.email, password=password)
    url = reverse("assessments:attempt_accessible", args=[attempt.pk])
    assert client.post(url, {"on": "1"}).status_code == 404
