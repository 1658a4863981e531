"""Each course once in every list, in the reader's language, with its languages (issue 17).

Before, each language's copy of a course was a separate course everywhere: the
directory's course filter listed 24 entries for 4 courses, cohort pickers had
one self-paced cohort per language, "My learners" one row per copy.
"""

import pytest
from django.utils import translation
from wagtail.models import Locale

from certificates.forms import BulkIssueForm
from courses import demo as courses_demo
from courses import selectors
from courses.demo_content import crane_surveys
from courses.demo_translations import load_translations
from courses.models import Cohort, CohortMode, CoursePage
from portal.network.forms import DirectorySearchForm
from portal.network.selectors import Audience
from portal.reporting.forms import ReportFilterForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def crane_in_three_languages():
    index = courses_demo.load_course_index()
    course = courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=None)
    for language in ("ja", "mn"):
        load_translations(language=language)
    return course


def _japanese_title(course):
    return CoursePage.objects.get(
        translation_key=course.translation_key, locale=Locale.objects.get(language_code="ja")
    ).title


def test_there_are_three_copies_but_one_course(crane_in_three_languages):
    course = crane_in_three_languages
    assert CoursePage.objects.filter(translation_key=course.translation_key).count() == 3

    assert list(selectors.course_originals()) == [course]
    with translation.override("ja"):
        (value, label), *rest = selectors.course_choices()
    assert rest == [] and value == course.pk
    assert label.startswith(_japanese_title(course))
    assert "English" in label and "日本語" in label and "Монгол" in label


def test_translations_get_no_self_paced_cohort_of_their_own(crane_in_three_languages):
    course = crane_in_three_languages
    cohorts = Cohort.objects.filter(
        course__translation_key=course.translation_key, mode=CohortMode.SELF_PACED
    )
    assert [c.course_id for c in cohorts] == [course.pk]


def test_pickers_filters_and_reports_list_the_course_once(crane_in_three_languages, secretariat):
    course = crane_in_three_languages
    with translation.override("ja"):
        directory = DirectorySearchForm(audience=Audience.MEMBERS).fields["course"].choices
        report = ReportFilterForm().fields["course"].choices
        bulk = BulkIssueForm().fields["course"]
        taught = list(selectors.courses_taught_by(user=secretariat))
    assert [value for value, _label in directory if value] == [course.pk]
    assert [value for value, _label in report if value] == [course.slug]
    assert list(bulk.queryset) == [course]
    with translation.override("ja"):
        assert bulk.label_from_instance(bulk.queryset.get()) == _japanese_title(course)
    assert taught == [course] and taught[0].display_title == _japanese_title(course)


def test_a_self_paced_cohort_is_named_in_the_readers_language(client, crane_in_three_languages):
    japanese = CoursePage.objects.get(
        translation_key=crane_in_three_languages.translation_key, locale__language_code="ja"
    )
    html = client.get(japanese.url).content.decode()
    with translation.override("ja"):
        from django.utils.translation import gettext

        name = gettext("Self-paced online: start any time")
    assert f"<h3>{name}</h3>" in html
    assert "(self-paced)" not in html
