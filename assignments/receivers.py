"""Receivers of lower apps' signals, connected in ``AssignmentsConfig.ready``."""

from .merging import participant_submissions_move, submissions_enrolment_move


def participant_merging(sender, *, keep, duplicate, result, **kwargs):
    """The registry merges ``duplicate`` into ``keep``: move the submissions."""
    participant_submissions_move(keep=keep, duplicate=duplicate, result=result)


def enrolments_combining(sender, *, keep, merged, **kwargs):
    """Courses folds ``merged`` into ``keep``: the submissions handed in within it follow."""
    submissions_enrolment_move(keep=keep, merged=merged)
