"""Signals the registry sends to the apps above it (they connect in ``AppConfig.ready()``).

``participants_changed``
    Arguments: ``participant_ids`` (frozenset of ``Participant`` pks).
    Sent by the registry's services when a reported field of these participants
    changed (gender, birth year, country, organisation type: ``REPORTED_FIELDS``),
    when one was anonymised, and to the kept participant of a merge. Sent inside
    the service's transaction; inside ``portal.core.signals.changes_batched`` it
    is sent once, when the batch ends. The reporting app refreshes the
    participation facts of these participants' enrolments.
"""

from django.dispatch import Signal

from portal.core.signals import ChangeSignal

participants_changed = ChangeSignal()

#: Sent by :func:`portal.registry.services.participant_anonymise` (and so by
#: ``account_delete``) inside its transaction, after the participant's own
#: identifying fields were erased.
#:
#: Keyword arguments: ``sender`` (the ``Participant`` class), ``participant``
#: (the anonymised ``Participant``, still with its pk) and ``acting_user`` (who
#: asked; None when the person deleted their own account).
#:
#: Each app above that keeps a copy of the person's identity (a name printed on
#: a certificate, a stored PDF, a file built from them) connects one receiver
#: that erases its copy, keeping what the aggregate figures count (rows, dates,
#: statuses). The certificates app blanks the holder's names, deletes the PDFs
#: and the cohort archives that held them. A receiver must not fail for a
#: participant it holds nothing of.
participant_anonymised = Signal()

#: Sent by :func:`portal.registry.services.participant_merge` while it merges
#: ``duplicate`` into ``keep``, inside the merge's transaction (with both
#: participants locked ``select_for_update``), before the duplicate is deleted.
#:
#: Keyword arguments: ``sender`` (the ``Participant`` class), ``keep`` and
#: ``duplicate`` (``Participant``), ``acting_user`` (who merges; may be None),
#: ``reason`` (why, as given) and ``result`` (a
#: :class:`portal.registry.services.MergeResult`).
#:
#: Each app that holds rows pointing at a participant (or at an enrolment)
#: connects one receiver, its *merge step*. The step re-points every such row
#: from ``duplicate`` to ``keep`` without losing any, resolving what the
#: database's unique constraints forbid in its own app's terms, and reports on
#: ``result``: ``result.handles(Model, "field", ...)`` for every relation the
#: step looks after (a test checks that every relation to ``Participant`` and
#: ``Enrolment`` is claimed), ``result.moved_add(Model, count)`` for rows moved,
#: ``result.note(text)`` for what a reader of the history should know.
#: A step raises ``ValidationError`` to refuse the merge; the whole merge then
#: rolls back. Receivers run in ``INSTALLED_APPS`` order; no step may rely on
#: another having run.
participant_merging = Signal()
