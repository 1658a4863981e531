"""Factories for the trainee network's tests; other apps may import them from here.

Participants, courses and cohorts are built directly here (the registry's and the
courses' own factories may replace these helpers once they exist).
"""

import factory
from django.utils import timezone
from django.utils.text import slugify

from courses.models import Cohort, CohortMode, CourseIndexPage, CoursePage, Enrolment
from portal.home.models import HomePage
from portal.network.models import CohortTag, DirectoryProfile, Message, Report, ReportReason
from portal.registry.models import DirectoryVisibility, Participant
from portal.taxonomy.models import Tag, TagKind
from tests.factories import UserFactory


def _letters(n: int) -> str:
    """0 → "A", 25 → "Z", 26 → "BA": names stay in Latin letters only."""
    text = ""
    while True:
        n, rest = divmod(n, 26)
        text = chr(65 + rest) + text
        if not n:
            return text


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    kind = TagKind.SPECIES
    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class MemberFactory(factory.django.DjangoModelFactory):
    """A participant with an account and a complete profile; hidden unless told."""

    class Meta:
        model = Participant
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role="Learners")
    email = factory.LazyAttribute(lambda o: o.user.email)
    given_name = factory.Sequence(lambda n: f"Given {_letters(n)}")
    family_name = factory.Sequence(lambda n: f"Family {_letters(n)}")
    country = "MN"
    organisation = "Mongolian Ornithological Society"
    organisation_type = "ngo"
    directory_visibility = DirectoryVisibility.HIDDEN
    bio = "Counts cranes along the Kherlen river."
    links = factory.LazyFunction(lambda: ["https://orcid.org/0000-0002-1825-0097"])
    profile_completed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise.set(extracted)


class DirectoryProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryProfile
        django_get_or_create = ("participant",)

    participant = factory.SubFactory(MemberFactory)


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.get()
        index = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    return index


def course_page(*, title: str = "Crane survey techniques", tags=()) -> CoursePage:
    slug = title.lower().replace(" ", "-")
    page = CoursePage.objects.filter(slug=slug).first()
    if page is None:
        page = course_index().add_child(
            instance=CoursePage(
                title=title,
                slug=slug,
                summary=f"{title}: a course for field researchers.",
                topic="surveys",
                level="introductory",
                estimated_hours=6,
            )
        )
    if tags:
        page.tags.set(tags)
        page.save()
    return page


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    course = factory.LazyFunction(course_page)
    slug = factory.Sequence(lambda n: f"cohort-{n}")
    title = factory.Sequence(lambda n: f"Workshop {n}")
    mode = CohortMode.IN_PERSON
    start_date = factory.LazyFunction(lambda: timezone.localdate().replace(month=7, day=6))
    end_date = factory.LazyFunction(lambda: timezone.localdate().replace(month=7, day=8))
    venue = "Khurkh and Khuiten Nature Reserve"
    country = "MN"
    partners = "Mongolian Ornithological Society\nInternational Crane Foundation"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    participant = factory.SubFactory(MemberFactory)
    cohort = factory.SubFactory(CohortFactory)


class CohortTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortTag

    cohort = factory.SubFactory(CohortFactory)
    tag = factory.SubFactory(TagFactory)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    sender = factory.SubFactory(MemberFactory, directory_visibility=DirectoryVisibility.MEMBERS)
    recipient = factory.SubFactory(MemberFactory, directory_visibility=DirectoryVisibility.MEMBERS)
    body = "Hello! Could we compare our Hooded Crane counts from Dauria this autumn?"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    message = factory.SubFactory(MessageFactory)
    reporter = factory.LazyAttribute(lambda o: o.message.recipient)
    reason = ReportReason.SPAM
