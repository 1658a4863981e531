"""Receivers of lower apps' signals, connected in ``CertificatesConfig.ready``."""

from .merging import certificates_enrolment_move, participant_certificates_move


def participant_merging(sender, *, keep, duplicate, acting_user, reason, result, **kwargs):
    """The registry merges ``duplicate`` into ``keep``: move the certificates."""
    participant_certificates_move(
        keep=keep, duplicate=duplicate, acting_user=acting_user, reason=reason, result=result
    )


def enrolments_combining(sender, *, keep, merged, **kwargs):
    """Courses folds ``merged`` into ``keep``: its certificates follow."""
    certificates_enrolment_move(keep=keep, merged=merged)
