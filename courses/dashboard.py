"""Sections other apps add to the learner's dashboard: the hook, defined here.

The dashboard (``courses.selectors.dashboard_context``, at ``/dashboard/``)
shows the learner's courses, progress and dates. An app above this one that
has something of the learner's to show there (the certificates app: their
certificates) registers a provider in :data:`dashboard_sections` from its
``AppConfig.ready()``: a callable taking ``participant=`` that returns a
:class:`DashboardSection`. The dashboard includes each section's template, in
registration order, with ``section`` in its context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from portal.core.hooks import Hook


@dataclass(frozen=True)
class DashboardSection:
    """A template to include in the dashboard's side column and what it reads (``section.data``)."""

    template_name: str
    data: dict = field(default_factory=dict)


dashboard_sections: Hook[Callable[..., DashboardSection]] = Hook()
