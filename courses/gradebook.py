"""Columns other apps add to a cohort's gradebook: the hook, defined here.

The gradebook (``courses.selectors.cohort_gradebook``: the admin's gradebook
page and ``manage.py export_gradebook``) has one row per enrolled participant
and, per registered provider, columns: the assessments app's graded quizzes,
the assignments app's assignments, the certificates app's certificate. A
provider registered in :data:`gradebook_columns` (from the providing app's
``AppConfig.ready()``) is a callable taking ``cohort=`` and ``enrolments=``
that returns a list of :class:`GradebookColumn`, each holding its value per
enrolment pk; a fixed number of queries, whatever the number of learners.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from portal.core.hooks import Hook


@dataclass
class GradebookColumn:
    """One column: ``values`` by enrolment pk (a percent for graded work, text otherwise).

    ``weight`` counts graded columns (``graded=True``) into the weighted
    total; ``kind`` names the provider's kind (``"quiz"``, ``"assignment"``,
    ``"certificate"``).
    """

    key: str
    label: str
    kind: str
    graded: bool = True
    weight: Decimal = Decimal(1)
    values: dict[int, object] = field(default_factory=dict)


gradebook_columns: Hook[Callable[..., list[GradebookColumn]]] = Hook()
