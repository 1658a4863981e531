"""Signals courses sends to the apps above it (they connect in ``AppConfig.ready``)."""

from django.dispatch import Signal

#: Sent by :func:`courses.merging.enrolment_combine` when two enrolments of one
#: person in the same cohort become one (a participant merge), inside the
#: merge's transaction, *before* ``merged`` is deleted.
#:
#: Keyword arguments: ``sender`` (the ``Enrolment`` class), ``keep`` (the
#: enrolment that stays), ``merged`` (the enrolment folded into it and then
#: deleted), ``result`` (the :class:`portal.registry.services.MergeResult`).
#:
#: An app whose rows point at an enrolment (attempts, certificates, …) connects
#: a receiver that re-points those rows from ``merged`` to ``keep``; it must
#: not delete them. If any row still points at ``merged`` afterwards the merge
#: is refused and rolled back, so a forgotten receiver loses nothing.
enrolments_combining = Signal()
