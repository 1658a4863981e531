"""Moodle XML import and export: the same questions back, all rows or none."""

from decimal import Decimal
from pathlib import Path

import pytest

from assessments import services
from assessments.formats import moodle_xml
from assessments.models import Question
from tests.assessments.factories import make_question

MOODLE_FILE = Path(__file__).parent / "data" / "moodle_bank.xml"


def _as_data(question) -> dict:
    choices = sorted(question.choices.all(), key=lambda c: c.sort_order)
    return {
        "kind": question.kind,
        "text": question.text,
        "points": question.points,
        "general_feedback": question.general_feedback,
        "multiple_scoring": question.multiple_scoring if question.kind == "multiple" else "",
        "true_false_answer": question.true_false_answer,
        "numeric_answer": question.numeric_answer,
        "numeric_tolerance": question.numeric_tolerance,
        "categories": sorted(c.name for c in question.categories.all()),
        "choices": [(c.text, c.is_correct, c.match_text, c.feedback) for c in choices],
    }


def _bank() -> dict:
    return {
        q.title: _as_data(q)
        for q in Question.objects.prefetch_related("choices", "categories").order_by("title")
    }


@pytest.mark.django_db
def test_moodle_file_imports_every_shared_kind():
    result = services.question_import(name="bank.xml", content=MOODLE_FILE.read_bytes())
    assert result["errors"] == []
    assert result["created"] == 8
    bank = _bank()
    assert bank["White nape"]["text"] == "Which crane has a white nape?"
    assert bank["White nape"]["choices"][0] == ("White-naped Crane", True, "", "Right.")
    assert bank["White nape"]["categories"] == ["Crane identification"]
    assert bank["Roost sites"]["kind"] == "multiple"
    assert bank["Roost sites"]["points"] == Decimal("2")
    assert [c[1] for c in bank["Roost sites"]["choices"]] == [True, True, False]
    assert bank["Cranes migrate at night"]["true_false_answer"] is True
    assert bank["Roost count"]["numeric_answer"] == 1200
    assert bank["Roost count"]["numeric_tolerance"] == 50
    assert bank["Names"]["choices"][2] == ("", False, "Platalea minor", "")
    assert [c[0] for c in bank["Count steps"]["choices"]] == [
        "Arrive before dawn",
        "Count the roost",
        "Send the sheet",
    ]
    assert bank["Comments"]["kind"] == "free_text"


@pytest.mark.django_db
def test_export_gives_the_same_questions_back():
    services.question_import(name="bank.xml", content=MOODLE_FILE.read_bytes())
    before = _bank()
    exported = moodle_xml.export(
        Question.objects.prefetch_related("choices", "categories").order_by("title")
    )
    Question.objects.all().delete()
    result = services.question_import(name="again.xml", content=exported)
    assert result["errors"] == []
    assert _bank() == before


@pytest.mark.django_db
def test_a_bad_question_imports_nothing_and_names_it():
    content = MOODLE_FILE.read_bytes().replace(
        b'<question type="truefalse">', b'<question type="calculated">'
    )
    result = services.question_import(name="bank.xml", content=content)
    assert result["errors"] == ["question 3: the question type calculated is not supported"]
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_question_with_defects_is_refused_with_its_number():
    content = MOODLE_FILE.read_bytes().replace(
        b'fraction="100" format="html"><text><![CDATA[<p>White',
        b'fraction="0" format="html"><text><![CDATA[<p>White',
    )
    result = services.question_import(name="bank.xml", content=content)
    assert result["errors"] == ["question 1: Mark exactly one choice as correct."]
    assert not Question.objects.exists()


def test_not_moodle_xml_is_refused():
    from assessments.importing import ImportFileError

    with pytest.raises(ImportFileError):
        moodle_xml.parse(b"<html></html>")
    with pytest.raises(ImportFileError):
        moodle_xml.parse(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><quiz>&a;</quiz>')


@pytest.mark.django_db
def test_export_view_gives_the_bank_as_moodle_xml(client, admin_user, learner):
    from django.urls import reverse

    services.question_import(name="bank.xml", content=MOODLE_FILE.read_bytes())
    url = reverse("assessments_question_export_moodle")
    client.force_login(learner)
    assert client.get(url).status_code in (302, 403)
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    drafts, errors = moodle_xml.parse(response.content)
    assert errors == [] and len(drafts) == 8


# --- GIFT ------------------------------------------------------------------------

GIFT_FILE = Path(__file__).parent / "data" / "gift_bank.txt"


@pytest.mark.django_db
def test_gift_file_imports_every_shared_kind():
    result = services.question_import(name="bank.gift", content=GIFT_FILE.read_bytes())
    assert result["errors"] == []
    assert result["created"] == 11
    bank = _bank()
    white = bank["White nape"]
    assert white["kind"] == "single" and white["text"] == "Which crane has a white nape?"
    assert white["choices"][0] == ("White-naped Crane", True, "", "Right.")
    assert white["choices"][1] == ("Hooded Crane", False, "", "Its nape is dark.")
    assert white["general_feedback"] == "Look at the back of the neck."
    assert white["categories"] == ["Crane identification"]
    assert bank["Roost sites"]["kind"] == "multiple"
    assert bank["Roost sites"]["multiple_scoring"] == "partial"
    assert [c[1] for c in bank["Roost sites"]["choices"]] == [True, True, False]
    assert bank["Band materials"]["multiple_scoring"] == "all_or_nothing"
    assert bank["Cranes migrate at night"]["true_false_answer"] is True
    assert bank["Juveniles are grey"]["true_false_answer"] is False
    assert bank["Scientific name"]["kind"] == "short_text"
    assert [c[0] for c in bank["Scientific name"]["choices"]] == ["Grus monacha", "G. monacha"]
    assert bank["Scientific name"]["categories"] == ["Counting"]
    assert (bank["Roost count"]["numeric_answer"], bank["Roost count"]["numeric_tolerance"]) == (
        1200,
        50,
    )
    assert (bank["Wing length"]["numeric_answer"], bank["Wing length"]["numeric_tolerance"]) == (
        530,
        30,
    )
    assert bank["Names"]["kind"] == "matching"
    assert bank["Names"]["choices"][0] == ("Hooded Crane", False, "Grus monacha", "")
    assert bank["Names"]["choices"][2] == ("", False, "Platalea minor", "")
    counting = bank["Counting time"]
    assert counting["kind"] == "short_text"
    assert counting["text"] == (
        "Cranes are counted _____ at the roost: before they leave {always}."
    )
    assert bank["Comments"]["kind"] == "free_text" and bank["Comments"]["points"] == 0


@pytest.mark.django_db
def test_gift_export_gives_the_same_questions_back():
    from assessments.formats import gift

    services.question_import(name="bank.gift", content=GIFT_FILE.read_bytes())
    before = _bank()
    exported = gift.export(
        Question.objects.prefetch_related("choices", "categories").order_by("title")
    )
    Question.objects.all().delete()
    result = services.question_import(name="again.gift", content=exported)
    assert result["errors"] == []
    assert result["created"] == 11
    assert _bank() == before


@pytest.mark.django_db
def test_gift_export_keeps_escapes_line_breaks_and_relative_tolerance():
    from assessments.formats import gift

    tricky = make_question(
        "single",
        title="Tricky: {braces} = ~tilde~ #hash",
        text="Line one\nLine two: a = b ~ c # d {e} \\ f",
        choices=[
            {"text": "Right = yes {1}", "is_correct": True, "feedback": "Good: #1"},
            {"text": "Wrong ~ no"},
        ],
    )
    numeric = make_question(
        "numeric",
        title="Relative",
        numeric_answer=200,
        numeric_tolerance=5,
        tolerance_kind="relative",
    )
    exported = gift.export(Question.objects.filter(pk__in=[tricky.pk, numeric.pk]))
    drafts, errors = gift.parse(exported)
    assert errors == []
    first = next(d for d in drafts if d.kind == "single")
    assert first.title == tricky.title and first.text == tricky.text
    assert [(c.text, c.is_correct, c.feedback) for c in first.choices] == [
        ("Right = yes {1}", True, "Good: #1"),
        ("Wrong ~ no", False, ""),
    ]
    second = next(d for d in drafts if d.kind == "numeric")
    assert (second.numeric_answer, second.numeric_tolerance) == (200, 10)


@pytest.mark.django_db
def test_a_bad_gift_question_imports_nothing_and_names_it():
    content = GIFT_FILE.read_bytes().replace(b"{#1200:50}", b"{#twelve hundred}")
    result = services.question_import(name="bank.gift", content=content)
    assert result["errors"] == ["question 7: give one fully right number, e.g. {#3:0.5} or {#2..4}"]
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_gift_question_with_defects_is_refused_with_its_number():
    # Without a right answer (no =, no positive weight) a choice question cannot be graded.
    content = GIFT_FILE.read_bytes().replace(b"=White-naped Crane#Right.", b"~White-naped Crane")
    result = services.question_import(name="bank.gift", content=content)
    assert result["errors"] == ["question 1: Mark at least one choice as correct."]
    assert not Question.objects.exists()


def test_gift_refuses_what_it_cannot_read():
    from assessments.formats import gift
    from assessments.importing import ImportFileError

    with pytest.raises(ImportFileError):
        gift.parse("::Q::Text {=a ~b}".encode("utf-16"))
    drafts, errors = gift.parse(b"::Q::A description without answers\n\n::R::Open {=a ~b\n")
    assert drafts == []
    assert errors == [
        "question 1: a description without answers is not a question: add { answers }",
        "question 2: close the answers with }",
    ]


@pytest.mark.django_db
def test_gift_export_view_and_command(client, admin_user, learner, tmp_path):
    from django.core.management import call_command
    from django.urls import reverse

    from assessments.formats import gift

    services.question_import(name="bank.gift", content=GIFT_FILE.read_bytes())
    url = reverse("assessments_question_export_gift")
    client.force_login(learner)
    assert client.get(url).status_code in (302, 403)
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    drafts, errors = gift.parse(response.content)
    assert errors == [] and len(drafts) == 11
    target = tmp_path / "bank.gift"
    call_command("export_questions", "gift", output=str(target))
    assert gift.parse(target.read_bytes())[0] == drafts
    Question.objects.all().delete()
    call_command("import_questions", str(target))
    assert Question.objects.count() == 11
