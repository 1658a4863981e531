"""Reads behind every report: one SQL aggregation per breakdown.

The facts are ``ParticipationFact`` rows: one per counted enrolment (waiting-
listed ones excluded) with every dimension already resolved, kept current by
the services that change them. A breakdown by one or two dimensions is a single
``GROUP BY`` over that one narrow table with ``COUNT(DISTINCT participant)`` and
conditional counts. pandas and Python only ever see the aggregated rows. A year
the secretariat has frozen is read from its snapshot instead, through the same
aggregation, so its figures never move.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
)
from django.utils import timezone
from django_countries import countries

from assessments.models import Attempt, AttemptStatus, CohortTestPair, QuizKind
from assessments.selectors import learning_gain_rows
from courses.models import Cohort, CoursePage
from portal.registry.models import Gender

from . import sql
from .definitions import (
    GENDER_LABELS,
    ORGANISATION_TYPE_LABELS,
    PERSON_DIMENSIONS,
    UNKNOWN_LABEL,
    Dimension,
    Youth,
    definitions,
)
from .models import (
    SHARE_METRICS,
    ParticipationFact,
    PublishedFigures,
    Snapshot,
    SnapshotRecord,
    Target,
    TargetMetric,
)
from .report import Breakdown, Filters, GainRow, Headline, Report, Row, TargetStatus

TWO_PLACES = Decimal("0.01")
PID = "participant_id"  # the person, in live enrolments and frozen records alike


# --- The facts -----------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where one report reads its facts from, and how each dimension is spelled there."""

    queryset: QuerySet
    dimensions: dict
    completed: Q
    certified: Q
    attempted: Q
    passed: Q
    frozen: Snapshot | None = None


def live_source(filters: Filters, *, now: dt.datetime | None = None) -> Source:
    """The participation facts (counted enrolments) matching ``filters``.

    Every dimension is a column of ``ParticipationFact``; only certification
    is worked out here, against ``now``, because certificates expire.
    """
    now = now or timezone.now()
    queryset = ParticipationFact.objects.all()
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    if filters.date_from:
        queryset = queryset.filter(reference_date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(reference_date__lte=filters.date_to)
    if filters.course:
        queryset = queryset.filter(course__slug=filters.course)
    if filters.cohort:
        queryset = queryset.filter(cohort__slug=filters.cohort)
    if filters.country:
        queryset = queryset.filter(country=filters.country.upper())

    # The enrolments with a submitted graded attempt, as one uncorrelated
    # subquery: the database reads the attempts once and hashes them. A subquery
    # correlated with each fact ran once per counted enrolment (4.3 s of the
    # report at 20,000 enrolments on PostgreSQL, issue 15).
    graded = Attempt.objects.filter(
        enrolment__isnull=False,
        status=AttemptStatus.SUBMITTED,
        quiz__kind=QuizKind.QUIZ,
    )
    return Source(
        queryset=queryset,
        dimensions={
            Dimension.GENDER: F("gender"),
            Dimension.COUNTRY: F("country"),
            Dimension.ORGANISATION_TYPE: F("organisation_type"),
            Dimension.COURSE: F("course_id"),
            Dimension.COHORT: F("cohort_id"),
            Dimension.YEAR: F("year"),
            Dimension.YOUTH: F("youth"),
        },
        completed=Q(completed=True),
        certified=Q(certified=True)
        & (Q(certified_until__isnull=True) | Q(certified_until__gt=now)),
        attempted=Q(enrolment_id__in=graded.values("enrolment_id")),
        passed=Q(enrolment_id__in=graded.filter(passed=True).values("enrolment_id")),
    )


def frozen_source(snapshot: Snapshot, filters: Filters) -> Source:
    """The frozen enrolments of ``snapshot`` matching ``filters``."""
    queryset = SnapshotRecord.objects.filter(snapshot=snapshot)
    if filters.date_from:
        queryset = queryset.filter(reference_date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(reference_date__lte=filters.date_to)
    if filters.course:
        queryset = queryset.filter(course=filters.course)
    if filters.cohort:
        queryset = queryset.filter(cohort=filters.cohort)
    if filters.country:
        queryset = queryset.filter(country=filters.country.upper())
    return Source(
        queryset=queryset,
        dimensions={name: F(name) for name in Dimension.values},
        completed=Q(completed=True),
        certified=Q(certified=True),
        attempted=Q(attempted=True),
        passed=Q(passed=True),
        frozen=snapshot,
    )


def frozen_snapshot_for(filters: Filters) -> Snapshot | None:
    """The snapshot that answers ``filters``: the year asked for, if frozen; else None.

    A date range answers from a snapshot only when it lies within one frozen year.
    """
    year = filters.year
    same_year = (
        filters.date_from and filters.date_to and filters.date_from.year == filters.date_to.year
    )
    if not year and same_year:
        year = filters.date_from.year
    if not year:
        return None
    return Snapshot.objects.filter(year=year).first()


def report_source(filters: Filters) -> Source:
    snapshot = frozen_snapshot_for(filters)
    return frozen_source(snapshot, filters) if snapshot else live_source(filters)


# --- Breakdowns ----------------------------------------------------------------


def breakdown_rows(source: Source, dims: list[str], *, with_pass_rates: bool = False) -> list[dict]:
    """The one aggregation: counts per group of ``dims`` (raw keys, no labels).

    Returns:
        Dicts with the dimension names as keys plus ``participants``,
        ``completed``, ``certified`` (and ``attempted``, ``passed``).
    """
    pid = PID
    aliases = {f"d_{d}": source.dimensions[d] for d in dims}
    measures = {
        "participants": Count(pid, distinct=True),
        "completed": Count(pid, distinct=True, filter=source.completed),
        "certified": Count(pid, distinct=True, filter=source.certified),
    }
    if with_pass_rates:
        measures["attempted"] = Count(pid, distinct=True, filter=source.attempted)
        measures["passed"] = Count(pid, distinct=True, filter=source.passed)
    rows = source.queryset.annotate(**aliases).values(*aliases).annotate(**measures).order_by()
    if source.frozen is None and dims:
        rows = sql.read_by_dimension_index(rows, dims)  # SQLite only; see sql.py
    return [{**{d: row[f"d_{d}"] for d in dims}, **{m: row[m] for m in measures}} for row in rows]


def _labels_for(dim: str, keys: set, source: Source) -> dict:
    """Map raw group keys of ``dim`` to (code, label, sort key)."""
    out = {}
    if dim == Dimension.GENDER:
        order = list(GENDER_LABELS)
        for k in keys:
            label = GENDER_LABELS.get(k, UNKNOWN_LABEL) if k else UNKNOWN_LABEL
            out[k] = (k or "", str(label), (order.index(k) if k in order else len(order), ""))
    elif dim == Dimension.YOUTH:
        order = list(Youth.values)
        for k in keys:
            out[k] = (k, str(Youth(k).label), (order.index(k), ""))
    elif dim == Dimension.ORGANISATION_TYPE:
        order = list(ORGANISATION_TYPE_LABELS)
        for k in keys:
            label = ORGANISATION_TYPE_LABELS.get(k, UNKNOWN_LABEL) if k else UNKNOWN_LABEL
            out[k] = (k or "", str(label), (order.index(k) if k in order else len(order), ""))
    elif dim == Dimension.COUNTRY:
        for k in keys:
            code = str(k or "")
            name = str(countries.name(code)) if code else ""
            out[k] = (code, name or str(UNKNOWN_LABEL), (0 if code else 1, name))
    elif dim == Dimension.YEAR:
        for k in keys:
            out[k] = (k, str(k) if k is not None else str(UNKNOWN_LABEL), (k or 0, ""))
    elif dim == Dimension.COURSE and source.frozen is None:
        pages = CoursePage.objects.filter(pk__in=[k for k in keys if k]).values_list(
            "pk", "slug", "title"
        )
        found = {pk: (slug, title) for pk, slug, title in pages}
        for k in keys:
            slug, title = found.get(k, ("", str(UNKNOWN_LABEL)))
            out[k] = (slug, title, (0, title.lower()))
    elif dim == Dimension.COHORT and source.frozen is None:
        rows = Cohort.objects.filter(pk__in=[k for k in keys if k]).values_list(
            "pk", "slug", "title"
        )
        found = {pk: (slug, title) for pk, slug, title in rows}
        for k in keys:
            slug, title = found.get(k, ("", str(UNKNOWN_LABEL)))
            # By title, as frozen records sort them, so a frozen year reads the same.
            out[k] = (slug, title, (0, title.lower()))
    else:  # course or cohort of a frozen year: the records hold slug and title
        field = "course_title" if dim == Dimension.COURSE else "cohort_title"
        titles = dict(
            source.queryset.filter(**{f"{dim}__in": keys})
            .values_list(dim, field)
            .distinct()
            .order_by()
        )
        for k in keys:
            title = titles.get(k, k)
            out[k] = (k, title, (0, title.lower()))
    return out


# Fixed vocabularies are listed in full in a one-dimension breakdown, zeros included,
# so that an empty group is seen to be empty rather than missing.
FULL_VOCABULARY = {
    Dimension.GENDER: list(GENDER_LABELS),
    Dimension.YOUTH: list(Youth.values),
}


def breakdown(
    dims: list[str], *, filters: Filters | None = None, source: Source | None = None
) -> Breakdown:
    """Participants, completed and certified by one or two dimensions.

    Args:
        dims: one or two of :class:`~portal.reporting.definitions.Dimension`.
        filters: what to count (default: everything).
        source: the facts to read (default: the frozen year asked for, else live data).

    Returns:
        A :class:`Breakdown` whose rows carry codes (alpha-2 countries, BRIEF §3
        values, course and cohort slugs; empty for unknown) and labels, sorted.
    """
    filters = filters or Filters()
    source = source or report_source(filters)
    raw = breakdown_rows(source, dims)
    if len(dims) == 1 and dims[0] in FULL_VOCABULARY:
        present = {r[dims[0]] for r in raw}
        raw += [
            {dims[0]: v, "participants": 0, "completed": 0, "certified": 0}
            for v in FULL_VOCABULARY[dims[0]]
            if v not in present
        ]
    labels = {d: _labels_for(d, {r[d] for r in raw}, source) for d in dims}
    rows = []
    for r in raw:
        info = [labels[d][r[d]] for d in dims]
        rows.append(
            (
                tuple(i[2] for i in info),
                Row(
                    keys=tuple(i[0] for i in info),
                    labels=tuple(i[1] for i in info),
                    participants=r["participants"],
                    completed=r["completed"],
                    certified=r["certified"],
                ),
            )
        )
    rows.sort(key=lambda pair: pair[0])
    return Breakdown(
        dimensions=tuple(dims),
        dimension_labels=tuple(str(Dimension(d).label) for d in dims),
        rows=tuple(row for _sort, row in rows),
    )


@dataclass(frozen=True)
class RateRow:
    label: str
    participants: int
    completed: int
    attempted: int
    passed: int

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.participants * 100 if self.participants else None

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.attempted * 100 if self.attempted else None


def rates_by(dim: str, *, filters: Filters, source: Source | None = None) -> list[RateRow]:
    """Completion rate and quiz pass rate per group of ``dim`` (one aggregation).

    The pass rate is, of the people who submitted a graded quiz of a matching
    course, the share with at least one passing attempt.
    """
    source = source or report_source(filters)
    raw = breakdown_rows(source, [dim], with_pass_rates=True)
    labels = _labels_for(dim, {r[dim] for r in raw}, source)
    raw.sort(key=lambda r: labels[r[dim]][2])
    return [
        RateRow(
            label=labels[r[dim]][1],
            participants=r["participants"],
            completed=r["completed"],
            attempted=r["attempted"],
            passed=r["passed"],
        )
        for r in raw
    ]


# --- Headline figures and targets ----------------------------------------------


def _headline_measures(source: Source) -> dict:
    pid = PID
    return {
        "participants": Count(pid, distinct=True),
        "women": Count(pid, distinct=True, filter=Q(h_gender=Gender.WOMAN)),
        "youth": Count(pid, distinct=True, filter=Q(h_youth=Youth.YOUTH.value)),
        "countries": Count("h_country", distinct=True, filter=~Q(h_country="")),
        "completed": Count(pid, distinct=True, filter=source.completed),
        "certified": Count(pid, distinct=True, filter=source.certified),
    }


def _headline_annotations(source: Source) -> dict:
    return {
        "h_gender": source.dimensions[Dimension.GENDER],
        "h_youth": source.dimensions[Dimension.YOUTH],
        "h_country": source.dimensions[Dimension.COUNTRY],
    }


def headline(*, filters: Filters, source: Source | None = None, with_gain: bool = True) -> Headline:
    """Participants, women, youth, countries, completed, certified (one query) and gain.

    A person counts as youth when they were youth at any matching enrolment.
    """
    source = source or report_source(filters)
    figures = source.queryset.annotate(**_headline_annotations(source)).aggregate(
        **_headline_measures(source)
    )
    gain, learners = (None, 0)
    if with_gain:
        gains = gain_by(Dimension.GENDER, filters=filters, source=source)
        total_learners = sum(g.learners for g in gains)
        if total_learners:
            weighted = sum(g.gain * g.learners for g in gains if g.gain is not None)
            gain, learners = (weighted / total_learners).quantize(TWO_PLACES), total_learners
    return Headline(**figures, learning_gain=gain, learning_gain_learners=learners)


def yearly_headlines(*, filters: Filters) -> dict[int, Headline]:
    """Headline figures per year (no learning gain): frozen years from their snapshots.

    Two queries at most: one over live data for the years not frozen, one over
    the frozen records.
    """
    base = Filters(
        course=filters.course,
        cohort=filters.cohort,
        country=filters.country,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    frozen_set = set(Snapshot.objects.values_list("year", flat=True))
    result: dict[int, Headline] = {}
    live = live_source(base)
    rows = (
        live.queryset.annotate(**_headline_annotations(live), h_year=live.dimensions["year"])
        .values("h_year")
        .annotate(**_headline_measures(live))
        .order_by()
    )
    for row in rows:
        year = row.pop("h_year")
        if year not in frozen_set:
            result[year] = Headline(**row, learning_gain=None)
    if frozen_set:
        frozen = Source(
            queryset=SnapshotRecord.objects.all(),
            dimensions={name: F(name) for name in Dimension.values},
            completed=Q(completed=True),
            certified=Q(certified=True),
            attempted=Q(attempted=True),
            passed=Q(passed=True),
        )
        queryset = frozen.queryset
        if base.course:
            queryset = queryset.filter(course=base.course)
        if base.cohort:
            queryset = queryset.filter(cohort=base.cohort)
        if base.country:
            queryset = queryset.filter(country=base.country.upper())
        if base.date_from:
            queryset = queryset.filter(reference_date__gte=base.date_from)
        if base.date_to:
            queryset = queryset.filter(reference_date__lte=base.date_to)
        rows = (
            queryset.annotate(**_headline_annotations(frozen), h_year=F("snapshot__year"))
            .values("h_year")
            .annotate(**_headline_measures(frozen))
            .order_by()
        )
        for row in rows:
            year = row.pop("h_year")
            result[year] = Headline(**row, learning_gain=None)
    return dict(sorted(result.items()))


def target_actual(metric: str, figures: Headline) -> float | None:
    return {
        TargetMetric.WOMEN_SHARE: figures.women_share,
        TargetMetric.YOUTH_SHARE: figures.youth_share,
        TargetMetric.COMPLETION_RATE: figures.completion_rate,
        TargetMetric.PARTICIPANTS: float(figures.participants),
        TargetMetric.COUNTRIES: float(figures.countries),
        TargetMetric.CERTIFIED: float(figures.certified),
    }[metric]


def target_statuses(*, yearly: dict[int, Headline], years: list[int] | None = None):
    """Each target (of ``years``, default all) against that year's figures."""
    targets = Target.objects.all().order_by("year", "metric")
    if years is not None:
        targets = targets.filter(year__in=years)
    statuses = []
    for target in targets:
        figures = yearly.get(target.year)
        statuses.append(
            TargetStatus(
                year=target.year,
                metric=target.metric,
                label=str(target.get_metric_display()),
                minimum=target.minimum,
                actual=target_actual(target.metric, figures) if figures else None,
                is_share=target.metric in SHARE_METRICS,
            )
        )
    return statuses


# --- Learning gain -------------------------------------------------------------


def _gain_facts(source: Source) -> dict[tuple[int, int], tuple[str, str, Decimal, Decimal]]:
    """(participant, cohort) → (gender, country, pre, post) for learners who sat both."""
    if source.frozen is not None:
        rows = source.queryset.filter(pre_score__isnull=False, post_score__isnull=False)
        return {
            (r["participant_id"], r["enrolment_id"]): (
                r["gender"],
                r["country"],
                r["pre_score"],
                r["post_score"],
            )
            for r in rows.values(
                "participant_id", "enrolment_id", "gender", "country", "pre_score", "post_score"
            )
        }
    paired = list(CohortTestPair.objects.values_list("cohort_id", flat=True))
    if not paired:
        return {}
    matching = {
        (pid, cohort): (gender, country)
        for pid, cohort, gender, country in source.queryset.filter(
            cohort_id__in=paired
        ).values_list("participant_id", "cohort_id", "gender", "country")
    }
    if not matching:
        return {}
    out = {}
    for row in learning_gain_rows(cohort_ids=sorted({c for _p, c in matching})):
        key = (row["participant_id"], row["cohort_id"])
        if row["gain"] is not None and key in matching:
            out[key] = (*matching[key], row["pre"], row["post"])
    return out


def gain_by(dim: str, *, filters: Filters, source: Source | None = None) -> list[GainRow]:
    """Average pre, post and gain per gender or country over learners who sat both tests."""
    if dim not in (Dimension.GENDER, Dimension.COUNTRY):
        raise ValueError("Learning gain is broken down by gender or country.")
    source = source or report_source(filters)
    groups: dict[str, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    for gender, country, pre, post in _gain_facts(source).values():
        groups[gender if dim == Dimension.GENDER else country].append((pre, post))
    labels = _labels_for(dim, set(groups), source)
    rows = []
    for key, pairs in groups.items():
        n = len(pairs)
        pre = (sum(p for p, _q in pairs) / n).quantize(TWO_PLACES)
        post = (sum(q for _p, q in pairs) / n).quantize(TWO_PLACES)
        code, label, sort = labels[key]
        rows.append((sort, GainRow(code, label, n, pre, post, post - pre)))
    rows.sort(key=lambda pair: pair[0])
    return [row for _sort, row in rows]


# --- The whole report ------------------------------------------------------------

DEFAULT_BREAKDOWNS = (
    ["gender"],
    ["youth"],
    ["country"],
    ["organisation_type"],
    ["course"],
    ["year"],
)


def participation_report(
    *, filters: Filters, breakdowns: list[list[str]] | None = None, with_gain: bool = True
) -> Report:
    """Everything the exports show for ``filters``: headline, breakdowns, gain, targets.

    Args:
        filters: what to count.
        breakdowns: lists of one or two dimensions (default: each single dimension
            but cohort).
    """
    source = report_source(filters)
    dims_list = [list(b) for b in (breakdowns or DEFAULT_BREAKDOWNS)]
    figures = headline(filters=filters, source=source, with_gain=with_gain)
    yearly = yearly_headlines(filters=filters)
    years = sorted(yearly) if not filters.year else [filters.year]
    return Report(
        filters=filters,
        headline=figures,
        breakdowns=tuple(breakdown(d, filters=filters, source=source) for d in dims_list),
        generated_at=timezone.now(),
        frozen_year=source.frozen.year if source.frozen else None,
        frozen_at=source.frozen.frozen_at if source.frozen else None,
        gain_by_gender=tuple(gain_by("gender", filters=filters, source=source))
        if with_gain
        else (),
        gain_by_country=tuple(gain_by("country", filters=filters, source=source))
        if with_gain
        else (),
        shares_by_year=tuple(
            (year, h.women_share, h.youth_share) for year, h in yearly.items() if year in years
        ),
        targets=tuple(target_statuses(yearly=yearly, years=years)),
        definitions=tuple(definitions()),
    )


def frozen_years() -> list[Snapshot]:
    return list(Snapshot.objects.order_by("year"))


def person_dimension(dim: str) -> bool:
    return dim in PERSON_DIMENSIONS


# --- The public impact page ------------------------------------------------------

PUBLIC_WIDE = "all"
# The breakdowns the public page offers, in the order it shows them.
PUBLIC_DIMENSIONS = (
    Dimension.GENDER,
    Dimension.YOUTH,
    Dimension.COUNTRY,
    Dimension.ORGANISATION_TYPE,
)
PUBLIC_HEADLINES = ("participants", "completed", "certified")
# Rows listed only when someone is in them (the others list every value, zeros too).
_LISTED_WHEN_PRESENT = (Dimension.COUNTRY, Dimension.ORGANISATION_TYPE)


@dataclass
class PublicFigures:
    """Every figure the public pages can show, all years and each year, suppressed.

    ``views`` holds the exact counts (for the publishing service and the tests);
    ``published()`` is what is stored and shown: suppressed cells carry no count.
    """

    views: dict  # name ("all" or a year as text) -> disclosure.View
    years: list[int]
    rows: dict  # name -> dimension -> cell keys present in that view
    min_cell: int

    def published(self) -> dict:
        return {
            "min_cell": self.min_cell,
            "years": self.years,
            "rows": self.rows,
            "cells": {
                name: {
                    key: (None if key in view.hidden else value)
                    for key, value in view.cells.items()
                }
                for name, view in self.views.items()
            },
            "hidden": {name: dict(view.hidden) for name, view in self.views.items()},
        }


def public_counts() -> tuple[list[int], dict]:
    """The exact counts behind the public page: per view, headline cells and breakdowns.

    Returns:
        (years, {name: {"cells": {key: count}, "rows": {dim: [key]}}}); keys are
        ``participants``, ``completed``, ``certified`` and ``<dimension>:<code>``.
        One query per view for the headline, one per breakdown.
    """
    years = sorted({y for y in yearly_headlines(filters=Filters()) if y is not None}, reverse=True)
    out = {}
    for name, filters in [(PUBLIC_WIDE, Filters()), *[(str(y), Filters(year=y)) for y in years]]:
        source = report_source(filters)
        h = headline(filters=filters, source=source, with_gain=False)
        cells = {"participants": h.participants, "completed": h.completed, "certified": h.certified}
        rows = {}
        for dim in PUBLIC_DIMENSIONS:
            keys = []
            for row in breakdown([dim], filters=filters, source=source).rows:
                key = f"{dim}:{row.keys[0]}"
                cells[key] = row.participants
                keys.append(key)
            rows[str(dim)] = keys
        out[name] = {"cells": cells, "rows": rows}
    return years, out


def public_views_from_counts(years: list[int], counts: dict, *, min_cell: int) -> PublicFigures:
    """Suppress one published set: every view together (``disclosure.suppress``)."""
    from .disclosure import View, suppress

    views = {}
    for name, data in counts.items():
        cells = dict(data["cells"])
        floors = {key: 1 for dim in _LISTED_WHEN_PRESENT for key in data["rows"].get(str(dim), [])}
        views[name] = View(
            cells=cells,
            tables=[("participants", list(keys)) for keys in data["rows"].values()],
            bounded=[("completed", "participants"), ("certified", "participants")],
            floors=floors,
        )
    suppress(views, min_cell=min_cell, wide=PUBLIC_WIDE, keep=frozenset(PUBLIC_HEADLINES))
    rows = {name: data["rows"] for name, data in counts.items()}
    return PublicFigures(views=views, years=years, rows=rows, min_cell=min_cell)


def public_views(*, min_cell: int) -> PublicFigures:
    """The public figures as the data stand now, suppressed (see ``docs/reporting.md``)."""
    years, counts = public_counts()
    return public_views_from_counts(years, counts, min_cell=min_cell)


def published_figures(*, day: dt.date, min_cell: int) -> dict | None:
    """The figures published for ``day`` (as stored), or None before they are."""
    row = PublishedFigures.objects.filter(day=day, min_cell=min_cell).first()
    return row.figures if row else None


# --- The secretariat's dashboard ----------------------------------------------------


@dataclass
class Dashboard:
    filters: Filters
    dimensions: list[str]
    headline: Headline
    breakdown: Breakdown
    by_country: Breakdown
    rates: list[RateRow]
    gain_by_gender: list[GainRow]
    gain_by_country: list[GainRow]
    yearly: dict[int, Headline]
    targets: list[TargetStatus]
    frozen: Snapshot | None
    snapshots: list[Snapshot]


def participation_dashboard(*, filters: Filters, dimensions: list[str]) -> Dashboard:
    """Everything the dashboard shows, in a fixed number of queries whatever the data size."""
    source = report_source(filters)
    yearly = yearly_headlines(filters=filters)
    years = [filters.year] if filters.year else sorted(yearly)
    gain_gender = gain_by(Dimension.GENDER, filters=filters, source=source)
    learners = sum(g.learners for g in gain_gender)
    figures = headline(filters=filters, source=source, with_gain=False)
    if learners:
        weighted = sum(g.gain * g.learners for g in gain_gender if g.gain is not None)
        figures = Headline(
            **{
                k: getattr(figures, k)
                for k in ("participants", "women", "youth", "countries", "completed", "certified")
            },
            learning_gain=(weighted / learners).quantize(TWO_PLACES),
            learning_gain_learners=learners,
        )
    return Dashboard(
        filters=filters,
        dimensions=dimensions,
        headline=figures,
        breakdown=breakdown(dimensions, filters=filters, source=source),
        by_country=breakdown([Dimension.COUNTRY], filters=filters, source=source),
        rates=rates_by(dimensions[0], filters=filters, source=source),
        gain_by_gender=gain_gender,
        gain_by_country=gain_by(Dimension.COUNTRY, filters=filters, source=source),
        yearly=yearly,
        targets=target_statuses(yearly=yearly, years=years),
        frozen=source.frozen,
        snapshots=frozen_years(),
    )


# --- The personal-data download (portal.registry.personal_data) -------------

PERSONAL_DATA_OMITS = {
    "reporting.ParticipationFact.participant": (
        "A copy, for the statistics, of the enrolments and profile fields already in the download"
    ),
    "reporting.ParticipationFact.enrolment": (
        "A copy, for the statistics, of the enrolments already in the download"
    ),
    "reporting.Snapshot.frozen_by": "A staff member's frozen report",
    "reporting.Target.updated_by": "A staff member's report target",
}


def reporting_personal_data(participant) -> dict[str, list[dict]]:
    """Nothing of its own: the reporting app only copies what other apps export."""
    return {}
