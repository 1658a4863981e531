"""Hooks that apps above courses register, so that courses can ask without importing them.

Completion preview
------------------

Completing an enrolment has consequences courses does not own: the
certificates app issues a certificate and e-mails its holder. A preview (the
participant import's dry run and admin preview) must say so before anything
is written, and courses may not import certificates (the layers). So courses
asks every registered *completion previewer*:

``previewer(*, candidates: list[CompletionCandidate], send_email: bool)
-> dict[key, CompletionConsequence]``

- called with the enrolments a write *would* complete, before anything is
  written; it must only read (selectors), never write;
- ``send_email`` is False when the caller will complete them without e-mailing
  anyone (``enrolment_completion_update(notify=False)``);
- it returns a consequence for the candidates it has something to say about,
  by their ``key``; a candidate it leaves out has no consequence from it.

The certificates app registers one in its ``AppConfig.ready()``
(``certificates.selectors.completion_preview``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass


@dataclass(frozen=True)
class CompletionCandidate:
    """An enrolment a write would complete.

    ``participant_id``/``enrolment_id`` are None when the same write creates
    the participant or the enrolment (they can hold nothing yet).
    """

    key: Hashable
    course_id: int
    participant_id: int | None = None
    enrolment_id: int | None = None


@dataclass(frozen=True)
class CompletionConsequence:
    """What completing one enrolment would do beyond courses.

    ``certificate``: one would be issued; ``email``: its holder would be
    e-mailed; ``revoked``: a revoked certificate blocks automatic issue, so
    none is issued ("revoked — not re-issued"); ``held``: the participant
    already holds a valid certificate for the course, so none is issued.
    """

    certificate: bool = False
    email: bool = False
    revoked: bool = False
    held: bool = False


CompletionPreviewer = Callable[..., dict[Hashable, CompletionConsequence]]

_completion_previewers: list[CompletionPreviewer] = []


def completion_previewer_register(previewer: CompletionPreviewer) -> None:
    """Register a completion previewer (from an ``AppConfig.ready()``); idempotent."""
    if previewer not in _completion_previewers:
        _completion_previewers.append(previewer)


def completion_consequences(
    *, candidates: list[CompletionCandidate], send_email: bool
) -> dict[Hashable, list[CompletionConsequence]]:
    """Ask every registered previewer what completing ``candidates`` would do.

    Returns:
        The consequences by candidate key (a key with none is left out).
    """
    found: dict[Hashable, list[CompletionConsequence]] = {}
    if not candidates:
        return found
    for previewer in _completion_previewers:
        for key, consequence in previewer(candidates=candidates, send_email=send_email).items():
            found.setdefault(key, []).append(consequence)
    return found
