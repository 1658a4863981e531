"""The participant registry: one row per person, their consents and the audit trail.

Writes go through ``portal.registry.services``; each one writes its
``ParticipantHistory`` row in the same transaction.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.core.storage import generated_name, private_storage

# Birth years outside this range are refused by the services; the database
# keeps a wider, fixed bound because "this year" cannot live in a constraint.
BIRTH_YEAR_MIN = 1900


class Gender(models.TextChoices):
    WOMAN = "woman", _("Women")
    MAN = "man", _("Men")
    ANOTHER = "another", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Not stated")


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    PROTECTED_AREA = "protected_area", _("Protected area")
    ACADEMIA = "academia", _("University or research institute")
    NGO = "ngo", _("Non-governmental organisation")
    COMMUNITY = "community", _("Community")
    PRIVATE = "private", _("Private sector")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class CareerStage(models.TextChoices):
    STUDENT = "student", _("Student")
    EARLY = "early", _("Early career (up to 5 years)")
    MID = "mid", _("Mid career")
    SENIOR = "senior", _("Senior")
    OTHER = "other", _("Other")


class DirectoryVisibility(models.TextChoices):
    HIDDEN = "hidden", _("Hidden")
    MEMBERS = "members", _("Members only")
    PUBLIC = "public", _("Public")


class Participant(models.Model):
    """One person taking part in the programme, with or without an account.

    Workshop participants imported from a spreadsheet have no ``user`` until they
    sign up with the same e-mail address. Deleting the account anonymises the row
    (``anonymised_at``) instead of deleting it, so enrolments, attempts and
    certificates stay and aggregate figures still add up.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    given_name = models.CharField(
        _("given name"), max_length=150, help_text=_("In Latin letters, as on a passport.")
    )
    family_name = models.CharField(
        _("family name"), max_length=150, help_text=_("In Latin letters, as on a passport.")
    )
    native_name = models.CharField(
        _("full name in your own script"),
        max_length=200,
        blank=True,
        help_text=_("For example 王小明, 山田 太郎, 김민준 or Батбаяр Өлзийсайхан."),
    )
    gender = models.CharField(
        _("gender"), max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    country = CountryField(_("country"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType.choices, blank=True
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    career_stage = models.CharField(
        _("career stage"), max_length=10, choices=CareerStage.choices, blank=True
    )
    expertise = models.ManyToManyField(
        "taxonomy.Tag",
        verbose_name=_("expertise"),
        blank=True,
        related_name="participants",
        help_text=_("Species and methods you work with."),
    )
    directory_visibility = models.CharField(
        _("directory visibility"),
        max_length=10,
        choices=DirectoryVisibility.choices,
        default=DirectoryVisibility.HIDDEN,
    )
    bio = models.TextField(_("about me"), blank=True)
    links = models.JSONField(
        _("links"),
        default=list,
        blank=True,
        help_text=_("A list of web addresses (https://…), e.g. ORCID or a project page."),
    )
    # Case- and width-folded names, e-mail and organisation, kept by the
    # services, so that search works alike in every script and database.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    profile_completed_at = models.DateTimeField(_("profile completed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["family_name", "given_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="registry_participant_email_ci_unique",
                violation_error_message=_("Another participant already has this e-mail address."),
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=BIRTH_YEAR_MIN),
                name="registry_participant_birth_year_range",
            ),
        ]
        indexes = [
            models.Index(fields=["country"], name="registry_part_country_idx"),
            models.Index(fields=["gender"], name="registry_part_gender_idx"),
        ]

    def __str__(self) -> str:
        if self.anonymised_at:
            return str(_("Anonymous participant #%(pk)s") % {"pk": self.pk})
        return self.full_name

    @property
    def full_name(self) -> str:
        """Given and family name in Latin letters."""
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def is_profile_complete(self) -> bool:
        return self.profile_completed_at is not None and self.anonymised_at is None

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class ConsentPurpose(models.TextChoices):
    DATA_PROCESSING = "data_processing", _("Processing of personal data")
    DIRECTORY = "directory", _("Listing in the trainee directory")


class ConsentRecord(models.Model):
    """What a participant agreed to (or withdrew), under which policy version, when."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    policy_version = models.CharField(_("policy version"), max_length=32)
    granted = models.BooleanField(_("granted"), default=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.policy_version})"


class HistoryAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    IMPORTED = "imported", _("Imported")
    ONBOARDED = "onboarded", _("Profile completed")
    CONSENT = "consent", _("Consent recorded")
    LINKED = "linked", _("Account linked")
    MERGED = "merged", _("Merged")
    ANONYMISED = "anonymised", _("Anonymised")


class ParticipantHistory(models.Model):
    """One change to a participant: who, what (field: [old, new]), when and why."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="history",
    )
    action = models.CharField(_("action"), max_length=12, choices=HistoryAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("participant history entry")
        verbose_name_plural = _("participant history")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Checking the file")
    PREVIEWED = "previewed", _("Checked, waiting for confirmation")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


def import_upload_to(instance, filename: str) -> str:
    # A generated name in the private storage: the list is personal data, and
    # its original name (kept in ``original_name``) may name people or places.
    return generated_name("registry/imports", filename)


class ImportJob(models.Model):
    """One spreadsheet uploaded in the admin: checked, previewed, then imported.

    Large files are imported by a background task that updates
    ``processed_rows`` so that the job's page can show progress.
    """

    file = models.FileField(_("file"), upload_to=import_upload_to, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    cohort_slug = models.SlugField(_("cohort"), max_length=100, blank=True)
    send_email = models.BooleanField(
        _("e-mail certificates"),
        default=True,
        help_text=_("Whether certificates earned by the imported attendance are e-mailed."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(processed_rows__lte=models.F("total_rows")),
                name="registry_importjob_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == ImportStatus.DONE else 0
        return int(100 * self.processed_rows / self.total_rows)

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.CANCELLED)

    @property
    def is_working(self) -> bool:
        """True while a background task is checking or importing the file."""
        return self.status in (ImportStatus.CHECKING, ImportStatus.QUEUED, ImportStatus.RUNNING)


# The privacy policy page lives in pages.py; Django finds models in this module.
from .pages import PolicySectionBlock, PrivacyPolicyPage  # noqa: E402, F401
