"""Assignments: work a learner hands in (files, text), graded with a rubric or a score.

``Assignment`` is editorial (a Wagtail snippet, placed in a module of a
course); ``AssignmentDeadline`` gives each cohort its due date and late
policy. ``Submission`` and ``SubmissionFile`` hold what a learner handed in
(files on private storage), ``Grade`` and ``CriterionGrade`` what the
instructor gave. ``Announcement`` and ``CohortEvent`` are what instructors tell
a cohort. Writes go through ``assignments.services``, reads through
``assignments.selectors``.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.core.storage import private_storage


class FileKind(models.TextChoices):
    SHEET = "sheet", _("Data sheet (CSV or XLSX)")
    PHOTO = "photo", _("Photo (JPEG or PNG)")
    PDF = "pdf", _("PDF document")
    DOCUMENT = "document", _("Word document (DOCX)")


class LatePolicy(models.TextChoices):
    ACCEPT_MARKED = "accept_marked", _("Accept late work, marked late")
    REFUSE = "refuse", _("Refuse work after the due date")


class GradingScheme(models.TextChoices):
    RUBRIC = "rubric", _("Rubric: criteria and levels with points")
    SCORE = "score", _("Simple score")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for resubmission")
    GRADED = "graded", _("Graded")


def _percent_validators():
    return [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Assignment(TranslatableMixin, ClusterableModel):
    """Work learners hand in within a course, placed in one of its modules."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The module of the course the assignment belongs to."),
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"))
    accepts_sheets = models.BooleanField(_("accepts data sheets (CSV, XLSX)"), default=False)
    accepts_photos = models.BooleanField(_("accepts photos (JPEG, PNG)"), default=False)
    accepts_pdf = models.BooleanField(_("accepts PDF documents"), default=False)
    accepts_documents = models.BooleanField(_("accepts Word documents (DOCX)"), default=False)
    accepts_text = models.BooleanField(_("accepts a written answer"), default=True)
    max_files = models.PositiveSmallIntegerField(
        _("most files"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    max_file_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    group_work = models.BooleanField(
        _("group work"),
        default=False,
        help_text=_(
            "Each group of a cohort hands in one piece of work, which any member may hand in "
            "or replace; its grade applies to every member unless overridden for one. "
            "Learners in no group cannot hand in."
        ),
    )
    grading_scheme = models.CharField(
        _("grading"), max_length=10, choices=GradingScheme.choices, default=GradingScheme.RUBRIC
    )
    max_score = models.DecimalField(
        _("highest score"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("For a simple score; a rubric's highest score is the sum of its best levels."),
    )
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_(
            "A learner completes the course, and earns its certificate, only once this "
            "assignment is graded, the grade released and at or above the pass mark."
        ),
    )
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(50),
        validators=_percent_validators(),
    )
    weight = models.DecimalField(
        _("weight in the gradebook"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # What a learner reads is translated; what grading, completion and due dates
    # read stays the source's (``assignments.localization``).
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("instructions"),
        TranslatableField("criteria"),
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "course",
                "module",
                "accepts_sheets",
                "accepts_photos",
                "accepts_pdf",
                "accepts_text",
                "max_files",
                "max_file_mb",
                "group_work",
                "grading_scheme",
                "max_score",
                "required",
                "pass_mark",
                "weight",
            )
        ),
    ]

    panels = [
        FieldRowPanel([FieldPanel("course"), FieldPanel("module")]),
        FieldPanel("title"),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("accepts_sheets"),
                        FieldPanel("accepts_photos"),
                        FieldPanel("accepts_pdf"),
                        FieldPanel("accepts_documents"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("accepts_text"), FieldPanel("max_files"), FieldPanel("max_file_mb")]
                ),
                FieldPanel("group_work"),
            ],
            heading=_("What to hand in"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("grading_scheme"), FieldPanel("max_score"), FieldPanel("weight")]
                ),
                FieldRowPanel([FieldPanel("required"), FieldPanel("pass_mark")]),
            ],
            heading=_("Grading"),
        ),
        InlinePanel("criteria", heading=_("Rubric"), label=_("Criterion")),
        InlinePanel("deadlines", heading=_("Due dates per cohort"), label=_("Due date")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["course_id", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def file_kinds(self) -> list[str]:
        """The kinds of file accepted (``FileKind`` values); empty: text only."""
        return [
            kind
            for kind, accepted in (
                (FileKind.SHEET, self.accepts_sheets),
                (FileKind.PHOTO, self.accepts_photos),
                (FileKind.PDF, self.accepts_pdf),
                (FileKind.DOCUMENT, self.accepts_documents),
            )
            if accepted
        ]

    @property
    def rubric_max(self) -> Decimal:
        return sum(
            (
                max((lv["points"] for lv in c.level_list), default=Decimal(0))
                for c in self.criteria.all()
            ),
            Decimal(0),
        )

    @property
    def highest_score(self) -> Decimal:
        if self.grading_scheme == GradingScheme.RUBRIC:
            return self.rubric_max
        return self.max_score


class RubricCriterion(TranslatableMixin, Orderable):
    """One row of a rubric: what is judged and the levels it can reach."""

    assignment = ParentalKey(Assignment, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    levels = StreamField(
        [
            (
                "level",
                blocks.StructBlock(
                    [
                        ("points", blocks.DecimalBlock(label=_("Points"), min_value=0)),
                        ("description", blocks.CharBlock(label=_("Description"), max_length=300)),
                    ],
                    label=_("Level"),
                ),
            )
        ],
        verbose_name=_("levels"),
        help_text=_("From the lowest to the highest level, each with its points."),
    )

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("levels"),
        SynchronizedField("sort_order", overridable=False),
    ]

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("levels")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.title

    @property
    def level_list(self) -> list[dict]:
        """The levels as ``{"points": Decimal, "description": str}``, in order.

        A criterion shown in translation (``assignments.localization``) carries
        its levels' translated descriptions in ``translated_level_texts``.
        """
        texts = getattr(self, "translated_level_texts", None) or []
        return [
            {
                "points": Decimal(block.value["points"]),
                "description": texts[n] if n < len(texts) else block.value["description"],
            }
            for n, block in enumerate(self.levels)
        ]


class AssignmentDeadline(Orderable):
    """When one cohort must hand an assignment in, and what happens after."""

    assignment = ParentalKey(Assignment, on_delete=models.CASCADE, related_name="deadlines")
    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    due_at = models.DateTimeField(_("due"))
    late_policy = models.CharField(
        _("after the due date"),
        max_length=20,
        choices=LatePolicy.choices,
        default=LatePolicy.ACCEPT_MARKED,
    )

    panels = [
        FieldRowPanel([FieldPanel("cohort"), FieldPanel("due_at"), FieldPanel("late_policy")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("due date")
        verbose_name_plural = _("due dates")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "cohort"], name="assignments_deadline_one_per_cohort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} — {self.cohort}"


class CohortGroup(models.Model):
    """A group of learners of one cohort who hand in group work together (Moodle's groups).

    Kept by the cohort's staff (``assignments_admin:groups``); a learner is in at
    most one group of a cohort.
    """

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["cohort_id", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="assignments_group_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CohortGroupMember(models.Model):
    """One learner (an enrolment in the group's cohort) in a group."""

    group = models.ForeignKey(CohortGroup, on_delete=models.CASCADE, related_name="members")
    enrolment = models.OneToOneField(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="assignment_group_membership",
    )

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group_id", "pk"]

    def __str__(self) -> str:
        return f"{self.group} — {self.enrolment_id}"


def _receipt() -> str:
    return secrets.token_hex(6).upper()


class Submission(models.Model):
    """What one learner (or group) handed in for one assignment; resubmitting replaces it.

    For group work ``group`` is set and the one submission is the group's:
    ``participant`` and ``enrolment`` are the member who handed in last.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    participant = models.ForeignKey(
        "registry.Participant",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="assignment_submissions",
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="assignment_submissions",
    )
    group = models.ForeignKey(
        CohortGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
        help_text=_("For group work: the group it was handed in for (one submission per group)."),
    )
    text = models.TextField(_("written answer"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("handed in"), default=timezone.now)
    is_late = models.BooleanField(_("late"), default=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    receipt = models.CharField(_("receipt"), max_length=20, default=_receipt)
    return_note = models.TextField(
        _("what to change"),
        blank=True,
        help_text=_("Why the work was returned for resubmission, for the learner."),
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["assignment", "participant"]),
            models.Index(fields=["assignment", "group"]),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} — {self.participant}"


def _submission_path(instance, filename):
    return f"assignments/{instance.submission.assignment_id}/{secrets.token_hex(16)}"


class SubmissionFile(models.Model):
    """A file handed in, on private storage; its name as the learner gave it."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=_submission_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=FileKind.choices)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Grade(models.Model):
    """The instructor's grade of a submission; learners see it once released."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="grade")
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    max_score = models.DecimalField(_("highest score"), max_digits=7, decimal_places=2)
    percent = models.DecimalField(
        _("grade (%)"), max_digits=5, decimal_places=2, validators=_percent_validators()
    )
    feedback = models.TextField(_("general comment"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("graded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("graded"), default=timezone.now)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderation_note = models.TextField(_("moderation note"), blank=True)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="assignments_grade_percent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission}: {self.percent} %"

    @property
    def is_released(self) -> bool:
        return self.released_at is not None


class MemberGrade(models.Model):
    """One member's own grade for a group's submission, instead of the group's.

    Moodle's "apply grades to all members" turned off for one person: the
    group's grade applies to every member but those with a row here. Released
    with the group's grade.
    """

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="member_grades")
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="assignment_member_grades",
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    percent = models.DecimalField(
        _("grade (%)"), max_digits=5, decimal_places=2, validators=_percent_validators()
    )
    feedback = models.TextField(_("comment for this member"), blank=True)

    class Meta:
        verbose_name = _("member's own grade")
        verbose_name_plural = _("members' own grades")
        constraints = [
            models.UniqueConstraint(
                fields=["grade", "enrolment"], name="assignments_membergrade_unique"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="assignments_membergrade_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grade} — {self.enrolment_id}: {self.percent} %"


class CriterionGrade(models.Model):
    """The level a submission reached on one rubric criterion, with its feedback."""

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="+")
    level_index = models.PositiveSmallIntegerField(_("level"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        verbose_name = _("criterion grade")
        verbose_name_plural = _("criterion grades")
        ordering = ["criterion__sort_order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["grade", "criterion"], name="assignments_criteriongrade_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


# --- What instructors tell a cohort ----------------------------------------------------


class Announcement(models.Model):
    """A message to a cohort: on its learners' dashboards and by e-mail."""

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-posted_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class EventKind(models.TextChoices):
    SESSION = "session", _("Session")
    WORKSHOP = "workshop", _("Workshop day")
    OTHER = "other", _("Other")


class CohortEvent(models.Model):
    """A date in a cohort's calendar (a session, a workshop day); due dates come from deadlines."""

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.SESSION
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("cohort date")
        verbose_name_plural = _("cohort dates")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class CalendarToken(models.Model):
    """The secret in a learner's personal calendar feed address."""

    participant = models.OneToOneField(
        "registry.Participant", on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.participant)


class ZipStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SubmissionArchive(models.Model):
    """Every file handed in for an assignment by one cohort, in one ZIP built by the worker."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("courses.Cohort", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ZipStatus.choices, default=ZipStatus.PENDING)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to="assignments/archives/", storage=private_storage, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("submissions archive")
        verbose_name_plural = _("submissions archives")

    def __str__(self) -> str:
        return f"{self.assignment} — {self.cohort}"
