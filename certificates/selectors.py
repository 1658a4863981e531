"""Reads of certificates: what a learner holds, what a code verifies, who is eligible."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from courses.dashboard import DashboardSection
from courses.gradebook import GradebookColumn
from courses.hooks import CompletionConsequence
from portal.accounts.permissions import Capability, can

from .models import Certificate, CertificateStatus, IssueRun


def dashboard_certificates_section(*, participant) -> DashboardSection:
    """The learner's certificates on their dashboard (``courses.dashboard``); one query."""
    return DashboardSection(
        template_name="certificates/includes/dashboard_section.html",
        data={"certificates": list(certificates_for_participant(participant=participant))},
    )


def certificates_for_participant(*, participant) -> QuerySet[Certificate]:
    """The certificates a participant holds, newest first, superseded ones left out.

    The dashboard lists them with links to ``certificates:download`` (``pk``)
    and ``certificates:verify`` (``code``); ``display_status()`` tells valid,
    expired and revoked apart. One query, whatever the number of certificates.
    """
    if participant is None:
        return Certificate.objects.none()
    return (
        Certificate.objects.filter(participant=participant)
        .exclude(status=CertificateStatus.SUPERSEDED)
        .select_related("course")
        .order_by("-issued_at", "-pk")
    )


def certificate_for_code(*, code: str) -> Certificate | None:
    """The certificate a verification code names, or None."""
    if not code or len(code) > 64:
        return None
    return Certificate.objects.filter(code=code).first()


def certificate_for_holder(*, user, pk: int) -> Certificate | None:
    """Certificate ``pk`` if ``user`` holds it or is secretariat; None otherwise.

    Callers answer None with 404, so that nobody learns which numbers exist.
    """
    if not user.is_authenticated:
        return None
    queryset = Certificate.objects.select_related("participant", "course")
    if not can(user, Capability.CERTIFICATES_MANAGE):
        queryset = queryset.filter(participant__user=user)
    return queryset.filter(pk=pk).first()


def valid_certificate(*, participant, course) -> Certificate | None:
    """The one valid certificate of ``participant`` for ``course``, if any."""
    return Certificate.objects.filter(
        participant=participant, course=course, status=CertificateStatus.VALID
    ).first()


def revoked_certificate(*, participant, course) -> Certificate | None:
    """The latest revoked certificate of ``participant`` for ``course``, if any.

    While one exists and no valid certificate does, nothing issues the course's
    certificate to the participant automatically: only a deliberate re-issue by
    the secretariat (``certificate_reissue``, with a reason) does.
    """
    return (
        Certificate.objects.filter(
            participant=participant, course=course, status=CertificateStatus.REVOKED
        )
        .order_by("-revoked_at", "-pk")
        .first()
    )


def enrolment_is_eligible(*, enrolment) -> bool:
    """True when ``enrolment`` earns a certificate that may be issued automatically.

    The enrolment is active and complete (``completed_at``, which courses sets
    by BRIEF §2's rule, attendance included), and the participant's certificate
    for the course was never revoked: a revoked one blocks automatic issue,
    whichever cohort of the course the enrolment belongs to, until the
    secretariat re-issues it on purpose. Nobody whose data was erased (an
    anonymised participant) is issued a certificate: there is no name to print.
    """
    from courses.models import EnrolmentStatus

    if enrolment.status != EnrolmentStatus.ACTIVE or enrolment.completed_at is None:
        return False
    if enrolment.participant.anonymised_at is not None:
        return False
    return (
        revoked_certificate(participant=enrolment.participant_id, course=enrolment.cohort.course_id)
        is None
    )


def _completed_enrolments(*, cohort=None, course=None) -> QuerySet:
    from courses.models import Enrolment, EnrolmentStatus

    queryset = Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE, completed_at__isnull=False)
    if cohort is not None:
        queryset = queryset.filter(cohort=cohort)
    if course is not None:
        queryset = queryset.filter(cohort__course=course)
    holds_valid = Certificate.objects.filter(
        participant=OuterRef("participant"),
        course=OuterRef("cohort__course"),
        status=CertificateStatus.VALID,
    )
    return queryset.filter(~Exists(holds_valid)).select_related(
        "participant__user", "cohort", "cohort__course"
    )


def _revoked_exists():
    """A revoked certificate of the outer enrolment's participant for its course."""
    return Certificate.objects.filter(
        participant=OuterRef("participant"),
        course=OuterRef("cohort__course"),
        status=CertificateStatus.REVOKED,
    )


def eligible_enrolments(*, cohort=None, course=None) -> QuerySet:
    """Enrolments of a cohort or course whose certificate may be issued automatically.

    Active and complete, holding no valid certificate for the course and no
    revoked one (see ``enrolment_is_eligible``). One query for the list.
    """
    return (
        _completed_enrolments(cohort=cohort, course=course)
        .filter(~Exists(_revoked_exists()))
        .order_by("pk")
    )


@dataclass(frozen=True)
class BulkIssuePreview:
    """What a bulk issue will do: whom it issues to, and whom it leaves out and why.

    ``revoked`` pairs each enrolment left out with the participant's revoked
    certificate ("revoked — not re-issued").
    """

    to_issue: list  # of courses.Enrolment
    revoked: list[tuple]  # of (courses.Enrolment, Certificate)


def bulk_issue_preview(*, cohort=None, course=None) -> BulkIssuePreview:
    """The preview of a bulk issue for a cohort or a course, one entry per participant.

    A participant who earned the course in two cohorts is listed once, under
    the first enrolment, as the bulk issue issues one certificate per course.
    Three queries, whatever the number of people.
    """
    seen: set[tuple[int, int]] = set()
    to_issue = []
    for enrolment in eligible_enrolments(cohort=cohort, course=course):
        key = (enrolment.participant_id, enrolment.cohort.course_id)
        if key not in seen:
            seen.add(key)
            to_issue.append(enrolment)
    blocked = list(
        _completed_enrolments(cohort=cohort, course=course)
        .filter(Exists(_revoked_exists()))
        .order_by("pk")
    )
    revoked = []
    if blocked:
        # The latest revocation per participant and course, the one the list names.
        latest: dict[tuple[int, int], Certificate] = {
            (certificate.participant_id, certificate.course_id): certificate
            for certificate in Certificate.objects.filter(
                status=CertificateStatus.REVOKED,
                participant__in={e.participant_id for e in blocked},
                course__in={e.cohort.course_id for e in blocked},
            ).order_by("revoked_at", "pk")
        }
        for enrolment in blocked:
            key = (enrolment.participant_id, enrolment.cohort.course_id)
            if key not in seen:
                seen.add(key)
                revoked.append((enrolment, latest[key]))
    return BulkIssuePreview(to_issue=to_issue, revoked=revoked)


def certificates_expiring(*, within_days: int = 60, now: datetime.datetime | None = None):
    """Valid certificates expiring within ``within_days``, not yet reminded of it."""
    from .models import CertificateEvent

    now = now or timezone.now()
    reminded = CertificateEvent.objects.filter(
        certificate=OuterRef("pk"), action=CertificateEvent.Action.EXPIRY_REMINDED
    )
    return (
        Certificate.objects.filter(
            status=CertificateStatus.VALID,
            expires_at__gt=now,
            expires_at__lte=now + datetime.timedelta(days=within_days),
        )
        .filter(~Exists(reminded))
        .select_related("participant", "participant__user")
    )


def cohort_certificates(*, cohort, include_all: bool = False) -> QuerySet[Certificate]:
    """The certificates issued to a cohort's enrolments, by serial.

    Args:
        include_all: also the expired, revoked and superseded ones; by default
            only those valid now (not expired).
    """
    queryset = Certificate.objects.filter(enrolment__cohort=cohort)
    if not include_all:
        queryset = queryset.filter(status=CertificateStatus.VALID).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )
    return queryset.order_by("serial")


def issue_runs_recent(limit: int = 20) -> QuerySet[IssueRun]:
    return IssueRun.objects.select_related("cohort", "course", "requested_by")[:limit]


def completion_preview(*, candidates, send_email: bool) -> dict:
    """What completing these enrolments would do here: the completion previewer.

    Registered with ``courses.hooks.completion_previewer_register`` (see its
    contract). Two queries whatever the number of candidates.

    - the participant holds a valid certificate for the course: ``held``,
      nothing issued;
    - the participant's certificate for the course was revoked (in any cohort):
      ``revoked`` — automatic issue does not bring it back, nothing issued
      (the same rule as ``enrolment_is_eligible``);
    - otherwise a certificate is issued, and e-mailed when ``send_email``.

    Returns:
        ``{candidate.key: courses.hooks.CompletionConsequence}`` for every candidate.
    """
    participant_ids = {c.participant_id for c in candidates if c.participant_id}
    held = set(
        Certificate.objects.filter(
            participant_id__in=participant_ids, status=CertificateStatus.VALID
        ).values_list("participant_id", "course_id")
    )
    revoked = set(
        Certificate.objects.filter(
            participant_id__in=participant_ids, status=CertificateStatus.REVOKED
        ).values_list("participant_id", "course_id")
    )
    found = {}
    for candidate in candidates:
        if (candidate.participant_id, candidate.course_id) in held:
            found[candidate.key] = CompletionConsequence(held=True)
        elif (candidate.participant_id, candidate.course_id) in revoked:
            found[candidate.key] = CompletionConsequence(revoked=True)
        else:
            found[candidate.key] = CompletionConsequence(certificate=True, email=send_email)
    return found


# --- The personal-data download (portal.registry.personal_data) -------------

PERSONAL_DATA_COVERS = (
    "certificates.Certificate.participant",
    "certificates.Certificate.enrolment",
)
PERSONAL_DATA_OMITS = {
    "certificates.Certificate.issued_by": (
        "Certificates a staff member issued to other people: they concern those people"
    ),
    "certificates.CertificateEvent.acting_user": (
        "A staff member's changes to other people's certificates"
    ),
    "certificates.IssueRun.requested_by": "A staff member's bulk issue for a cohort",
    "certificates.CohortArchive.requested_by": (
        "A staff member's archive of a cohort's certificates"
    ),
}


def certificates_personal_data(participant) -> dict[str, list[dict]]:
    """The person's certificates as they state them, with their history (what, when)."""
    from .models import Certificate, CertificateEvent

    certificates = Certificate.objects.filter(participant=participant).order_by("issued_at", "pk")
    return {
        "certificates.certificates": [
            {
                "serial": c.serial,
                "verification_code": c.code,
                "status": c.status,
                "holder_name": c.holder_name,
                "holder_native_name": c.holder_native_name,
                "course": c.course_title,
                "cohort": c.cohort_title,
                "cohort_start": c.cohort_start,
                "cohort_end": c.cohort_end,
                "venue": c.cohort_venue,
                "issued_at": c.issued_at,
                "expires_at": c.expires_at,
                "revoked_at": c.revoked_at,
                "holder_erased_at": c.holder_erased_at,
            }
            for c in certificates
        ],
        "certificates.history": [
            {"serial": e.certificate.serial, "action": e.action, "when": e.created_at}
            for e in CertificateEvent.objects.filter(certificate__participant=participant)
            .select_related("certificate")
            .order_by("created_at", "pk")
        ],
    }


SERIAL_PATTERN = re.compile(r"^\s*FA[\s\-_./]*(\d{4})[\s\-_./]*(\d{1,6})\s*$", re.IGNORECASE)


def serial_normalise(text: str) -> str | None:
    """The serial as stored (``FA-2026-000123``) from what someone typed, or None.

    Accepts the letters in either case, spaces or no dashes, and the number
    without its leading zeros (``fa 2026 123``).
    """
    match = SERIAL_PATTERN.match(text or "")
    if not match:
        return None
    return f"FA-{match.group(1)}-{int(match.group(2)):06d}"


def _name_key(text: str) -> str:
    """A name compared without case, accents, dashes or extra spaces (Ö = o, Ş = s)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    kept = re.sub(r"[\s\-\u2010\u2011\u2019'.]+", " ", kept.casefold())
    return kept.strip()


def family_name_matches(certificate: Certificate, family_name: str) -> bool:
    """True when ``family_name`` is the holder's family name as the certificate prints it.

    Matches, without case or accents: the last words of the Latin name as
    printed (``Batbayar`` of ``Oyunchimeg Batbayar``, ``van Dijk`` of ``Anna van
    Dijk``); the family name in the registry; or, in the own-script name, a
    whole word or, for names written without spaces (王小明), its beginning.
    """
    wanted = _name_key(family_name)
    if not wanted:
        return False
    printed = _name_key(certificate.holder_name)
    if printed == wanted or printed.endswith(" " + wanted):
        return True
    registered = getattr(certificate.participant, "family_name", "")
    if registered and _name_key(registered) == wanted:
        return True
    native = _name_key(certificate.holder_native_name)
    if native:
        words = native.split(" ")
        if wanted in words or (len(words) == 1 and native.startswith(wanted)):
            return True
    return False


def certificate_for_serial_and_name(*, serial: str, family_name: str) -> Certificate | None:
    """The certificate with this serial if the family name matches; None otherwise.

    None either way, whether the serial exists or not, so that nobody learns
    which serials were issued by trying them. One query.
    """
    normalised = serial_normalise(serial)
    if normalised is None:
        return None
    certificate = (
        Certificate.objects.select_related("participant").filter(serial=normalised).first()
    )
    if certificate is None or not family_name_matches(certificate, family_name):
        return None
    return certificate


CODE_PATTERN = re.compile(r"(?:/verify/)?([A-Za-z0-9_\-]{20,64})/?(?:\.json)?\s*$")


def code_from_input(text: str) -> str:
    """The verification code in what someone typed or pasted (the code, or the whole link)."""
    match = CODE_PATTERN.search((text or "").strip())
    return match.group(1) if match else ""


def gradebook_certificate_columns(*, cohort, enrolments) -> list:
    """The gradebook's certificate column (``courses.gradebook``): serials; one query."""
    by_participant = {e.participant_id: e.pk for e in enrolments}
    values = {}
    for participant_id, serial in Certificate.objects.filter(
        course_id=cohort.course_id,
        participant_id__in=list(by_participant),
        status=CertificateStatus.VALID,
    ).values_list("participant_id", "serial"):
        values[by_participant[participant_id]] = serial
    return [
        GradebookColumn(
            key="certificate",
            label=gettext("Certificate"),
            kind="certificate",
            graded=False,
            values=values,
        )
    ]
