"""The data-analysis course as the demo loader builds it: pages, downloads, idempotence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Revision

from courses import demo, practice_data
from courses.demo_content import COURSES, crane_data_analysis
from courses.models import CoursePage, ModulePage
from courses.services import course_self_paced_cohort_ensure, enrolment_create
from tests.courses.factories import ParticipantFactory, course_index_page

pytestmark = pytest.mark.django_db


def _load() -> CoursePage:
    return demo.load_course(
        index=course_index_page(), data=crane_data_analysis.COURSE, instructor=None
    )


@pytest.fixture
def course() -> CoursePage:
    return _load()


def test_the_course_is_in_the_catalogue_data_with_four_modules_or_more():
    data = crane_data_analysis.COURSE
    assert data in COURSES and data["slug"] == "crane-data-analysis"
    assert len(data["modules"]) >= 4


def test_loading_again_changes_nothing(course):
    modules = ModulePage.objects.child_of(course)
    revisions = Revision.objects.count()
    documents = get_document_model().objects.count()
    again = _load()
    assert again.pk == course.pk
    assert ModulePage.objects.child_of(course).count() == modules.count() == 5
    assert Revision.objects.count() == revisions
    assert get_document_model().objects.count() == documents == 2


def test_every_module_links_the_practice_downloads_and_says_practice(course):
    documents = practice_data.ensure_documents()
    for module in ModulePage.objects.child_of(course).specific():
        linked = {
            block.value["document"].pk for block in module.body if block.block_type == "document"
        }
        assert linked == {documents["csv"].pk, documents["xlsx"].pk}, module.slug


def test_course_and_modules_render_for_a_visitor_and_a_learner(client, course, learner):
    documents = practice_data.ensure_documents()
    pages = [course, *ModulePage.objects.child_of(course).live().order_by("path")]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    participant = ParticipantFactory(user=learner, email=learner.email)
    enrolment_create(participant=participant, cohort=course_self_paced_cohort_ensure(course=course))
    client.force_login(learner)
    for module in pages[1:]:
        html = client.get(module.url).content.decode()
        assert "Practice data, not real counts" in html
        assert documents["xlsx"].url in html and documents["csv"].url in html
    trends = ModulePage.objects.get(slug="trends-over-seasons")
    # Drawn from the image library (the demo imports the shipped file once).
    assert "images/practice-loglinear-trend" in client.get(trends.url).content.decode()


@pytest.mark.parametrize("name", ["practice-loglinear-trend", "field-sheet-to-table"])
def test_the_course_drawings_ship_without_scripts_and_say_practice(name):
    from django.contrib.staticfiles import finders

    svg = Path(finders.find(f"courses/img/{name}.svg")).read_text(encoding="utf-8").lower()
    assert "<script" not in svg and not re.search(r"\son[a-z]+\s*=", svg)
    assert "practice" in svg


def test_the_trend_drawing_states_the_rate_of_the_practice_data():
    from django.contrib.staticfiles import finders

    svg = Path(finders.find("courses/img/practice-loglinear-trend.svg")).read_text()
    rate = practice_data.loglinear_rate(practice_data.generate_clean(), species="Hooded Crane")
    assert f"= {rate:.1f} %" in svg
    totals = practice_data.core_totals(practice_data.generate_clean(), species="Hooded Crane")
    assert svg.count("<circle") == len(totals) + 1  # one point a season, one in the legend
