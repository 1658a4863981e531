import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import GroupPagePermission

from courses import services
from courses.models import (
    Attendance,
    CohortMode,
    CourseInstructor,
    Enrolment,
    EnrolmentStatus,
    ModuleProgress,
)
from courses.selectors import course_modules
from portal.accounts.roles import Role
from portal.accounts.services import course_team_group_name
from tests.courses.factories import (
    CohortDayFactory,
    CohortFactory,
    EnrolmentFactory,
    ParticipantFactory,
    make_course,
    make_module,
    self_paced,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- courses -------------------------------------------------------------------


def test_every_course_gets_one_self_paced_cohort(course):
    first = services.course_self_paced_cohort_ensure(course=course)
    again = services.course_self_paced_cohort_ensure(course=course)
    assert first == again
    assert first.mode == CohortMode.SELF_PACED
    assert first.slug == f"{course.slug}-self-paced"
    assert course.cohorts.filter(mode=CohortMode.SELF_PACED).count() == 1


def test_saving_a_course_gives_its_instructors_edit_rights_and_takes_them_from_the_removed(
    course, instructor
):
    other = UserFactory()
    course.instructors = [CourseInstructor(user=instructor), CourseInstructor(user=other)]
    course.save()
    services.course_saved(course=course)

    group = Group.objects.get(name=course_team_group_name(course))
    assert set(group.user_set.all()) == {instructor, other}
    assert other.groups.filter(name=Role.INSTRUCTORS.value).exists()
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=course).values_list(
            "permission__codename", flat=True
        )
    )
    assert "change_page" in codenames
    assert "publish_page" not in codenames

    course.instructors = [CourseInstructor(user=instructor)]
    course.save()
    services.course_saved(course=course)
    assert set(group.user_set.all()) == {instructor}


# --- enrolment -----------------------------------------------------------------


def test_enrolment_create_is_idempotent(course, participant):
    cohort = self_paced(course)
    first = services.enrolment_create(participant=participant, cohort=cohort)
    second = services.enrolment_create(participant=participant, cohort=cohort)
    assert first.pk == second.pk
    assert first.status == EnrolmentStatus.ACTIVE
    assert Enrolment.objects.filter(participant=participant).count() == 1


def test_a_full_cohort_puts_learners_on_the_waiting_list_and_moves_them_up(course):
    cohort = CohortFactory(course=course, capacity=2)
    a, b, c, d = ParticipantFactory.create_batch(4)
    ea = services.enrolment_create(participant=a, cohort=cohort)
    services.enrolment_create(participant=b, cohort=cohort)
    ec = services.enrolment_create(participant=c, cohort=cohort)
    ed = services.enrolment_create(participant=d, cohort=cohort)
    assert ec.status == ed.status == EnrolmentStatus.WAITLISTED

    services.enrolment_withdraw(enrolment=ea)

    ec.refresh_from_db()
    ed.refresh_from_db()
    assert ec.status == EnrolmentStatus.ACTIVE  # first come, first served
    assert ed.status == EnrolmentStatus.WAITLISTED
    assert cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE).count() == 2


def test_raising_capacity_moves_the_waiting_list_up(course):
    cohort = CohortFactory(course=course, capacity=1)
    a, b, c = ParticipantFactory.create_batch(3)
    for p in (a, b, c):
        services.enrolment_create(participant=p, cohort=cohort)
    cohort.capacity = 2
    cohort.save(update_fields=["capacity"])
    promoted = services.cohort_edit_apply(cohort=cohort)
    assert [e.participant for e in promoted] == [b]


def test_a_newcomer_does_not_jump_the_queue(course):
    cohort = CohortFactory(course=course, capacity=1)
    a, b, c = ParticipantFactory.create_batch(3)
    services.enrolment_create(participant=a, cohort=cohort)
    eb = services.enrolment_create(participant=b, cohort=cohort)
    # A place frees without the service (an admin edit) and a newcomer arrives.
    cohort.capacity = 2
    cohort.save()
    ec = services.enrolment_create(participant=c, cohort=cohort)
    eb.refresh_from_db()
    assert eb.status == EnrolmentStatus.ACTIVE
    assert ec.status == EnrolmentStatus.WAITLISTED


def test_withdrawing_keeps_progress_and_re_enrolling_resumes_it(course, participant):
    cohort = self_paced(course)
    enrolment = services.enrolment_create(participant=participant, cohort=cohort)
    module = course_modules(course=course).first()
    services.module_mark_done(enrolment=enrolment, module=module)
    services.enrolment_withdraw(enrolment=enrolment)
    services.enrolment_withdraw(enrolment=enrolment)  # idempotent
    again = services.enrolment_create(participant=participant, cohort=cohort)
    assert again.pk == enrolment.pk
    assert again.status == EnrolmentStatus.ACTIVE
    assert ModuleProgress.objects.filter(enrolment=again, module=module).exists()


def test_an_anonymised_participant_cannot_be_enrolled(course):
    person = ParticipantFactory(anonymised_at=timezone.now())
    with pytest.raises(ValidationError):
        services.enrolment_create(participant=person, cohort=self_paced(course))
    assert not Enrolment.objects.exists()


# --- progress and completion ---------------------------------------------------------


def test_marking_modules_done_completes_the_course_once(course, participant):
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    modules = list(course_modules(course=course))
    with mock.patch("certificates.tasks.certificate_issue_task") as task:
        for module in modules[:-1]:
            services.module_mark_done(enrolment=enrolment, module=module)
            enrolment.refresh_from_db()
            assert enrolment.completed_at is None
        services.module_mark_done(enrolment=enrolment, module=modules[-1])
        services.module_mark_done(enrolment=enrolment, module=modules[-1])  # idempotent
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert ModuleProgress.objects.filter(enrolment=enrolment).count() == len(modules)
    # The test transaction never commits, so nothing was enqueued yet.
    task.enqueue.assert_not_called()


def test_completion_enqueues_the_certificate_on_commit_only_once(
    course, participant, django_capture_on_commit_callbacks
):
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    modules = list(course_modules(course=course))
    with (
        mock.patch("certificates.tasks.certificate_issue_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for module in modules:
            services.module_mark_done(enrolment=enrolment, module=module)
        services.enrolment_completion_update(enrolment=enrolment)
    task.enqueue.assert_called_once_with(enrolment_id=enrolment.pk, notify=True)


def test_optional_and_draft_modules_do_not_count(course, participant):
    make_module(course=course, number=8, required=False)
    make_module(course=course, number=9, publish=False)
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    for module in course_modules(course=course).filter(required=True):
        services.module_mark_done(enrolment=enrolment, module=module)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_a_module_of_another_course_cannot_be_marked_done(course, participant):
    other = make_course(modules=1)
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    with pytest.raises(ValidationError):
        services.module_mark_done(enrolment=enrolment, module=course_modules(course=other).get())
    assert not ModuleProgress.objects.exists()


def test_a_waitlisted_learner_cannot_record_progress(course):
    cohort = CohortFactory(course=course, capacity=1, mode=CohortMode.ONLINE)
    services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    waiting = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    with pytest.raises(PermissionDenied):
        services.module_mark_done(enrolment=waiting, module=course_modules(course=course).first())


def test_a_required_quiz_holds_completion_back(course, participant):
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    with mock.patch(
        "assessments.selectors.enrolment_assessments_passed", return_value=False
    ) as passed:
        for module in course_modules(course=course):
            services.module_mark_done(enrolment=enrolment, module=module)
    enrolment.refresh_from_db()
    assert passed.called
    assert enrolment.completed_at is None
    assert services.enrolment_completion_update(enrolment=enrolment) is True


def test_new_content_never_takes_a_completion_away(course, participant):
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    for module in course_modules(course=course):
        services.module_mark_done(enrolment=enrolment, module=module)
    enrolment.refresh_from_db()
    earned = enrolment.completed_at
    late = ParticipantFactory()
    late_enrolment = services.enrolment_create(participant=late, cohort=self_paced(course))

    make_module(course=course, number=7)
    assert services.course_completions_update(course=course) == 0

    enrolment.refresh_from_db()
    assert enrolment.completed_at == earned
    late_enrolment.refresh_from_db()
    assert late_enrolment.completed_at is None


def test_removing_a_module_completes_those_who_did_the_rest(course, participant):
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    modules = list(course_modules(course=course))
    for module in modules[:-1]:
        services.module_mark_done(enrolment=enrolment, module=module)
    modules[-1].unpublish()
    assert services.course_completions_update(course=course) == 1
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_publishing_a_module_recomputes_completion_on_commit(
    course, participant, django_capture_on_commit_callbacks
):
    enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
    modules = list(course_modules(course=course))
    for module in modules[:-1]:
        services.module_mark_done(enrolment=enrolment, module=module)
    last = modules[-1]
    last.required = False
    with django_capture_on_commit_callbacks(execute=True):
        last.save_revision().publish()
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


# --- attendance ------------------------------------------------------------------


def _workshop(course, days=3, threshold=60):
    start = datetime.date(2025, 7, 6)
    cohort = CohortFactory(
        course=course,
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        attendance_threshold=threshold,
    )
    day_list = [
        services.cohort_day_create(cohort=cohort, date=start + datetime.timedelta(days=n))
        for n in range(days)
    ]
    return cohort, day_list


def test_in_person_completion_follows_attendance(course, secretariat):
    cohort, days = _workshop(course)
    enrolment = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    services.attendance_record(enrolment=enrolment, day=days[0], present=True, acting_user=None)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # 1 of 3 < 60 %
    record = services.attendance_record(
        enrolment=enrolment, day=days[1], present=True, acting_user=secretariat
    )
    assert record.recorded_by == secretariat
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None  # 2 of 3 >= 60 %
    # Attendance typed in after the workshop: earned on its last day.
    assert timezone.localtime(enrolment.completed_at).date() == datetime.date(2025, 7, 8)
    # Correcting the sheet afterwards does not take the completion away.
    services.attendance_record(enrolment=enrolment, day=days[1], present=False, acting_user=None)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_a_blended_cohort_needs_modules_and_attendance(course):
    cohort, days = _workshop(course, days=1, threshold=100)
    cohort.mode = CohortMode.BLENDED
    cohort.save()
    enrolment = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    services.attendance_record(enrolment=enrolment, day=days[0], present=True, acting_user=None)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    for module in course_modules(course=course):
        services.module_mark_done(enrolment=enrolment, module=module)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_attendance_sheet_saves_ticks_and_absences(course, secretariat):
    cohort, days = _workshop(course)
    a = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    b = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    changed = services.attendance_sheet_save(
        cohort=cohort,
        present=[(a.pk, days[0].pk), (a.pk, days[1].pk), (b.pk, days[2].pk)],
        acting_user=secretariat,
    )
    assert changed == 6  # every cell of the 2 x 3 sheet was written
    assert Attendance.objects.filter(present=True).count() == 3
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.completed_at is not None
    assert b.completed_at is None
    assert (
        services.attendance_sheet_save(
            cohort=cohort,
            present=[(a.pk, days[0].pk), (a.pk, days[1].pk), (b.pk, days[2].pk)],
            acting_user=secretariat,
        )
        == 0
    )


def test_attendance_sheet_refuses_cells_of_another_cohort_and_writes_nothing(course):
    cohort, days = _workshop(course)
    _other, other_days = _workshop(course)
    a = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    with pytest.raises(ValidationError):
        services.attendance_sheet_save(
            cohort=cohort,
            present=[(a.pk, days[0].pk), (a.pk, other_days[0].pk)],
            acting_user=None,
        )
    assert not Attendance.objects.exists()


def test_days_only_for_in_person_cohorts_and_within_their_dates(course):
    with pytest.raises(ValidationError):
        services.cohort_day_create(cohort=self_paced(course), date=datetime.date(2025, 7, 6))
    cohort, _days = _workshop(course)
    with pytest.raises(ValidationError):
        services.cohort_day_create(cohort=cohort, date=datetime.date(2025, 7, 30))
    again = services.cohort_day_create(
        cohort=cohort, date=datetime.date(2025, 7, 6), title="Arrival"
    )
    assert again.title == "Arrival"
    assert cohort.days.count() == 3


def test_attendance_of_a_day_of_another_cohort_is_refused(course):
    _cohort, days = _workshop(course)
    enrolment = EnrolmentFactory(cohort=self_paced(course))
    with pytest.raises(ValidationError):
        services.attendance_record(enrolment=enrolment, day=days[0], present=True, acting_user=None)
    assert CohortDayFactory  # factory importable for other apps


# --- bulk enrolment (the participant import) ---------------------------------------------------


def test_enrolments_import_fills_places_then_the_waiting_list_in_order():
    from tests.courses.factories import (
        CohortFactory,
        EnrolmentFactory,
        ParticipantFactory,
        make_course,
    )

    course = make_course(modules=1)
    small = CohortFactory(course=course, capacity=2)
    open_cohort = CohortFactory(course=course, capacity=None)
    EnrolmentFactory(cohort=small)
    already = EnrolmentFactory(cohort=small, status=EnrolmentStatus.WITHDRAWN)
    people = ParticipantFactory.create_batch(3)
    pairs = [(p, small) for p in people] + [(people[0], open_cohort), (already.participant, small)]
    found = services.enrolments_import(pairs=pairs)
    assert [found[(p.pk, small.pk)].status for p in people] == [
        EnrolmentStatus.ACTIVE,
        EnrolmentStatus.WAITLISTED,
        EnrolmentStatus.WAITLISTED,
    ]
    assert found[(people[0].pk, open_cohort.pk)].status == EnrolmentStatus.ACTIVE
    # An existing enrolment (here withdrawn) is left as it is.
    assert found[(already.participant_id, small.pk)].status == EnrolmentStatus.WITHDRAWN
    assert Enrolment.objects.count() == 6


def test_enrolments_import_refuses_an_anonymised_participant():
    from tests.courses.factories import CohortFactory, ParticipantFactory, make_course

    cohort = CohortFactory(course=make_course(modules=1))
    gone = ParticipantFactory(anonymised_at=timezone.now())
    with pytest.raises(ValidationError):
        services.enrolments_import(pairs=[(ParticipantFactory(), cohort), (gone, cohort)])
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_completion_sends_enrolment_completed_once_in_its_transaction(course, participant):
    from courses.signals import enrolment_completed

    received = []

    def receiver(sender, enrolment, **kwargs):
        received.append((enrolment.pk, enrolment.completed_at is not None))

    enrolment_completed.connect(receiver, weak=False, dispatch_uid="test_completed")
    try:
        enrolment = services.enrolment_create(participant=participant, cohort=self_paced(course))
        for module in course_modules(course=course):
            services.module_mark_done(enrolment=enrolment, module=module)
        services.enrolment_completion_update(enrolment=enrolment)
    finally:
        enrolment_completed.disconnect(dispatch_uid="test_completed")
    assert received == [(enrolment.pk, True)]


def test_a_cohort_edit_is_carried_to_the_waiting_list_and_the_report(course):
    from courses.signals import cohorts_changed

    cohort = CohortFactory(course=course, capacity=1, mode=CohortMode.ONLINE)
    services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    waiting = services.enrolment_create(participant=ParticipantFactory(), cohort=cohort)
    received = []
    cohorts_changed.connect(
        lambda sender, cohort_ids, **kw: received.append(cohort_ids),
        weak=False,
        dispatch_uid="test_cohorts_changed",
    )
    try:
        cohort.capacity = 2
        cohort.save()
        promoted = services.cohort_edit_apply(cohort=cohort)
    finally:
        cohorts_changed.disconnect(dispatch_uid="test_cohorts_changed")
    assert [e.pk for e in promoted] == [waiting.pk]
    assert received == [frozenset({cohort.pk})]
