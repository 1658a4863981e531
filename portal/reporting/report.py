"""Plain data that a report is made of: what selectors return and exporters take.

Nothing here touches the ORM, so the exporters and charts can be tested on
hand-made rows.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Row:
    """One group of a breakdown: its dimension values, their labels and the counts."""

    keys: tuple
    labels: tuple[str, ...]
    participants: int
    completed: int
    certified: int

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.participants * 100 if self.participants else None


@dataclass(frozen=True)
class Breakdown:
    """Counts by one or two dimensions; ``total`` is the sum of the rows."""

    dimensions: tuple[str, ...]
    dimension_labels: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def total(self) -> Row:
        return Row(
            keys=(),
            labels=(),
            participants=sum(r.participants for r in self.rows),
            completed=sum(r.completed for r in self.rows),
            certified=sum(r.certified for r in self.rows),
        )

    @property
    def title(self) -> str:
        return " \u00d7 ".join(self.dimension_labels)


@dataclass(frozen=True)
class Headline:
    participants: int
    women: int
    youth: int
    countries: int
    completed: int
    certified: int
    learning_gain: Decimal | None
    learning_gain_learners: int = 0

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return part / whole * 100 if whole else None

    @property
    def women_share(self) -> float | None:
        return self.share(self.women, self.participants)

    @property
    def youth_share(self) -> float | None:
        return self.share(self.youth, self.participants)

    @property
    def completion_rate(self) -> float | None:
        return self.share(self.completed, self.participants)


@dataclass(frozen=True)
class GainRow:
    """Average learning gain of one group, over the learners who sat both tests."""

    key: str
    label: str
    learners: int
    pre: Decimal | None
    post: Decimal | None
    gain: Decimal | None


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    course: str = ""
    cohort: str = ""
    country: str = ""

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) of each filter that is set, for printing on exports."""
        items = []
        if self.year:
            items.append(("year", str(self.year)))
        if self.date_from:
            items.append(("from", self.date_from.isoformat()))
        if self.date_to:
            items.append(("to", self.date_to.isoformat()))
        for name in ("course", "cohort", "country"):
            if getattr(self, name):
                items.append((name, getattr(self, name)))
        return items


@dataclass(frozen=True)
class TargetStatus:
    year: int
    metric: str
    label: str
    minimum: Decimal
    actual: float | None
    is_share: bool

    @property
    def on_track(self) -> bool | None:
        if self.actual is None:
            return None
        return Decimal(str(round(self.actual, 1))) >= self.minimum


@dataclass(frozen=True)
class Report:
    """Everything an export or the dashboard shows for one set of filters."""

    filters: Filters
    headline: Headline
    breakdowns: tuple[Breakdown, ...]
    generated_at: datetime
    frozen_year: int | None = None
    frozen_at: datetime | None = None
    gain_by_gender: tuple[GainRow, ...] = ()
    gain_by_country: tuple[GainRow, ...] = ()
    shares_by_year: tuple[tuple[int, float | None, float | None], ...] = ()
    targets: tuple[TargetStatus, ...] = ()
    definitions: tuple = field(default=())
