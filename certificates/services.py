"""Writes for certificates: issue, revoke, re-issue, bulk issue, expiry reminders.

Each change writes its ``CertificateEvent`` (who, why) in the same transaction.
A certificate's PDF is rendered once, stored, and never rendered again: a
correction is a re-issue, and the old certificate is marked superseded.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CohortMode, CoursePage

from .documents import IssuerSnapshot, certificate_document, holder_language, issuer_snapshot
from .fonts import unsupported_characters
from .models import (
    Certificate,
    CertificateEvent,
    CertificatePolicy,
    CertificateStatus,
    CohortArchive,
    IssueRun,
    IssueRunStatus,
    SerialCounter,
    certificate_pdf_path,
)
from .pdf import render_certificate
from .selectors import (
    bulk_issue_preview,
    enrolment_is_eligible,
    revoked_certificate,
    valid_certificate,
)
from .signals import certificates_changed

logger = logging.getLogger(__name__)

CODE_BYTES = 32  # 256 bits of randomness, 43 URL-safe characters
SERIAL_FORMAT = "FA-{year}-{number:06d}"
PROGRESS_EVERY = 10


# --- Serial numbers ------------------------------------------------------------


def serial_block_allocate(*, year: int, count: int = 1) -> list[str]:
    """Hand out ``count`` consecutive serial numbers of ``year``.

    The counter row is raised in one ``UPDATE … SET last = last + count``, which
    holds the row (PostgreSQL) or the database (SQLite) until the transaction
    ends, so concurrent callers never receive the same number. A serial taken
    by an issue that then fails is not reused: serials may have gaps, never
    duplicates.
    """
    if count < 1:
        return []
    with transaction.atomic():
        SerialCounter.objects.get_or_create(year=year)
        SerialCounter.objects.filter(year=year).update(last=F("last") + count)
        last = SerialCounter.objects.values_list("last", flat=True).get(year=year)
    return [SERIAL_FORMAT.format(year=year, number=n) for n in range(last - count + 1, last + 1)]


def certificate_code_new() -> str:
    """An unguessable verification code: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(CODE_BYTES)


# --- Issuing -----------------------------------------------------------------


def _expiry(course_id: int, issued_at: datetime.datetime) -> datetime.datetime | None:
    months = (
        CertificatePolicy.objects.filter(course_id=course_id)
        .values_list("validity_months", flat=True)
        .first()
    )
    if not months:
        return None
    month_index = issued_at.month - 1 + months
    year, month = issued_at.year + month_index // 12, month_index % 12 + 1
    # The same day of the month, or the month's last day (31 January + 1 month).
    for day in (issued_at.day, 30, 29, 28):
        try:
            return issued_at.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return None  # pragma: no cover — day 28 exists in every month


def _check_printable(participant) -> None:
    names = f"{participant.given_name} {participant.family_name} {participant.native_name}"
    missing = unsupported_characters(names)
    if missing:
        raise ValidationError(
            _(
                "The name of %(person)s has characters the certificate fonts cannot print "
                "(%(chars)s); correct the name in the registry first."
            )
            % {"person": participant.full_name, "chars": " ".join(missing)}
        )


def _certificate_prepare(
    *,
    enrolment,
    serial: str,
    issued_at: datetime.datetime,
    expires_at: datetime.datetime | None,
    issuer: IssuerSnapshot,
    acting_user=None,
) -> Certificate:
    """An unsaved certificate with its snapshot filled and its PDF rendered and stored."""
    participant = enrolment.participant
    cohort = enrolment.cohort
    course = cohort.course
    _check_printable(participant)
    show_cohort = cohort.mode != CohortMode.SELF_PACED
    certificate = Certificate(
        enrolment=enrolment,
        participant=participant,
        course_id=course.pk,
        serial=serial,
        code=certificate_code_new(),
        status=CertificateStatus.VALID,
        issued_at=issued_at,
        expires_at=expires_at,
        issued_by=acting_user,
        holder_name=participant.full_name,
        holder_native_name=participant.native_name or "",
        course_title=course.title,
        cohort_title=cohort.title if show_cohort else "",
        cohort_start=cohort.start_date if show_cohort else None,
        cohort_end=cohort.end_date if show_cohort else None,
        cohort_venue=_venue(cohort) if show_cohort else "",
    )
    # Labels and dates in the holder's language; the PDF is rendered once, at issue.
    pdf = render_certificate(
        certificate_document(certificate, issuer, language=holder_language(participant))
    )
    certificate.pdf.save(
        certificate_pdf_path(certificate, "certificate.pdf"), ContentFile(pdf), save=False
    )
    return certificate


def _venue(cohort) -> str:
    country = cohort.country.name if cohort.country else ""
    if cohort.venue and country and country not in cohort.venue:
        return f"{cohort.venue}, {country}"
    return cohort.venue or country


def _notify_issued(certificate_ids: Iterable[int]) -> None:
    from .tasks import certificate_notify_task

    ids = list(certificate_ids)
    if ids:
        certificate_notify_task.enqueue(certificate_ids=ids)


def certificate_issue(
    *,
    enrolment,
    acting_user=None,
    reason: str = "",
    expires_at: datetime.datetime | None = None,
    notify: bool = True,
) -> Certificate:
    """Issue the certificate of ``enrolment``'s course to its participant.

    Idempotent: when the participant already holds a valid certificate for the
    course, that one is returned and nothing is written. Two callers issuing at
    the same moment get the same certificate: the database allows one valid
    certificate per participant and course, and the loser of the race returns
    the winner's. A revoked certificate is never issued again here, by hand or
    automatically: only ``certificate_reissue`` does that, on purpose.

    Args:
        enrolment: the enrolment the certificate is for.
        acting_user: who issued it by hand; None for automatic issue.
        reason: why (required when issued by hand).
        expires_at: overrides the course policy's validity.
        notify: e-mail the learner once the transaction commits.

    Raises:
        ValidationError: no reason for a hand issue, the participant's
            certificate for the course was revoked, or the name has characters
            the shipped fonts cannot print.
    """
    if acting_user is not None and not reason.strip():
        raise ValidationError(_("Give a reason for issuing this certificate by hand."))
    existing = valid_certificate(
        participant=enrolment.participant, course=enrolment.cohort.course_id
    )
    if existing is not None:
        return existing
    revoked = revoked_certificate(
        participant=enrolment.participant_id, course=enrolment.cohort.course_id
    )
    if revoked is not None:
        raise ValidationError(
            _(
                "The certificate %(serial)s of %(person)s for this course was revoked; "
                "to issue it again, re-issue it from its page, giving a reason."
            )
            % {"serial": revoked.serial, "person": revoked.holder_name}
        )
    return _certificate_issue(
        enrolment=enrolment,
        acting_user=acting_user,
        reason=reason,
        expires_at=expires_at,
        notify=notify,
    )


def _certificate_issue(
    *,
    enrolment,
    acting_user,
    reason: str,
    expires_at: datetime.datetime | None,
    notify: bool,
) -> Certificate:
    """Write a new valid certificate; the checks are the callers' (issue, re-issue)."""
    course_id = enrolment.cohort.course_id
    issued_at = timezone.now()
    if expires_at is None:
        expires_at = _expiry(course_id, issued_at)
    (serial,) = serial_block_allocate(year=issued_at.year)
    certificate = _certificate_prepare(
        enrolment=enrolment,
        serial=serial,
        issued_at=issued_at,
        expires_at=expires_at,
        issuer=issuer_snapshot(),
        acting_user=acting_user,
    )
    try:
        with transaction.atomic():
            certificate.save()
            CertificateEvent.objects.create(
                certificate=certificate,
                action=CertificateEvent.Action.ISSUED,
                acting_user=acting_user,
                reason=reason,  # shown as "Course completed." when empty, translated
                created_at=issued_at,
            )
            certificates_changed.send_changes(
                sender=Certificate, participant_ids=[certificate.participant_id]
            )
    except IntegrityError:
        certificate.pdf.delete(save=False)
        existing = valid_certificate(participant=enrolment.participant, course=course_id)
        if existing is None:
            raise
        return existing
    if notify:
        transaction.on_commit(lambda: _notify_issued([certificate.pk]))
    return certificate


def certificate_issue_if_eligible(*, enrolment, notify: bool = True) -> Certificate | None:
    """Issue the certificate ``enrolment`` has earned, if it has; idempotent.

    Args:
        notify: e-mail the holder (see ``certificate_issue``).

    Returns:
        The participant's valid certificate for the course, or None when the
        enrolment has not earned one (yet) or the participant's certificate for
        the course was revoked (no e-mail either).
    """
    existing = valid_certificate(
        participant=enrolment.participant, course=enrolment.cohort.course_id
    )
    if existing is not None:
        return existing
    if not enrolment_is_eligible(enrolment=enrolment):
        return None
    return certificate_issue(enrolment=enrolment, notify=notify)


@transaction.atomic
def certificates_holder_erase(*, participant, acting_user=None) -> int:
    """Erase what ``participant``'s certificates say about them; returns how many.

    Called when the registry anonymises the participant (their account was
    deleted, or they asked to be erased). The holder's names are blanked, so
    the verification page, its JSON and the credential status say only that
    the certificate was issued to a person who has since asked for their data
    to be erased; the course, cohort, dates, serial and status stay, so that
    the reported figures (people certified) still add up. The stored PDFs and
    every cohort archive that may hold one are deleted once the transaction
    commits (a rolled-back erasure keeps its files).
    """
    certificates = list(
        Certificate.objects.select_for_update()
        .filter(participant=participant)
        .select_related("enrolment")
    )
    now = timezone.now()
    files = [c.pdf.name for c in certificates if c.pdf]
    cohort_ids = {c.enrolment.cohort_id for c in certificates}
    for certificate in certificates:
        certificate.holder_name = ""
        certificate.holder_native_name = ""
        certificate.pdf = ""
        certificate.holder_erased_at = certificate.holder_erased_at or now
    Certificate.objects.bulk_update(
        certificates, ["holder_name", "holder_native_name", "pdf", "holder_erased_at"]
    )
    CertificateEvent.objects.bulk_create(
        CertificateEvent(
            certificate=certificate,
            action=CertificateEvent.Action.HOLDER_ERASED,
            acting_user=acting_user,
            created_at=now,
        )
        for certificate in certificates
    )
    archives = CohortArchive.objects.filter(cohort_id__in=cohort_ids)
    files += [name for name in archives.values_list("file", flat=True) if name]
    archives.delete()
    if files:
        transaction.on_commit(lambda: _files_delete(files))
    return len(certificates)


def _files_delete(names: list[str]) -> None:
    from portal.core.storage import private_storage

    for name in names:
        try:
            private_storage().delete(name)
        except OSError:  # gone already, or the storage refused: log, keep going
            logger.exception("Could not delete %s", name)


def certificate_revoke(*, certificate: Certificate, acting_user, reason: str) -> Certificate:
    """Revoke ``certificate``; its verification page and credential status say so from now.

    Raises:
        ValidationError: no reason given, or the certificate is not valid.
    """
    if not reason.strip():
        raise ValidationError(_("Give a reason for revoking this certificate."))
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.status != CertificateStatus.VALID:
            raise ValidationError(
                _("Only a valid certificate can be revoked; this one is %(status)s.")
                % {"status": certificate.get_status_display().lower()}
            )
        now = timezone.now()
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = now
        certificate.revocation_reason = reason.strip()
        certificate.save(update_fields=["status", "revoked_at", "revocation_reason"])
        CertificateEvent.objects.create(
            certificate=certificate,
            action=CertificateEvent.Action.REVOKED,
            acting_user=acting_user,
            reason=reason.strip(),
            created_at=now,
        )
        certificates_changed.send_changes(
            sender=Certificate, participant_ids=[certificate.participant_id]
        )
    return certificate


def certificate_reissue(*, certificate: Certificate, acting_user, reason: str) -> Certificate:
    """Issue a fresh certificate in place of ``certificate``, on purpose, with a reason.

    Two cases, both the secretariat's decision:

    - a valid certificate, after a name correction in the registry: the new one
      carries the current names, the old one is marked superseded;
    - a revoked certificate, when the revocation is lifted: the new one is
      valid, the old one stays revoked (its verification page keeps saying
      so) and its history records the re-issue. This is the only way a revoked
      certificate's course is certified to the participant again.

    The new certificate keeps the old one's expiry date; the old one's
    verification page points to nothing new, so no link between the two leaks.
    The holder is e-mailed about the new certificate.

    Raises:
        ValidationError: no reason; the certificate is superseded, or revoked
            while the participant already holds a valid one for the course; or
            the (corrected) name cannot be printed.
    """
    if not reason.strip():
        raise ValidationError(_("Give a reason for re-issuing this certificate."))
    reason = reason.strip()
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status == CertificateStatus.SUPERSEDED:
            raise ValidationError(_("Only a valid or revoked certificate can be re-issued."))
        _check_printable(old.participant)
        if old.status == CertificateStatus.REVOKED:
            if valid_certificate(participant=old.participant_id, course=old.course_id):
                raise ValidationError(
                    _("The holder already has a valid certificate for this course.")
                )
            action = CertificateEvent.Action.REISSUED
        else:
            old.status = CertificateStatus.SUPERSEDED
            old.save(update_fields=["status"])
            action = CertificateEvent.Action.SUPERSEDED
        new = _certificate_issue(
            enrolment=old.enrolment,
            acting_user=acting_user,
            reason=reason,
            expires_at=old.expires_at,
            notify=True,
        )
        if action == CertificateEvent.Action.REISSUED:
            old.superseded_by = new
            old.save(update_fields=["superseded_by"])
            CertificateEvent.objects.create(
                certificate=old, action=action, acting_user=acting_user, reason=reason
            )
        else:
            certificate_supersede(certificate=old, by=new, acting_user=acting_user, reason=reason)
    return new


def certificate_supersede(
    *, certificate: Certificate, by: Certificate, acting_user, reason: str
) -> Certificate:
    """Mark ``certificate`` superseded by ``by`` and write its own "superseded" event.

    Its verification link goes on answering ("superseded"); its events stay
    its own. Used by re-issue and when a participant merge leaves one person
    with two valid certificates for one course.

    Args:
        certificate: the certificate that stops being valid.
        by: the certificate that replaces it (same course).
        acting_user: who did it.
        reason: why; written to the event.

    Returns:
        ``certificate``, saved.

    Raises:
        ValidationError: ``by`` is ``certificate`` itself or for another course.
    """
    if by.pk == certificate.pk or by.course_id != certificate.course_id:
        raise ValidationError(
            _("A certificate can only be superseded by another one for the same course.")
        )
    certificate.status = CertificateStatus.SUPERSEDED
    certificate.superseded_by = by
    certificate.save(update_fields=["status", "superseded_by"])
    CertificateEvent.objects.create(
        certificate=certificate,
        action=CertificateEvent.Action.SUPERSEDED,
        acting_user=acting_user,
        reason=reason.strip(),
    )
    certificates_changed.send_changes(
        sender=Certificate, participant_ids=[certificate.participant_id]
    )
    return certificate


# --- Bulk issue -----------------------------------------------------------------


def issue_run_create(
    *, cohort=None, course=None, acting_user=None, reason: str = "", enqueue: bool = True
) -> IssueRun:
    """Record a bulk issue for a cohort or a course and, with ``enqueue``, queue it on commit.

    The admin enqueues it for the task worker; the ``issue_certificates``
    command runs it in the foreground with ``issue_run_execute`` instead.

    Raises:
        ValidationError: neither or both of ``cohort`` and ``course`` given.
    """
    if (cohort is None) == (course is None):
        raise ValidationError(_("Choose a cohort or a course, not both."))
    from .tasks import issue_run_task

    run = IssueRun.objects.create(
        cohort=cohort, course=course, requested_by=acting_user, reason=reason
    )
    if enqueue:
        transaction.on_commit(lambda: issue_run_task.enqueue(run_id=run.pk))
    return run


def _run_update(run: IssueRun, **fields) -> None:
    for name, value in fields.items():
        setattr(run, name, value)
    IssueRun.objects.filter(pk=run.pk).update(**fields)


def _still_to_issue(prepared: list[Certificate]) -> list[Certificate]:
    """Of ``prepared``, those nobody issued (or revoked) while their PDFs rendered.

    Two bulk issues of one cohort may run at once (two secretariat members, two
    workers). Locking the courses' rows makes the second wait until the first has
    committed; it then finds those certificates written and leaves them out
    instead of failing on the one-valid-certificate constraint. The PDFs of the
    ones left out are deleted. Call inside the transaction that writes.
    """
    course_ids = sorted({c.course_id for c in prepared})
    list(
        CoursePage.objects.select_for_update(of=("self",))
        .filter(pk__in=course_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    taken = set(
        Certificate.objects.filter(
            participant_id__in={c.participant_id for c in prepared},
            course_id__in=course_ids,
            status__in=(CertificateStatus.VALID, CertificateStatus.REVOKED),
        ).values_list("participant_id", "course_id")
    )
    kept = []
    for certificate in prepared:
        if (certificate.participant_id, certificate.course_id) in taken:
            certificate.pdf.delete(save=False)
        else:
            kept.append(certificate)
    return kept


def issue_run_execute(
    *,
    run: IssueRun,
    on_progress: Callable[[int, int], None] | None = None,
    on_issue: Callable[[Certificate], None] | None = None,
) -> IssueRun:
    """Issue every certificate a cohort or course has earned, all or nothing.

    The PDFs are rendered and stored first, with progress saved to ``run`` as
    it goes (so the admin can show it); the certificates are then written in
    one short transaction. If anything fails, the stored files are removed and
    the database keeps no certificate of this run; ``run`` records the error
    and the exception is raised again.

    Args:
        run: the bulk issue to carry out.
        on_progress: called with (done, total) after each certificate rendered.
        on_issue: called with each certificate after the transaction committed.

    Returns:
        ``run``, with its counts and status.
    """
    # One certificate per participant and course, even when a participant earned
    # it in two cohorts of the course; revoked ones are left out (not re-issued).
    unique = bulk_issue_preview(cohort=run.cohort, course=run.course).to_issue
    total = len(unique)
    _run_update(run, status=IssueRunStatus.RUNNING, total=total, processed=0, issued=0, error="")
    prepared: list[Certificate] = []
    try:
        issuer = issuer_snapshot()
        issued_at = timezone.now()
        serials = serial_block_allocate(year=issued_at.year, count=total)
        expiries: dict[int, datetime.datetime | None] = {}
        acting_user = run.requested_by
        for index, (enrolment, serial) in enumerate(zip(unique, serials, strict=True), start=1):
            course_id = enrolment.cohort.course_id
            if course_id not in expiries:
                expiries[course_id] = _expiry(course_id, issued_at)
            prepared.append(
                _certificate_prepare(
                    enrolment=enrolment,
                    serial=serial,
                    issued_at=issued_at,
                    expires_at=expiries[course_id],
                    issuer=issuer,
                    acting_user=acting_user,
                )
            )
            if on_progress:
                on_progress(index, total)
            if index % PROGRESS_EVERY == 0:
                _run_update(run, processed=index)
        reason = run.reason or _("Bulk issue for %(target)s.") % {"target": run}
        with transaction.atomic():
            prepared = _still_to_issue(prepared)
            created = Certificate.objects.bulk_create(prepared)
            CertificateEvent.objects.bulk_create(
                CertificateEvent(
                    certificate=certificate,
                    action=CertificateEvent.Action.ISSUED,
                    acting_user=acting_user,
                    reason=reason,
                    created_at=issued_at,
                )
                for certificate in created
            )
            certificates_changed.send_changes(
                sender=Certificate, participant_ids=[c.participant_id for c in created]
            )
    except Exception as error:
        # Broad on purpose: whatever failed, no file of this run may stay behind.
        for certificate in prepared:
            certificate.pdf.delete(save=False)
        _run_update(
            run, status=IssueRunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        logger.exception("Bulk issue %s failed", run.pk)
        raise
    _run_update(
        run,
        status=IssueRunStatus.DONE,
        processed=total,
        issued=len(created),
        finished_at=timezone.now(),
    )
    _notify_issued([c.pk for c in created])
    if on_issue:
        for certificate in created:
            on_issue(certificate)
    return run


# --- Expiry -------------------------------------------------------------------


def expiry_reminders_send(*, within_days: int = 60, now: datetime.datetime | None = None) -> int:
    """E-mail holders whose valid certificate expires within ``within_days``.

    Each certificate is reminded once (a history row marks it), so a daily job
    can run this every day.

    Returns:
        How many reminders were sent.
    """
    from .notifications import expiry_reminder_send
    from .selectors import certificates_expiring

    sent = 0
    for certificate in certificates_expiring(within_days=within_days, now=now):
        with transaction.atomic():
            if expiry_reminder_send(certificate=certificate):
                CertificateEvent.objects.create(
                    certificate=certificate,
                    action=CertificateEvent.Action.EXPIRY_REMINDED,
                    reason=_("Expires within %(days)s days.") % {"days": within_days},
                )
                sent += 1
    return sent
