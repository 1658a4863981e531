"""Signals the courses app sends to the apps above it (they connect in ``AppConfig.ready()``).

``enrolments_changed``
    Arguments: ``enrolment_ids`` (frozenset of ``Enrolment`` pks).
    Sent by ``courses.services`` inside its transaction when an enrolment was
    created, withdrawn, promoted from the waiting list or completed (may be
    empty when a waiting list moved nobody up). Inside
    ``portal.core.signals.changes_batched`` it is sent once, when the batch
    ends. The reporting app refreshes these enrolments' participation facts.

``cohorts_changed``
    Arguments: ``cohort_ids`` (frozenset of ``Cohort`` pks).
    Sent by ``cohort_edit_apply`` inside its transaction after a cohort's
    settings were edited (its start date and mode decide each enrolment's
    report year and youth). Batched like ``enrolments_changed``. The reporting
    app refreshes the participation facts of the cohorts' enrolments.

``enrolment_completed``
    Arguments: ``enrolment`` (the ``Enrolment``, ``completed_at`` set).
    Sent by ``enrolment_completion_update`` inside the transaction that sets
    ``completed_at``, once per enrolment (a completion is never taken away).
    Not batched. The certificates app enqueues the certificate task on commit.
"""

from django.dispatch import Signal

from portal.core.signals import ChangeSignal

enrolments_changed = ChangeSignal()
cohorts_changed = ChangeSignal()
enrolment_completed = Signal()

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
