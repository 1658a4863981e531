"""Courses in several languages: translations through wagtail-localize, aliases where
none exists yet, and learner data that belongs to the course, not to a language."""

import pytest
from django.db.models import Exists, OuterRef
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from courses import demo as courses_demo
from courses.demo_content import COURSES, crane_surveys
from courses.demo_translations import load_translations, locale_sync_from_default
from courses.models import CoursePage, ModulePage, ModuleProgress
from courses.services import course_self_paced_cohort_ensure, enrolment_create
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

CRANE = crane_surveys.COURSE["slug"]


@pytest.fixture
def crane_course():
    index = courses_demo.load_course_index()
    return courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=None)


@pytest.fixture
def translate():
    """Load a language's translations (and aliases for what is not translated)."""

    def load(language: str, *, sync: bool = False) -> int:
        published = load_translations(language=language)
        if sync:
            locale_sync_from_default(language=language)
        return published

    return load


@pytest.fixture
def japanese(crane_course, translate):
    translate("ja")
    return Locale.objects.get(language_code="ja")


def test_a_translation_is_made_segment_by_segment(crane_course, japanese):
    translated = CoursePage.objects.get(
        translation_key=crane_course.translation_key, locale=japanese
    )

    assert translated.title == "ツル類の調査技術"
    assert translated.live and translated.alias_of_id is None
    translation = Translation.objects.get(source__object_id=crane_course.translation_key)
    assert translation.target_locale == japanese
    assert StringTranslation.objects.filter(locale=japanese).count() > 100
    modules = ModulePage.objects.child_of(translated).live()
    assert modules.count() == len(crane_surveys.COURSE["modules"])
    assert all(m.alias_of_id is None for m in modules)


def test_loading_again_changes_nothing(crane_course, japanese, translate):
    before = StringTranslation.objects.count()

    assert translate("ja") == 0
    assert StringTranslation.objects.count() == before


def test_the_learner_reads_in_japanese_and_the_progress_counts_in_english(
    client, crane_course, japanese
):
    participant = ParticipantFactory()
    cohort = course_self_paced_cohort_ensure(course=crane_course)
    enrolment_create(participant=participant, cohort=cohort)
    client.force_login(participant.user)
    translated = CoursePage.objects.get(
        translation_key=crane_course.translation_key, locale=japanese
    )
    ja_module = ModulePage.objects.child_of(translated).order_by("path").first()

    response = client.post(reverse("courses:module_done", kwargs={"page_id": ja_module.pk}))

    assert response.status_code == 302
    progress = ModuleProgress.objects.get(enrolment__participant=participant)
    assert progress.module_id == ja_module.source_page.pk
    assert progress.module.locale.language_code == "en"
    en_module = ModulePage.objects.get(pk=progress.module_id)
    for url in (en_module.url, ja_module.url):
        page = client.get(url)
        assert page.status_code == 200
        assert page.context["is_done"], url
    assert client.get(translated.url).context["progress"].done == 1
    assert client.get(crane_course.url).context["progress"].done == 1


def test_the_dashboard_links_to_the_pages_in_the_language_being_read(
    client, crane_course, japanese
):
    participant = ParticipantFactory()
    enrolment_create(
        participant=participant, cohort=course_self_paced_cohort_ensure(course=crane_course)
    )
    client.force_login(participant.user)

    html = client.get("/ja/dashboard/").content.decode()

    assert "ツル類の調査技術" in html
    assert "/ja/courses/crane-survey-techniques/" in html


def test_an_untranslated_course_is_shown_in_its_language_and_says_so(
    client, crane_course, translate
):
    index = crane_course.get_parent()
    # A course that has no translated data (the flagship courses all have).
    other = courses_demo.load_course(
        index=index.specific,
        data={**crane_surveys.COURSE, "slug": "field-notebooks", "title": "Field notebooks"},
        instructor=None,
    )
    translate("ko", sync=True)

    alias = CoursePage.objects.get(
        translation_key=other.translation_key, locale__language_code="ko"
    )
    assert alias.alias_of_id == other.pk
    response = client.get("/ko/courses/field-notebooks/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "translation-notice" in html
    assert "Field notebooks" in html
    assert (
        "translation-notice"
        not in client.get("/ko/courses/crane-survey-techniques/").content.decode()
    )


def test_the_catalogue_names_the_languages_of_each_course(client, crane_course, translate):
    for language in ("ja", "ru"):
        translate(language)

    cards = client.get("/en/courses/").context["courses"]

    card = next(c for c in cards if c.course.pk == crane_course.pk)
    assert card.languages == ["English", "Japanese", "Russian"]
    filtered = client.get("/en/courses/", {"language": "ru"}).context["courses"]
    assert [c.course.pk for c in filtered] == [crane_course.pk]


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("ja", "一斉調査"),
        ("zh-hans", "鹤类"),
        ("ko", "두루미"),
        ("ru", "журавлей"),
        ("en", "crane"),
    ],
)
def test_search_finds_courses_in_every_language(client, crane_course, translate, language, query):
    if language != "en":
        translate(language)

    response = client.get(f"/{language}/courses/", {"q": query})

    assert response.status_code == 200
    assert [c.course.slug for c in response.context["courses"]] == [CRANE]


def test_translating_a_course_leaves_no_task_to_fail(settings, instructor):
    """The first translation of a course with an instructor once queued a
    reference-index task for an instructor row that the same save replaced;
    the worker then failed it (CourseInstructor.DoesNotExist) on every demo load."""
    from django.core.exceptions import ObjectDoesNotExist
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    index = courses_demo.load_course_index()
    courses_demo.load_course(index=index, data=crane_surveys.COURSE, instructor=instructor)
    load_translations(language="ja")

    # What the worker does with each queued task (its own loop closes the
    # connection, which the test's transaction cannot survive).
    queued = list(DBTaskResult.objects.ready())
    failed = []
    for queued_task in queued:
        result = queued_task.task_result
        try:
            queued_task.task.call(*result.args, **result.kwargs)
        except ObjectDoesNotExist as error:
            failed.append((queued_task.task_path, result.args, error))
    assert queued
    assert failed == []


FLAGSHIPS = {course["slug"]: course for course in COURSES}


def untranslated_segments(page, locale) -> list[str]:
    """Paths of ``page``'s segments with no translation into ``locale`` (the slug stays)."""
    source = TranslationSource.objects.get(object_id=page.translation_key)
    segments = StringSegment.objects.filter(source=source).exclude(context__path="slug")
    assert segments.exists()
    translated = StringTranslation.objects.filter(
        translation_of=OuterRef("string_id"), context=OuterRef("context_id"), locale=locale
    )
    return list(segments.filter(~Exists(translated)).values_list("context__path", flat=True))


@pytest.mark.parametrize(
    "slug", ["colour-banding", "drones-remote-sensing", "wetland-habitat-assessment"]
)
def test_every_segment_of_a_flagship_course_is_translated_and_published(slug, translate):
    index = courses_demo.load_course_index()
    course = courses_demo.load_course(index=index, data=FLAGSHIPS[slug], instructor=None)
    pages = [course, *ModulePage.objects.child_of(course).specific()]

    for language in ("ja", "ko", "zh-hans"):
        translate(language)
        locale = Locale.objects.get(language_code=language)
        for page in pages:
            translated = type(page).objects.get(translation_key=page.translation_key, locale=locale)
            assert translated.live and translated.alias_of_id is None, (language, page.slug)
            assert translated.title != page.title, (language, page.slug)
            assert untranslated_segments(page, locale) == [], (language, page.slug)
