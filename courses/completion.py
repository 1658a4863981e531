"""Completion requirements that other apps contribute: the hook, defined here.

BRIEF §2: a learner completes a course when every required live module is
done and every required assessment is passed (in person: attendance instead;
blended: both). Modules and attendance are the courses app's own; anything
else a course may require (the assessments app's required quizzes, later
assignments) lives in an app above this one, which registers a
:class:`RequirementProvider` in :data:`requirement_providers` from its
``AppConfig.ready()``. A provider's
requirements apply where the modules do (every cohort but an in-person one).

``courses.selectors.enrolment_requirements_met`` asks each provider
:meth:`~RequirementProvider.met` after its own checks, stopping at the first
unmet one (the cheap check every completion update makes);
``courses.selectors.enrolment_requirement_items`` asks each for
:meth:`~RequirementProvider.items`, to show a learner what is left; the course
page and the dashboard ask :meth:`~RequirementProvider.items_for` for many
enrolments at once, in a fixed number of queries (a provider without it is
asked ``items`` per enrolment).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from portal.core.hooks import Hook

if TYPE_CHECKING:
    from .models import Enrolment


@dataclass(frozen=True)
class RequirementItem:
    """One thing an enrolment must do to complete, and whether it is done.

    ``kind`` names the provider's kind of requirement (``"module"``,
    ``"attendance"``, ``"quiz"``, …); ``label`` is what a learner reads (the
    module's or quiz's title); ``detail`` adds what the requirement asks for
    (a pass mark, a threshold) and where the learner stands; ``url`` is where
    the learner goes to do it (empty when there is nowhere to go); ``page``,
    a page to link to instead (a module: templates link it with ``pageurl``,
    which reads the site's root paths once per request).
    """

    kind: str
    label: str
    met: bool
    detail: str = ""
    url: str = ""
    page: object = None
    # The language ``label`` is written in, when it is content (a quiz's title)
    # rather than the interface: templates mark it with ``lang``.
    language: str = ""


class RequirementProvider(Protocol):
    def met(self, *, enrolment: Enrolment) -> bool:
        """Whether the enrolment meets every requirement of this provider; few queries."""

    def items(self, *, enrolment: Enrolment) -> list[RequirementItem]:
        """Each requirement of this provider for the enrolment's course, with its state."""

    def items_for(self, *, enrolments: list[Enrolment]) -> dict[int, list[RequirementItem]]:
        """``items`` for many enrolments, by enrolment pk, in a fixed number of queries."""


# Registered from the providing app's ``AppConfig.ready()``.
requirement_providers: Hook[RequirementProvider] = Hook()
