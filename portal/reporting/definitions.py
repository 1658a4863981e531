"""The report definitions of BRIEF §3, as code: dimensions, values and labels.

Every screen, export, command and snapshot takes its vocabulary from here, so a
figure means the same thing wherever it appears.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

UNKNOWN = ""  # the stored value of a dimension nobody filled in


class Dimension(models.TextChoices):
    GENDER = "gender", _("Gender")
    COUNTRY = "country", _("Country")
    YOUTH = "youth", _("Youth")
    ORGANISATION_TYPE = "organisation_type", _("Organisation type")
    COURSE = "course", _("Course")
    COHORT = "cohort", _("Cohort")
    YEAR = "year", _("Year")


# Dimensions that belong to the person: a person has one value, so a breakdown
# by them counts each person exactly once. The others (course, cohort, year,
# youth — age depends on the cohort's start) belong to the enrolment: a person
# enrolled twice can appear in two rows.
PERSON_DIMENSIONS = frozenset({Dimension.GENDER, Dimension.COUNTRY, Dimension.ORGANISATION_TYPE})


class Youth(models.TextChoices):
    YOUTH = "youth", _("Youth")
    NON_YOUTH = "non_youth", _("Not youth")
    UNKNOWN = "unknown", _("Age unknown")


class Measure(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants")
    COMPLETED = "completed", _("Completed")
    CERTIFIED = "certified", _("Certified")


MEASURES = [Measure.PARTICIPANTS, Measure.COMPLETED, Measure.CERTIFIED]

GENDER_LABELS = {
    "woman": _("Women"),
    "man": _("Men"),
    "another": _("Another gender"),
    "undisclosed": _("Not stated"),
}
ORGANISATION_TYPE_LABELS = {
    "government": _("Government"),
    "protected_area": _("Protected area"),
    "academia": _("Academia"),
    "ngo": _("NGO"),
    "community": _("Community"),
    "private": _("Private sector"),
    "international": _("International organisation"),
    "other": _("Other"),
}
UNKNOWN_LABEL = _("Unknown")


def youth_max_age() -> int:
    """The oldest age that still counts as youth (setting ``YOUTH_MAX_AGE``, default 35)."""
    return int(getattr(settings, "YOUTH_MAX_AGE", 35))


def report_min_cell() -> int:
    """Public figures below this count are suppressed (setting ``REPORT_MIN_CELL``, default 5)."""
    return int(getattr(settings, "REPORT_MIN_CELL", 5))


def youth_value(*, reference_year: int, birth_year: int | None, max_age: int | None = None) -> str:
    """Youth as BRIEF §3 defines it: age = reference year - birth year, youth when ≤ max age.

    Args:
        reference_year: the year the cohort starts (self-paced: the year of enrolment).
        birth_year: the participant's birth year, or None when unknown.
        max_age: defaults to ``YOUTH_MAX_AGE``.
    """
    if birth_year is None:
        return Youth.UNKNOWN
    limit = youth_max_age() if max_age is None else max_age
    return Youth.YOUTH if reference_year - birth_year <= limit else Youth.NON_YOUTH


def parse_dimensions(text: str | list[str] | tuple[str, ...]) -> list[str]:
    """Turn ``"gender,country"`` into ``["gender", "country"]``.

    Raises:
        ValueError: with a message saying what to fix, for an unknown name,
            a repeated name or more than two dimensions.
    """
    names = text.split(",") if isinstance(text, str) else list(text)
    names = [n.strip().lower() for n in names if n and n.strip()]
    valid = set(Dimension.values)
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise ValueError(
            _("Unknown dimension %(names)s: choose from %(valid)s.")
            % {"names": ", ".join(unknown), "valid": ", ".join(Dimension.values)}
        )
    if len(set(names)) != len(names):
        raise ValueError(_("Each dimension may be given only once."))
    if len(names) > 2:
        raise ValueError(_("Break down by at most two dimensions."))
    return names


@dataclass(frozen=True)
class Definition:
    term: str
    meaning: str


def definitions() -> list[Definition]:
    """The definitions printed on the dashboard, the definitions sheet and the PDF annex."""
    return [
        Definition(
            str(_("Participants")),
            str(
                _(
                    "Distinct people with at least one enrolment (not waiting-listed) "
                    "matching the filters."
                )
            ),
        ),
        Definition(
            str(_("Completed")),
            str(_("Of those, distinct people who completed a matching enrolment.")),
        ),
        Definition(
            str(_("Certified")),
            str(
                _(
                    "Of those, distinct people holding a valid (not revoked, not expired) "
                    "certificate for the course of a matching enrolment."
                )
            ),
        ),
        Definition(
            str(_("Youth")),
            str(
                _(
                    "Age at the start of the cohort (self-paced: at enrolment) at most "
                    "%(age)s, where age = that year - birth year. No birth year: unknown. "
                    "The share of youth counts a person who was youth at any matching "
                    "enrolment."
                )
                % {"age": youth_max_age()}
            ),
        ),
        Definition(
            str(_("Year")),
            str(_("The year the cohort starts; for self-paced cohorts, the year of enrolment.")),
        ),
        Definition(
            str(_("Gender")),
            str(_("Women, men, another gender (self-described), not stated.")),
        ),
        Definition(
            str(_("Totals")),
            str(
                _(
                    "A breakdown's total is the sum of its rows. By gender, country or "
                    "organisation type each person is one row; by course, cohort, year or "
                    "youth a person enrolled more than once can count in more than one row."
                )
            ),
        ),
        Definition(
            str(_("Learning gain")),
            str(
                _(
                    "Post-test score - pre-test score (percentage points) for a learner who "
                    "sat both, averaged per group."
                )
            ),
        ),
        Definition(
            str(_("Unknown / not stated")),
            str(_("Always reported as rows of their own, never dropped.")),
        ),
    ]
