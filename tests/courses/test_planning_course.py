"""Issue 18 item 2 and issue 19 item 6: the conservation planning course as the demo loads it.

The course, its quizzes, its site-plan assignment with a rubric and its certificate design
are built by the same loaders ``load_demo_data`` runs, in the same order.
"""

import re
from decimal import Decimal

import pytest
from defusedxml import ElementTree as SafeET
from django.contrib.staticfiles import finders
from django.urls import reverse
from wagtail.models import Revision

from assessments import demo as assessments_demo
from assessments import grading
from assessments.demo_questions import QUIZZES
from assessments.models import Question, Quiz, QuizKind
from assessments.services import attempt_start, attempt_submit
from assignments import demo as assignments_demo
from assignments.models import Assignment, RubricCriterion
from certificates import demo as certificates_demo
from certificates.models import DesignCourse
from courses import demo as courses_demo
from courses import services as course_services
from courses.demo_content import conservation_planning
from courses.models import Cohort, CohortMode, CoursePage, ModulePage
from tests.courses.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

SLUG = "conservation-planning"
DATA = conservation_planning.COURSE


def _load_all():
    index = courses_demo.load_course_index()
    course = courses_demo.load_course(index=index, data=DATA, instructor=None)
    assessments_demo.load(password="x")
    assignments_demo.load(password="x")
    certificates_demo.load_designs()
    return CoursePage.objects.get(pk=course.pk)


@pytest.fixture
def course():
    return _load_all()


@pytest.fixture
def modules(course):
    return list(ModulePage.objects.child_of(course).live().order_by("path"))


@pytest.fixture
def enrolment(course, learner):
    participant = ParticipantFactory(user=learner, email=learner.email)
    cohort = course_services.course_self_paced_cohort_ensure(course=course)
    return course_services.enrolment_create(participant=participant, cohort=cohort)


@pytest.fixture
def learner_client(client, learner, enrolment):
    client.force_login(learner)
    return client


def _final(course):
    return Quiz.objects.get(course=course, kind=QuizKind.QUIZ, required=True)


def _pre(course):
    return Quiz.objects.get(course=course, kind=QuizKind.QUIZ, required=False)


def test_the_course_has_its_slug_modules_and_self_paced_cohort(course, modules):
    assert course.slug == SLUG and course.live
    assert course.title == "Conservation planning for cranes and wetlands"
    assert [m.slug for m in modules] == [m["slug"] for m in DATA["modules"]]
    assert len(modules) >= 4
    assert Cohort.objects.filter(course=course, mode=CohortMode.SELF_PACED).count() == 1
    assert {t.name for t in course.tags.all()} >= {
        "Hooded Crane",
        "White-naped Crane",
        "Black-faced Spoonbill",
    }


@pytest.mark.parametrize("who", ["visitor", "learner"])
def test_the_course_page_and_every_module_render(who, course, modules, client, learner_client):
    browser = learner_client if who == "learner" else client
    if who == "visitor":
        client.logout()
    response = browser.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    for module in modules:
        assert module.title in html
    for module, data in zip(modules, DATA["modules"], strict=True):
        response = browser.get(module.url)
        assert response.status_code == 200, module.url
        html = response.content.decode()
        assert data["title"] in html
        # Every glossary term and protocol of the data is on the page.
        for kind, value in data["blocks"]:
            if kind == "glossary":
                assert value["term"] in html
            if kind == "protocol":
                assert value["title"] in html


def test_modules_show_the_drawing_and_the_species_cards(course, modules, client):
    threats, *_rest, issap = modules
    html = client.get(threats.url).content.decode()
    assert "images/threat-to-indicator-chain" in html  # from the image library
    assert "Antigone vipio" in html and "Grus monacha" in html
    assert "Platalea minor" in client.get(issap.url).content.decode()
    site_plan = next(m for m in modules if m.slug == "site-action-plan")
    assert "images/ekhen-gol-site-sketch" in client.get(site_plan.url).content.decode()


def test_every_module_body_passes_the_editors_validation(modules):
    """What the demo wrote is what an editor could save: lengths, shipped drawing, choices."""
    for module in modules:
        stream_block = module.body.stream_block
        stream_block.clean(module.body)


@pytest.mark.parametrize("name", ["threat-to-indicator-chain", "ekhen-gol-site-sketch"])
def test_the_drawings_ship_and_are_script_free(name):
    path = finders.find(f"courses/img/{name}.svg")
    assert path is not None
    root = SafeET.parse(path).getroot()
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        assert tag not in {"script", "foreignObject", "a", "image", "use"}
        assert not any(name.lower().startswith("on") for name in element.attrib)
    assert root.find("{http://www.w3.org/2000/svg}title") is not None


def test_the_fictional_reserve_is_labelled_fictional_wherever_it_is_described():
    for module in DATA["modules"]:
        for _kind, value in module["blocks"]:
            flat = value if isinstance(value, str) else repr(value)
            for match in re.finditer(r"Ekhen Gol", flat):
                window = flat[max(0, match.start() - 300) : match.end() + 300]
                assert "fictional" in window, module["slug"]


def test_pre_test_in_the_first_module_final_and_survey_in_the_last(course, modules):
    first, last = modules[0], modules[-1]
    first_quizzes = [b.value.pk for b in first.body if b.block_type == "quiz"]
    last_quizzes = [b.value.pk for b in last.body if b.block_type == "quiz"]
    survey = Quiz.objects.get(course=course, kind=QuizKind.SURVEY)
    assert first_quizzes == [_pre(course).pk]
    assert last_quizzes == [_final(course).pk, survey.pk]
    assert _final(course).pass_mark == Decimal(70)
    assert _final(course).slots.count() == len(QUIZZES[SLUG]["questions"])


def _right_response(spec, data):
    """The correct response to one question, built from the data file, not from the database."""
    by_text = {c.text: c.id for c in spec.choices}
    kind = data["type"]
    if kind == "single_choice":
        return {"choice": by_text[next(c["text"] for c in data["choices"] if c["correct"])]}
    if kind == "multiple_choice":
        return {"choices": sorted(by_text[c["text"]] for c in data["choices"] if c["correct"])}
    if kind == "true_false":
        right = next(c["text"] for c in data["choices"] if c["correct"])
        return {"value": right == "True"}
    if kind == "numeric":
        return {"value": str(data["answer"])}
    if kind == "short_text":
        return {"text": data["accepted"][0].upper(), "language": "en"}
    if kind == "ordering":
        return {"order": [by_text[item] for item in data["items"]]}
    if kind == "matching":
        return {"pairs": {str(by_text[left]): right for left, right in data["pairs"]}}
    raise AssertionError(kind)


def _wrong_response(spec, data):
    right = _right_response(spec, data)
    kind = data["type"]
    if kind == "single_choice":
        return {"choice": next(c.id for c in spec.choices if c.id != right["choice"])}
    if kind == "multiple_choice":
        return {"choices": [c.id for c in spec.choices if c.id not in right["choices"]]}
    if kind == "true_false":
        return {"value": not right["value"]}
    if kind == "numeric":
        return {"value": str(Decimal(str(data["answer"])) * 2 + 10)}
    if kind == "short_text":
        return {"text": "no idea", "language": "en"}
    if kind == "ordering":
        return {"order": list(reversed(right["order"]))}
    if kind == "matching":
        values = list(right["pairs"].values())
        return {"pairs": dict(zip(right["pairs"], values[1:] + values[:1], strict=True))}
    raise AssertionError(kind)


@pytest.mark.parametrize("key", [SLUG, f"{SLUG}:pre"])
def test_every_quiz_question_grades_right_and_wrong_answers(course, key):
    data = QUIZZES[key]
    quiz = Quiz.objects.get(title=data["title"])
    kinds = set()
    for number, question_data in enumerate(data["questions"], start=1):
        question = Question.objects.prefetch_related("choices").get(
            title=f"{data['title']} · {number}"
        )
        spec = grading.spec_from_question(question)
        assert not grading.question_defects(spec), question.title
        right = grading.validate_response(spec, _right_response(spec, question_data))
        wrong = grading.validate_response(spec, _wrong_response(spec, question_data))
        assert grading.grade(spec, right).correct, question.title
        assert not grading.grade(spec, wrong).correct, question.title
        kinds.add(question.kind)
    assert quiz.slots.count() == len(data["questions"])
    assert len(kinds) >= (5 if key == SLUG else 4)


def test_a_learner_sits_the_final_quiz_and_an_empty_attempt_fails(course, enrolment):
    quiz = _final(course)
    attempt = attempt_submit(attempt=attempt_start(quiz=quiz, participant=enrolment.participant))
    assert attempt.submitted_at is not None
    assert attempt.percent == 0 and not attempt.passed


def test_the_site_plan_is_a_required_assignment_in_its_module_with_its_rubric(course, modules):
    assignment = Assignment.objects.get(course=course)
    module = next(m for m in modules if m.slug == assignments_demo.SITE_PLAN_MODULE_SLUG)
    assert assignment.module_id == module.pk
    assert assignment.required and assignment.pass_mark == Decimal(60)
    assert assignment.accepts_pdf and assignment.accepts_documents and assignment.accepts_text
    assert "Ekhen Gol" in assignment.instructions and "fictional" in assignment.instructions
    criteria = list(assignment.criteria.order_by("sort_order"))
    assert [c.title for c in criteria] == [
        "Threats analysed",
        "Objectives SMART",
        "Actions linked to threats",
        "Indicators measurable",
        "Stakeholders and responsibilities",
    ]
    assert all(len(c.level_list) == 3 for c in criteria)
    assert assignment.rubric_max == Decimal(30)
    placed = [b.value.pk for b in module.body if b.block_type == "assignment"]
    assert placed == [assignment.pk]


def test_the_module_page_links_the_assignment_and_its_page_shows_the_task(
    course, modules, learner_client
):
    assignment = Assignment.objects.get(course=course)
    module = next(m for m in modules if m.slug == assignments_demo.SITE_PLAN_MODULE_SLUG)
    url = reverse("assignments:detail", args=[assignment.pk])
    html = learner_client.get(module.url).content.decode()
    assert assignment.title in html and url in html
    response = learner_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indicators: for each objective" in html
    assert "required for completion" in html
    # The rubric is there before anything is handed in, so learners know how they are graded.
    assert "How your work is graded" in html
    for title, _description, levels in assignments_demo.SITE_PLAN_RUBRIC:
        assert title in html
        for level, points in levels:
            assert f"{level} ({points})" in html


def test_the_checklist_on_the_course_page_lists_the_assignment_and_final_quiz(
    course, learner_client
):
    assignment = Assignment.objects.get(course=course)
    html = learner_client.get(course.url).content.decode()
    assert assignment.title in html
    assert reverse("assignments:detail", args=[assignment.pk]) in html
    assert _final(course).title in html
    assert reverse("assessments:quiz_detail", args=[_final(course).pk]) in html


def test_the_course_has_its_certificate_design(course):
    link = DesignCourse.objects.select_related("design").get(course=course)
    assert link.design.name == "Conservation planning"
    assert link.design.signatories.count() == 2


def test_loading_again_changes_nothing(course):
    def counts():
        return (
            Revision.objects.count(),
            Quiz.objects.count(),
            Question.objects.count(),
            Assignment.objects.count(),
            RubricCriterion.objects.count(),
            DesignCourse.objects.count(),
            Cohort.objects.count(),
        )

    before = counts()
    _load_all()
    assert counts() == before
    module = ModulePage.objects.get(slug=assignments_demo.SITE_PLAN_MODULE_SLUG)
    assert [b.block_type for b in module.body].count("assignment") == 1
