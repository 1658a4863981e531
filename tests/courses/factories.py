"""Factories for the courses app: course trees, cohorts, enrolments, days.

Pages are built through Wagtail's tree API (``add_child`` and a published
revision), as an editor would leave them; the self-paced cohort is created by
the same service the admin hook calls.
"""

import datetime
from contextlib import contextmanager

import factory
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from wagtail.signal_handlers import disable_reference_index_auto_update

from courses.models import (
    Cohort,
    CohortDay,
    CohortMode,
    CourseIndexPage,
    CourseInstructor,
    CourseLanguage,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    ModulePage,
)
from courses.services import course_self_paced_cohort_ensure
from portal.home.models import HomePage
from tests.registry.factories import ParticipantFactory  # the registry owns it


@contextmanager
def fast_page_building():
    """Skip the search and reference index updates while building hundreds of pages."""
    backends = {
        name: {**config, "AUTO_UPDATE": False}
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), disable_reference_index_auto_update():
        yield


def course_index_page() -> CourseIndexPage:
    """The catalogue page under the home page, created once."""
    index = CourseIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
        index.save_revision().publish()
    return index


_course_counter = iter(range(1, 1_000_000))


def module_body(blocks: int = 2) -> list[tuple[str, object]]:
    body = []
    for n in range(blocks):
        if n % 3 == 0:
            body.append(("rich_text", f"<p>Count the cranes in block {n}.</p>"))
        elif n % 3 == 1:
            body.append(
                ("callout", {"kind": "safety", "title": "Tides", "text": "<p>Watch the tide.</p>"})
            )
        else:
            body.append(("protocol", {"title": "Before dawn", "steps": ["Arrive.", "Count."]}))
    return body


def make_course(
    *,
    index: CourseIndexPage | None = None,
    modules: int = 3,
    blocks: int = 2,
    publish: bool = True,
    languages=("en",),
    instructors=(),
    **fields,
) -> CoursePage:
    """A course with ``modules`` module pages, published unless ``publish`` is false."""
    index = index or course_index_page()
    n = next(_course_counter)
    defaults = {
        "title": f"Crane survey techniques {n}",
        "slug": f"crane-surveys-{n}",
        "summary": "Synchronised counts at roosts and feeding sites.",
        "topic": "surveys",
        "level": "introductory",
        "estimated_hours": 6,
        "outcomes": [("outcome", "Plan a synchronised count.")],
    }
    defaults.update(fields)
    course = CoursePage(**defaults)
    course.languages = [CourseLanguage(language=code) for code in languages]
    course.instructors = [CourseInstructor(user=user) for user in instructors]
    index.add_child(instance=course)
    revision = course.save_revision()
    if publish:
        revision.publish()
    else:
        course.live = False
        course.save(update_fields=["live"])
    for m in range(1, modules + 1):
        make_module(course=course, number=m, blocks=blocks, publish=publish)
    course_self_paced_cohort_ensure(course=course)
    return CoursePage.objects.get(pk=course.pk)


def make_module(
    *, course: CoursePage, number: int = 1, blocks: int = 2, publish=True, **fields
) -> ModulePage:
    defaults = {
        "title": f"Module {number}",
        "slug": f"module-{number}",
        "summary": "What to do in the field.",
        "body": module_body(blocks),
    }
    defaults.update(fields)
    module = course.add_child(instance=ModulePage(**defaults))
    revision = module.save_revision()
    if publish:
        revision.publish()
    else:
        module.live = False
        module.save(update_fields=["live"])
    return ModulePage.objects.get(pk=module.pk)


class CohortFactory(factory.django.DjangoModelFactory):
    """A scheduled in-person cohort; pass ``course``."""

    class Meta:
        model = Cohort

    slug = factory.Sequence(lambda n: f"workshop-{n}")
    title = factory.Sequence(lambda n: f"Field workshop {n}")
    mode = CohortMode.IN_PERSON
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda c: c.start_date + datetime.timedelta(days=2))
    venue = "Khurkh and Khuiten Nature Reserve"
    country = "MN"
    capacity = None
    attendance_threshold = 80


class CohortDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortDay

    cohort = factory.SubFactory(CohortFactory)
    date = factory.LazyAttribute(lambda d: d.cohort.start_date)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An active enrolment, created directly (services are tested on their own)."""

    class Meta:
        model = Enrolment

    participant = factory.SubFactory(ParticipantFactory)
    status = EnrolmentStatus.ACTIVE


def self_paced(course: CoursePage) -> Cohort:
    return Cohort.objects.get(course=course, mode=CohortMode.SELF_PACED)
