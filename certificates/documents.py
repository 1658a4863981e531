"""From the database to the plain data the PDF and the credential are made of.

``issuer_snapshot`` reads the site setting (signatories, logos) once, so a bulk
issue of a thousand certificates reads it once; ``certificate_document`` and
``credential_data`` then work on a certificate's own snapshot fields.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.core.links import absolute_reverse, absolute_url, base_url

from .credentials import CredentialData, IssuerData
from .models import (
    Certificate,
    CertificateDesign,
    CertificateSettings,
    CertificateStatus,
    DesignCohort,
    DesignCourse,
)
from .pdf import CertificateDocument, Logo, Signature, mark_pdf


def verify_url(code: str) -> str:
    """The public verification page of a certificate: printed, encoded in the QR, mailed."""
    return absolute_reverse("certificates:verify", code=code)


def badge_url(course_id: int) -> str:
    """The course's badge image (PNG), as credentials and profiles show it."""
    return absolute_reverse("certificates:badge", course_id=course_id)


def course_url(course) -> str:
    """The course page's public address (an achievement's criteria), or the portal's."""
    parts = course.get_url_parts()
    return absolute_url(parts[2]) if parts else base_url() + "/"


@dataclass(frozen=True)
class DesignSnapshot:
    """A certificate design as printed: wording, look, signatories, with images read."""

    heading: str = ""
    statement: str = ""
    accent: str = ""
    background: bytes | None = None
    seal: bytes | None = None
    signatories: tuple[Signature, ...] = ()
    logos: tuple[Logo, ...] = ()


@dataclass(frozen=True)
class IssuerSnapshot:
    name: str
    description: str
    email: str
    statement: str
    signatories: tuple[Signature, ...]
    logos: tuple[Logo, ...]
    # Designs read so far, by (cohort id, course id): a bulk issue reads each once.
    _designs: dict = field(default_factory=dict, compare=False, repr=False)

    def design(self, *, cohort_id: int | None, course_id: int | None) -> DesignSnapshot:
        """The design printed for a cohort of a course (see ``design_for``)."""
        key = (cohort_id, course_id)
        if key not in self._designs:
            row = design_for(cohort_id=cohort_id, course_id=course_id)
            by_pk = ("design", row.pk if row else None)
            if by_pk not in self._designs:
                self._designs[by_pk] = (
                    design_snapshot(row)
                    if row
                    else DesignSnapshot(signatories=self.signatories, logos=self.logos)
                )
            self._designs[key] = self._designs[by_pk]
        return self._designs[key]


def design_for(*, cohort_id: int | None, course_id: int | None) -> CertificateDesign | None:
    """The design a cohort's certificates print: the cohort's, its course's, or the default."""
    if cohort_id:
        link = DesignCohort.objects.filter(cohort_id=cohort_id).select_related("design").first()
        if link:
            return link.design
    if course_id:
        link = DesignCourse.objects.filter(course_id=course_id).select_related("design").first()
        if link:
            return link.design
    return CertificateDesign.objects.filter(is_default=True).first()


def design_snapshot(design: CertificateDesign) -> DesignSnapshot:
    """``design`` with its images read, ready to print."""
    return DesignSnapshot(
        heading=design.heading,
        statement=design.statement,
        accent=design.accent,
        background=_read_image(design.background),
        seal=_read_image(design.seal),
        signatories=tuple(
            Signature(name=s.name, title=s.title, image=_read_image(s.signature))
            for s in design.signatories.select_related("signature").order_by("sort_order")
        ),
        logos=tuple(
            Logo(name=logo.name, image=data)
            for logo in design.logos.select_related("logo").order_by("sort_order")
            if (data := _read_image(logo.logo))
        ),
    )


def _read_image(image) -> bytes | None:
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def issuer_snapshot(*, images: bool = True) -> IssuerSnapshot:
    """The issuer settings of the default site.

    Args:
        images: read the signatories and partner logos (for printing) too;
            pages that only name the issuer leave them out.
    """
    site = Site.objects.filter(is_default_site=True).first()
    setting = CertificateSettings.for_site(site) if site else CertificateSettings()
    signatories = ()
    logos = ()
    if setting.pk and images:
        signatories = tuple(
            Signature(name=s.name, title=s.title, image=_read_image(s.signature))
            for s in setting.signatories.select_related("signature").order_by("sort_order")
        )
        logos = tuple(
            Logo(name=logo.name, image=data)
            for logo in setting.partner_logos.select_related("logo").order_by("sort_order")
            if (data := _read_image(logo.logo))
        )
    return IssuerSnapshot(
        name=setting.issuer_name or "Flyway Academy",
        description=setting.issuer_description,
        email=setting.issuer_email,
        statement=setting.statement,
        signatories=signatories,
        logos=logos,
    )


EN_DASH = "\u2013"


def _date(value: datetime.date) -> str:
    """The date in the active language's own format (``DATE_FORMAT``)."""
    return formats.date_format(value, "DATE_FORMAT")


def date_range(start: datetime.date | None, end: datetime.date | None) -> str:
    """``6-8 July 2025`` (with an en dash), ``30 June - 2 July 2025`` or a single date.

    Shortened only where the language writes the day first (English, Russian);
    elsewhere (``2025年7月6日 - 2025年7月8日``) both dates are written in full.
    """
    if start and end and start != end:
        pattern = formats.get_format("DATE_FORMAT")
        if pattern.startswith("j ") and (start.year, start.month) == (end.year, end.month):
            return f"{start.day}{EN_DASH}{_date(end)}"
        if pattern == "j F Y" and start.year == end.year:
            return f"{formats.date_format(start, 'j F')} {EN_DASH} {_date(end)}"
        return f"{_date(start)} {EN_DASH} {_date(end)}"
    single = start or end
    return _date(single) if single else ""


def cohort_line(certificate: Certificate) -> str:
    """The cohort as printed: title, dates and venue where it has them."""
    parts = [
        certificate.cohort_title,
        date_range(certificate.cohort_start, certificate.cohort_end),
        certificate.cohort_venue,
    ]
    return " · ".join(part for part in parts if part)


def holder_language(participant) -> str:
    """The interface language the holder chose (remembered on the account), or the default."""
    user = getattr(participant, "user", None)
    language = getattr(user, "preferred_language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def certificate_document(
    certificate: Certificate,
    issuer: IssuerSnapshot,
    *,
    language: str | None = None,
    design: DesignSnapshot | None = None,
) -> CertificateDocument:
    """The PDF's content for ``certificate``.

    Args:
        language: the language of the printed labels and dates; by default the
            portal's. The names, the course title and the verification link are
            printed as they are, whatever the language.
    """
    if design is None:
        design = issuer.design(
            cohort_id=certificate.enrolment.cohort_id, course_id=certificate.course_id
        )
    with translation.override(language or settings.LANGUAGE_CODE):
        labels = {
            "heading": design.heading or _("Certificate of Completion"),
            "statement": design.statement or issuer.statement or _("has successfully completed"),
            "serial": _("Serial number"),
            "issued": _("Issued"),
            "expires": _("Valid until"),
            "verify": _("Verify at"),
        }
        return CertificateDocument(
            issuer_name=issuer.name,
            holder_name=certificate.holder_name,
            holder_native_name=certificate.holder_native_name,
            course_title=certificate.course_title,
            cohort_line=cohort_line(certificate),
            serial=certificate.serial,
            issued_on=_date(certificate.issued_at.date()),
            expires_on=_date(certificate.expires_at.date()) if certificate.expires_at else "",
            verify_url=verify_url(certificate.code),
            signatories=design.signatories,
            logos=design.logos,
            seal=design.seal,
            background=design.background,
            accent=design.accent,
            labels=labels,
            title=f"{certificate.course_title} — {certificate.serial}",
            language=language or settings.LANGUAGE_CODE,
        )


def issuer_data(issuer: IssuerSnapshot) -> IssuerData:
    return IssuerData(
        id=absolute_reverse("certificates:issuer_profile"),
        name=issuer.name,
        url=base_url() + "/",
        description=issuer.description,
        email=issuer.email,
    )


def credential_data(certificate: Certificate) -> CredentialData:
    """What the digital credential states about ``certificate``.

    The subject id is a UUID derived from the participant's row, so the
    credential carries no e-mail address or other contact detail.
    """
    course = certificate.course
    return CredentialData(
        id=absolute_reverse("certificates:verify_json", code=certificate.code),
        subject_id="urn:uuid:"
        + str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url()}/participant/{certificate.participant_id}")
        ),
        holder_name=certificate.holder_name,
        holder_native_name=certificate.holder_native_name,
        achievement_id=absolute_reverse(
            "certificates:achievement", course_id=certificate.course_id
        ),
        course_title=certificate.course_title,
        course_description=getattr(course, "summary", "") or "",
        criteria_url=course_url(course),
        issued_at=certificate.issued_at,
        expires_at=certificate.expires_at,
        status_url=absolute_reverse("certificates:revocation_list"),
        serial=certificate.serial,
        verify_url=verify_url(certificate.code),
        activity_start=certificate.cohort_start,
        activity_end=certificate.cohort_end,
        achievement_image=badge_url(certificate.course_id),
    )


REVOKED_MARK = "REVOKED"


def revoked_mark(participant) -> str:
    """The mark across a revoked certificate: in English and the holder's language."""
    with translation.override(holder_language(participant)):
        translated = _("REVOKED")
    return REVOKED_MARK if translated == REVOKED_MARK else f"{REVOKED_MARK} · {translated}"


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    """The stored PDF as it may be handed out: a revoked one only with the mark across it.

    Raises:
        OSError: the stored file cannot be read.
    """
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    if certificate.status == CertificateStatus.REVOKED:
        return mark_pdf(data, revoked_mark(certificate.participant))
    return data
