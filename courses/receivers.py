"""Receivers of lower apps' signals, connected in ``CoursesConfig.ready``."""

from .merging import participant_enrolments_move


def participant_merging(sender, *, keep, duplicate, result, **kwargs):
    """The registry merges ``duplicate`` into ``keep``: move the enrolments."""
    participant_enrolments_move(keep=keep, duplicate=duplicate, result=result)
