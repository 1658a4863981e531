"""Writes to the participant registry: the one sanctioned way to change it.

Every function that changes a participant writes its ``ParticipantHistory``
row (who, what, when, why) in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import validation
from .models import (
    ConsentPurpose,
    ConsentRecord,
    HistoryAction,
    ImportJob,
    ImportStatus,
    Participant,
    ParticipantHistory,
)
from .signals import participant_anonymised, participant_merging, participants_changed

if TYPE_CHECKING:
    from .imports import PeoplePlan

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


def participant_validate(participant: Participant, *, email_unique_checked: bool = False) -> None:
    """Check a participant's values the way every form and service must.

    Args:
        participant: the participant as it would be saved.
        email_unique_checked: the caller has already checked, for many
            participants in one query, that no one else has the address
            (the import); skips the query per participant.

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
    try:
        validation.validate_country(participant.country)
    except ValidationError as error:
        add("country", error)
    if not isinstance(participant.links, list) or not all(
        isinstance(link, str) for link in participant.links
    ):
        add("links", ValidationError(_("Give the links as a list of web addresses.")))
    else:
        try:
            validation.validate_links(participant.links)
        except ValidationError as error:
            add("links", error)
    if participant.email and "email" not in errors and not email_unique_checked:
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
            exclude=[
                "email",
                "expertise",
                "user",
                "given_name",
                "family_name",
                "native_name",
                "country",
            ],
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
                    _("This is %(length)d characters long; keep it to %(max)d.")
                    % {"length": len(getattr(participant, name)), "max": max_length}
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
    participant_anonymised.send(
        sender=Participant, participant=participant, acting_user=acting_user
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
    """What a merge did, filled in by the registry and by each app's merge step.

    ``moved`` counts rows re-pointed from the duplicate to the kept participant,
    per model label (``"assessments.Attempt"``); ``moved_kinds`` gives them with
    their human, translated names. ``notes`` say what a reader of the history
    should know (two enrolments combined, a certificate superseded). ``handled``
    holds the relations (``"app.Model.field"``) that some step looks after.
    """

    kept: Participant
    moved: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    handled: set[str] = field(default_factory=set)

    def moved_add(self, model: type[models.Model], count: int) -> None:
        """Count ``count`` rows of ``model`` as moved (zero is not listed)."""
        if count:
            label = model._meta.label
            self.moved[label] = self.moved.get(label, 0) + count

    def moved_count(self, model: type[models.Model]) -> int:
        return self.moved.get(model._meta.label, 0)

    @property
    def moved_kinds(self) -> list[tuple[str, int]]:
        """(kind, count) pairs, the kind in the reader's language, in a stable order."""
        return [
            (str(apps.get_model(label)._meta.verbose_name_plural), count)
            for label, count in sorted(self.moved.items())
        ]

    def note(self, text: str) -> None:
        self.notes.append(str(text))

    def handles(self, model: type[models.Model], *field_names: str) -> None:
        """Declare that the calling step moves ``model``'s rows through ``field_names``."""
        self.handled.update(f"{model._meta.label}.{name}" for name in field_names)


def merge_relations() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) pointing at ``Participant`` whose rows a merge must move.

    Hidden relations (``related_name="+"``) are left out on purpose: they are
    derived rows (the report's facts) that the merge rebuilds.
    """
    return [(rel.related_model, rel.field.name) for rel in Participant._meta.related_objects]


def _rows_left_behind(duplicate: Participant) -> list[str]:
    """The kinds of rows still pointing at ``duplicate`` after every step ran."""
    left = []
    for model, field_name in merge_relations():
        if model._base_manager.filter(**{field_name: duplicate}).exists():
            left.append(f"{model._meta.verbose_name_plural} ({field_name})")
    return left


@transaction.atomic
def participant_merge(
    *, keep: Participant, duplicate: Participant, acting_user, reason: str
) -> MergeResult:
    """Merge ``duplicate`` into ``keep`` and delete the duplicate; nothing else is lost.

    Blank profile fields of ``keep`` are filled from the duplicate, expertise
    tags are joined, the duplicate's account (if ``keep`` has none) passes to
    ``keep``. The registry moves consents and history itself; every other app
    moves its own rows in its receiver of
    :data:`portal.registry.signals.participant_merging` (attempts renumbered,
    enrolments in one cohort combined, a second valid certificate superseded).
    The ``MERGED`` history row records who, why, the fields filled, what moved
    per kind and the steps' notes.

    Args:
        keep: the participant that stays.
        duplicate: the participant merged into ``keep`` and then deleted.
        acting_user: who merges (written to every history row and event).
        reason: why; written with the history row and the steps' own records.

    Returns:
        The :class:`MergeResult`.

    Raises:
        ValidationError: the same participant twice, two participants that both
            have a log-in account, a step refusing, or rows of some app still
            pointing at the duplicate after every step (nothing is changed then).
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

    # The registry's own rows: nothing in them is unique per participant.
    result.handles(ConsentRecord, "participant")
    result.handles(ParticipantHistory, "participant")
    for model in (ConsentRecord, ParticipantHistory):
        result.moved_add(
            model, model._base_manager.filter(participant=duplicate).update(participant=keep)
        )
    participant_merging.send(
        sender=Participant,
        keep=keep,
        duplicate=duplicate,
        acting_user=acting_user,
        reason=reason,
        result=result,
    )
    # A relation no step claimed would otherwise be cascaded away (or block the
    # delete half-way): refuse the whole merge instead, as nothing may be lost.
    left = _rows_left_behind(duplicate)
    if left:
        raise ValidationError(
            _(
                "These records of the duplicate could not be moved, so nothing was merged: "
                "%(kinds)s."
            )
            % {"kinds": ", ".join(left)}
        )
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
            "moved": dict(result.moved_kinds),
            "notes": result.notes,
        },
    )
    return result


# --- Import (bulk) ------------------------------------------------------------


@transaction.atomic
def participants_import(
    *, plan: PeoplePlan, acting_user, reason: str, batch_size: int = 500
) -> dict[str, Participant]:
    """Write a checked people plan: the bulk variant of create and update.

    Every person in the plan has passed ``participant_validate`` in
    ``imports.people_plan`` (which owns the plan), so a plan with errors is
    refused rather than written. New participants get an ``imported``
    history row with their values, changed ones an ``updated`` row with the
    changes, both with ``acting_user`` and ``reason``, in this transaction.

    Args:
        plan: from ``imports.people_plan``, without errors.
        acting_user: who imports (None for the command).
        reason: why, e.g. "Imported from list.xlsx".

    Returns:
        Every participant of the plan (created, updated or unchanged) by e-mail.

    Raises:
        ValueError: the plan has errors.
    """
    if plan.errors:
        raise ValueError("A people plan with errors cannot be written.")
    actor = acting_user if getattr(acting_user, "pk", None) else None
    now = timezone.now()
    created = [
        Participant(
            **person.values,
            search_text=search_text_for(person.values),
            created_at=now,
            updated_at=now,
        )
        for person in plan.people
        if person.action == "create"
    ]
    Participant.objects.bulk_create(created, batch_size=batch_size)
    history = [
        ParticipantHistory(
            participant=participant,
            action=HistoryAction.IMPORTED,
            acting_user=actor,
            reason=reason,
            changes={
                k: [None, _json_value(v)] for k, v in person.values.items() if v not in ("", None)
            },
            created_at=now,
        )
        for participant, person in zip(
            created, (p for p in plan.people if p.action == "create"), strict=True
        )
    ]
    updated = [person for person in plan.people if person.action == "update"]
    changed_fields: set[str] = set()
    for person in updated:
        participant = person.participant
        for name, (_old, new) in person.changes.items():
            setattr(participant, name, new)
            changed_fields.add(name)
        participant.search_text = participant_search_text(participant)
        participant.updated_at = now
        history.append(
            ParticipantHistory(
                participant=participant,
                action=HistoryAction.UPDATED,
                acting_user=actor,
                reason=reason,
                changes=person.changes,
                created_at=now,
            )
        )
    if updated:
        Participant.objects.bulk_update(
            [person.participant for person in updated],
            [*sorted(changed_fields), "search_text", "updated_at"],
            batch_size=batch_size,
        )
    ParticipantHistory.objects.bulk_create(history, batch_size=batch_size)
    participants_changed.send_changes(
        sender=Participant,
        participant_ids=[p.participant.pk for p in updated if REPORTED_FIELDS & set(p.changes)],
    )
    by_email = {p.email: p.participant for p in plan.people if p.participant is not None}
    by_email.update((participant.email, participant) for participant in created)
    return by_email


# --- Uploaded participant lists: nothing kept once a job ends ----------------

# A previewed list nobody confirmed within this many hours is abandoned; a job
# checking, queued or running for this long is stuck (its worker died).
IMPORT_ABANDONED_HOURS = 24
IMPORT_STUCK_HOURS = 6
# A file in the imports folder that no job names, older than this, is left over
# from an upload that never reached the database.
IMPORT_STRAY_MINUTES = 60
IMPORT_FOLDER = "registry/imports"


def _import_file_delete(name: str) -> None:
    from portal.core.storage import private_storage

    if name:
        private_storage().delete(name)


def import_job_cancel(*, job: ImportJob) -> ImportJob:
    """Cancel a job waiting for confirmation, and delete its file.

    Raises:
        ValidationError: the job has already started or ended.
    """
    name = job.file.name
    cancelled = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.CANCELLED, finished_at=timezone.now(), file=""
    )
    if not cancelled:
        raise ValidationError(_("This import has already been started or has ended."))
    transaction.on_commit(lambda: _import_file_delete(name))
    job.refresh_from_db()
    return job


def import_jobs_cleanup(*, now=None) -> dict[str, int]:
    """Delete the files of imports that ended, were abandoned or are stuck; and stray files.

    Abandoned (previewed, not confirmed for ``IMPORT_ABANDONED_HOURS``) become
    cancelled; stuck ones (checking, queued or running for ``IMPORT_STUCK_HOURS``)
    fail with a message saying to upload again. Run by ``manage.py
    cleanup_imports`` (hourly from cron) and by ``import_files_cleanup_task``,
    which each new upload queues.

    Returns:
        How many jobs were cancelled and failed, and how many files deleted.
    """
    import datetime

    from portal.core.storage import private_storage

    now = now or timezone.now()
    counts = {"cancelled": 0, "failed": 0, "files": 0}
    abandoned = ImportJob.objects.filter(
        status=ImportStatus.PREVIEWED,
        created_at__lt=now - datetime.timedelta(hours=IMPORT_ABANDONED_HOURS),
    )
    stuck = ImportJob.objects.filter(
        status__in=[ImportStatus.CHECKING, ImportStatus.QUEUED, ImportStatus.RUNNING],
        created_at__lt=now - datetime.timedelta(hours=IMPORT_STUCK_HOURS),
    ).filter(
        models.Q(started_at__isnull=True)
        | models.Q(started_at__lt=now - datetime.timedelta(hours=IMPORT_STUCK_HOURS))
    )
    stuck_error = _("The import stopped without finishing; its file was deleted. Upload it again.")
    for queryset, status, key in (
        (abandoned, ImportStatus.CANCELLED, "cancelled"),
        (stuck, ImportStatus.FAILED, "failed"),
    ):
        for job in queryset.only("pk", "file", "status"):
            fields = {"status": status, "finished_at": now, "file": ""}
            if status == ImportStatus.FAILED:
                fields["errors"] = [stuck_error]
            if ImportJob.objects.filter(pk=job.pk, status=job.status).update(**fields):
                counts[key] += 1
                if job.file.name:
                    _import_file_delete(job.file.name)
                    counts["files"] += 1
    ended = ImportJob.objects.filter(
        status__in=[ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED]
    ).exclude(file="")
    for job in ended.only("pk", "file"):
        _import_file_delete(job.file.name)
        ImportJob.objects.filter(pk=job.pk).update(file="")
        counts["files"] += 1
    storage = private_storage()
    try:
        _folders, names = storage.listdir(IMPORT_FOLDER)
    except FileNotFoundError:
        names = []
    known = set(ImportJob.objects.exclude(file="").values_list("file", flat=True))
    for filename in names:
        name = f"{IMPORT_FOLDER}/{filename}"
        if name in known:
            continue
        modified = storage.get_modified_time(name)
        if modified < now - datetime.timedelta(minutes=IMPORT_STRAY_MINUTES):
            storage.delete(name)
            counts["files"] += 1
    return counts
