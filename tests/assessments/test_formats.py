"""Moodle XML import and export: the same questions back, all rows or none."""

from decimal import Decimal
from pathlib import Path

import pytest

from assessments import services
from assessments.formats import moodle_xml
from assessments.models import Question

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
