"""Receivers of lower apps' signals, connected in ``AssessmentsConfig.ready``."""

from .merging import attempts_enrolment_move, participant_attempts_move


def participant_merging(sender, *, keep, duplicate, result, **kwargs):
    """The registry merges ``duplicate`` into ``keep``: move the attempts."""
    participant_attempts_move(keep=keep, duplicate=duplicate, result=result)


def enrolments_combining(sender, *, keep, merged, **kwargs):
    """Courses folds ``merged`` into ``keep``: the attempts made within it follow."""
    attempts_enrolment_move(keep=keep, merged=merged)
