"""Demo data of the courses app for ``load_demo_data``: idempotent, built through services.

Builds the catalogue under the home page, the flagship courses written as
plain data in ``courses/demo_content/`` (with their modules), assigns the demo
instructor, and creates the in-person cohort ``khurkh-2025`` with its three
days and attendees from the registry's demo participants. Running it again
changes only what differs from the data; quiz and assignment blocks that the
assessments and assignments demos placed in modules are kept.
"""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from portal.accounts.models import User
from portal.core.pages import site_home_page
from portal.registry.demo import WORKSHOP_PARTICIPANTS
from portal.registry.models import Participant
from portal.taxonomy.demo import translate_tag
from portal.taxonomy.models import Tag, TagKind

from . import services
from .drawings import import_shipped_drawing
from .models import (
    Cohort,
    CohortMode,
    CourseIndexPage,
    CourseInstructor,
    CourseLanguage,
    CoursePage,
    CourseTopic,
    EnrolmentStatus,
    ModulePage,
)
from .practice_data import ensure_documents

INSTRUCTOR_EMAIL = "instructor@example.org"
LEARNER_EMAIL = "learner@example.org"
SECRETARIAT_EMAIL = "secretariat@example.org"
CRANE_COURSE_SLUG = "crane-survey-techniques"

CATALOGUE_INTRO = (
    "<p>Field training for the people who count, band and protect migratory birds and "
    "their wetlands in North-East Asia. Study online at your own pace, or join a workshop.</p>"
)

# The three-day workshop of the regional programme (programme document, para. 13-14).
KHURKH = {
    "slug": "khurkh-2025",
    "title": "Training Workshop for Young Crane Researchers",
    "title_translations": {
        "zh-hans": "青年鹤类研究人员培训班",
        "ja": "若手ツル研究者のための研修ワークショップ",
        "ko": "젊은 두루미 연구자 교육 워크숍",
        "mn": "Залуу тогоруу судлаачдын сургалт",
        "ru": "Учебный семинар для молодых исследователей журавлей",
    },
    "mode": CohortMode.IN_PERSON,
    "start_date": datetime.date(2025, 7, 6),
    "end_date": datetime.date(2025, 7, 8),
    "venue": "Khurkh and Khuiten Nature Reserve",
    "country": "MN",
    "partners": "\n".join(
        [
            "NEASPEC (North-East Asian Subregional Programme for Environmental Cooperation)",
            "Wildlife Science and Conservation Center of Mongolia (WSCC)",
            "International Crane Foundation (ICF)",
        ]
    ),
    "capacity": 30,
    "attendance_threshold": 60,
}
KHURKH_DAYS = [
    (datetime.date(2025, 7, 6), "Lectures: crane survey techniques and colour banding"),
    (datetime.date(2025, 7, 7), "Field day: crane counts, resighting and drone survey"),
    (datetime.date(2025, 7, 8), "Wetland habitat assessment, data analysis and planning"),
]

SPECIES_NAMES = {
    "Grus monacha": "Hooded Crane",
    "Antigone vipio": "White-naped Crane",
    "Grus vipio": "White-naped Crane",
    "Platalea minor": "Black-faced Spoonbill",
    "Grus japonensis": "Red-crowned Crane",
    "Leucogeranus leucogeranus": "Siberian Crane",
    "Grus grus": "Common Crane",
    "Grus virgo": "Demoiselle Crane",
    "Anthropoides virgo": "Demoiselle Crane",
}

TOPIC_KEYWORDS = [
    (("survey", "monitoring", "count"), CourseTopic.SURVEYS),
    (("drone", "remote", "satellite"), CourseTopic.REMOTE_SENSING),
    (("banding", "ringing", "marking", "tracking"), CourseTopic.BANDING),
    (("habitat", "wetland"), CourseTopic.HABITAT),
    (("species", "conservation"), CourseTopic.SPECIES),
]


def _write(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def topic_for(text: str) -> str:
    """Map B2's free-text topic ("Surveys and monitoring") to a ``CourseTopic``."""
    if text in CourseTopic.values:
        return text
    words_in_text = set(re.findall(r"[a-z]+", text.lower()))
    for words, topic in TOPIC_KEYWORDS:
        if any(word in words_in_text for word in words):
            return topic
    return CourseTopic.OTHER


def _html(text: str) -> str:
    text = text.strip()
    return text if text.startswith("<") else f"<p>{text}</p>"


def block_value(block_type: str, value, *, documents: dict | None = None):
    """Turn one block of the demo data into the value its StreamField block takes.

    ``documents`` maps a practice-data download ("csv", "xlsx") to its Wagtail document, for
    document blocks that name one (see ``courses.practice_data.ensure_documents``).
    """
    if block_type == "callout":
        return {**value, "text": _html(value["text"])}
    if block_type == "species_card":
        return {
            "common_names": value["common_names"],
            "scientific_name": value["scientific_name"],
            "status": value.get("status", ""),
            "identification": _html(value["identification"]),
            "image": None,
            "image_credit": "",
        }
    if block_type == "glossary":
        return {**value, "definition": _html(value["definition"])}
    if block_type == "protocol":
        return {"title": value["title"], "steps": list(value["steps"])}
    if block_type == "document" and "practice_data" in value:
        return {
            "document": (documents or {})[value["practice_data"]],
            "title": value["title"],
            "description": value["description"],
        }
    if block_type == "figure":
        # Demo drawings ship under static/ and are written as ("figure", {"svg": path, …});
        # the block takes a library image, imported once per file (same file → same image).
        image = import_shipped_drawing(value["svg"], Image=get_image_model(), Collection=Collection)
        if image is None:
            raise ValueError(f"No shipped drawing at {value['svg']!r} (demo figure block).")
        return {"image": image, "caption": value["caption"], "credit": value["credit"]}
    return value


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


# Blocks that other apps' demo loaders place in modules (quizzes, assignments): kept as they are.
PLACED_BLOCKS = ("quiz", "assignment")


def _comparable(stream) -> list:
    """A StreamField's blocks as plain data, without block ids, for comparison."""
    return [
        (block["type"], _without_ids(block["value"]))
        for block in stream.get_prep_value()
        if block["type"] not in PLACED_BLOCKS
    ]


def _set_stream(page, field: str, blocks: list[tuple[str, object]]) -> bool:
    """Give ``page.<field>`` these blocks, keeping placed quizzes and assignments;
    True when anything changed."""
    current = getattr(page, field)
    quizzes = [(b.block_type, b.value) for b in current if b.block_type in PLACED_BLOCKS]
    probe = type(page)()
    setattr(probe, field, blocks)
    if _comparable(current) == _comparable(getattr(probe, field)):
        return False
    setattr(page, field, [*blocks, *quizzes])
    return True


def _publish_if_changed(page, changed: bool) -> None:
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()


@transaction.atomic
def load_course_index() -> CourseIndexPage:
    """The catalogue at /courses/, a child of the home page."""
    home = site_home_page(locale=Locale.get_default())
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=CourseIndexPage(
                title="Courses", slug="courses", intro=CATALOGUE_INTRO, show_in_menus=True
            )
        )
        index.save_revision().publish()
    return index


def _tags(data: dict) -> list[Tag]:
    tags = []
    for scientific in data.get("species", []):
        tag = Tag.objects.filter(kind=TagKind.SPECIES, scientific_name=scientific).first()
        if tag is None:
            name = SPECIES_NAMES.get(scientific, scientific)
            tag = Tag.objects.filter(kind=TagKind.SPECIES, name=name).first() or (
                Tag.objects.create(
                    kind=TagKind.SPECIES,
                    name=name,
                    scientific_name=scientific,
                    slug=_free_slug(name),
                )
            )
        tags.append(tag)
    for method in data.get("methods", []):
        name = method[:1].upper() + method[1:]
        tag = Tag.objects.filter(kind=TagKind.METHOD, name__iexact=name).first()
        if tag is None:
            tag = Tag.objects.create(kind=TagKind.METHOD, name=name, slug=_free_slug(name))
        tags.append(tag)
    for tag in tags:
        translate_tag(tag)
    return tags


def _free_slug(name: str) -> str:
    base = slugify(name)[:110] or "tag"
    slug, n = base, 2
    while Tag.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def load_course(*, index: CourseIndexPage, data: dict, instructor: User | None) -> CoursePage:
    """Create or bring up to date one flagship course and its modules."""
    course = CoursePage.objects.child_of(index).filter(slug=data["slug"]).first()
    fields = {
        "title": data["title"],
        "summary": data["summary"],
        "topic": topic_for(data.get("topic", "")),
        "level": data["level"],
        "estimated_hours": round(data["estimated_hours"]),
    }
    outcomes = [("outcome", text) for text in data.get("outcomes", [])]
    sources = [("source", text) for text in data.get("sources", [])]
    if course is None:
        course = CoursePage(slug=data["slug"], **fields, outcomes=outcomes, sources=sources)
        course.languages = [CourseLanguage(language=code) for code in data.get("languages", ["en"])]
        if instructor is not None:
            course.instructors = [CourseInstructor(user=instructor)]
        course.tags = _tags(data)
        index.add_child(instance=course)
        changed = True
    else:
        course = course.get_latest_revision_as_object()
        changed = any(getattr(course, k) != v for k, v in fields.items())
        for key, value in fields.items():
            setattr(course, key, value)
        changed |= _set_stream(course, "outcomes", outcomes)
        changed |= _set_stream(course, "sources", sources)
        if instructor is not None and not any(
            row.user_id == instructor.pk for row in course.instructors.all()
        ):
            course.instructors.add(CourseInstructor(user=instructor))
            changed = True
    _publish_if_changed(course, changed)
    course = CoursePage.objects.get(pk=course.pk)
    services.course_saved(course=course)

    for module_data in data["modules"]:
        load_module(course=course, data=module_data)
    return course


def load_module(*, course: CoursePage, data: dict) -> ModulePage:
    documents = None
    if any(kind == "document" and "practice_data" in value for kind, value in data["blocks"]):
        # The data-analysis course's downloads, filed (or found unchanged) once per module.
        documents = ensure_documents()
    blocks = [
        (kind, block_value(kind, value, documents=documents)) for kind, value in data["blocks"]
    ]
    module = ModulePage.objects.child_of(course).filter(slug=data["slug"]).first()
    fields = {
        "title": data["title"],
        "summary": data.get("summary", ""),
        "estimated_minutes": data.get("estimated_minutes", 30),
    }
    if module is None:
        module = course.add_child(instance=ModulePage(slug=data["slug"], body=blocks, **fields))
        changed = True
    else:
        module = module.get_latest_revision_as_object()
        changed = any(getattr(module, k) != v for k, v in fields.items())
        for key, value in fields.items():
            setattr(module, key, value)
        changed |= _set_stream(module, "body", blocks)
    _publish_if_changed(module, changed)
    return module


@transaction.atomic
def load_khurkh_cohort(*, course: CoursePage) -> Cohort:
    """The in-person workshop ``khurkh-2025``, its three days and attendance."""
    cohort = Cohort.objects.filter(slug=KHURKH["slug"]).first()
    if cohort is None:
        cohort = Cohort(course=course, **KHURKH)
        cohort.full_clean()
        cohort.save()
    elif not cohort.title_translations:
        cohort.title_translations = KHURKH["title_translations"]
        cohort.save(update_fields=["title_translations"])
    days = [
        services.cohort_day_create(cohort=cohort, date=date, title=title)
        for date, title in KHURKH_DAYS
    ]
    recorder = User.objects.filter(email__iexact=SECRETARIAT_EMAIL).first()
    emails = [row[0] for row in WORKSHOP_PARTICIPANTS]
    people = {p.email.lower(): p for p in Participant.objects.filter(email__in=emails)}
    for n, email in enumerate(emails):
        participant = people.get(email.lower())
        if participant is None:
            continue
        enrolment = services.enrolment_create(
            participant=participant, cohort=cohort, acting_user=recorder
        )
        if enrolment.status != EnrolmentStatus.ACTIVE or enrolment.attendance.exists():
            continue
        # Most attended all three days; some missed the last day or two.
        attended = 1 if n % 7 == 3 else 2 if n % 5 == 4 else 3
        present = {(enrolment.pk, day.pk) for day in days[:attended]}
        for day in days:
            services.attendance_record(
                enrolment=enrolment,
                day=day,
                present=(enrolment.pk, day.pk) in present,
                acting_user=recorder,
            )
    return cohort


@transaction.atomic
def load_demo_learner(*, course: CoursePage) -> None:
    """The demo learner studies the crane survey course online and has done its first module."""
    participant = Participant.objects.filter(
        user__email__iexact=LEARNER_EMAIL, profile_completed_at__isnull=False
    ).first()
    if participant is None:
        return
    cohort = services.course_self_paced_cohort_ensure(course=course)
    enrolment = services.enrolment_create(participant=participant, cohort=cohort)
    first = ModulePage.objects.live().child_of(course).order_by("path").first()
    if first is not None and not enrolment.module_progress.exists():
        services.module_mark_done(enrolment=enrolment, module=first)


def load(*, password: str, stdout=None) -> None:
    """Load the courses app's demo data; running it again duplicates nothing."""
    from .demo_content import COURSES

    index = load_course_index()
    instructor = User.objects.filter(email__iexact=INSTRUCTOR_EMAIL).first()
    courses = [load_course(index=index, data=data, instructor=instructor) for data in COURSES]
    crane = next(
        (c for c in courses if c.slug == CRANE_COURSE_SLUG), courses[0] if courses else None
    )
    if crane is not None:
        cohort = load_khurkh_cohort(course=crane)
        load_demo_learner(course=crane)
        _write(
            stdout,
            f"Courses: {len(courses)} courses; {cohort.slug}: "
            f"{cohort.enrolments.count()} participants, "
            f"{cohort.enrolments.filter(completed_at__isnull=False).count()} met the attendance "
            "threshold.",
        )
