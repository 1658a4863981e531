"""Receivers of lower apps' signals, connected in ``NetworkConfig.ready``."""

from .merging import participant_network_move


def participant_merging(sender, *, keep, duplicate, result, **kwargs):
    """The registry merges ``duplicate`` into ``keep``: move messages, reports, blocks."""
    participant_network_move(keep=keep, duplicate=duplicate, result=result)
