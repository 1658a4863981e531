"""Reporting's own data: targets, frozen annual snapshots and the participation facts.

The figures themselves are never stored for live years: they are aggregated on
request (see selectors.py) from ``ParticipationFact``, one row per counted
enrolment with its dimensions resolved, which the services that write the
registry, courses and certificates keep current. A snapshot freezes one year at
the level of enrolments, so that any breakdown of a frozen year comes out the
same later, whatever happens to the profiles.
"""

import itertools

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


# The dimension columns of a fact, with the short names their indexes are named by.
FACT_DIMENSIONS = {
    "gender": "gen",
    "country": "cty",
    "organisation_type": "org",
    "youth": "yth",
    "year": "yr",
    "course": "crs",
    "cohort": "coh",
}


class ParticipationFact(models.Model):
    """One counted enrolment (not waiting-listed) with every report dimension resolved.

    The live report reads this narrow table instead of joining the registry,
    cohorts and certificates for every request. It is kept current by explicit
    calls to ``services.participation_facts_refresh`` from the services that
    change its inputs (enrolments, profiles, cohorts' dates, certificates), and
    can be rebuilt from those tables at any time (``rebuild_report_facts``).

    ``youth`` is resolved with the ``YOUTH_MAX_AGE`` in force when the row was
    written (change the setting, then rebuild). Certification is stored with the
    expiry of the certificate, because a certificate stops counting when it
    expires without anything being written.

    Each dimension, and each pair of dimensions, has an index led by it and
    followed by the participant and the measures: the database then reads any
    breakdown in group order from one index alone, without sorting, and counts
    distinct participants as they come in order. The relations are hidden
    (``related_name="+"``) so that merging participants does not move these rows
    like the person's own data; the merge refreshes them instead.
    """

    enrolment = models.OneToOneField(
        "courses.Enrolment",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        verbose_name=_("enrolment"),
    )
    participant = models.ForeignKey(
        "registry.Participant",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("participant"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("course"),
    )
    cohort = models.ForeignKey(
        "courses.Cohort",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("cohort"),
    )
    gender = models.CharField(_("gender"), max_length=16, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    organisation_type = models.CharField(_("organisation type"), max_length=32, blank=True)
    youth = models.CharField(_("youth"), max_length=16, choices=Youth.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The year of the reference date.")
    )
    reference_date = models.DateField(
        _("reference date"),
        help_text=_("The cohort's start; for self-paced cohorts, the day of enrolment."),
    )
    completed = models.BooleanField(_("completed"), default=False)
    certified = models.BooleanField(
        _("certified"),
        default=False,
        help_text=_("Holds a valid certificate for the course (expiry aside)."),
    )
    certified_until = models.DateTimeField(
        _("certified until"),
        null=True,
        blank=True,
        help_text=_("When the latest valid certificate expires; empty when it never does."),
    )

    class Meta:
        verbose_name = _("participation fact")
        verbose_name_plural = _("participation facts")
        indexes = [
            models.Index(fields=["participant"], name="reporting_fact_participant"),
            models.Index(fields=["reference_date"], name="reporting_fact_reference"),
            *[
                models.Index(
                    fields=[*group, "participant", "completed", "certified", "certified_until"],
                    name="reporting_fact_by_" + "_".join(FACT_DIMENSIONS[d] for d in group),
                )
                for group in [
                    *[(d,) for d in FACT_DIMENSIONS],
                    *itertools.combinations(FACT_DIMENSIONS, 2),
                ]
            ],
        ]

    def __str__(self) -> str:
        return f"#{self.enrolment_id} {self.year}"


class PublishedFigures(models.Model):
    """The public figures of one day: every page and year, suppressed together.

    Written once, by the first request (or the publishing task) of the day, and
    read by every page in every language until the next day, so that no two
    public pages ever show figures of different moments. Suppressed cells are
    stored without their count. See ``docs/reporting.md``.
    """

    day = models.DateField(_("day"))
    min_cell = models.PositiveSmallIntegerField(_("smallest count shown"))
    published_at = models.DateTimeField(_("published at"))
    figures = models.JSONField(_("figures"))

    class Meta:
        verbose_name = _("published figures")
        verbose_name_plural = _("published figures")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "min_cell"], name="reporting_published_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} (<{self.min_cell})"
