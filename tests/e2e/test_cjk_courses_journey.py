"""A reader opens a module of each new course in Chinese, Japanese and Korean."""

import pytest

from assessments import demo as assessments_demo
from assessments import demo_translations as quiz_translations
from courses import demo_translations as course_translations
from courses.demo import load_course, load_course_index
from courses.demo_content import conservation_planning, crane_data_analysis
from courses.models import CoursePage, ModulePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Language → (course, module slug, a heading of the module in that language).
MODULES = {
    "zh-hans": (crane_data_analysis, "juvenile-ratios-and-family-groups", "幼鸟比例"),
    "ja": (conservation_planning, "threats-and-pressures", "一つの地点の脅威を順位付けする"),
    "ko": (crane_data_analysis, "field-sheets-to-clean-tables", "찾아야 할 전형적인 오류"),
}


def test_a_reader_opens_a_translated_module_of_each_new_course(page, screenshot, password):
    index = load_course_index()
    courses = {
        data.COURSE["slug"]: load_course(index=index, data=data.COURSE, instructor=None)
        for data in (crane_data_analysis, conservation_planning)
    }
    assessments_demo.load(password=password)
    for language, (data, slug, heading) in MODULES.items():
        quiz_translations.load_translations(language=language)
        course_translations.load_translations(language=language)
        course = CoursePage.objects.get(
            translation_key=courses[data.COURSE["slug"]].translation_key,
            locale__language_code=language,
        )
        module = ModulePage.objects.child_of(course).get(slug=slug)

        page.goto(module.url)
        assert page.locator("html").get_attribute("lang") == language
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
        title = course_translations.translated_data(
            course_translations.TRANSLATED_COURSES[data.COURSE["slug"]], language
        ).COURSE["modules"]
        expected = next(m["title"] for m in title if m["slug"] == slug)
        assert page.get_by_role("heading", name=expected, level=1).is_visible()
        screenshot(page, f"{language}-{slug}")
