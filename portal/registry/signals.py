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

from portal.core.signals import ChangeSignal

participants_changed = ChangeSignal()
