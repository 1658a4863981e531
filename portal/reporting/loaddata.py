"""A realistic synthetic registry for benchmarks and tests, built fast with bulk_create.

Participants from the programme's five countries (and a few others), with the
gender, age and organisation mix of a regional training programme, each
enrolled in one to three cohorts of a handful of courses between 2023 and
2026; completions, pre/post tests, graded quizzes and certificates (some
revoked, some expired). Every value that reports treat as "unknown" occurs.

It writes rows directly rather than through the services: it exists to make
large volumes quickly, never to stand for how the portal writes data. It then
refreshes the participation facts of each batch, as the services would.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, TranslatableMixin

from assessments.models import Attempt, AttemptStatus, CohortTestPair, Quiz
from certificates.models import Certificate, CertificateStatus
from courses.models import (
    Cohort,
    CohortMode,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
)
from courses.services import course_self_paced_cohort_ensure
from portal.core.pages import site_home_page
from portal.registry.models import Gender, OrganisationType, Participant

from .services import participation_facts_refresh

LOAD_COURSES = [
    ("load-crane-survey", "Crane survey techniques (load test)", "surveys"),
    ("load-colour-banding", "Colour banding (load test)", "banding"),
    ("load-drones", "Drones and remote sensing (load test)", "drones"),
    ("load-wetland", "Wetland habitat assessment (load test)", "wetlands"),
]
YEARS = (2023, 2024, 2025, 2026)
COUNTRIES = [("CN", 30), ("JP", 14), ("MN", 22), ("KR", 14), ("RU", 12), ("US", 1), ("DE", 1)]
GENDERS = [(Gender.WOMAN, 44), (Gender.MAN, 49), (Gender.ANOTHER, 2), (Gender.UNDISCLOSED, 5)]
ORG_TYPES = [
    (OrganisationType.GOVERNMENT, 18),
    (OrganisationType.PROTECTED_AREA, 20),
    (OrganisationType.ACADEMIA, 28),
    (OrganisationType.NGO, 16),
    (OrganisationType.COMMUNITY, 6),
    (OrganisationType.PRIVATE, 4),
    (OrganisationType.INTERNATIONAL, 3),
    ("other", 2),
    ("", 3),
]
BATCH = 2000


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _course_index():
    index = CourseIndexPage.objects.first()
    if index is not None:
        return index
    parent = site_home_page() or Page.get_first_root_node()
    if parent is None:  # an emptied database (e.g. after a transactional test's flush)
        parent = Page.add_root(instance=Page(title="Root", slug="root"))
    index = CourseIndexPage(title="Courses", slug="courses")
    parent.add_child(instance=index)
    return index


def _courses():
    index = _course_index()
    courses = []
    for slug, title, _topic in LOAD_COURSES:
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            course = CoursePage(
                title=title,
                slug=slug,
                summary="A synthetic course for load tests.",
                topic=CoursePage._meta.get_field("topic").choices[0][0],
                level=CoursePage._meta.get_field("level").choices[0][0],
                estimated_hours=6,
                outcomes=[("outcome", "Counts reliably.")],
            )
            index.add_child(instance=course)
        course_self_paced_cohort_ensure(course=course)
        courses.append(course)
    return courses


def _cohorts(courses, rng):
    wanted = []
    for course in courses:
        for year in YEARS:
            for n, (mode, month, country) in enumerate(
                (
                    (CohortMode.IN_PERSON, 7, "MN"),
                    (CohortMode.ONLINE, 3, ""),
                    (CohortMode.BLENDED, 10, "KR"),
                )
            ):
                slug = f"{course.slug}-{year}-{n + 1}"
                start = dt.date(year, month, rng.randint(1, 20))
                wanted.append(
                    Cohort(
                        course=course,
                        slug=slug,
                        title=f"{course.title} {year} ({mode})",
                        mode=mode,
                        start_date=start,
                        end_date=start + dt.timedelta(days=3),
                        country=country,
                        capacity=None,
                    )
                )
    existing = set(
        Cohort.objects.filter(slug__in=[c.slug for c in wanted]).values_list("slug", flat=True)
    )
    Cohort.objects.bulk_create([c for c in wanted if c.slug not in existing], batch_size=BATCH)
    return list(Cohort.objects.filter(course__in=courses).select_related("course"))


def _quizzes(courses, cohorts):
    """A pre-test, a post-test and a required final quiz per course; pairs for workshops.

    Written with bulk_create: page-style indexing of snippets is not wanted here.
    """
    roles = ("pre", "post", "final")
    existing = {(q.course_id, q.title): q for q in Quiz.objects.filter(course__in=courses)}
    # bulk_create skips save(), where a translatable model takes the default locale.
    locale = {"locale": Locale.get_default()} if issubclass(Quiz, TranslatableMixin) else {}
    missing = [
        Quiz(title=f"{course.title}: {role}", course=course, required=(role == "final"), **locale)
        for course in courses
        for role in roles
        if (course.pk, f"{course.title}: {role}") not in existing
    ]
    Quiz.objects.bulk_create(missing)
    existing = {(q.course_id, q.title): q for q in Quiz.objects.filter(course__in=courses)}
    quizzes = {
        course.pk: {role: existing[(course.pk, f"{course.title}: {role}")] for role in roles}
        for course in courses
    }
    paired = set(CohortTestPair.objects.values_list("cohort_id", flat=True))
    CohortTestPair.objects.bulk_create(
        [
            CohortTestPair(
                cohort=cohort,
                pre_test=quizzes[cohort.course_id]["pre"],
                post_test=quizzes[cohort.course_id]["post"],
            )
            for cohort in cohorts
            if cohort.mode in (CohortMode.IN_PERSON, CohortMode.BLENDED) and cohort.pk not in paired
        ]
    )
    return quizzes


def _moment(rng, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(0, 23), rng.randint(0, 59)), tzinfo=dt.UTC)


@transaction.atomic
def generate_load_data(
    *, participants: int, seed: int = 2025, attempts: bool = True, progress=None
) -> dict[str, int]:
    """Add ``participants`` synthetic people with enrolments, attempts and certificates.

    Args:
        participants: how many people to add.
        seed: the random seed; the same seed and size give the same data.
        attempts: also write quiz attempts (pre/post tests and final quizzes).
        progress: optional callable taking (done, total) after each batch.

    Returns:
        Counts of the rows created, by kind.
    """
    with_attempts = attempts
    rng = random.Random(seed)  # noqa: S311 — synthetic data, not secrets
    courses = _courses()
    cohorts = _cohorts(courses, rng)
    quizzes = _quizzes(courses, cohorts)
    paired = {c.pk for c in cohorts if c.mode in (CohortMode.IN_PERSON, CohortMode.BLENDED)}
    run = secrets.token_hex(4)
    now = timezone.now()
    counts = {"participants": 0, "enrolments": 0, "attempts": 0, "certificates": 0}
    serial = Certificate.objects.count()

    for start in range(0, participants, BATCH):
        size = min(BATCH, participants - start)
        people = []
        for i in range(start, start + size):
            birth = None if rng.random() < 0.05 else rng.randint(1962, 2006)
            people.append(
                Participant(
                    email=f"load-{run}-{i}@example.net",
                    given_name=f"Given{i}",
                    family_name=f"Family{i}",
                    gender=_pick(rng, GENDERS),
                    birth_year=birth,
                    country="" if rng.random() < 0.03 else _pick(rng, COUNTRIES),
                    organisation=f"Organisation {rng.randint(1, 400)}",
                    organisation_type=_pick(rng, ORG_TYPES),
                    profile_completed_at=now,
                )
            )
        people = Participant.objects.bulk_create(people, batch_size=BATCH)
        if people and people[0].pk is None:  # backends that cannot return ids
            people = list(
                Participant.objects.filter(email__startswith=f"load-{run}-").order_by("pk")[
                    start : start + size
                ]
            )

        enrolments = []
        for person in people:
            for cohort in rng.sample(cohorts, k=rng.choice((1, 1, 1, 2, 2, 3))):
                if cohort.mode == CohortMode.SELF_PACED:
                    year = rng.choice(YEARS)
                    enrolled = _moment(rng, dt.date(year, rng.randint(1, 12), rng.randint(1, 28)))
                else:
                    enrolled = _moment(
                        rng, cohort.start_date - dt.timedelta(days=rng.randint(5, 60))
                    )
                status = _pick(
                    rng,
                    [
                        (EnrolmentStatus.ACTIVE, 88),
                        (EnrolmentStatus.WITHDRAWN, 7),
                        (EnrolmentStatus.WAITLISTED, 5),
                    ],
                )
                done = status == EnrolmentStatus.ACTIVE and rng.random() < 0.55
                enrolments.append(
                    Enrolment(
                        participant=person,
                        cohort=cohort,
                        status=status,
                        enrolled_at=enrolled,
                        status_changed_at=enrolled,
                        completed_at=enrolled + dt.timedelta(days=rng.randint(3, 90))
                        if done
                        else None,
                    )
                )
        enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)

        attempts, certificates, certified = [], [], set()
        by_pk = {c.pk: c for c in cohorts}
        for e in enrolments:
            if e.status == EnrolmentStatus.WAITLISTED:
                continue
            cohort = by_pk[e.cohort_id]
            q = quizzes[cohort.course_id]
            took = e.enrolled_at + dt.timedelta(days=1)
            plan = []
            if e.cohort_id in paired and rng.random() < 0.8:
                pre = rng.uniform(20, 75)
                plan.append((q["pre"], pre))
                if rng.random() < 0.85:
                    plan.append((q["post"], min(100.0, pre + rng.uniform(-5, 35))))
            if e.completed_at or rng.random() < 0.4:
                plan.append(
                    (q["final"], rng.uniform(72, 100) if e.completed_at else rng.uniform(30, 90))
                )
            for quiz, percent in plan:
                value = Decimal(f"{percent:.2f}")
                attempts.append(
                    Attempt(
                        quiz=quiz,
                        participant_id=e.participant_id,
                        enrolment=e,
                        number=1,
                        status=AttemptStatus.SUBMITTED,
                        started_at=took,
                        submitted_at=took + dt.timedelta(minutes=20),
                        score=value,
                        max_score=Decimal("100"),
                        percent=value,
                        passed=value >= quiz.pass_mark,
                    )
                )
            key = (e.participant_id, cohort.course_id)
            if e.completed_at and key not in certified and rng.random() < 0.9:
                certified.add(key)
                serial += 1
                revoked = rng.random() < 0.03
                expired = not revoked and rng.random() < 0.04
                issued = e.completed_at
                certificates.append(
                    Certificate(
                        enrolment=e,
                        participant_id=e.participant_id,
                        course_id=cohort.course_id,
                        serial=f"FA-{issued:%Y}-{serial:06d}",
                        code=secrets.token_urlsafe(24),
                        status=CertificateStatus.REVOKED if revoked else CertificateStatus.VALID,
                        issued_at=issued,
                        expires_at=now - dt.timedelta(days=1) if expired else None,
                        revoked_at=now if revoked else None,
                        revocation_reason="Issued in error (load data)." if revoked else "",
                        holder_name=f"Given{e.participant_id} Family{e.participant_id}",
                        course_title=cohort.course.title,
                        cohort_title=cohort.title,
                    )
                )
        # The same person may take two quizzes of one course in two cohorts: number them.
        seen: dict[tuple[int, int], int] = {}
        for a in attempts:
            key = (a.quiz_id, a.participant_id)
            seen[key] = seen.get(key, 0) + 1
            a.number = seen[key]
        if not with_attempts:
            attempts = []
        Attempt.objects.bulk_create(attempts, batch_size=BATCH)
        Certificate.objects.bulk_create(certificates, batch_size=BATCH)
        # The report's facts of this batch's people, by INSERT … SELECT.
        participation_facts_refresh(participant_ids=[p.pk for p in people])
        counts["participants"] += len(people)
        counts["enrolments"] += len(enrolments)
        counts["attempts"] += len(attempts)
        counts["certificates"] += len(certificates)
        if progress:
            progress(start + size, participants)
    return counts
