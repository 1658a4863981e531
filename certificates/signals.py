"""Signals the certificates app sends to the apps above it (they connect in ``AppConfig.ready()``).

``certificates_changed``
    Arguments: ``participant_ids`` (frozenset of ``registry.Participant`` pks).
    Sent by ``certificates.services`` inside its transaction when a certificate
    of these participants was issued (singly or in bulk; a re-issue is an issue)
    or revoked. Inside ``portal.core.signals.changes_batched`` it is sent once,
    when the batch ends. The reporting app refreshes the participation facts of
    these participants' enrolments (certified, certified until).
"""

from portal.core.signals import ChangeSignal

certificates_changed = ChangeSignal()
