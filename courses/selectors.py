"""Reads for courses: catalogue, course and module pages, dashboard, progress.

Every page-level selector makes a fixed number of queries, whatever the
number of courses, modules or enrolments (pinned in tests/courses).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.translation import get_language, gettext
from wagtail.models import Page, PageViewRestriction

from portal.accounts.permissions import course_scope
from portal.core.collation import collation_key
from portal.core.languages import language_name_local
from portal.registry.selectors import participant_for_user

from .completion import RequirementItem, requirement_providers
from .dashboard import dashboard_sections
from .models import (
    Attendance,
    Cohort,
    CohortDay,
    CohortMode,
    CourseIndexPage,
    CourseInstructor,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    ModulePage,
    ModuleProgress,
)

STEPLEN = Page.steplen
# Chinese, Japanese and Korean script: written without spaces between words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _parent_path(path: str) -> str:
    return path[:-STEPLEN]


# --- Modules and progress ------------------------------------------------------


def course_modules(*, course: CoursePage) -> QuerySet[ModulePage]:
    """The course's live, public modules in the order instructors arranged them."""
    return ModulePage.objects.live().public().child_of(course).order_by("path")


def required_module_ids(*, course: CoursePage) -> set[int]:
    return set(
        ModulePage.objects.live()
        .child_of(course)
        .filter(required=True)
        .values_list("pk", flat=True)
    )


def enrolment_required_modules_left(*, enrolment: Enrolment, course: CoursePage) -> bool:
    """Whether a required live module of ``course`` is not yet done; one query.

    The children are filtered on the tree columns directly (what ``child_of``
    and ``live`` amount to): every passing quiz submit asks this, and building
    Wagtail's page queryset cost a third of the query's time.
    """
    return (
        ModulePage.objects.filter(
            live=True, depth=course.depth + 1, path__startswith=course.path, required=True
        )
        .exclude(pk__in=ModuleProgress.objects.filter(enrolment=enrolment).values("module_id"))
        .exists()
    )


def attendance_threshold_met(*, present: int, days: int, threshold: int) -> bool:
    """BRIEF §2's attendance rule: present on at least ``threshold`` percent of ``days``.

    The one place the formula lives; completion, the attendance sheet and the
    import call it. Counted in whole numbers (no rounding): 2 of 3 days meets
    60 %, 3 of 5 meets 60 %, and a cohort without days is never attended.

    Args:
        present: days the participant was ticked present.
        days: days the cohort held.
        threshold: the cohort's ``attendance_threshold`` (percent).
    """
    return days > 0 and 100 * present >= threshold * days


@dataclass(frozen=True)
class AttendanceSummary:
    days: int
    present: int
    threshold: int

    @property
    def percent(self) -> int:
        return round(100 * self.present / self.days) if self.days else 0

    @property
    def met(self) -> bool:
        return attendance_threshold_met(
            present=self.present, days=self.days, threshold=self.threshold
        )


def enrolment_attendance(*, enrolment: Enrolment) -> AttendanceSummary:
    """Days held, days present and the threshold of the enrolment's cohort."""
    days = CohortDay.objects.filter(cohort_id=enrolment.cohort_id).count()
    present = Attendance.objects.filter(enrolment=enrolment, present=True).count()
    return AttendanceSummary(
        days=days, present=present, threshold=enrolment.cohort.attendance_threshold
    )


def enrolment_requirements_met(
    *, enrolment: Enrolment, attendance: AttendanceSummary | None = None
) -> bool:
    """Whether ``enrolment`` meets BRIEF §2's completion rule now (ignores ``completed_at``).

    Self-paced and scheduled online cohorts: every required live module done
    and every requirement of the providers other apps registered (the
    assessments app: every required quiz passed; see ``courses.completion``).
    In person: attendance at or above the cohort's threshold. Blended: both.
    Stops at the first unmet requirement, cheapest first.

    Args:
        attendance: the attendance to judge by instead of the recorded one
            (a preview of attendance about to be recorded).
    """
    cohort = enrolment.cohort
    if cohort.records_attendance:
        if attendance is None:
            attendance = enrolment_attendance(enrolment=enrolment)
        if not attendance.met:
            return False
    if _needs_coursework(cohort):
        if enrolment_required_modules_left(enrolment=enrolment, course=cohort.course):
            return False
        for provider in requirement_providers.providers():
            if not provider.met(enrolment=enrolment):
                return False
    return True


def _needs_coursework(cohort: Cohort) -> bool:
    return cohort.mode != CohortMode.IN_PERSON


def enrolment_requirement_items(*, enrolment: Enrolment) -> list[RequirementItem]:
    """Everything ``enrolment`` must do to complete, each with whether it is done.

    Attendance (in-person and blended cohorts), then each required live module,
    then the items of the registered providers (required quizzes, …), in the
    rule of :func:`enrolment_requirements_met`: it is met exactly when every
    item is.
    """
    cohort = enrolment.cohort
    items: list[RequirementItem] = []
    if cohort.records_attendance:
        attendance = enrolment_attendance(enrolment=enrolment)
        items.append(
            RequirementItem(
                kind="attendance",
                label=gettext("Attendance"),
                met=attendance.met,
                detail=gettext("%(percent)d %% of %(days)d days; %(threshold)d %% needed")
                % {
                    "percent": attendance.percent,
                    "days": attendance.days,
                    "threshold": attendance.threshold,
                },
            )
        )
    if _needs_coursework(cohort):
        course = cohort.course
        done = set(
            ModuleProgress.objects.filter(enrolment=enrolment).values_list("module_id", flat=True)
        )
        modules = ModulePage.objects.live().child_of(course).filter(required=True).order_by("path")
        items.extend(
            RequirementItem(kind="module", label=module.title, met=module.pk in done)
            for module in modules
        )
        for provider in requirement_providers.providers():
            items.extend(provider.items(enrolment=enrolment))
    return items


def enrolments_requirement_items(
    *, enrolments: list[Enrolment], modules: dict[int, list[ModulePage]] | None = None
) -> dict[int, list[RequirementItem]]:
    """:func:`enrolment_requirement_items` for many enrolments, in a fixed number of queries.

    What the course page and the dashboard show a learner: attendance, each
    required module, then what the registered providers ask (required quizzes,
    assignments), each with its state and a link. Same rule as
    :func:`enrolment_requirements_met`.

    Args:
        enrolments: with their cohorts (and courses) loaded.
        modules: by enrolment pk, the course's live modules the reader sees (in
            the language being read); read from the source course when left out.
            Modules are matched to progress by translation key.
    """
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    ids = [e.pk for e in enrolments]
    attending = [e for e in enrolments if e.cohort.records_attendance]
    days: dict[int, int] = {}
    present: dict[int, int] = {}
    if attending:
        days = dict(
            CohortDay.objects.filter(cohort_id__in={e.cohort_id for e in attending})
            .values("cohort_id")
            .annotate(n=Count("pk"))
            .values_list("cohort_id", "n")
        )
        present = dict(
            Attendance.objects.filter(enrolment__in=attending, present=True)
            .values("enrolment_id")
            .annotate(n=Count("pk"))
            .values_list("enrolment_id", "n")
        )
    coursework = [e for e in enrolments if _needs_coursework(e.cohort)]
    done_keys: dict[int, set[str]] = defaultdict(set)
    if coursework:
        for enrolment_id, key in ModuleProgress.objects.filter(
            enrolment__in=coursework
        ).values_list("enrolment_id", "module__translation_key"):
            done_keys[enrolment_id].add(str(key))
    if modules is None and coursework:
        courses = {e.cohort.course_id: e.cohort.course for e in coursework}
        by_course: dict[int, list[ModulePage]] = defaultdict(list)
        condition = Q()
        for course in courses.values():
            condition |= Q(path__startswith=course.path, depth=course.depth + 1)
        paths = {course.path: pk for pk, course in courses.items()}
        for module in ModulePage.objects.live().filter(condition).order_by("path"):
            by_course[paths[_parent_path(module.path)]].append(module)
        modules = {e.pk: by_course[e.cohort.course_id] for e in coursework}
    provided: dict[int, list[RequirementItem]] = defaultdict(list)
    if coursework:
        for provider in requirement_providers.providers():
            batch = getattr(provider, "items_for", None)
            if batch is not None:
                for pk, found in batch(enrolments=coursework).items():
                    provided[pk].extend(found)
            else:
                for enrolment in coursework:
                    provided[enrolment.pk].extend(provider.items(enrolment=enrolment))
    result: dict[int, list[RequirementItem]] = {pk: [] for pk in ids}
    for enrolment in enrolments:
        items = result[enrolment.pk]
        cohort = enrolment.cohort
        if cohort.records_attendance:
            summary = AttendanceSummary(
                days=days.get(cohort.pk, 0),
                present=present.get(enrolment.pk, 0),
                threshold=cohort.attendance_threshold,
            )
            items.append(
                RequirementItem(
                    kind="attendance",
                    label=gettext("Attendance"),
                    met=summary.met,
                    detail=gettext("%(percent)d %% of %(days)d days; %(threshold)d %% needed")
                    % {
                        "percent": summary.percent,
                        "days": summary.days,
                        "threshold": summary.threshold,
                    },
                )
            )
        if _needs_coursework(cohort):
            mine = done_keys[enrolment.pk]
            items.extend(
                RequirementItem(
                    kind="module",
                    label=module.title,
                    met=str(module.translation_key) in mine,
                    page=module,
                )
                for module in (modules or {}).get(enrolment.pk, [])
                if module.required
            )
            items.extend(provided[enrolment.pk])
    return result


@dataclass
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @classmethod
    def of(cls, items: list[RequirementItem]) -> Progress:
        """How many of a learner's requirements are met."""
        return cls(done=sum(1 for item in items if item.met), total=len(items))


_STATUS_RANK = {
    EnrolmentStatus.ACTIVE: 0,
    EnrolmentStatus.WAITLISTED: 1,
    EnrolmentStatus.WITHDRAWN: 2,
}


def _counting_enrolment(enrolments) -> Enrolment | None:
    """Of one person's enrolments in a course, the one that counts.

    Active first, then waitlisted, then withdrawn; a completed one before one
    that is not; the newest last.
    """
    ranked = sorted(
        enrolments, key=lambda e: (_STATUS_RANK[e.status], e.completed_at is None, -e.pk)
    )
    return ranked[0] if ranked else None


def participant_course_enrolment(*, participant, course: CoursePage) -> Enrolment | None:
    """The participant's enrolment in ``course`` that counts: active first, then waitlisted."""
    if participant is None:
        return None
    return _counting_enrolment(
        Enrolment.objects.filter(participant=participant, cohort__course=course).select_related(
            "cohort"
        )
    )


def reader_course_progress(*, user, course: CoursePage) -> tuple[Enrolment | None, set[str]]:
    """The reader's enrolment in ``course`` that counts, and the modules done in it.

    One query, whatever the number of modules done: the enrolments of the
    reader's participant in the course, one row per module done.

    Args:
        user: the reader; anonymous readers and accounts without a participant
            get ``(None, set())`` (no query for anonymous ones).
        course: the course as read; the enrolment hangs on its original
            (``source_page``, which costs no query in the default language).

    Returns:
        The enrolment (its status and completion loaded; its cohort not) and the
        translation keys (as strings) of the modules done, which match in every
        language.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None, set()
    rows = (
        Enrolment.objects.filter(
            participant__user=user,
            participant__anonymised_at__isnull=True,
            cohort__course=course.source_page,
        )
        # What the page reads; no ORDER BY (the one that counts is chosen below).
        .only("pk", "cohort_id", "status", "completed_at")
        .order_by()
        .annotate(done_key=F("module_progress__module__translation_key"))
    )
    enrolments: dict[int, Enrolment] = {}
    done: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        enrolments.setdefault(row.pk, row)
        if row.done_key is not None:
            done[row.pk].add(str(row.done_key))
    enrolment = _counting_enrolment(enrolments.values())
    return enrolment, (done[enrolment.pk] if enrolment is not None else set())


def cohort_self_enrolment_refusal(*, cohort: Cohort, today=None) -> str | None:
    """Why a learner may not enrol themselves in ``cohort``, or None when they may.

    Learners enrol themselves only in self-paced cohorts and in open cohorts
    that have not started; everyone else is enrolled by the cohort's staff
    (invitation, import, the attendance sheet), so that a past workshop's
    figures cannot be changed by anyone who signs up.
    """
    if cohort.mode == CohortMode.SELF_PACED:
        return None
    today = today or timezone.localdate()
    if cohort.end_date and cohort.end_date < today:
        reason = gettext("This cohort has ended.")
    elif cohort.start_date and cohort.start_date <= today:
        reason = gettext("This cohort has already started.")
    elif not cohort.open_for_enrolment:
        reason = gettext("This cohort does not take sign-ups.")
    else:
        return None
    return " ".join(
        [
            str(reason),
            str(
                gettext(
                    "Its participants are enrolled by its organisers: ask the course's "
                    "instructors or the programme secretariat to add you."
                )
            ),
        ]
    )


def enrol_confirm_context(*, participant, cohort: Cohort) -> dict:
    """The learner's enrolment in ``cohort`` (if any), whether it is full, and any refusal."""
    enrolment = (
        Enrolment.objects.filter(participant=participant, cohort=cohort)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .first()
    )
    active = cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE).count()
    return {
        "cohort": cohort,
        "enrolment": enrolment,
        "is_full": cohort.capacity is not None and active >= cohort.capacity,
        "refusal": cohort_self_enrolment_refusal(cohort=cohort),
    }


# --- Catalogue -------------------------------------------------------------------


@dataclass
class CourseCard:
    course: CoursePage
    module_count: int
    languages: list[str]
    modes: list[str]
    next_cohort: Cohort | None


def catalogue_courses(
    *,
    index_page: CourseIndexPage,
    q: str = "",
    topic: str = "",
    level: str = "",
    language: str = "",
    mode: str = "",
    upcoming: bool = False,
) -> list[CourseCard]:
    """The live courses of the catalogue matching the filters, as cards.

    ``index_page`` is the catalogue in the language being read; its courses are
    translations or aliases of the originals, which hold the cohorts, so cohort
    filters and dates are looked up through the translation key.

    Args:
        q: search words (Wagtail search over title, summary and outcomes; text in
            Chinese, Japanese or Korean, written without spaces, is also matched
            as a substring).
        topic, level: a ``CourseTopic`` / ``CourseLevel`` value.
        language: a language code from ``settings.LANGUAGES``: courses with a
            translation in it, or taught in it.
        mode: a ``CohortMode`` value; courses with a cohort of that mode.
        upcoming: only courses with a cohort starting today or later.
    """
    today = timezone.localdate()
    courses = CoursePage.objects.live().public().child_of(index_page)
    if topic:
        courses = courses.filter(topic=topic)
    if level:
        courses = courses.filter(level=level)
    if language:
        translated = CoursePage.objects.live().filter(
            locale__language_code=language, alias_of__isnull=True
        )
        courses = courses.filter(
            Q(translation_key__in=translated.values("translation_key"))
            | Q(languages__language=language)
        )
    if mode:
        courses = courses.filter(
            translation_key__in=CoursePage.objects.filter(cohorts__mode=mode).values(
                "translation_key"
            )
        )
    if upcoming:
        courses = courses.filter(
            translation_key__in=CoursePage.objects.filter(cohorts__start_date__gte=today).values(
                "translation_key"
            )
        )
    ranking: dict[int, int] | None = None
    if q:
        hits = CoursePage.objects.live().child_of(index_page).search(q)
        ranking = {page.pk: position for position, page in enumerate(hits)}
        matched = Q(pk__in=list(ranking))
        if CJK.search(q):
            matched |= Q(title__icontains=q) | Q(summary__icontains=q)
        courses = courses.filter(matched)
    courses = (
        courses.distinct()
        .select_related("image")
        .prefetch_related("image__renditions", "languages")
        .order_by("path")
    )
    course_list = list(courses)
    if ranking is not None:
        course_list.sort(key=lambda c: ranking.get(c.pk, len(ranking)))

    keys = [c.translation_key for c in course_list]
    cohorts_by_key: dict = defaultdict(list)
    languages_by_key: dict = defaultdict(set)
    module_counts: dict[str, int] = defaultdict(int)
    if course_list:
        for cohort in (
            Cohort.objects.filter(course__translation_key__in=keys)
            .filter(Q(mode=CohortMode.SELF_PACED) | Q(start_date__gte=today))
            .annotate(course_key=F("course__translation_key"))
        ):
            cohorts_by_key[cohort.course_key].append(cohort)
        for key, code in (
            CoursePage.objects.live()
            .filter(translation_key__in=keys, alias_of__isnull=True)
            .values_list("translation_key", "locale__language_code")
        ):
            languages_by_key[key].add(code)
        for path in (
            ModulePage.objects.live()
            .public()
            .descendant_of(index_page)
            .filter(depth=index_page.depth + 2)
            .values_list("path", flat=True)
        ):
            module_counts[_parent_path(path)] += 1

    cards = []
    for course in course_list:
        open_cohorts = cohorts_by_key[course.translation_key]
        dated = [c for c in open_cohorts if c.start_date]
        modes = sorted({c.mode for c in open_cohorts})
        codes = languages_by_key[course.translation_key] | {
            lang.language for lang in course.languages.all()
        }
        cards.append(
            CourseCard(
                course=course,
                module_count=module_counts[course.path],
                languages=[str(label) for code, label in settings.LANGUAGES if code in codes],
                modes=[CohortMode(m).label for m in modes],
                next_cohort=min(dated, key=lambda c: c.start_date) if dated else None,
            )
        )
    return cards


# --- Course page ---------------------------------------------------------------


def course_page_context(*, course: CoursePage, user) -> dict:
    """What the course page shows: modules, cohorts with places left, and the learner's state."""
    today = timezone.localdate()
    # ``course`` is the page being read (maybe a translation); learner data hangs
    # on the original.
    source = course.source_page
    modules = list(course_modules(course=course))
    cohorts = list(
        source.cohorts.filter(
            Q(mode=CohortMode.SELF_PACED) | Q(end_date__gte=today) | Q(start_date__gte=today)
        ).annotate(
            active_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACTIVE))
        )
    )
    for cohort in cohorts:
        cohort.places_left = (
            None if cohort.capacity is None else max(cohort.capacity - cohort.active_count, 0)
        )
    participant = participant_for_user(user)
    enrolments = []
    done: set[int] = set()
    if participant is not None:
        enrolments = list(
            Enrolment.objects.filter(participant=participant, cohort__course=source)
            .exclude(status=EnrolmentStatus.WITHDRAWN)
            .select_related("cohort")
        )
        done_keys = set(
            ModuleProgress.objects.filter(enrolment__in=enrolments).values_list(
                "module__translation_key", flat=True
            )
        )
        done = {m.pk for m in modules if m.translation_key in done_keys}
    by_cohort = {e.cohort_id: e for e in enrolments}
    for cohort in cohorts:
        cohort.my_enrolment = by_cohort.get(cohort.pk)
        cohort.enrol_refusal = cohort_self_enrolment_refusal(cohort=cohort, today=today)
    next_module = next((m for m in modules if m.pk not in done), None)
    # What stands between the learner and completion: every requirement, not
    # only the modules (a required quiz or assignment may still be open).
    counting = _counting_enrolment(e for e in enrolments if e.status == EnrolmentStatus.ACTIVE)
    requirements: list[RequirementItem] = []
    if counting is not None:
        counting.cohort.course = source
        requirements = enrolments_requirement_items(
            enrolments=[counting], modules={counting.pk: modules}
        )[counting.pk]
    progress = Progress.of(requirements)
    return {
        "modules": modules,
        "done_module_ids": done,
        "cohorts": cohorts,
        "instructors": list(source.instructors.select_related("user")),
        "course_languages": list(source.languages.all()),
        "course_tags": list(source.tags.all()),
        "participant": participant,
        "enrolments": enrolments,
        "is_enrolled": any(e.status == EnrolmentStatus.ACTIVE for e in enrolments),
        "progress": progress,
        "next_module": next_module,
        "counting_enrolment": counting,
        "requirements": requirements,
    }


# --- Module page -----------------------------------------------------------------


OUTLINE_CACHE_SECONDS = 600


def outline_cache_key(course_id: int) -> str:
    return f"courses:outline:{course_id}"


def course_outline(*, course: CoursePage) -> list[tuple[int, str, str, bool, str]]:
    """The course's live modules as (pk, title, slug, required, translation key), in order.

    Cached.

    Every module page shows the outline, so it is kept in the cache and dropped
    (see ``courses.handlers``) when a page of the course is published,
    unpublished, moved or deleted, or a view restriction changes. The reader
    may see the module being served, so every ancestor's view restriction is
    already passed; siblings restricted on their own are left out.
    """
    key = outline_cache_key(course.pk)
    outline = cache.get(key)
    if outline is None:
        outline = list(
            ModulePage.objects.live()
            .child_of(course)
            .exclude(Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))
            .order_by("path")
            .values_list("pk", "title", "slug", "required", "translation_key")
        )
        cache.set(key, outline, OUTLINE_CACHE_SECONDS)
    return outline


@dataclass(frozen=True)
class ModuleLink:
    """A module in a course's outline: enough to link to it, without loading the page."""

    pk: int
    title: str
    url: str
    required: bool
    key: str  # translation key, shared with the module's translations


def module_page_context(*, module: ModulePage, user, url: str | None = None) -> dict:
    """Previous and next module, the learner's enrolment and progress, for a module page.

    Args:
        module: the module being read.
        user: the reader (anonymous or not).
        url: the module's own URL, from which the course's and the siblings' URLs
            follow without loading their pages.
    """
    course = module.routed_parent  # set while routing (RoutedParentMixin)
    if not isinstance(course, CoursePage):
        course = CoursePage.objects.get(path=_parent_path(module.path))
    url = url if url is not None else module.url or ""
    slash = "/" if url.endswith("/") else ""
    course_url = url.rstrip("/").rsplit("/", 1)[0] + "/"
    siblings = [
        ModuleLink(
            pk=pk, title=title, url=f"{course_url}{slug}{slash}", required=required, key=str(key)
        )
        for pk, title, slug, required, key in course_outline(course=course)
    ]
    position = next((i for i, m in enumerate(siblings) if m.pk == module.pk), None)
    previous_module = siblings[position - 1] if position else None
    next_module = (
        siblings[position + 1] if position is not None and position + 1 < len(siblings) else None
    )
    enrolment, done_keys = reader_course_progress(user=user, course=course)
    done = {m.pk for m in siblings if m.key in done_keys}
    required = [m for m in siblings if m.required]
    return {
        "course": course,
        "course_url": course_url,
        "siblings": siblings,
        "module_position": (position or 0) + 1,
        "module_count": len(siblings),
        "previous_module": previous_module,
        "next_module": next_module,
        "enrolment": enrolment,
        "can_mark_done": enrolment is not None and enrolment.status == EnrolmentStatus.ACTIVE,
        "is_done": module.pk in done,
        "done_module_ids": done,
        "progress": Progress(done=sum(1 for m in required if m.pk in done), total=len(required)),
    }


# --- Dashboard -------------------------------------------------------------------


@dataclass
class DashboardCourse:
    enrolment: Enrolment
    course: CoursePage
    progress: Progress
    next_module: ModulePage | None
    modules: list[ModulePage] = field(default_factory=list)
    requirements: list[RequirementItem] = field(default_factory=list)


@dataclass
class UpcomingDate:
    date: date
    cohort: Cohort
    label: str


def _localize_rows(rows: list[DashboardCourse], language: str) -> None:
    """Point the dashboard's links at the pages in the language being read.

    Enrolments hang on the original course; where a translation (or an alias)
    exists in ``language`` the learner is sent there instead. A fixed number of
    queries, whatever the number of courses.
    """
    if not rows or language == settings.LANGUAGE_CODE:
        return
    keys = {r.course.translation_key for r in rows}
    keys |= {m.translation_key for r in rows for m in r.modules}
    local = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .specific()
    }
    for row in rows:
        row.course = local.get(row.course.translation_key, row.course)
        row.modules = [local.get(m.translation_key, m) for m in row.modules]
        if row.next_module is not None:
            row.next_module = local.get(row.next_module.translation_key, row.next_module)


def dashboard_context(*, participant) -> dict:
    """The learner's dashboard: courses, progress, next steps, upcoming dates.

    ``sections`` holds what the apps registered in ``courses.dashboard`` add
    (the certificates app: the learner's certificates).
    """
    today = timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(participant=participant)
        .filter(~Q(status=EnrolmentStatus.WITHDRAWN) | Q(completed_at__isnull=False))
        .select_related("cohort", "cohort__course")
        .order_by("-enrolled_at")
    )
    courses = {e.cohort.course.path: e.cohort.course for e in enrolments}
    modules_by_course: dict[str, list[ModulePage]] = defaultdict(list)
    if courses:
        path_length = len(next(iter(courses)))
        # Courses sit at one depth, so one query finds all their modules.
        modules = (
            ModulePage.objects.live()
            .public()
            .annotate(parent_path=Substr("path", 1, path_length))
            .filter(parent_path__in=list(courses), depth=len(next(iter(courses))) // STEPLEN + 1)
            .only(
                "pk",
                "title",
                "slug",
                "path",
                "depth",
                "url_path",
                "required",
                "locale_id",
                "translation_key",
            )
            .order_by("path")
        )
        for module in modules:
            modules_by_course[module.parent_path].append(module)
    done: dict[int, set[int]] = defaultdict(set)
    for enrolment_id, module_id in ModuleProgress.objects.filter(
        enrolment__in=enrolments
    ).values_list("enrolment_id", "module_id"):
        done[enrolment_id].add(module_id)

    rows = []
    for enrolment in enrolments:
        course = enrolment.cohort.course
        modules = modules_by_course[course.path]
        mine = done[enrolment.pk]
        required = [m for m in modules if m.required]
        rows.append(
            DashboardCourse(
                enrolment=enrolment,
                course=course,
                modules=modules,
                progress=Progress(
                    done=sum(1 for m in required if m.pk in mine), total=len(required)
                ),
                next_module=next((m for m in modules if m.pk not in mine), None),
            )
        )
    _localize_rows(rows, get_language())
    # The modules, quizzes, assignments and attendance each course still asks
    # for; progress counts all of them, not the modules alone.
    requirements = enrolments_requirement_items(
        enrolments=[r.enrolment for r in rows],
        modules={r.enrolment.pk: r.modules for r in rows},
    )
    for row in rows:
        row.requirements = requirements[row.enrolment.pk]
        row.progress = Progress.of(row.requirements)
    in_progress = [r for r in rows if not r.enrolment.is_complete]
    completed = [r for r in rows if r.enrolment.is_complete]

    active_cohorts = {
        e.cohort_id: e.cohort for e in enrolments if e.status != EnrolmentStatus.WITHDRAWN
    }
    upcoming: list[UpcomingDate] = []
    days_by_cohort: set[int] = set()
    for day in CohortDay.objects.filter(cohort_id__in=list(active_cohorts), date__gte=today):
        days_by_cohort.add(day.cohort_id)
        upcoming.append(
            UpcomingDate(date=day.date, cohort=active_cohorts[day.cohort_id], label=day.title)
        )
    for cohort in active_cohorts.values():
        if cohort.pk not in days_by_cohort and cohort.start_date and cohort.start_date >= today:
            upcoming.append(UpcomingDate(date=cohort.start_date, cohort=cohort, label=""))
    upcoming.sort(key=lambda u: u.date)

    # "Continue where I left off": the course most recently worked on.
    last = (
        ModuleProgress.objects.filter(enrolment__in=[r.enrolment for r in in_progress])
        .order_by("-completed_at")
        .values_list("enrolment_id", flat=True)
        .first()
    )
    resume = next((r for r in in_progress if r.enrolment.pk == last), None)
    if resume is None:
        resume = next((r for r in in_progress if r.next_module is not None), None)

    return {
        "participant": participant,
        "in_progress": in_progress,
        "completed": completed,
        "resume": resume if resume and resume.next_module else None,
        "upcoming": upcoming,
        "sections": [
            provider(participant=participant) for provider in dashboard_sections.providers()
        ],
    }


# --- Instructors' view of their learners ---------------------------------------------


# --- One entry per course ------------------------------------------------------------
# Each translation of a course is a page of its own; cohorts, enrolments and
# progress belong to the original. Every list of courses (pickers, filters,
# reports, "My learners") shows the original once, titled in the reader's
# language, with the languages it can be read in beside it.


def course_originals() -> QuerySet[CoursePage]:
    """One page per course: the original of each translation group.

    The original is the oldest page of the group that is not an alias, as
    ``CoursePage.source_page`` says.
    """
    earlier = CoursePage.objects.filter(
        translation_key=OuterRef("translation_key"),
        alias_of__isnull=True,
        pk__lt=OuterRef("pk"),
    )
    return CoursePage.objects.filter(alias_of__isnull=True).exclude(Exists(earlier))


def course_originals_localized(*, language: str | None = None) -> QuerySet[CoursePage]:
    """``course_originals()`` with ``display_title``: the title of its translation in
    ``language`` (default: the active one) when there is one, else its own."""
    local = CoursePage.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=language or get_language() or settings.LANGUAGE_CODE,
        alias_of__isnull=True,
    ).values("title")[:1]
    return course_originals().annotate(display_title=Coalesce(Subquery(local), F("title")))


def course_cohorts() -> QuerySet[Cohort]:
    """Every cohort of every course, once: those of the originals.

    A translated course saved before cohorts were kept on the original may
    still hold an empty self-paced cohort of its own; pickers leave it out.
    """
    enrolled = Enrolment.objects.filter(cohort=OuterRef("pk"))
    return Cohort.objects.filter(Q(course__in=course_originals()) | Exists(enrolled))


def course_title_localized(course: str = "course", *, language: str | None = None):
    """An expression for the title of the course that ``course`` (a relation of the
    rows annotated) points at, in ``language`` (default: the active one) when it is
    translated, else its own: one subquery, not one query a row."""
    local = CoursePage.objects.filter(
        translation_key=OuterRef(f"{course}__translation_key"),
        locale__language_code=language or get_language() or settings.LANGUAGE_CODE,
        alias_of__isnull=True,
    ).values("title")[:1]
    return Coalesce(Subquery(local), F(f"{course}__title"))


def course_cohorts_localized(*, language: str | None = None) -> QuerySet[Cohort]:
    """``course_cohorts()`` with ``course_display_title``: the course's title in
    ``language`` (default: the active one) when it is translated, else its own."""
    return course_cohorts().annotate(course_display_title=course_title_localized(language=language))


def course_languages(*, courses) -> dict[str, list[str]]:
    """Translation key → the codes of the languages each course is written in (live pages)."""
    keys = {course.translation_key for course in courses}
    languages: dict[str, list[str]] = defaultdict(list)
    rows = (
        CoursePage.objects.live()
        .filter(translation_key__in=keys, alias_of__isnull=True)
        .order_by("locale__language_code")
        .values_list("translation_key", "locale__language_code")
    )
    order = [code for code, _name in settings.LANGUAGES]
    for key, code in rows:
        languages[key].append(code)
    return {key: sorted(codes, key=order.index) for key, codes in languages.items()}


def course_choice_label(course: CoursePage, languages: list[str]) -> str:
    """ "Crane survey techniques (English, 日本語, Монгол)": the course once, with its languages."""
    names = ", ".join(language_name_local(code) for code in languages)
    title = getattr(course, "display_title", course.title)
    return f"{title} ({names})" if names else title


def course_choices(*, value: str = "pk", language: str | None = None) -> list[tuple]:
    """(value, label) for every course once, sorted in the reader's collation."""
    return [
        (key, label)
        for key, label, _language in course_choices_with_languages(value=value, language=language)
    ]


def course_choices_with_languages(
    *, value: str = "pk", language: str | None = None
) -> list[tuple[object, str, str]]:
    """(value, label, language of the label's title) for every course once: the
    title is in the reader's language where the course is translated, else in
    the language it is written in (a select marks such an option with ``lang``)."""
    reader = language or get_language() or settings.LANGUAGE_CODE
    courses = list(
        course_originals_localized(language=reader)
        .select_related("locale")
        # A picker needs no page content: the StreamFields are most of a page's row.
        .only("pk", "slug", "title", "translation_key", "locale__language_code")
    )
    languages = course_languages(courses=courses)
    courses.sort(key=lambda c: collation_key(c.display_title, reader))
    rows = []
    for c in courses:
        written_in = languages.get(c.translation_key, [])
        title_language = reader if reader in written_in else c.locale.language_code
        rows.append((getattr(c, value), course_choice_label(c, written_in), title_language))
    return rows


def course_ids_taught_by(user) -> list[int]:
    """Ids of the courses ``user`` is listed as an instructor of (the instructor list only).

    Registered with ``portal.accounts.permissions`` as the reader of course
    assignments; ask ``permissions.course_scope`` rather than calling this.
    """
    return list(
        CourseInstructor.objects.filter(user_id=user.pk).values_list("course_id", flat=True)
    )


def courses_taught_by(*, user) -> QuerySet[CoursePage]:
    """Courses ``user`` may see learners of: their own, or every course for the secretariat."""
    courses = course_originals_localized().order_by("display_title")
    scope = course_scope(user)
    if scope is None:
        return courses
    return courses.filter(pk__in=scope)


@dataclass
class LearnerRow:
    enrolment: Enrolment
    name: str
    country: str
    organisation: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def course_learner_rows(*, course: CoursePage) -> list[LearnerRow]:
    """Learners of ``course`` with their progress: name, country and organisation only.

    Birth year, gender and e-mail are deliberately left out: instructors see
    what they need to teach, no more.
    """
    required = required_module_ids(course=course)
    enrolments = (
        Enrolment.objects.filter(cohort__course=course)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related("cohort")
        .annotate(done=Count("module_progress", filter=Q(module_progress__module_id__in=required)))
        .only(
            "pk",
            "status",
            "enrolled_at",
            "completed_at",
            "cohort__title",
            "cohort__slug",
            "participant__given_name",
            "participant__family_name",
            "participant__native_name",
            "participant__country",
            "participant__organisation",
            "participant__anonymised_at",
        )
        .select_related("participant")
        .order_by("cohort__title", "participant__family_name", "participant__given_name")
    )
    rows = []
    for enrolment in enrolments:
        person = enrolment.participant
        rows.append(
            LearnerRow(
                enrolment=enrolment,
                name=str(person),
                country=person.country.name if person.country else "",
                organisation="" if person.anonymised_at else person.organisation,
                done=enrolment.done,
                total=len(required),
            )
        )
    return rows


@dataclass
class AttendanceImportState:
    """What a participant import needs to check and preview attendance cells.

    ``days``: the days on each cohort's sheet, in date order, by cohort id;
    ``enrolments``: (participant id, cohort id) -> enrolment;
    ``recorded``: (enrolment id, day id) -> present, for the cells recorded;
    ``free_places``: places left by cohort id (None: no limit), counting the
    waiting list as taken, since a new enrolment queues behind it.
    """

    days: dict[int, list[CohortDay]]
    enrolments: dict[tuple[int, int], Enrolment]
    recorded: dict[tuple[int, int], bool]
    free_places: dict[int, int | None]


def attendance_import_state(
    *, cohorts: list[Cohort], participant_ids: list[int]
) -> AttendanceImportState:
    """Days, enrolments, recorded attendance and free places for an import. Four queries."""
    cohort_ids = [c.pk for c in cohorts]
    days: dict[int, list[CohortDay]] = defaultdict(list)
    for day in CohortDay.objects.filter(cohort_id__in=cohort_ids).order_by("date"):
        days[day.cohort_id].append(day)
    enrolments = {
        (e.participant_id, e.cohort_id): e
        for e in Enrolment.objects.filter(
            cohort_id__in=cohort_ids, participant_id__in=participant_ids
        )
    }
    recorded = {
        (enrolment_id, day_id): present
        for enrolment_id, day_id, present in Attendance.objects.filter(
            enrolment_id__in=[e.pk for e in enrolments.values()]
        ).values_list("enrolment_id", "day_id", "present")
    }
    return AttendanceImportState(
        days=dict(days),
        enrolments=enrolments,
        recorded=recorded,
        free_places=cohort_free_places(cohorts=cohorts),
    )


def cohort_free_places(*, cohorts: list[Cohort]) -> dict[int, int | None]:
    """Places a newcomer can still take, by cohort id (None: no limit). One query.

    Places held by the waiting list count as taken: a newcomer queues behind
    it (``services.enrolment_create`` and ``enrolments_import`` apply this).
    """
    taken = dict(
        Enrolment.objects.filter(
            cohort_id__in=[c.pk for c in cohorts],
            status__in=[EnrolmentStatus.ACTIVE, EnrolmentStatus.WAITLISTED],
        )
        .values("cohort_id")
        .annotate(n=Count("pk"))
        .values_list("cohort_id", "n")
    )
    return {
        c.pk: None if c.capacity is None else max(c.capacity - taken.get(c.pk, 0), 0)
        for c in cohorts
    }


def participant_cohort_enrolments(
    *, pairs: set[tuple[int, int]]
) -> dict[tuple[int, int], Enrolment]:
    """The enrolments (with their cohorts) of the given (participant id, cohort id) pairs."""
    if not pairs:
        return {}
    found = Enrolment.objects.filter(
        participant_id__in={p for p, _c in pairs}, cohort_id__in={c for _p, c in pairs}
    ).select_related("cohort")
    return {
        (e.participant_id, e.cohort_id): e
        for e in found
        if (e.participant_id, e.cohort_id) in pairs
    }


def cohort_attendance_sheet(*, cohort: Cohort) -> dict:
    """The rows (active enrolments) and columns (days) of a cohort's attendance sheet."""
    days = list(cohort.days.all())
    enrolments = list(
        cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE)
        .select_related("participant")
        .order_by("participant__family_name", "participant__given_name")
    )
    present = set(
        Attendance.objects.filter(day__cohort=cohort, present=True).values_list(
            "enrolment_id", "day_id"
        )
    )
    rows = []
    for enrolment in enrolments:
        cells = [(day, (enrolment.pk, day.pk) in present) for day in days]
        attended = sum(1 for _day, ticked in cells if ticked)
        rows.append(
            {
                "enrolment": enrolment,
                "cells": cells,
                "attended": attended,
                "percent": round(100 * attended / len(days)) if days else 0,
                "met": attendance_threshold_met(
                    present=attended, days=len(days), threshold=cohort.attendance_threshold
                ),
            }
        )
    return {"days": days, "rows": rows}


# --- Gradebook ---------------------------------------------------------------------


@dataclass
class GradebookRow:
    enrolment: Enrolment
    values: list[object]
    weighted: Decimal | None


@dataclass
class Gradebook:
    cohort: Cohort
    columns: list
    rows: list[GradebookRow]


def cohort_gradebook(*, cohort: Cohort) -> Gradebook:
    """One row per enrolled participant of ``cohort``: each column the apps registered
    (``courses.gradebook``), a weighted total of the graded ones, then completion.

    A fixed number of queries, whatever the number of learners.
    """
    from .gradebook import gradebook_columns

    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .exclude(status=EnrolmentStatus.WITHDRAWN, completed_at__isnull=True)
        .select_related("participant", "cohort")
        .order_by("participant__family_name", "participant__given_name", "pk")
    )
    columns = []
    for provider in gradebook_columns.providers():
        columns.extend(provider(cohort=cohort, enrolments=enrolments))
    rows = []
    for enrolment in enrolments:
        values = [column.values.get(enrolment.pk) for column in columns]
        total = weights = Decimal(0)
        for column, value in zip(columns, values, strict=True):
            if column.graded and column.weight:
                weights += column.weight
                total += column.weight * Decimal(value or 0)
        weighted = (total / weights).quantize(Decimal("0.01")) if weights else None
        rows.append(GradebookRow(enrolment=enrolment, values=values, weighted=weighted))
    return Gradebook(cohort=cohort, columns=columns, rows=rows)


# --- The personal-data download (portal.registry.personal_data) -------------

PERSONAL_DATA_COVERS = (
    "courses.Enrolment.participant",
    "courses.ModuleProgress.enrolment",
    "courses.Attendance.enrolment",
    "courses.CourseInstructor.user",
)
PERSONAL_DATA_OMITS = {
    "courses.Attendance.recorded_by": (
        "Attendance a staff member recorded for other people: it concerns those people"
    ),
}


def courses_personal_data(participant) -> dict[str, list[dict]]:
    """The person's enrolments, module progress, attendance and the courses they teach."""
    from .models import Attendance, CourseInstructor, Enrolment, ModuleProgress

    enrolments = Enrolment.objects.filter(participant=participant).select_related("cohort__course")
    return {
        "courses.enrolments": [
            {
                "course": e.cohort.course.title,
                "cohort": e.cohort.title,
                "status": e.status,
                "enrolled_at": e.enrolled_at,
                "status_changed_at": e.status_changed_at,
                "completed_at": e.completed_at,
            }
            for e in enrolments.order_by("enrolled_at", "pk")
        ],
        "courses.module_progress": [
            {
                "cohort": p.enrolment.cohort.title,
                "module": p.module.title,
                "done_at": p.completed_at,
            }
            for p in ModuleProgress.objects.filter(enrolment__participant=participant)
            .select_related("enrolment__cohort", "module")
            .order_by("completed_at", "pk")
        ],
        "courses.attendance": [
            {
                "cohort": a.enrolment.cohort.title,
                "date": a.day.date,
                "present": a.present,
                "recorded_at": a.recorded_at,
            }
            for a in Attendance.objects.filter(enrolment__participant=participant)
            .select_related("enrolment__cohort", "day")
            .order_by("day__date", "pk")
        ],
        "courses.teaching": [
            {"course": role.course.title}
            for role in CourseInstructor.objects.filter(user_id=participant.user_id)
            .select_related("course")
            .order_by("pk")
        ]
        if participant.user_id
        else [],
    }
