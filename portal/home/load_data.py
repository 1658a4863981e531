"""The load test's data set for ``generate_load_data``: Moodle's site sizes, built in bulk.

It sits in the top app because it spans every layer: pages and cohorts
(courses), quizzes and attempts (assessments), people (registry, accounts)
and the report's facts (reporting). Pages, cohorts and quizzes go through the
same services the admin uses; people, enrolments and attempts are written with
``bulk_create`` (thousands of rows), and the participation facts are rebuilt
once at the end, as ``rebuild_report_facts`` would.
"""

from __future__ import annotations

import datetime
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from assessments.models import Attempt, AttemptStatus, Question, QuestionKind
from assessments.services import quiz_save
from courses.demo import load_course_index
from courses.demo_translations import locale_sync_from_default
from courses.models import (
    Cohort,
    CohortMode,
    CourseLevel,
    CoursePage,
    CourseTopic,
    Enrolment,
    EnrolmentStatus,
    ModulePage,
)
from courses.services import course_self_paced_cohort_ensure
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.registry.models import Gender, OrganisationType, Participant
from portal.registry.services import participant_search_text
from portal.reporting.services import participation_facts_rebuild

# Known to the load test (locust logs in with it); documented in docs/operations.md.
DEFAULT_LOAD_PASSWORD = "flyway-load-2026"  # noqa: S105 — a documented test password
LOAD_PASSWORD = os.environ.get("LOAD_PASSWORD") or DEFAULT_LOAD_PASSWORD
LEARNER_EMAIL = "load-learner-{:05d}@example.org"
SECRETARIAT_EMAIL = "load-secretariat-{:02d}@example.org"
COURSE_SLUG = "load-course-{:02d}"
QUESTIONS_PER_QUIZ = 5
BATCH = 2000


@dataclass(frozen=True)
class LoadSize:
    """How much a size builds (L follows Moodle's "large" site)."""

    participants: int
    courses: int
    modules_per_course: int
    cohorts: int
    attempts: int
    secretariat: int


SIZES = {
    "S": LoadSize(
        participants=30, courses=2, modules_per_course=3, cohorts=4, attempts=90, secretariat=2
    ),
    "M": LoadSize(
        participants=1000,
        courses=20,
        modules_per_course=10,
        cohorts=60,
        attempts=10_000,
        secretariat=5,
    ),
    "L": LoadSize(
        participants=10_000,
        courses=60,
        modules_per_course=10,
        cohorts=200,
        attempts=100_000,
        secretariat=10,
    ),
}


class LoadDataExists(Exception):
    """The database holds load-test data already."""


Progress = Callable[[str, int], None]


def _noop(stage: str, n: int) -> None:
    return None


def _body(course_n: int, module_n: int) -> list:
    """A module body of about a printed page, the same shape as the flagship courses'."""
    paragraphs = "".join(
        f"<p>Paragraph {p} of module {module_n} in course {course_n}: counting cranes at "
        "roosts at dawn, recording family groups and juvenile ratios, and sharing the counts "
        "with the flyway-wide census.</p>"
        for p in range(1, 7)
    )
    return [("rich_text", paragraphs)]


def _questions() -> list[Question]:
    """Five true-or-false questions that every generated quiz shares."""
    locale = Locale.get_default()
    questions = []
    for n in range(1, QUESTIONS_PER_QUIZ + 1):
        title = f"Load test question {n}"
        question = Question.objects.filter(title=title, locale=locale).first()
        if question is None:
            question = Question.objects.create(
                kind=QuestionKind.TRUE_FALSE,
                title=title,
                text=f"Statement {n}: cranes roost in shallow water.",
                true_false_answer=n % 2 == 1,
                locale=locale,
            )
        questions.append(question)
    return questions


def _course(*, index, n: int, size: LoadSize, questions: list[Question]) -> dict:
    """One course with its modules and its quiz (in the last module), published."""
    course = index.add_child(
        instance=CoursePage(
            slug=COURSE_SLUG.format(n),
            title=f"Load test course {n:02d}",
            summary=f"Course {n} of the load test: surveys, banding and habitat.",
            topic=CourseTopic.SURVEYS,
            level=CourseLevel.values[n % len(CourseLevel.values)],
            estimated_hours=4,
        )
    )
    course.save_revision().publish()
    quiz, _created = quiz_save(
        title=f"Load test quiz {n:02d}",
        questions=questions,
        course=course,
        required=False,
        attempts_allowed=0,
        shuffle_questions=False,
        shuffle_choices=False,
    )
    modules = []
    for m in range(1, size.modules_per_course + 1):
        body = _body(n, m)
        if m == size.modules_per_course:
            body.append(("quiz", quiz))
        module = course.add_child(
            instance=ModulePage(slug=f"module-{m:02d}", title=f"Module {m}", summary="", body=body)
        )
        module.save_revision().publish()
        modules.append(module)
    return {"course": course, "quiz": quiz, "modules": modules}


def _cohorts(*, courses: list[dict], size: LoadSize) -> tuple[list[Cohort], list[Cohort]]:
    """Every course's self-paced cohort, then scheduled online cohorts up to ``size.cohorts``."""
    self_paced = [course_self_paced_cohort_ensure(course=c["course"]) for c in courses]
    scheduled = []
    start = datetime.date(2026, 1, 12)
    for n in range(size.cohorts - len(self_paced)):
        course = courses[n % len(courses)]["course"]
        cohort = Cohort(
            course=course,
            slug=f"load-cohort-{n + 1:03d}",
            title=f"Load test cohort {n + 1}",
            mode=CohortMode.ONLINE,
            start_date=start + datetime.timedelta(days=7 * (n % 40)),
            end_date=start + datetime.timedelta(days=7 * (n % 40) + 4),
        )
        cohort.full_clean()
        cohort.save()
        scheduled.append(cohort)
    return self_paced, scheduled


def _accounts(*, emails: list[str], names: list[tuple[str, str]], role: Role) -> list[User]:
    """Create verified accounts in ``role`` in bulk, all with the load-test password."""
    hashed = make_password(LOAD_PASSWORD)  # hashing once: the slow part of a log-in set-up
    User.objects.bulk_create(
        User(email=email, first_name=first, last_name=last, password=hashed)
        for email, (first, last) in zip(emails, names, strict=True)
    )
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    group = Group.objects.get(name=role.value)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=group.pk) for user in users
    )
    return users


def _participants(users: list[User], rng: random.Random) -> list[Participant]:
    now = timezone.now()
    genders = [Gender.WOMAN, Gender.MAN, Gender.WOMAN, Gender.MAN, Gender.UNDISCLOSED]
    countries = ["MN", "CN", "JP", "KR", "RU"]
    people = []
    for user in users:
        participant = Participant(
            user=user,
            email=user.email,
            given_name=user.first_name,
            family_name=user.last_name,
            gender=rng.choice(genders),
            birth_year=rng.randint(1965, 2004),
            country=rng.choice(countries),
            organisation="Load Test Wetland Reserve",
            organisation_type=rng.choice(OrganisationType.values),
            profile_completed_at=now,
        )
        participant.search_text = participant_search_text(participant)
        people.append(participant)
    Participant.objects.bulk_create(people, batch_size=BATCH)
    return list(Participant.objects.filter(user__in=users).order_by("email"))


def load_data_exists() -> int:
    """How many load-test learner accounts the database holds."""
    return User.objects.filter(email__startswith="load-learner-").count()


@transaction.atomic
def load_data_generate(
    *, size: LoadSize, manifest: Path, progress: Progress = _noop, seed: int = 15
) -> dict:
    """Build the load test's data set and write the manifest locust reads.

    All or nothing (one transaction). Needs the home page (migrations make it).

    Args:
        size: how much to build, one of ``SIZES``.
        manifest: where to write the JSON that tells locust the pages, quizzes
            and accounts (paths without the language prefix).
        progress: called with (stage, items done) as the work advances.
        seed: the random seed, so two runs build the same data.

    Returns:
        The manifest's content.

    Raises:
        LoadDataExists: load-test accounts are there already.
    """
    existing = load_data_exists()
    if existing:
        raise LoadDataExists(
            _(
                "The database holds load-test data already (%(count)d load-test learners): "
                "run generate_load_data on a fresh database."
            )
            % {"count": existing}
        )
    rng = random.Random(seed)  # noqa: S311 — reproducible test data, not a secret
    index = load_course_index()
    questions = _questions()
    courses = []
    for n in range(1, size.courses + 1):
        courses.append(_course(index=index, n=n, size=size, questions=questions))
        progress("courses", 1)
    # Readers in every language: the new pages appear in the other page trees as
    # aliases, as pages made in the admin do.
    for language, _name in settings.LANGUAGES:
        if language != Locale.get_default().language_code:
            locale_sync_from_default(language=language)
            progress("languages", 0)
    self_paced, scheduled = _cohorts(courses=courses, size=size)
    progress("cohorts", size.cohorts)

    secretariat_emails = [SECRETARIAT_EMAIL.format(n) for n in range(1, size.secretariat + 1)]
    _accounts(
        emails=secretariat_emails,
        names=[("Load", f"Secretariat {n}") for n in range(1, size.secretariat + 1)],
        role=Role.SECRETARIAT,
    )

    per_person, extra = divmod(size.attempts, size.participants)
    now = timezone.now()
    for first in range(1, size.participants + 1, BATCH):
        numbers = range(first, min(first + BATCH, size.participants + 1))
        users = _accounts(
            emails=[LEARNER_EMAIL.format(n) for n in numbers],
            names=[("Load", f"Learner {n}") for n in numbers],
            role=Role.LEARNERS,
        )
        people = _participants(users, rng)
        enrolments, attempts_of = [], []
        for n, participant in zip(numbers, people, strict=True):
            # Learner n studies course (n-1) % courses on its own; locust relies on it.
            course_index = (n - 1) % len(courses)
            days_ago = rng.randint(1, 700)
            enrolled_at = now - datetime.timedelta(days=days_ago)
            own = Enrolment(
                participant=participant,
                cohort=self_paced[course_index],
                status=EnrolmentStatus.ACTIVE,
                enrolled_at=enrolled_at,
                status_changed_at=enrolled_at,
            )
            enrolments.append(own)
            attempts_of.append((own, participant, courses[course_index]["quiz"], n))
            if scheduled:
                enrolments.append(
                    Enrolment(
                        participant=participant,
                        cohort=scheduled[(n * 7) % len(scheduled)],
                        status=EnrolmentStatus.ACTIVE,
                        enrolled_at=enrolled_at,
                        status_changed_at=enrolled_at,
                    )
                )
        Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
        attempts = []
        for enrolment, participant, quiz, n in attempts_of:
            for number in range(1, per_person + (1 if n <= extra else 0) + 1):
                score = Decimal(rng.randint(0, QUESTIONS_PER_QUIZ))
                started = enrolment.enrolled_at + datetime.timedelta(hours=number)
                percent = (score * 100 / QUESTIONS_PER_QUIZ).quantize(Decimal("0.01"))
                attempts.append(
                    Attempt(
                        quiz=quiz,
                        participant=participant,
                        enrolment=enrolment,
                        number=number,
                        status=AttemptStatus.SUBMITTED,
                        started_at=started,
                        last_saved_at=started + datetime.timedelta(minutes=9),
                        submitted_at=started + datetime.timedelta(minutes=10),
                        score=score,
                        max_score=Decimal(QUESTIONS_PER_QUIZ),
                        percent=percent,
                        passed=percent >= quiz.pass_mark,
                    )
                )
        Attempt.objects.bulk_create(attempts, batch_size=BATCH)
        progress("participants", len(numbers))

    facts = participation_facts_rebuild()
    progress("facts", facts)

    content = {
        "size": {k: getattr(size, k) for k in size.__dataclass_fields__},
        "password_env": "LOAD_PASSWORD",
        "learner_email": LEARNER_EMAIL,
        "secretariat_email": SECRETARIAT_EMAIL,
        "learners": size.participants,
        "secretariat": size.secretariat,
        "courses": [
            {
                "path": _unprefixed(c["course"].url),
                "modules": [_unprefixed(m.url) for m in c["modules"]],
                "quiz_id": c["quiz"].pk,
            }
            for c in courses
        ],
    }
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(content, indent=2))
    return content


def _unprefixed(url: str) -> str:
    """``/en/courses/x/`` → ``/courses/x/``: locust puts each language's prefix back."""
    parts = url.split("/", 2)
    return "/" + parts[2] if len(parts) > 2 else url
