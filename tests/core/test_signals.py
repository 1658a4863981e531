"""portal.core.signals: change signals, sent at once or once per batch."""

import pytest

from portal.core.signals import ChangeSignal, changes_batched


@pytest.fixture
def heard():
    signal = ChangeSignal()
    calls = []

    def receiver(sender, signal, **kwargs):
        calls.append((sender, kwargs))

    signal.connect(receiver, weak=False)
    return signal, calls


def test_outside_a_batch_the_ids_go_out_at_once_as_frozensets(heard):
    signal, calls = heard
    signal.send_changes(sender=int, enrolment_ids=[3, 1, 3])
    assert calls == [(int, {"enrolment_ids": frozenset({1, 3})})]


def test_a_batch_sends_each_signal_once_at_its_end_with_every_id(heard):
    signal, calls = heard
    with changes_batched():
        signal.send_changes(sender=int, enrolment_ids=[1])
        with changes_batched():  # nested: joins the outer batch
            signal.send_changes(sender=int, enrolment_ids=[2])
        signal.send_changes(sender=str, enrolment_ids=[9])
        assert calls == []
    assert calls == [
        (int, {"enrolment_ids": frozenset({1, 2})}),
        (str, {"enrolment_ids": frozenset({9})}),
    ]


def test_a_batch_that_fails_sends_nothing(heard):
    signal, calls = heard
    with pytest.raises(ValueError), changes_batched():
        signal.send_changes(sender=int, enrolment_ids=[1])
        raise ValueError
    assert calls == []
    signal.send_changes(sender=int, enrolment_ids=[2])  # the batch is closed
    assert calls == [(int, {"enrolment_ids": frozenset({2})})]
