"""Questions are validated when saved: nothing invalid reaches a learner."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import Question, QuestionKind
from tests.assessments.factories import QuestionFactory


@pytest.mark.django_db
class TestQuestionClean:
    def test_colour_band_typos_are_named(self):
        question = QuestionFactory.build(
            kind=QuestionKind.COLOUR_BANDS,
            band_answer={"left_bellow": ["lilac"], "right_above": ["red"]},
        )
        with pytest.raises(ValidationError) as raised:
            question.full_clean(exclude=["locale", "translation_key"])
        messages = " ".join(raised.value.message_dict["band_answer"])
        assert "left_bellow" in messages
        assert "lilac" in messages

    def test_colour_band_answer_must_be_lists_of_known_colours(self):
        question = QuestionFactory.build(
            kind=QuestionKind.COLOUR_BANDS, band_answer={"left_above": "red"}
        )
        with pytest.raises(ValidationError) as raised:
            question.full_clean(exclude=["locale", "translation_key"])
        assert "band_answer" in raised.value.message_dict

    def test_colour_band_answer_needs_a_band(self):
        question = QuestionFactory.build(kind=QuestionKind.COLOUR_BANDS, band_answer={})
        with pytest.raises(ValidationError) as raised:
            question.full_clean(exclude=["locale", "translation_key"])
        assert "band_answer" in raised.value.message_dict

    def test_true_false_needs_its_answer(self):
        question = QuestionFactory.build(kind=QuestionKind.TRUE_FALSE, true_false_answer=None)
        with pytest.raises(ValidationError) as raised:
            question.full_clean(exclude=["locale", "translation_key"])
        assert "true_false_answer" in raised.value.message_dict

    def test_numeric_needs_its_answer(self):
        question = QuestionFactory.build(kind=QuestionKind.NUMERIC, numeric_answer=None)
        with pytest.raises(ValidationError) as raised:
            question.full_clean(exclude=["locale", "translation_key"])
        assert "numeric_answer" in raised.value.message_dict

    def test_a_valid_colour_band_question_passes(self):
        question = QuestionFactory.build(
            kind=QuestionKind.COLOUR_BANDS,
            band_answer={"left_above": ["red"], "right_below": ["metal"]},
            numeric_answer=Decimal("1"),
        )
        question.full_clean(exclude=["locale", "translation_key"])


def _form_data(kind: str, choices: list[dict], **fields) -> dict:
    data = {
        "title": "Validated question",
        "kind": kind,
        "points": "1",
        "text": "Which crane?",
        "multiple_scoring": "all_or_nothing",
        "numeric_tolerance": "0",
        "tolerance_kind": "absolute",
        "band_mode": "read",
        "band_answer": "{}",
        "general_feedback": "",
        "true_false_answer": "",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for index, choice in enumerate(choices):
        prefix = f"choices-{index}-"
        data[prefix + "text"] = choice.get("text", "")
        data[prefix + "match_text"] = choice.get("match_text", "")
        data[prefix + "feedback"] = ""
        data[prefix + "language"] = ""
        data[prefix + "ORDER"] = str(index + 1)
        data[prefix + "id"] = ""
        data[prefix + "DELETE"] = ""
        if choice.get("is_correct"):
            data[prefix + "is_correct"] = "on"
    data.update(fields)
    return data


@pytest.mark.django_db
class TestQuestionEditor:
    def _post(self, client, admin_user, data):
        client.force_login(admin_user)
        return client.post(reverse("wagtailsnippets_assessments_question:add"), data)

    def test_single_choice_without_a_right_answer_is_refused(self, client, admin_user):
        response = self._post(
            client,
            admin_user,
            _form_data("single", [{"text": "Hooded Crane"}, {"text": "White-naped Crane"}]),
        )
        assert response.status_code == 200
        assert "Mark exactly one choice as correct" in response.content.decode()
        assert not Question.objects.filter(title="Validated question").exists()

    def test_colour_band_typo_is_refused_with_a_field_message(self, client, admin_user):
        response = self._post(
            client,
            admin_user,
            _form_data("colour_bands", [], band_answer='{"left_bellow": ["lilac"]}'),
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "left_bellow" in content and "lilac" in content
        assert not Question.objects.filter(title="Validated question").exists()

    def test_ordering_with_one_item_is_refused(self, client, admin_user):
        response = self._post(client, admin_user, _form_data("ordering", [{"text": "Only"}]))
        assert "at least two items" in response.content.decode()
        assert not Question.objects.filter(title="Validated question").exists()

    def test_a_valid_question_is_saved(self, client, admin_user):
        response = self._post(
            client,
            admin_user,
            _form_data(
                "single",
                [{"text": "Hooded Crane", "is_correct": True}, {"text": "White-naped Crane"}],
            ),
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        assert Question.objects.filter(title="Validated question").exists()


@pytest.mark.django_db
class TestColourBandEditor:
    """Colour-band answers are picked per leg and position, not typed as JSON."""

    def test_bands_are_picked_per_leg_and_position(self, client, admin_user):
        client.force_login(admin_user)
        data = _form_data("colour_bands", [])
        del data["band_answer"]
        data.update(
            {
                "band_answer-left_above-0": "red",
                "band_answer-left_above-1": "white",
                "band_answer-left_below-0": "metal",
                "band_answer-right_below-2": "green",
            }
        )
        response = client.post(reverse("wagtailsnippets_assessments_question:add"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        question = Question.objects.get(title="Validated question")
        assert question.band_answer == {
            "left_above": ["red", "white"],
            "left_below": ["metal"],
            "right_above": [],
            "right_below": ["green"],
        }

    def test_the_editor_shows_the_saved_bands_and_a_drawing(self, client, admin_user):
        from tests.assessments.factories import make_question

        question = make_question("colour_bands")
        client.force_login(admin_user)
        html = client.get(
            reverse("wagtailsnippets_assessments_question:edit", args=[question.pk])
        ).content.decode()
        assert 'name="band_answer-left_above-0"' in html
        assert '<option value="red" selected>' in html
        assert 'class="band-editor-drawing"' in html
        assert "band_editor.js" in html
