"""Change signals: how a lower app tells the apps above it which of its rows changed.

A lower app never imports a higher one (``docs/architecture.md``). When a
higher app keeps something derived from a lower app's rows (the reporting
app's participation facts), the lower app defines a :class:`ChangeSignal` in
its ``signals.py`` and its services send it, inside their transaction, with
the primary keys they touched; the higher app connects a receiver in its
``AppConfig.ready()``.

A bulk writer (an import of thousands of rows) wraps its loop in
:func:`changes_batched`: every change signal sent inside the block is held,
its id sets merged per signal and sender, and sent once when the outermost
block ends, so that receivers do their work once instead of once per row.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.dispatch import Signal

# (signal, sender) -> argument name -> ids, while a batch is open.
_held: contextvars.ContextVar[dict[tuple[ChangeSignal, object], dict[str, set[int]]] | None] = (
    contextvars.ContextVar("portal_changes_held", default=None)
)


class ChangeSignal(Signal):
    """A signal whose arguments are sets of primary keys (``enrolment_ids=…``).

    Send it with :meth:`send_changes`; receivers get each argument as a
    ``frozenset`` of ids.
    """

    def send_changes(self, sender, **ids: Iterable[int]) -> None:
        """Tell the receivers that the rows with these ids changed.

        Inside :func:`changes_batched` the ids are merged with the others held
        for this signal and sender, and sent when the block ends.

        Args:
            sender: the model class whose rows changed (as Django's model signals do).
            **ids: one set of primary keys per argument the signal documents.
        """
        held = _held.get()
        if held is None:
            self.send(sender=sender, **{name: frozenset(values) for name, values in ids.items()})
            return
        merged = held.setdefault((self, sender), {})
        for name, values in ids.items():
            merged.setdefault(name, set()).update(values)


@contextmanager
def changes_batched() -> Iterator[None]:
    """Hold the change signals sent inside the block and send each once, at its end.

    Nested blocks join the outermost one. The signals are sent when the block
    ends normally, in the transaction the block runs in; when it ends with an
    exception nothing is sent (the caller's transaction is rolled back anyway).
    """
    if _held.get() is not None:
        yield
        return
    held: dict[tuple[ChangeSignal, object], dict[str, set[int]]] = {}
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
    for (signal, sender), ids in held.items():
        signal.send(sender=sender, **{name: frozenset(values) for name, values in ids.items()})
