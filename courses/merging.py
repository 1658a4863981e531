"""Writes of a participant merge for courses: enrolments, module progress, attendance.

Connected to :data:`portal.registry.signals.participant_merging` in
``courses.receivers``. Nothing is dropped: an enrolment of the duplicate in a
cohort the kept participant is also enrolled in is combined with that one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.registry.models import Participant
from portal.registry.services import MergeResult

from .models import Attendance, Enrolment, EnrolmentStatus, ModuleProgress
from .services import enrolment_completion_update
from .signals import enrolments_combining

# The better of two statuses wins when two enrolments are combined: a place
# held beats a place waited for, which beats a withdrawal.
_STATUS_RANK = {
    EnrolmentStatus.ACTIVE: 0,
    EnrolmentStatus.WAITLISTED: 1,
    EnrolmentStatus.WITHDRAWN: 2,
}


def _earliest(*values):
    present = [value for value in values if value is not None]
    return min(present) if present else None


def enrolment_combine(*, enrolment: Enrolment, merged: Enrolment, result: MergeResult) -> Enrolment:
    """Fold ``merged`` into ``enrolment`` (same cohort) and delete ``merged``.

    The combined enrolment has the earlier ``enrolled_at``, the better status
    (with that status's change time), the earlier ``completed_at``; module
    progress is the union (the earlier completion of a module both did); on a
    day both have attendance for, the learner was present if either says so.
    Rows of other apps are moved by the receivers of
    :data:`courses.signals.enrolments_combining` first.

    Args:
        enrolment: the enrolment that stays (its participant is left as is).
        merged: the other enrolment in the same cohort; deleted.
        result: where moved rows and notes are counted.

    Returns:
        ``enrolment``, saved.

    Raises:
        ValidationError: the two are in different cohorts, or rows of some app
            still point at ``merged`` after the receivers ran.
    """
    if enrolment.cohort_id != merged.cohort_id or enrolment.pk == merged.pk:
        raise ValidationError(_("Only two enrolments in the same cohort can be combined."))
    enrolments_combining.send(sender=Enrolment, keep=enrolment, merged=merged, result=result)

    held = {p.module_id: p for p in enrolment.module_progress.all()}
    for progress in merged.module_progress.all():
        mine = held.get(progress.module_id)
        if mine is None:
            progress.enrolment = enrolment
            progress.save(update_fields=["enrolment"])
            result.moved_add(ModuleProgress, 1)
        else:
            if progress.completed_at < mine.completed_at:
                mine.completed_at = progress.completed_at
                mine.save(update_fields=["completed_at"])
            progress.delete()

    marked = {a.day_id: a for a in enrolment.attendance.all()}
    for attendance in merged.attendance.all():
        mine = marked.get(attendance.day_id)
        if mine is None:
            attendance.enrolment = enrolment
            attendance.save(update_fields=["enrolment"])
            result.moved_add(Attendance, 1)
        else:
            if attendance.present and not mine.present:
                # Who recorded the presence is the record worth keeping.
                mine.present = True
                mine.recorded_by_id = attendance.recorded_by_id
                mine.recorded_at = attendance.recorded_at
                mine.save(update_fields=["present", "recorded_by", "recorded_at"])
            attendance.delete()

    left = [
        str(rel.related_model._meta.verbose_name_plural)
        for rel in Enrolment._meta.related_objects
        if rel.related_model._base_manager.filter(**{rel.field.name: merged}).exists()
    ]
    if left:
        raise ValidationError(
            _("These records of an enrolment could not be moved, so nothing was merged: %(kinds)s.")
            % {"kinds": ", ".join(left)}
        )

    enrolment.enrolled_at = min(enrolment.enrolled_at, merged.enrolled_at)
    if _STATUS_RANK[merged.status] < _STATUS_RANK[enrolment.status]:
        enrolment.status = merged.status
        enrolment.status_changed_at = merged.status_changed_at
    enrolment.completed_at = _earliest(enrolment.completed_at, merged.completed_at)
    merged.delete()
    enrolment.save(update_fields=["enrolled_at", "status", "status_changed_at", "completed_at"])
    return enrolment


def participant_enrolments_move(
    *, keep: Participant, duplicate: Participant, result: MergeResult
) -> None:
    """Move the duplicate's enrolments to ``keep``, combining two in one cohort.

    Args:
        keep: the participant that stays.
        duplicate: the participant being merged into ``keep``.
        result: where moved rows and notes are counted.
    """
    result.handles(Enrolment, "participant")
    result.handles(ModuleProgress, "enrolment")
    result.handles(Attendance, "enrolment")
    kept = {e.cohort_id: e for e in Enrolment.objects.select_for_update().filter(participant=keep)}
    theirs = list(
        Enrolment.objects.select_for_update().filter(participant=duplicate).select_related("cohort")
    )
    for enrolment in theirs:
        other = kept.get(enrolment.cohort_id)
        if other is None:
            enrolment.participant = keep
            enrolment.save(update_fields=["participant"])
            continue
        # The earlier row stays: its id is what certificates and facts were keyed on first.
        stays, goes = sorted([other, enrolment], key=lambda e: (e.enrolled_at, e.pk))
        enrolment_combine(enrolment=stays, merged=goes, result=result)
        if stays.participant_id != keep.pk:
            stays.participant = keep
            stays.save(update_fields=["participant"])
        result.note(
            _(
                "Both were enrolled in “%(cohort)s”: the two enrolments were combined into "
                "#%(kept)s (progress, attendance, attempts and certificates kept)."
            )
            % {"cohort": enrolment.cohort.title, "kept": stays.pk}
        )
        # Combined progress or attendance may complete the course now.
        enrolment_completion_update(enrolment=stays)
    result.moved_add(Enrolment, len(theirs))
