"""The trainee network: directory switches, messages between members, abuse reports.

Who is listed at all is the participant's own ``Participant.directory_visibility``
(hidden / members / public, kept by the registry). What a listed profile shows is
decided here, field by field, in ``DirectoryProfile``. A participant without a
``DirectoryProfile`` row shows what the field defaults below say.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class DirectoryField(models.TextChoices):
    """The parts of a profile that a member may show or hide, one switch each."""

    ORGANISATION = "organisation", _("Organisation")
    COUNTRY = "country", _("Country")
    EXPERTISE = "expertise", _("Expertise (species, methods, sites)")
    COURSES = "courses", _("Courses and cohorts completed")
    CERTIFICATES = "certificates", _("Certificates")
    BIO = "bio", _("Short bio")
    LINKS = "links", _("Links (ORCID, website)")


# What a member who has never opened the directory settings shows. Certificates
# stay off until chosen: they carry verification links.
FIELD_DEFAULTS: dict[str, bool] = {
    DirectoryField.ORGANISATION: True,
    DirectoryField.COUNTRY: True,
    DirectoryField.EXPERTISE: True,
    DirectoryField.COURSES: True,
    DirectoryField.CERTIFICATES: False,
    DirectoryField.BIO: True,
    DirectoryField.LINKS: True,
}

# Anonymous visitors see a reduced public profile: never courses or certificates,
# and they cannot write to anyone.
PUBLIC_FIELDS = frozenset(
    {
        DirectoryField.ORGANISATION,
        DirectoryField.COUNTRY,
        DirectoryField.EXPERTISE,
        DirectoryField.BIO,
        DirectoryField.LINKS,
    }
)


class DirectoryProfile(models.Model):
    """A member's choice of what the directory shows of them, and messaging state."""

    participant = models.OneToOneField(
        "registry.Participant",
        on_delete=models.CASCADE,
        related_name="directory_profile",
        verbose_name=_("participant"),
    )
    show_organisation = models.BooleanField(
        _("show organisation"), default=FIELD_DEFAULTS[DirectoryField.ORGANISATION]
    )
    show_country = models.BooleanField(
        _("show country"), default=FIELD_DEFAULTS[DirectoryField.COUNTRY]
    )
    show_expertise = models.BooleanField(
        _("show expertise"), default=FIELD_DEFAULTS[DirectoryField.EXPERTISE]
    )
    show_courses = models.BooleanField(
        _("show courses completed"),
        default=FIELD_DEFAULTS[DirectoryField.COURSES],
        help_text=_("Also lists you on the alumni pages of the cohorts you took part in."),
    )
    show_certificates = models.BooleanField(
        _("show certificates"), default=FIELD_DEFAULTS[DirectoryField.CERTIFICATES]
    )
    show_bio = models.BooleanField(_("show bio"), default=FIELD_DEFAULTS[DirectoryField.BIO])
    show_links = models.BooleanField(_("show links"), default=FIELD_DEFAULTS[DirectoryField.LINKS])
    accepts_messages = models.BooleanField(
        _("accept messages from members"),
        default=True,
        help_text=_("Messages reach you by e-mail; your address is never shown to the sender."),
    )
    messaging_suspended_at = models.DateTimeField(
        _("messaging suspended at"),
        null=True,
        blank=True,
        help_text=_("Set by the secretariat after abuse reports: the member cannot send."),
    )
    messaging_suspended_reason = models.CharField(
        _("reason for suspension"), max_length=255, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("directory profile")
        verbose_name_plural = _("directory profiles")

    def __str__(self) -> str:
        return str(self.participant)

    def shows(self, field: str) -> bool:
        return getattr(self, f"show_{field}")


class Message(models.Model):
    """One message from a member to another, relayed by e-mail.

    Neither side's address is shown or used as a reply-to: the e-mail carries a
    link to the conversation in the portal, and replies go through the portal.
    """

    sender = models.ForeignKey(
        "registry.Participant",
        on_delete=models.CASCADE,
        related_name="network_messages_sent",
        verbose_name=_("sender"),
    )
    recipient = models.ForeignKey(
        "registry.Participant",
        on_delete=models.CASCADE,
        related_name="network_messages_received",
        verbose_name=_("recipient"),
    )
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    body = models.TextField(_("message"), max_length=5000)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-sent_at"], name="network_msg_recipient_idx"),
            models.Index(fields=["sender", "-sent_at"], name="network_msg_sender_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")), name="network_message_not_to_self"
            ),
            models.CheckConstraint(condition=~Q(body=""), name="network_message_body_not_empty"),
        ]

    def __str__(self) -> str:
        return _("Message from %(sender)s to %(recipient)s") % {
            "sender": self.sender,
            "recipient": self.recipient,
        }


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    HARASSMENT = "harassment", _("Harassment or threats")
    INAPPROPRIATE = "inappropriate", _("Inappropriate content")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    ACTIONED = "actioned", _("Sender suspended")


class Report(models.Model):
    """A recipient's report of an abusive message, for the secretariat to handle."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="reports", verbose_name=_("message")
    )
    reporter = models.ForeignKey(
        "registry.Participant",
        on_delete=models.CASCADE,
        related_name="network_reports_made",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    resolution_note = models.TextField(_("resolution note"), blank=True)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"], name="network_report_once_per_message"
            ),
        ]

    def __str__(self) -> str:
        return _("Report on message %(pk)s") % {"pk": self.message_id}


class ContactBlock(models.Model):
    """``blocker`` no longer receives messages from ``blocked``."""

    blocker = models.ForeignKey(
        "registry.Participant",
        on_delete=models.CASCADE,
        related_name="network_blocks_made",
        verbose_name=_("blocked by"),
    )
    blocked = models.ForeignKey(
        "registry.Participant",
        on_delete=models.CASCADE,
        related_name="network_blocks_received",
        verbose_name=_("blocked member"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocked contact")
        verbose_name_plural = _("blocked contacts")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="network_block_unique"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="network_block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} ⊘ {self.blocked}"


class CohortTag(models.Model):
    """A species, method or site of one cohort, on top of its course's tags.

    A course's tags say what it teaches; a cohort adds where and on what it was
    held (the site of a workshop, the species met in the field), so "who has
    been trained in crane surveys at Khurkh" is one search.
    """

    cohort = models.ForeignKey(
        "courses.Cohort",
        on_delete=models.CASCADE,
        related_name="network_tags",
        verbose_name=_("cohort"),
    )
    tag = models.ForeignKey(
        "taxonomy.Tag",
        on_delete=models.CASCADE,
        related_name="network_cohort_tags",
        verbose_name=_("tag"),
    )

    class Meta:
        verbose_name = _("cohort tag")
        verbose_name_plural = _("cohort tags")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "tag"], name="network_cohorttag_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.tag}"
