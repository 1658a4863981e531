"""Instructor views in the admin: report access, exports, import, learner-view preview."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from courses.models import CourseInstructor
from tests.assessments.factories import make_question, make_quiz
from tests.courses.factories import ParticipantFactory, make_course
from tests.factories import UserFactory


@pytest.fixture
def quiz_with_attempt(db):
    course = make_course(modules=1)
    quiz = make_quiz([make_question()], course=course)
    learner = ParticipantFactory(given_name='=HYPERLINK("http://evil")', family_name="X")
    services.attempt_submit(attempt=services.attempt_start(quiz=quiz, participant=learner))
    return quiz


@pytest.mark.django_db
class TestReport:
    def test_course_instructor_sees_report_and_exports(self, client, instructor, quiz_with_attempt):
        quiz = quiz_with_attempt
        client.force_login(instructor)
        url = reverse("assessments_quiz_report", args=[quiz.pk])
        # Another course's quiz is not the instructor's: 404, not a hint that it exists.
        assert client.get(url, follow=True).status_code == 404
        CourseInstructor.objects.create(course=quiz.course, user=instructor)
        response = client.get(url)
        assert response.status_code == 200
        assert "Facility" in response.content.decode()
        csv_response = client.get(reverse("assessments_quiz_export", args=[quiz.pk, "csv"]))
        assert "'=HYPERLINK" in csv_response.content.decode("utf-8-sig")
        xlsx = client.get(reverse("assessments_quiz_export", args=[quiz.pk, "xlsx"]))
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet["B2"].value.startswith("'=") and sheet["B2"].data_type == "s"

    def test_learner_cannot_reach_admin_report(self, client, learner, quiz_with_attempt):
        client.force_login(learner)
        response = client.get(reverse("assessments_quiz_report", args=[quiz_with_attempt.pk]))
        assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_import_view_lists_problems_and_writes_nothing(client, admin_user):
    client.force_login(admin_user)
    url = reverse("assessments_question_import")
    upload = io.BytesIO(b"title,kind,text,choices\nQ,single,Pick,a|b\n")
    upload.name = "bank.csv"
    response = client.post(url, {"file": upload})
    assert (
        "row 2: choices: give at least two choices and mark exactly one with *"
        in response.content.decode()
    )
    upload = io.BytesIO(b"title,kind,text,choices\nQ,single,Pick,*a|b\n")
    upload.name = "bank.csv"
    response = client.post(url, {"file": upload})
    assert response.status_code == 302


@pytest.mark.django_db
def test_admin_user_without_permission_cannot_import(client):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    denied = client.get(reverse("assessments_question_import"))
    assert denied.status_code == 302 and denied.url == "/admin/"
    editor.user_permissions.add(Permission.objects.get(codename="add_question"))
    assert client.get(reverse("assessments_question_import")).status_code == 200


@pytest.mark.django_db
def test_instructors_may_import_questions(client, instructor):
    client.force_login(instructor)
    assert client.get(reverse("assessments_question_import")).status_code == 200


@pytest.mark.django_db
def test_the_question_bank_leads_to_import_and_export(client, instructor):
    client.force_login(instructor)
    listing = client.get(reverse("wagtailsnippets_assessments_question:list"))
    assert f'href="{reverse("assessments_question_import")}"' in listing.content.decode()
    screen = client.get(reverse("assessments_question_import")).content.decode()
    for name in ("assessments_question_export_moodle", "assessments_question_export_gift"):
        assert f'href="{reverse(name)}"' in screen


@pytest.mark.django_db
def test_question_preview_shows_the_learner_view(client, admin_user):
    question = make_question("single", choices=[])  # the form below adds the choices
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_assessments_question:preview_on_edit", args=[question.pk])
    edit = client.get(reverse("wagtailsnippets_assessments_question:edit", args=[question.pk]))
    assert edit.status_code == 200
    form = {
        "title": question.title,
        "kind": "single",
        "text": "Which crane?",
        "points": "1",
        "general_feedback": "",
        "multiple_scoring": "all_or_nothing",
        "numeric_tolerance": "0",
        "tolerance_kind": "absolute",
        "band_mode": "read",
        "band_answer": "{}",
        "true_false_answer": "unknown",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-text": "Hooded",
        "choices-0-is_correct": "on",
        "choices-0-ORDER": "1",
        "choices-0-feedback": "FEEDBACK-SECRET",
        "choices-0-match_text": "",
        "choices-0-language": "",
        "choices-1-text": "Red-crowned",
        "choices-1-ORDER": "2",
        "choices-1-feedback": "",
        "choices-1-match_text": "",
        "choices-1-language": "",
    }
    assert client.post(url, form).json()["is_valid"] is True
    html = client.get(url).content.decode()
    assert "Which crane?" in html and "Red-crowned" in html
    assert "FEEDBACK-SECRET" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["quiz", "question", "questioncategory", "cohorttestpair"])
def test_admin_listing_and_forms_render(client, admin_user, model):
    make_quiz([make_question()])
    client.force_login(admin_user)
    assert client.get(reverse(f"wagtailsnippets_assessments_{model}:list")).status_code == 200
    assert client.get(reverse(f"wagtailsnippets_assessments_{model}:add")).status_code == 200


@pytest.mark.django_db
def test_admin_edit_forms_render(client, admin_user):
    question = make_question("matching")
    quiz = make_quiz([question])
    client.force_login(admin_user)
    assert (
        client.get(reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk])).status_code
        == 200
    )
    edit = client.get(reverse("wagtailsnippets_assessments_question:edit", args=[question.pk]))
    assert edit.status_code == 200 and "Antigone vipio" in edit.content.decode()


# --- The question bank: search and filters (issue 14, item 6) ---------------------


@pytest.fixture
def bank(db):
    from tests.assessments.factories import QuestionCategoryFactory

    course = make_course(modules=1)
    species = QuestionCategoryFactory(kind="species", name="Cranes")
    nape = make_question("single", title="White nape", text="Which crane has a white nape?")
    bands = make_question("colour_bands", title="Bands", categories=[species])
    loose = make_question("true_false", title="Loose statement", text="Cranes roost in water.")
    quiz = make_quiz([nape, bands], course=course)
    return {
        "course": course,
        "quiz": quiz,
        "species": species,
        "nape": nape,
        "bands": bands,
        "loose": loose,
    }


def _titles(response) -> set[str]:
    html = response.content.decode()
    return {title for title in ("White nape", "Bands", "Loose statement") if title in html}


@pytest.mark.django_db
def test_the_question_picker_searches(client, admin_user, bank):
    client.force_login(admin_user)
    url = reverse("wagtailsnippetchoosers_assessments_question:choose_results")
    assert _titles(client.get(url, {"q": "nape"})) == {"White nape"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda b: {"kind": "true_false"}, {"Loose statement"}),
        (lambda b: {"categories": b["species"].pk}, {"Bands"}),
        (lambda b: {"used_in": b["quiz"].pk}, {"White nape", "Bands"}),
        (lambda b: {"course": b["course"].pk}, {"White nape", "Bands"}),
        (lambda b: {"locale": "en"}, {"White nape", "Bands", "Loose statement"}),
    ],
)
def test_the_bank_filters(client, admin_user, bank, params, expected):
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_assessments_question:list_results")
    response = client.get(url, params(bank))
    assert response.status_code == 200
    assert _titles(response) == expected
