"""Reporting's own data: the secretariat's targets and the frozen annual snapshots.

The figures themselves are never stored for live years: they are aggregated
from the registry, courses and certificates on request (see selectors.py). A
snapshot freezes one year at the level of enrolments, so that any breakdown of
a frozen year comes out the same later, whatever happens to the profiles.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .definitions import Youth


class TargetMetric(models.TextChoices):
    WOMEN_SHARE = "women_share", _("Share of women (%)")
    YOUTH_SHARE = "youth_share", _("Share of youth (%)")
    PARTICIPANTS = "participants", _("Participants")
    COUNTRIES = "countries", _("Countries reached")
    COMPLETION_RATE = "completion_rate", _("Completion rate (%)")
    CERTIFIED = "certified", _("People certified")


SHARE_METRICS = (
    TargetMetric.WOMEN_SHARE,
    TargetMetric.YOUTH_SHARE,
    TargetMetric.COMPLETION_RATE,
)


class Target(models.Model):
    """A figure the programme aims to reach in a year: at least ``minimum``."""

    year = models.PositiveSmallIntegerField(_("year"))
    metric = models.CharField(_("metric"), max_length=32, choices=TargetMetric.choices)
    minimum = models.DecimalField(
        _("target (at least)"),
        max_digits=9,
        decimal_places=1,
        help_text=_("Percent for shares and rates; a count otherwise."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["-year", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "metric"], name="reporting_target_one_per_year"
            ),
            models.CheckConstraint(
                condition=Q(minimum__gte=0),
                name="reporting_target_minimum_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(metric__in=[m.value for m in SHARE_METRICS]) | Q(minimum__lte=100),
                name="reporting_target_share_at_most_100",
                violation_error_message=_("A share or rate (percent) cannot be above 100."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="reporting_target_year_range",
                violation_error_message=_("Give a year between 2000 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_metric_display()} ≥ {self.minimum}"

    @property
    def is_share(self) -> bool:
        return self.metric in SHARE_METRICS


class Snapshot(models.Model):
    """One year's figures, frozen by the secretariat."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    frozen_at = models.DateTimeField(_("frozen at"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    youth_max_age = models.PositiveSmallIntegerField(
        _("youth maximum age"), help_text=_("The YOUTH_MAX_AGE in force when frozen.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    record_count = models.PositiveIntegerField(_("enrolments frozen"), default=0)

    class Meta:
        verbose_name = _("annual snapshot")
        verbose_name_plural = _("annual snapshots")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(_("Figures of %(year)s, frozen") % {"year": self.year})


class SnapshotRecord(models.Model):
    """One counted enrolment of a frozen year, with every dimension as it was.

    Ids are plain integers, not foreign keys: a frozen record must not change or
    vanish when the live rows it came from do.
    """

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="records")
    participant_id = models.BigIntegerField()
    enrolment_id = models.BigIntegerField()
    gender = models.CharField(max_length=16, blank=True)
    country = models.CharField(max_length=2, blank=True)
    youth = models.CharField(max_length=16, choices=Youth.choices)
    organisation_type = models.CharField(max_length=32, blank=True)
    course = models.CharField(max_length=255, help_text=_("The course's slug."))
    course_title = models.CharField(max_length=255)
    cohort = models.CharField(max_length=255, help_text=_("The cohort's slug."))
    cohort_title = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField()
    reference_date = models.DateField()
    completed = models.BooleanField(default=False)
    certified = models.BooleanField(default=False)
    attempted = models.BooleanField(
        default=False, help_text=_("Submitted an attempt on a graded quiz of the course.")
    )
    passed = models.BooleanField(
        default=False, help_text=_("Passed an attempt on a graded quiz of the course.")
    )
    pre_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    post_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("frozen enrolment")
        verbose_name_plural = _("frozen enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "enrolment_id"], name="reporting_snapshot_enrolment_once"
            ),
        ]
        indexes = [models.Index(fields=["snapshot", "participant_id"])]

    def __str__(self) -> str:
        return f"{self.snapshot.year} #{self.enrolment_id}"
