"""Certificates: what was issued to whom, its history, and the issuer's settings.

A certificate keeps a snapshot of what it states (the holder's names, the
course and cohort as printed), so that its PDF, its verification page and its
digital credential always agree; a name correction means a re-issue, which
supersedes the old certificate.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, PreviewableMixin

from portal.core.storage import generated_name, private_storage


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


class DisplayStatus(models.TextChoices):
    """What a reader is told: the stored status, with expiry worked out."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")
    ERASED = "erased", _("Holder's data erased")


def certificate_pdf_path(instance: Certificate, filename: str) -> str:
    # The random code keeps stored files unguessable even if MEDIA_URL were served.
    return f"certificates/{instance.issued_at:%Y}/{instance.serial}-{instance.code[:16]}.pdf"


def archive_upload_to(instance: CohortArchive, filename: str) -> str:
    # Not the cohort's slug: a stored name must not be guessable.
    return generated_name("certificates/archives", filename)


class Certificate(models.Model):
    """One certificate issued to one participant for one course."""

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("enrolment"),
    )
    # Denormalised from the enrolment so that the database can hold the rule
    # "one valid certificate per participant and course".
    participant = models.ForeignKey(
        "registry.Participant",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("participant"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course"),
    )
    serial = models.CharField(_("serial number"), max_length=20, unique=True)
    code = models.CharField(_("verification code"), max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CertificateStatus, default=CertificateStatus.VALID
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("revocation reason"), blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("superseded by"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
        help_text=_("Empty when issued automatically on completion."),
    )

    # What the certificate states, as printed.
    holder_name = models.CharField(_("holder's name (Latin letters)"), max_length=300)
    holder_native_name = models.CharField(
        _("holder's name (own script)"), max_length=300, blank=True
    )
    course_title = models.CharField(_("course title"), max_length=255)
    cohort_title = models.CharField(_("cohort"), max_length=255, blank=True)
    cohort_start = models.DateField(_("cohort start"), null=True, blank=True)
    cohort_end = models.DateField(_("cohort end"), null=True, blank=True)
    cohort_venue = models.CharField(_("venue"), max_length=255, blank=True)

    pdf = models.FileField(
        _("PDF"), upload_to=certificate_pdf_path, storage=private_storage, blank=True
    )
    # Set when the holder's data was erased (their account deleted, their
    # registry row anonymised): the names above are blanked and the PDF
    # deleted; the course, dates and status stay so that figures still add up.
    holder_erased_at = models.DateTimeField(_("holder's data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "course"],
                condition=Q(status="valid"),
                name="certificates_one_valid_per_participant_course",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | Q(revoked_at__isnull=False),
                name="certificates_revoked_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.serial} — {self.holder_name}" if self.holder_name else self.serial

    def display_status(self, now: datetime.datetime | None = None) -> DisplayStatus:
        """The status as readers see it: a valid certificate past its expiry is expired."""
        if self.status == CertificateStatus.REVOKED:
            return DisplayStatus.REVOKED
        if self.status == CertificateStatus.SUPERSEDED:
            return DisplayStatus.SUPERSEDED
        if self.holder_erased_at is not None:
            return DisplayStatus.ERASED
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return DisplayStatus.EXPIRED
        return DisplayStatus.VALID


class CertificateEvent(models.Model):
    """History: every change to a certificate, who made it and why."""

    class Action(models.TextChoices):
        ISSUED = "issued", pgettext_lazy("certificate history action", "Issued")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded by a re-issue")
        REISSUED = "reissued", _("Re-issued after revocation")
        EXPIRY_REMINDED = "expiry_reminded", _("Expiry reminder sent")
        HOLDER_ERASED = "holder_erased", _("Holder's data erased")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="events", verbose_name=_("certificate")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate history entry")
        verbose_name_plural = _("certificate history")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate.serial}: {self.get_action_display()}"

    @property
    def reason_display(self) -> str:
        """The reason as written, or, for an issue nobody explained (the automatic
        one on completion), "Course completed." in the reader's language."""
        if self.reason or self.action != self.Action.ISSUED:
            return self.reason
        return gettext("Course completed.")


class SerialCounter(models.Model):
    """The last serial number handed out per year; incremented in one UPDATE."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("serial counter")
        verbose_name_plural = _("serial counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CertificatePolicy(models.Model):
    """How a course's certificates are issued: today, how long they stay valid.

    Skills tied to banding or drone permits lapse; a course without a policy,
    or with no validity period, issues certificates that never expire.
    """

    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="certificate_policy",
        verbose_name=_("course"),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for certificates that do not expire."),
    )
    badge_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("badge image"),
        help_text=_(
            "Shown in the digital credential, on wallets and profiles; square works best. "
            "Leave empty for a badge drawn from the course title."
        ),
    )

    panels = [FieldPanel("course"), FieldPanel("validity_months"), FieldPanel("badge_image")]

    class Meta:
        verbose_name = _("certificate policy")
        verbose_name_plural = _("certificate policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(validity_months__isnull=True) | Q(validity_months__gte=1),
                name="certificates_policy_validity_positive",
            )
        ]

    def __str__(self) -> str:
        return str(self.course)


class IssueRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class IssueRun(models.Model):
    """One bulk issue for a cohort or a course, with its progress for the admin."""

    cohort = models.ForeignKey(
        "courses.Cohort",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cohort"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IssueRunStatus, default=IssueRunStatus.QUEUED
    )
    reason = models.TextField(_("reason"), blank=True)
    total = models.PositiveIntegerField(_("eligible"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    issued = models.PositiveIntegerField(_("issued"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk issue")
        verbose_name_plural = _("bulk issues")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cohort__isnull=False) | Q(course__isnull=False),
                name="certificates_issuerun_has_target",
            )
        ]

    def __str__(self) -> str:
        return str(self.cohort or self.course)

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 100


class CohortArchive(models.Model):
    """One ZIP of a cohort's certificate PDFs (valid ones unless asked), built by the task worker.

    Built outside the request (a large cohort's archive takes longer than a
    request may), stored on the shared file storage, and downloaded from there
    by whichever server the secretariat reaches.
    """

    cohort = models.ForeignKey(
        "courses.Cohort", on_delete=models.CASCADE, related_name="+", verbose_name=_("cohort")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IssueRunStatus, default=IssueRunStatus.QUEUED
    )
    include_all = models.BooleanField(
        _("include expired, revoked and superseded certificates"),
        default=False,
        help_text=_("Revoked ones are marked as such on the page."),
    )
    total = models.PositiveIntegerField(_("certificates"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    file = models.FileField(
        _("file"), upload_to=archive_upload_to, storage=private_storage, blank=True
    )
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("cohort certificates archive")
        verbose_name_plural = _("cohort certificates archives")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cohort} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0


@register_setting(icon="doc-full")
class CertificateSettings(ClusterableModel, BaseSiteSetting):
    """The issuer as certificates and credentials name it, and who signs."""

    issuer_name = models.CharField(
        _("issuer name"),
        max_length=200,
        default="Flyway Academy",
        help_text=_("Printed and verified."),
    )
    issuer_description = models.TextField(_("issuer description"), blank=True)
    issuer_email = models.EmailField(_("issuer contact e-mail"), blank=True)
    statement = models.CharField(
        _("statement"),
        max_length=300,
        blank=True,
        help_text=_('Printed under the name; default "has successfully completed".'),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("issuer_name"),
                FieldPanel("issuer_description"),
                FieldPanel("issuer_email"),
                FieldPanel("statement"),
            ],
            heading=_("Issuer"),
        ),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
        InlinePanel("partner_logos", label=_("Partner logos"), max_num=6),
    ]

    class Meta:
        verbose_name = _("certificate settings")


class Signatory(Orderable):
    settings = ParentalKey(
        CertificateSettings, on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(pgettext_lazy("signatory", "job title"), max_length=200)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signature image"),
    )

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")


class PartnerLogo(Orderable):
    settings = ParentalKey(
        CertificateSettings, on_delete=models.CASCADE, related_name="partner_logos"
    )
    name = models.CharField(_("partner"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("logo")
    )

    panels = [FieldPanel("name"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner logo")
        verbose_name_plural = _("partner logos")


class IssuerKeyKind(models.TextChoices):
    RSA = "rsa", _("RSA (VC-JWT credentials, PDF signatures)")
    ED25519 = "ed25519", _("Ed25519 (Data Integrity credentials)")


class IssuerKey(models.Model):
    """A public key of the issuer, current or retired, as the portal publishes it.

    The private half never enters the database: it lives in the key folder
    (``CERTIFICATES_KEY_DIR``, one ``<key_id>.pem`` per key) or, for the first
    RSA key, in ``CERTIFICATES_SIGNING_KEY(_FILE)``. Rotating (``manage.py
    rotate_signing_key``) retires the current key of a kind and makes a new
    one; retired keys stay published so that credentials and PDFs signed with
    them still verify.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=IssuerKeyKind)
    key_id = models.CharField(
        _("key id"),
        max_length=100,
        unique=True,
        help_text=_("RSA: the RFC 7638 thumbprint; Ed25519: the multibase public key."),
    )
    public_key = models.TextField(_("public key (PEM)"))
    x509_certificate = models.TextField(
        _("X.509 certificate (PEM)"), blank=True, help_text=_("RSA keys: signs the PDFs.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")
        ordering = ["kind", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(retired_at__isnull=True),
                name="certificates_one_current_key_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key_id}"


class CertificateDesign(PreviewableMixin, ClusterableModel):
    """How a certificate looks and who signs it: per course, per cohort, or the default.

    A cohort's design overrides its course's; a course without one prints the
    default design (``is_default``), and without any design the certificate
    settings' signatories and logos are printed. A certificate's PDF is
    rendered once, at issue, so changing a design changes the certificates
    issued after.
    """

    name = models.CharField(_("name"), max_length=200)
    is_default = models.BooleanField(
        _("default design"),
        default=False,
        help_text=_("Printed for the courses and cohorts that have no design of their own."),
    )
    heading = models.CharField(
        _("heading"),
        max_length=120,
        blank=True,
        help_text=_('Default "Certificate of Completion", in the holder\'s language.'),
    )
    statement = models.CharField(
        _("statement"),
        max_length=300,
        blank=True,
        help_text=_('Printed under the name; default "has successfully completed".'),
    )
    accent = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$", _("Give the colour as # and six hex digits, e.g. #1f6f5c.")
            )
        ],
        help_text=_("The frame's and the issuer's name's colour, e.g. #1f6f5c."),
    )
    background = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background"),
        help_text=_("A light A4 landscape image behind the text."),
    )
    seal = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seal"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("is_default")],
            heading=_("Design"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("heading"),
                FieldPanel("statement"),
                FieldPanel("accent"),
                FieldPanel("background"),
                FieldPanel("seal"),
            ],
            heading=_("Wording and look"),
        ),
        InlinePanel("signatories", label=_("Signatories"), max_num=3),
        InlinePanel("logos", label=_("Partner logos"), max_num=6),
        InlinePanel("course_links", label=_("Courses")),
        InlinePanel("cohort_links", label=_("Cohorts (override their course's design)")),
    ]

    class Meta:
        verbose_name = _("certificate design")
        verbose_name_plural = _("certificate designs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="certificates_one_default_design",
                violation_error_message=_("Another design is already the default."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    # The admin's preview: a sample holder in each script.
    @property
    def preview_modes(self):
        from .preview import SAMPLE_HOLDERS

        return [(key, sample.label) for key, sample in SAMPLE_HOLDERS.items()]

    @property
    def default_preview_mode(self):
        return "latin"

    def serve_preview(self, request, mode_name):
        from .preview import design_preview_response

        return design_preview_response(self, mode_name)


class DesignSignatory(Orderable):
    design = ParentalKey(CertificateDesign, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(pgettext_lazy("signatory", "job title"), max_length=200)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signature image"),
    )

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("signature")]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")


class DesignLogo(Orderable):
    design = ParentalKey(CertificateDesign, on_delete=models.CASCADE, related_name="logos")
    name = models.CharField(_("partner"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("logo")
    )

    panels = [FieldPanel("name"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner logo")
        verbose_name_plural = _("partner logos")


class DesignCourse(Orderable):
    """A course printing this design (one design per course)."""

    design = ParentalKey(CertificateDesign, on_delete=models.CASCADE, related_name="course_links")
    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("course"),
        error_messages={"unique": _("This course already has a design; remove it there first.")},
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("course")
        verbose_name_plural = _("courses")


class DesignCohort(Orderable):
    """A cohort printing this design instead of its course's."""

    design = ParentalKey(CertificateDesign, on_delete=models.CASCADE, related_name="cohort_links")
    cohort = models.OneToOneField(
        "courses.Cohort",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("cohort"),
        error_messages={"unique": _("This cohort already has a design; remove it there first.")},
    )

    panels = [FieldPanel("cohort")]

    class Meta(Orderable.Meta):
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
