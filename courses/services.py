"""Writes for courses: enrolment, progress, attendance and completion.

Every change to an enrolment goes through a function here. Completion is set
in one place only, :func:`enrolment_completion_update`, and is never taken
away once earned.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.accounts.services import course_team_group_name, instructor_assign, instructor_unassign

from .models import (
    Attendance,
    Cohort,
    CohortDay,
    CohortMode,
    CoursePage,
    Enrolment,
    EnrolmentStatus,
    ModulePage,
    ModuleProgress,
)
from .signals import cohorts_changed, enrolment_completed, enrolments_changed

# --- Courses ---------------------------------------------------------------


def self_paced_cohort_slug(course: CoursePage) -> str:
    return f"{course.slug}-self-paced"[:80]


@transaction.atomic
def course_self_paced_cohort_ensure(*, course: CoursePage) -> Cohort:
    """Return the course's self-paced cohort, creating it if it is missing.

    Every course has one, so that a learner can always enrol without waiting
    for a scheduled delivery. Idempotent. A translation's cohort is its
    original's: cohorts, enrolments and progress belong to the course, not to
    a language's copy of it.
    """
    course = course.source_page
    cohort = Cohort.objects.filter(course=course, mode=CohortMode.SELF_PACED).first()
    if cohort is not None:
        return cohort
    slug = self_paced_cohort_slug(course)
    if Cohort.objects.filter(slug=slug).exists():
        slug = f"{slug[:70]}-{course.pk}"
    cohort = Cohort(
        course=course,
        slug=slug,
        title=_("%(course)s (self-paced)") % {"course": course.title},
        mode=CohortMode.SELF_PACED,
    )
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def course_instructors_sync(*, course: CoursePage) -> None:
    """Give the course's listed instructors edit rights on it, and take them from the rest.

    Called when a course is created or edited (see ``wagtail_hooks``) and by
    the demo loader. Rights come from ``portal.accounts.services.instructor_assign``
    so that they live in the course's team group.
    """
    listed = {row.user_id for row in course.instructors.all()}
    for user in User.objects.filter(pk__in=listed):
        instructor_assign(instructor=user, page=course)
    removed = User.objects.filter(groups__name=course_team_group_name(course)).exclude(
        pk__in=listed
    )
    for user in removed:
        instructor_unassign(instructor=user, page=course)


def course_saved(*, course: CoursePage) -> None:
    """Everything that follows from saving a course: its self-paced cohort and its team."""
    course_self_paced_cohort_ensure(course=course)
    course_instructors_sync(course=course)


def course_completions_update(*, course: CoursePage) -> int:
    """Recompute completion for every unfinished active enrolment in ``course``.

    Run after the course's content changes (a module added, removed or made
    optional). Completions already earned stay.

    Returns:
        How many enrolments became complete.
    """
    newly = 0
    pending = Enrolment.objects.filter(
        cohort__course=course, status=EnrolmentStatus.ACTIVE, completed_at__isnull=True
    ).select_related("cohort", "participant")
    for enrolment in pending.iterator():
        if enrolment_completion_update(enrolment=enrolment):
            newly += 1
    return newly


# --- Enrolment ---------------------------------------------------------------


def _active_count(cohort: Cohort) -> int:
    return cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE).count()


def _locked_cohort(cohort: Cohort) -> Cohort:
    # Serialises enrolments in one cohort so that two learners cannot both take
    # the last place (PostgreSQL row lock; SQLite takes the write lock anyway).
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


@transaction.atomic
def enrolment_create(*, participant, cohort: Cohort, acting_user=None) -> Enrolment:
    """Enrol ``participant`` in ``cohort``, or put them on its waiting list when it is full.

    Idempotent: an existing active or waitlisted enrolment is returned as it
    is. A withdrawn enrolment is re-opened (active if there is a place,
    otherwise waitlisted), so that progress made before withdrawing is kept.

    Args:
        participant: the ``registry.Participant`` to enrol.
        cohort: the cohort; its course must be live.
        acting_user: who did it (the learner, or the secretariat importing a list).

    Raises:
        ValidationError: the participant is anonymised or the course is not live.
    """
    if participant.anonymised_at is not None:
        raise ValidationError(_("An anonymised participant cannot be enrolled."))
    cohort = _locked_cohort(cohort)
    existing = Enrolment.objects.filter(participant=participant, cohort=cohort).first()
    if existing is not None and existing.status != EnrolmentStatus.WITHDRAWN:
        return existing

    full = cohort.capacity is not None and _active_count(cohort) >= cohort.capacity
    has_queue = cohort.enrolments.filter(status=EnrolmentStatus.WAITLISTED).exists()
    status = EnrolmentStatus.WAITLISTED if (full or has_queue) else EnrolmentStatus.ACTIVE
    now = timezone.now()
    if existing is not None:
        existing.status = status
        existing.status_changed_at = now
        existing.enrolled_at = now
        existing.save(update_fields=["status", "status_changed_at", "enrolled_at"])
        enrolment = existing
    else:
        enrolment = Enrolment(
            participant=participant,
            cohort=cohort,
            status=status,
            enrolled_at=now,
            status_changed_at=now,
        )
        enrolment.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                enrolment.save()
        except IntegrityError:
            # A second request of the same learner won the race: theirs stands.
            return Enrolment.objects.get(participant=participant, cohort=cohort)
    if status == EnrolmentStatus.WAITLISTED and not full:
        cohort_waitlist_promote(cohort=cohort)
        enrolment.refresh_from_db()
    enrolments_changed.send_changes(sender=Enrolment, enrolment_ids=[enrolment.pk])
    return enrolment


@transaction.atomic
def enrolments_import(
    *, pairs: list[tuple[Any, Cohort]], acting_user=None
) -> dict[tuple[int, int], Enrolment]:
    """Enrol many participants at once: the bulk variant of ``enrolment_create``.

    The same rule for places: per cohort, in the order given, a new enrolment
    takes a free place while there is one (places held by the waiting list
    count as taken, since newcomers queue behind it) and joins the waiting
    list after that (``selectors.cohort_free_places``). The cohorts are locked
    for the transaction. A pair that is already enrolled (in any state) is
    left as it is: re-opening a withdrawal goes through ``enrolment_create``.
    The report's facts are refreshed once for all of them.

    Args:
        pairs: (``registry.Participant``, cohort) in the order places are given.
        acting_user: who enrols them (the secretariat importing a list).

    Returns:
        The enrolments of every pair, new or existing, by (participant id, cohort id).

    Raises:
        ValidationError: a participant is anonymised.
    """
    from .selectors import cohort_free_places

    if not pairs:
        return {}
    anonymised = [p for p, _c in pairs if p.anonymised_at is not None]
    if anonymised:
        raise ValidationError(_("An anonymised participant cannot be enrolled."))
    cohorts = {
        c.pk: c for c in Cohort.objects.select_for_update().filter(pk__in={c.pk for _p, c in pairs})
    }
    found = {
        (e.participant_id, e.cohort_id): e
        for e in Enrolment.objects.filter(
            cohort_id__in=cohorts, participant_id__in={p.pk for p, _c in pairs}
        )
    }
    free = cohort_free_places(cohorts=list(cohorts.values()))
    now = timezone.now()
    new = []
    for participant, cohort in pairs:
        key = (participant.pk, cohort.pk)
        if key in found:
            continue
        places = free[cohort.pk]
        status = (
            EnrolmentStatus.ACTIVE if places is None or places > 0 else EnrolmentStatus.WAITLISTED
        )
        if places:
            free[cohort.pk] = places - 1
        enrolment = Enrolment(
            participant=participant,
            cohort=cohorts[cohort.pk],
            status=status,
            enrolled_at=now,
            status_changed_at=now,
        )
        # As enrolment_create checks; the two keys are rows in hand (no query
        # each), and the one-per-pair rule is the table's constraint.
        enrolment.full_clean(exclude=["participant", "cohort"], validate_constraints=False)
        found[key] = enrolment
        new.append(enrolment)
    Enrolment.objects.bulk_create(new, batch_size=500)
    enrolments_changed.send_changes(sender=Enrolment, enrolment_ids=[e.pk for e in new])
    return found


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, acting_user=None) -> Enrolment:
    """Withdraw from a cohort (or leave its waiting list); frees the place for the next in line.

    Progress, attendance and a completion already earned are kept. Idempotent.
    """
    cohort = _locked_cohort(enrolment.cohort)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        return enrolment
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.status_changed_at = timezone.now()
    enrolment.save(update_fields=["status", "status_changed_at"])
    enrolments_changed.send_changes(sender=Enrolment, enrolment_ids=[enrolment.pk])
    cohort_waitlist_promote(cohort=cohort)
    return enrolment


@transaction.atomic
def cohort_waitlist_promote(*, cohort: Cohort) -> list[Enrolment]:
    """Move waitlisted learners up, first come first served, while there are places.

    Called after a withdrawal and after the secretariat raises the capacity.

    Returns:
        The enrolments that became active.
    """
    cohort = _locked_cohort(cohort)
    waiting = cohort.enrolments.filter(status=EnrolmentStatus.WAITLISTED).order_by(
        "enrolled_at", "pk"
    )
    if cohort.capacity is None:
        free = None
    else:
        free = max(cohort.capacity - _active_count(cohort), 0)
        waiting = waiting[:free]
    promoted = list(waiting)
    now = timezone.now()
    for enrolment in promoted:
        enrolment.status = EnrolmentStatus.ACTIVE
        enrolment.status_changed_at = now
        enrolment.save(update_fields=["status", "status_changed_at"])
    enrolments_changed.send_changes(sender=Enrolment, enrolment_ids=[e.pk for e in promoted])
    return promoted


# --- Progress ------------------------------------------------------------------


@transaction.atomic
def module_mark_done(*, enrolment: Enrolment, module: ModulePage) -> ModuleProgress:
    """Record that the learner has finished ``module``; then update completion.

    Idempotent: marking a module done twice keeps the first date.

    Raises:
        PermissionDenied: the enrolment is not active (waitlisted or withdrawn).
        ValidationError: the module is not part of the enrolment's course.
    """
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise PermissionDenied(_("Only an active enrolment can record progress."))
    if not module.is_descendant_of(enrolment.cohort.course):
        raise ValidationError(_("This module is not part of the course you are enrolled in."))
    progress, _created = ModuleProgress.objects.get_or_create(enrolment=enrolment, module=module)
    enrolment_completion_update(enrolment=enrolment)
    return progress


# --- Attendance ----------------------------------------------------------------


@transaction.atomic
def cohort_day_create(*, cohort: Cohort, date, title: str = "") -> CohortDay:
    """Add a teaching day to an in-person or blended cohort. Idempotent per date.

    Raises:
        ValidationError: the cohort does not record attendance, or the date is
            outside the cohort's dates.
    """
    if not cohort.records_attendance:
        raise ValidationError(_("Only in-person and blended cohorts have attendance days."))
    if (cohort.start_date and date < cohort.start_date) or (
        cohort.end_date and date > cohort.end_date
    ):
        raise ValidationError(_("The day must fall within the cohort's dates."))
    day, created = CohortDay.objects.get_or_create(
        cohort=cohort, date=date, defaults={"title": title}
    )
    if not created and title and day.title != title:
        day.title = title
        day.save(update_fields=["title"])
    return day


def _attendance_write(*, enrolment: Enrolment, day: CohortDay, present: bool, acting_user) -> bool:
    if day.cohort_id != enrolment.cohort_id:
        raise ValidationError(_("This day belongs to another cohort."))
    current = Attendance.objects.filter(enrolment=enrolment, day=day).first()
    if current is not None and current.present == present:
        return False
    Attendance.objects.update_or_create(
        enrolment=enrolment,
        day=day,
        defaults={"present": present, "recorded_by": acting_user, "recorded_at": timezone.now()},
    )
    return True


@transaction.atomic
def attendance_record(
    *, enrolment: Enrolment, day: CohortDay, present: bool, acting_user
) -> Attendance:
    """Record whether ``enrolment``'s participant was present on ``day``; then update completion.

    Raises:
        ValidationError: the day belongs to another cohort.
    """
    _attendance_write(enrolment=enrolment, day=day, present=present, acting_user=acting_user)
    enrolment_completion_update(enrolment=enrolment)
    return Attendance.objects.get(enrolment=enrolment, day=day)


@transaction.atomic
def enrolment_attendance_set(
    *,
    enrolment: Enrolment,
    present_dates: Iterable[datetime.date],
    acting_user,
    notify: bool = True,
) -> int:
    """Record one participant's row of the attendance sheet; then update completion.

    Present on the cohort's days in ``present_dates``, absent on its other
    days: what ticking that row of the sheet would record (the participant
    import fills attendance through this).

    Args:
        notify: False to complete without e-mailing the certificate earned
            (a past workshop's attendance; see ``enrolment_completion_update``).

    Returns:
        How many cells changed (0 when the row already reads so).

    Raises:
        ValidationError: the enrolment is not active, or a date is not one of
            its cohort's days.
    """
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise ValidationError(_("Attendance is recorded only for an active enrolment."))
    wanted = set(present_dates)
    days = list(CohortDay.objects.filter(cohort_id=enrolment.cohort_id))
    unknown = wanted - {day.date for day in days}
    if unknown:
        raise ValidationError(
            _("%(date)s is not a day of this cohort.") % {"date": min(unknown).isoformat()}
        )
    changed = 0
    for day in days:
        present = day.date in wanted
        if _attendance_write(
            enrolment=enrolment, day=day, present=present, acting_user=acting_user
        ):
            changed += 1
    if changed:
        enrolment_completion_update(enrolment=enrolment, notify=notify)
    return changed


@transaction.atomic
def attendance_sheet_save(
    *, cohort: Cohort, present: Iterable[tuple[int, int]], acting_user
) -> int:
    """Save a whole attendance sheet: ``present`` holds (enrolment id, day id) pairs ticked.

    Every other cell of the sheet (active enrolments by days) is recorded as
    absent. All or nothing.

    Returns:
        How many cells changed.
    """
    ticked = set(present)
    enrolments = list(
        cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE).select_related("cohort")
    )
    days = list(cohort.days.all())
    known = {(e.pk, d.pk) for e in enrolments for d in days}
    unknown = ticked - known
    if unknown:
        raise ValidationError(_("The sheet names a participant or a day not in this cohort."))
    changed = 0
    for enrolment in enrolments:
        touched = False
        for day in days:
            if _attendance_write(
                enrolment=enrolment,
                day=day,
                present=(enrolment.pk, day.pk) in ticked,
                acting_user=acting_user,
            ):
                changed += 1
                touched = True
        if touched:
            enrolment_completion_update(enrolment=enrolment)
    return changed


# --- Completion ----------------------------------------------------------------


def enrolment_completion_update(*, enrolment: Enrolment, notify: bool = True) -> bool:
    """Set ``completed_at`` when the enrolment meets BRIEF §2's definition; the one place that does.

    A learner completes a course when every required live module is done and
    every required assessment is passed. An in-person cohort completes on
    attendance at or above its threshold instead of modules (workshop
    participants learn on site); a blended cohort needs both. A completion
    once earned is never removed. On the transition to complete it sends
    ``courses.signals.enrolment_completed`` in the same transaction (the
    certificates app enqueues the certificate task on commit).

    Args:
        notify: passed on to the certificate issue: False issues the
            certificate without e-mailing its holder (recording a past
            workshop); ``enrolment_completed`` carries it to the certificates
            app.

    Returns:
        True when the enrolment is complete (already or now).
    """
    from .selectors import enrolment_requirements_met

    if enrolment.completed_at is not None:
        return True
    if enrolment.status != EnrolmentStatus.ACTIVE:
        return False
    if not enrolment_requirements_met(enrolment=enrolment):
        return False
    with transaction.atomic():
        updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
            completed_at=_completion_moment(enrolment)
        )
        enrolment.refresh_from_db(fields=["completed_at"])
        if updated:
            enrolments_changed.send_changes(sender=Enrolment, enrolment_ids=[enrolment.pk])
            enrolment_completed.send(sender=Enrolment, enrolment=enrolment, notify=notify)
    return True


def _completion_moment(enrolment: Enrolment):
    """When the enrolment was completed: now, or, for attendance entered after a
    workshop, the end of its last day (that is when it was earned)."""
    now = timezone.now()
    cohort = enrolment.cohort
    if cohort.mode == CohortMode.IN_PERSON and cohort.end_date:
        last_day = datetime.datetime.combine(
            cohort.end_date, datetime.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
        )
        return min(now, last_day)
    return now


@transaction.atomic
def cohort_edit_apply(*, cohort: Cohort) -> list[Enrolment]:
    """Carry an edit of ``cohort``'s settings, already saved, through to what depends on them.

    The start date and mode decide each enrolment's report year and youth
    (``cohorts_changed`` is sent), and a larger capacity frees places for the
    waiting list.

    Returns:
        The enrolments that moved up from the waiting list.
    """
    cohorts_changed.send_changes(sender=Cohort, cohort_ids=[cohort.pk])
    return cohort_waitlist_promote(cohort=cohort)
