"""Writes to the participant registry: the one sanctioned way to change it.

Every function that changes a participant writes its ``ParticipantHistory``
row (who, what, when, why) in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import validation
from .models import (
    ConsentPurpose,
    ConsentRecord,
    HistoryAction,
    Participant,
    ParticipantHistory,
)
from .signals import participants_changed

# The fields a profile form, an import or a merge may set.
PROFILE_FIELDS = (
    "email",
    "given_name",
    "family_name",
    "native_name",
    "gender",
    "birth_year",
    "country",
    "organisation",
    "organisation_type",
    "position",
    "career_stage",
    "directory_visibility",
    "bio",
    "links",
)

# Kept on anonymisation because every participation report breaks figures
# down by them; none of them names the person.
DEFAULT_ANONYMISE_KEEPS = ("gender", "birth_year", "country", "organisation_type")
# The participation report breaks figures down by these: a change to any of them
# is a change to the report's facts (``reporting.ParticipationFact``).
REPORTED_FIELDS = frozenset({"gender", "birth_year", "country", "organisation_type"})


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, list, dict)):
        return value
    return str(value)


def search_text_for(values: dict[str, Any]) -> str:
    """The folded text the admin search matches against (names in any script).

    The own-script name is also kept without spaces, so that 山田太郎 finds
    山田 太郎.
    """
    native = values.get("native_name") or ""
    parts = [
        values.get("given_name"),
        values.get("family_name"),
        native,
        native.replace(" ", ""),
        values.get("email"),
        values.get("organisation"),
    ]
    return validation.fold(" | ".join(p for p in parts if p))


def participant_search_text(participant: Participant) -> str:
    """``search_text_for`` of a participant's current values."""
    return search_text_for(
        {
            name: getattr(participant, name)
            for name in ("given_name", "family_name", "native_name", "email", "organisation")
        }
    )


def participant_snapshot(participant: Participant) -> dict[str, Any]:
    """The profile fields as JSON values (for history and change detection)."""
    return {name: _json_value(getattr(participant, name)) for name in PROFILE_FIELDS}


def participant_diff(participant: Participant, values: dict[str, Any]) -> dict[str, list]:
    """``{field: [old, new]}`` for each value in ``values`` that differs."""
    changes = {}
    for name, new in values.items():
        old = _json_value(getattr(participant, name))
        if old != _json_value(new):
            changes[name] = [old, _json_value(new)]
    return changes


def participant_validate(participant: Participant) -> None:
    """Check a participant's values the way every form and service must.

    Raises:
        ValidationError: a dict of field → messages, every problem at once.
    """
    errors: dict[str, list[str]] = {}

    def add(name: str, error: ValidationError) -> None:
        errors.setdefault(name, []).extend(error.messages)

    if participant.anonymised_at is None:
        try:
            participant.email = validation.parse_email(participant.email)
        except ValidationError as error:
            add("email", error)
    for name in ("given_name", "family_name"):
        value = getattr(participant, name)
        if not value and participant.anonymised_at is None:
            add(name, ValidationError(_("This field is required.")))
            continue
        for check in (validation.validate_latin_name, validation.validate_printable):
            try:
                check(value)
            except ValidationError as error:
                add(name, error)
    try:
        validation.validate_printable(participant.native_name)
    except ValidationError as error:
        add("native_name", error)
    try:
        validation.validate_birth_year(participant.birth_year)
    except ValidationError as error:
        add("birth_year", error)
    if not isinstance(participant.links, list) or not all(
        isinstance(link, str) for link in participant.links
    ):
        add("links", ValidationError(_("Give the links as a list of web addresses.")))
    else:
        try:
            validation.validate_links(participant.links)
        except ValidationError as error:
            add("links", error)
    if participant.email and "email" not in errors:
        clash = Participant.objects.filter(email__iexact=participant.email)
        if participant.pk:
            clash = clash.exclude(pk=participant.pk)
        if clash.exists():
            add(
                "email",
                ValidationError(
                    _("Another participant already has the e-mail address %(email)s.")
                    % {"email": participant.email}
                ),
            )
    try:
        # Choices, lengths and constraints; e-mail and names are checked above
        # with better messages.
        participant.full_clean(
            exclude=["email", "expertise", "user", "given_name", "family_name", "native_name"],
            validate_constraints=False,
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    for name in ("given_name", "family_name", "native_name"):
        max_length = Participant._meta.get_field(name).max_length
        if len(getattr(participant, name)) > max_length:
            add(
                name,
                ValidationError(
                    _("Keep this to %(max)s characters at most.") % {"max": max_length}
                ),
            )
    if errors:
        raise ValidationError(errors)


def history_write(
    *,
    participant: Participant,
    action: str,
    acting_user=None,
    reason: str = "",
    changes: dict | None = None,
) -> ParticipantHistory:
    """Append one entry to a participant's history."""
    return ParticipantHistory.objects.create(
        participant=participant,
        action=action,
        acting_user=acting_user if getattr(acting_user, "pk", None) else None,
        reason=reason,
        changes=changes or {},
    )


def _expertise_names(tags) -> list[str]:
    return sorted(str(tag) for tag in tags)


@transaction.atomic
def participant_create(
    *,
    acting_user,
    reason: str,
    user=None,
    expertise=None,
    action: str = HistoryAction.CREATED,
    **values: Any,
) -> Participant:
    """Create a participant after checking every value.

    Args:
        acting_user: who does it (None for the system).
        reason: why, shown in the history.
        user: the account, if the person has one.
        expertise: taxonomy tags.
        values: profile fields (see ``PROFILE_FIELDS``).

    Raises:
        ValidationError: field → messages.
    """
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    participant = Participant(user=user, **values)
    participant_validate(participant)
    participant.search_text = participant_search_text(participant)
    participant.save()
    changes = {k: [None, v] for k, v in participant_snapshot(participant).items() if v}
    if expertise:
        participant.expertise.set(expertise)
        changes["expertise"] = [[], _expertise_names(expertise)]
    history_write(
        participant=participant,
        action=action,
        acting_user=acting_user,
        reason=reason,
        changes=changes,
    )
    return participant


@transaction.atomic
def participant_update(
    *,
    participant: Participant,
    acting_user,
    reason: str,
    expertise=None,
    action: str = HistoryAction.UPDATED,
    **values: Any,
) -> Participant:
    """Change profile fields; writes a history entry when anything changed.

    Args:
        participant: the participant to change.
        acting_user: who does it.
        reason: why, shown in the history.
        expertise: the new set of tags, or None to leave them.
        values: profile fields to set (see ``PROFILE_FIELDS``).

    Raises:
        ValidationError: field → messages; nothing is saved.
    """
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    changes = participant_diff(participant, values)
    for name, value in values.items():
        setattr(participant, name, value)
    participant_validate(participant)
    if expertise is not None:
        before = _expertise_names(participant.expertise.all())
        after = _expertise_names(expertise)
        if before != after:
            participant.expertise.set(expertise)
            changes["expertise"] = [before, after]
    if changes:
        participant.search_text = participant_search_text(participant)
        participant.save()
        history_write(
            participant=participant,
            action=action,
            acting_user=acting_user,
            reason=reason,
            changes=changes,
        )
        if REPORTED_FIELDS & set(changes):
            participants_changed.send_changes(sender=Participant, participant_ids=[participant.pk])
    return participant


def consent_record(
    *,
    participant: Participant,
    purpose: str = ConsentPurpose.DATA_PROCESSING,
    granted: bool = True,
    acting_user=None,
    policy_version: str | None = None,
) -> ConsentRecord:
    """Record that the participant agreed to (or withdrew) ``purpose``."""
    version = policy_version or validation.policy_version()
    with transaction.atomic():
        record = ConsentRecord.objects.create(
            participant=participant, purpose=purpose, granted=granted, policy_version=version
        )
        history_write(
            participant=participant,
            action=HistoryAction.CONSENT,
            acting_user=acting_user,
            reason=_("Consent given") if granted else _("Consent withdrawn"),
            changes={"purpose": purpose, "policy_version": version, "granted": granted},
        )
    return record


@transaction.atomic
def participant_onboard(*, user, expertise=None, **values: Any) -> Participant:
    """Complete the profile of ``user`` and record consent to data processing.

    Uses the participant already linked to the account, or one imported with the
    same e-mail address (then links it), or creates one.

    Raises:
        ValidationError: field → messages; nothing is saved.
    """
    values["email"] = user.email
    participant = participant_link_user(user=user)
    if participant is None:
        participant = participant_create(
            acting_user=user,
            reason=_("Profile completed at first log-in"),
            user=user,
            expertise=expertise,
            action=HistoryAction.ONBOARDED,
            **values,
        )
    else:
        participant = participant_update(
            participant=participant,
            acting_user=user,
            reason=_("Profile completed at first log-in"),
            expertise=expertise,
            action=HistoryAction.ONBOARDED,
            **values,
        )
    participant.profile_completed_at = timezone.now()
    participant.save(update_fields=["profile_completed_at", "updated_at"])
    consent_record(participant=participant, acting_user=user)
    user._registry_participant = participant
    return participant


@transaction.atomic
def participant_link_user(*, user) -> Participant | None:
    """Link ``user`` to the participant with the same e-mail address.

    Call only for an address the person has verified. Returns the participant
    of the account (already linked, newly linked) or None if there is none.
    """
    participant = Participant.objects.filter(user=user).first()
    if participant is not None:
        return participant
    participant = (
        Participant.objects.select_for_update()
        .filter(email__iexact=user.email, user__isnull=True, anonymised_at__isnull=True)
        .first()
    )
    if participant is None:
        return None
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    history_write(
        participant=participant,
        action=HistoryAction.LINKED,
        acting_user=user,
        reason=_("Signed up with the e-mail address of this registry entry"),
        changes={"user": [None, user.pk]},
    )
    return participant


def _anonymise_keeps() -> tuple[str, ...]:
    return tuple(getattr(settings, "REGISTRY_ANONYMISE_KEEPS", DEFAULT_ANONYMISE_KEEPS))


@transaction.atomic
def participant_anonymise(*, participant: Participant, acting_user, reason: str) -> Participant:
    """Erase what identifies the person; keep the row so figures still add up.

    Names, e-mail, organisation name, position, bio, links and expertise are
    erased, the account is unlinked, and the old values are scrubbed from the
    history. The fields in ``REGISTRY_ANONYMISE_KEEPS`` (default: gender,
    birth year, country, organisation type) stay for the reports. Enrolments,
    attempts and certificates stay attached to the anonymous row.
    """
    if participant.anonymised_at is not None:
        return participant
    keeps = _anonymise_keeps()
    blank = {
        "email": "",
        "given_name": "",
        "family_name": "",
        "native_name": "",
        "organisation": "",
        "position": "",
        "career_stage": "",
        "bio": "",
        "links": [],
        "directory_visibility": "hidden",
        "gender": "undisclosed",
        "birth_year": None,
        "country": "",
        "organisation_type": "",
    }
    for name, value in blank.items():
        if name not in keeps:
            setattr(participant, name, value)
    participant.user = None
    participant.anonymised_at = timezone.now()
    participant.search_text = ""
    participant.save()
    participant.expertise.clear()
    # Old values in the history are personal data too: keep which fields
    # changed, drop what they were.
    for entry in participant.history.all():
        if isinstance(entry.changes, dict) and entry.changes:
            entry.changes = dict.fromkeys(entry.changes, "…")
            entry.save(update_fields=["changes"])
    history_write(
        participant=participant,
        action=HistoryAction.ANONYMISED,
        acting_user=acting_user,
        reason=reason,
    )
    participants_changed.send_changes(sender=Participant, participant_ids=[participant.pk])
    return participant


@transaction.atomic
def account_delete(*, user, reason: str = "") -> None:
    """Delete ``user``'s account; their participant row is anonymised, not deleted."""
    participant = Participant.objects.filter(user=user).first()
    if participant is not None:
        participant_anonymise(
            participant=participant,
            acting_user=None,
            reason=reason or _("The person deleted their account"),
        )
    user.delete()


# --- Merging duplicates ------------------------------------------------------


@dataclass
class MergeResult:
    kept: Participant
    moved: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)


_EARLIER_FIELDS = ("enrolled_at", "created_at", "issued_at", "started_at", "recorded_at")


def _sort_key(obj: models.Model):
    for name in _EARLIER_FIELDS:
        value = getattr(obj, name, None)
        if value is not None:
            return (0, value, obj.pk)
    return (1, obj.pk, obj.pk)


def _unique_sets(model: type[models.Model], field_name: str) -> list[tuple[tuple[str, ...], Any]]:
    """Field sets (with their condition) that must be unique and include ``field_name``."""
    sets: list[tuple[tuple[str, ...], Any]] = []
    field_obj = model._meta.get_field(field_name)
    if field_obj.unique:
        sets.append(((field_name,), None))
    for together in model._meta.unique_together:
        if field_name in together:
            sets.append((tuple(together), None))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field_name in (
            constraint.fields or ()
        ):
            sets.append((tuple(constraint.fields), constraint.condition))
    return sets


def _conflict(model, field_name: str, row, target) -> models.Model | None:
    """The row pointing at ``target`` that ``row`` would clash with, if any."""
    manager = model._base_manager
    for fields, condition in _unique_sets(model, field_name):
        lookup = {field_name: target}
        for name in fields:
            if name != field_name:
                attname = model._meta.get_field(name).attname
                lookup[attname] = getattr(row, attname)
        candidates = manager.filter(**lookup)
        if condition is not None:
            if not manager.filter(condition, pk=row.pk).exists():
                continue
            candidates = candidates.filter(condition)
        clash = candidates.exclude(pk=row.pk).first()
        if clash is not None:
            return clash
    return None


def _merge_rows(model, survivor, loser, result: MergeResult, depth: int = 0) -> bool:
    """Point everything that points at ``loser`` at ``survivor``, then retire ``loser``.

    A certificate is never deleted, as its verification link must go on
    answering: it is marked superseded by the one kept instead.

    Returns:
        True when ``loser`` was kept (superseded) rather than deleted.
    """
    _move_related(model, survivor, loser, result, depth + 1)
    if model._meta.label == "certificates.Certificate":
        from certificates.models import CertificateStatus

        loser.status = CertificateStatus.SUPERSEDED
        loser.superseded_by = survivor
        loser.save(update_fields=["status", "superseded_by"])
        return True
    loser.delete()
    return False


def _move_related(model, target, source, result: MergeResult, depth: int) -> None:
    if depth > 5:  # a cycle in other apps' models; stop rather than loop
        return
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            through = rel.through
            if through is None:
                continue
            field_name = rel.field.m2m_reverse_field_name()
            related_model = through
        else:
            related_model = rel.related_model
            field_name = rel.field.name
        if related_model is ParticipantHistory or related_model is ConsentRecord:
            count = related_model._base_manager.filter(**{field_name: source}).update(
                **{field_name: target}
            )
        else:
            count = _move_rows(related_model, field_name, target, source, result, depth)
        if count:
            label = str(related_model._meta.verbose_name_plural)
            result.moved[label] = result.moved.get(label, 0) + count


def _move_rows(model, field_name, target, source, result: MergeResult, depth: int) -> int:
    rows = model._base_manager.filter(**{field_name: source})
    if not _unique_sets(model, field_name):
        return rows.update(**{field_name: target})
    moved = 0
    for row in list(rows):
        clash = _conflict(model, field_name, row, target)
        if clash is None:
            setattr(row, field_name, target)
            row.save(update_fields=[field_name])
            moved += 1
            continue
        survivor, loser = sorted([row, clash], key=_sort_key)
        result.notes.append(
            _(
                "Both had a %(kind)s for “%(what)s”; kept the earlier one (#%(kept)s) "
                "and moved what belonged to the other (#%(dropped)s) onto it."
            )
            % {
                "kind": model._meta.verbose_name,
                "what": row,
                "kept": survivor.pk,
                "dropped": loser.pk,
            }
        )
        loser_kept = _merge_rows(model, survivor, loser, result, depth)
        if survivor.pk == row.pk or loser_kept:
            setattr(row, field_name, target)
            row.save(update_fields=[field_name])
            moved += 1
    return moved


@transaction.atomic
def participant_merge(
    *, keep: Participant, duplicate: Participant, acting_user, reason: str
) -> MergeResult:
    """Merge ``duplicate`` into ``keep`` and delete the duplicate.

    Every row of any app that points at the duplicate (found through
    ``Participant._meta.related_objects``, so models added later move too) is
    pointed at ``keep``. Where both have a row that must be unique (e.g. an
    enrolment in the same cohort), the earlier one is kept, the later one's own
    rows move onto it, and a note says so. Blank profile fields of ``keep`` are
    filled from the duplicate; expertise tags are joined.

    Raises:
        ValidationError: the same participant twice, an anonymised one, or two
            participants that both have a log-in account.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different participants to merge."))
    keep = Participant.objects.select_for_update().get(pk=keep.pk)
    duplicate = Participant.objects.select_for_update().get(pk=duplicate.pk)
    if keep.user_id and duplicate.user_id:
        raise ValidationError(
            _(
                "Both participants have their own log-in account, so merging would leave "
                "one person with two accounts. Ask the person which account to keep and "
                "delete the other one first."
            )
        )
    result = MergeResult(kept=keep)
    duplicate_label = f"#{duplicate.pk} {duplicate.full_name} <{duplicate.email}>"
    for name in PROFILE_FIELDS:
        if name == "email":
            continue
        if getattr(keep, name) in ("", None, []) and getattr(duplicate, name) not in ("", None, []):
            setattr(keep, name, getattr(duplicate, name))
            result.filled.append(name)
    if not keep.email and duplicate.email:
        keep.email = duplicate.email
        result.filled.append("email")
    if duplicate.profile_completed_at and (
        keep.profile_completed_at is None
        or duplicate.profile_completed_at < keep.profile_completed_at
    ):
        keep.profile_completed_at = duplicate.profile_completed_at
    user = duplicate.user
    tags = list(duplicate.expertise.all())

    _move_related(Participant, keep, duplicate, result, depth=0)
    duplicate.delete()

    if user is not None:
        keep.user = user
        result.filled.append("user")
    keep.search_text = participant_search_text(keep)
    keep.save()
    keep.expertise.add(*tags)
    participants_changed.send_changes(sender=Participant, participant_ids=[keep.pk])
    history_write(
        participant=keep,
        action=HistoryAction.MERGED,
        acting_user=acting_user,
        reason=reason,
        changes={
            "merged": duplicate_label,
            "filled": result.filled,
            "moved": result.moved,
            "notes": result.notes,
        },
    )
    return result


# --- Import jobs (admin upload) ----------------------------------------------


def _job_progress(job, done: int, total: int) -> None:
    from .models import ImportJob

    ImportJob.objects.filter(pk=job.pk).update(processed_rows=min(done, total), total_rows=total)


def _job_finish(job, **fields) -> None:
    """Close a job and delete its uploaded file: a workshop list is personal data."""
    job.finished_at = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    if job.file:
        job.file.delete(save=False)
    job.save(update_fields=["finished_at", "file", *fields])


def import_job_create(*, upload, cohort_slug: str, acting_user):
    """Store an uploaded list and check it: at once for a small file, else in the background.

    Returns:
        The ``ImportJob``; its status is ``previewed`` or ``failed`` after a
        check, ``checking`` while a background task checks it.
    """
    from .models import ImportJob
    from .tasks import import_check_task

    job = ImportJob(
        original_name=upload.name[:255], cohort_slug=cohort_slug, created_by=acting_user
    )
    job.file.save(upload.name, upload, save=False)
    job.save()
    if upload.size <= getattr(settings, "REGISTRY_IMPORT_SYNC_BYTES", 256 * 1024):
        import_job_check(job=job)
    else:
        transaction.on_commit(lambda: import_check_task.enqueue(job_id=job.pk))
    return job


def import_job_check(*, job):
    """Read and check a job's file, keeping the preview or the errors on the job."""
    from .imports import ImportFileError, import_plan, table_read
    from .models import ImportStatus

    job.status = ImportStatus.CHECKING
    job.save(update_fields=["status"])
    try:
        with job.file.open("rb") as handle:
            table = table_read(handle, name=job.original_name)
    except ImportFileError as error:
        _job_finish(job, status=ImportStatus.FAILED, errors=[str(error)])
        return job
    job.total_rows, job.processed_rows = len(table.rows), 0
    job.save(update_fields=["total_rows", "processed_rows"])
    plan = import_plan(
        table,
        cohort_slug=job.cohort_slug or None,
        progress=lambda done, total: _job_progress(job, done, total),
    )
    job.refresh_from_db(fields=["processed_rows"])
    if plan.errors:
        _job_finish(job, status=ImportStatus.FAILED, errors=plan.errors)
        return job
    job.preview, job.status = plan.preview(), ImportStatus.PREVIEWED
    job.save(update_fields=["preview", "status"])
    return job


def import_job_confirm(*, job, acting_user):
    """Start writing a previewed job: at once for a small file, else in the background."""
    from .models import ImportStatus
    from .tasks import import_apply_task

    if job.status != ImportStatus.PREVIEWED:
        raise ValidationError(_("This import has already been started or has failed."))
    job.status = ImportStatus.QUEUED
    job.save(update_fields=["status"])
    if job.total_rows <= getattr(settings, "REGISTRY_IMPORT_SYNC_ROWS", 500):
        return import_job_run(job=job, acting_user=acting_user)
    transaction.on_commit(lambda: import_apply_task.enqueue(job_id=job.pk))
    return job


def import_job_run(*, job, acting_user=None):
    """Check the file again (the registry may have changed) and write it, all or nothing."""
    from .imports import ImportFileError, import_apply, import_plan, table_read
    from .models import ImportStatus

    job.status, job.started_at, job.processed_rows = ImportStatus.RUNNING, timezone.now(), 0
    job.save(update_fields=["status", "started_at", "processed_rows"])
    try:
        with job.file.open("rb") as handle:
            table = table_read(handle, name=job.original_name)
        plan = import_plan(
            table,
            cohort_slug=job.cohort_slug or None,
            progress=lambda done, total: _job_progress(job, done, total),
        )
    except ImportFileError as error:
        plan, errors = None, [str(error)]
    else:
        errors = plan.errors
    if errors:
        _job_finish(job, status=ImportStatus.FAILED, errors=errors)
        return job
    try:
        summary = import_apply(
            plan, acting_user=acting_user or job.created_by, source_name=job.original_name
        )
    except (ValidationError, IntegrityError) as error:
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        _job_finish(
            job,
            status=ImportStatus.FAILED,
            errors=[_("Nothing was imported: %(error)s") % {"error": m} for m in messages],
        )
        return job
    _job_finish(
        job,
        status=ImportStatus.DONE,
        summary=summary,
        processed_rows=len(plan.rows),
        total_rows=len(plan.rows),
    )
    return job
