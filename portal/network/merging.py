"""Writes of a participant merge for the trainee network.

Connected in ``portal.network.receivers`` to the registry's
:data:`~portal.registry.signals.participant_merging`. Messages, abuse reports
and blocks move to the kept participant; only what would become about oneself
(a message or block between the two records) or an exact double is dropped,
and a note says so.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.registry.models import Participant
from portal.registry.services import MergeResult

from .models import ContactBlock, DirectoryProfile, Message, Report

_SUSPENSION_FIELDS = ("messaging_suspended_at", "messaging_suspended_reason")


def _directory_profile_move(*, keep: Participant, duplicate: Participant, result: MergeResult):
    theirs = DirectoryProfile.objects.select_for_update().filter(participant=duplicate).first()
    if theirs is None:
        return
    mine = DirectoryProfile.objects.select_for_update().filter(participant=keep).first()
    if mine is None:
        theirs.participant = keep
        theirs.save(update_fields=["participant"])
        result.moved_add(DirectoryProfile, 1)
        return
    # The kept person's directory choices stand; a suspension for abuse is not
    # lifted by merging, whichever record it was on.
    if theirs.messaging_suspended_at and not mine.messaging_suspended_at:
        for name in _SUSPENSION_FIELDS:
            setattr(mine, name, getattr(theirs, name))
        mine.save(update_fields=[*_SUSPENSION_FIELDS, "updated_at"])
        result.note(_("The duplicate's messaging suspension now applies to the kept record."))
    theirs.delete()
    result.note(_("Both had directory settings; the kept record's settings stay."))


def _messages_move(*, keep: Participant, duplicate: Participant, result: MergeResult):
    between = Message.objects.filter(
        Q(sender=keep, recipient=duplicate) | Q(sender=duplicate, recipient=keep)
    )
    _total, deleted = between.delete()
    if deleted.get(Message._meta.label):
        result.note(
            _("Messages between the two records were removed: they would be messages to oneself.")
        )
    moved = Message.objects.filter(sender=duplicate).update(sender=keep)
    moved += Message.objects.filter(recipient=duplicate).update(recipient=keep)
    result.moved_add(Message, moved)


def _reports_move(*, keep: Participant, duplicate: Participant, result: MergeResult):
    already = Report.objects.filter(reporter=keep).values("message_id")
    doubles = Report.objects.filter(reporter=duplicate, message_id__in=already)
    doubled, _deleted = doubles.delete()
    if doubled:
        result.note(
            ngettext(
                "Both had reported the same message; the kept record's report stays.",
                "Both had reported the same %(count)d messages; the kept record's reports stay.",
                doubled,
            )
            % {"count": doubled}
        )
    result.moved_add(Report, Report.objects.filter(reporter=duplicate).update(reporter=keep))


def _blocks_move(*, keep: Participant, duplicate: Participant, result: MergeResult):
    ContactBlock.objects.filter(
        Q(blocker=keep, blocked=duplicate) | Q(blocker=duplicate, blocked=keep)
    ).delete()
    ContactBlock.objects.filter(
        blocker=duplicate,
        blocked_id__in=ContactBlock.objects.filter(blocker=keep).values("blocked_id"),
    ).delete()
    ContactBlock.objects.filter(
        blocked=duplicate,
        blocker_id__in=ContactBlock.objects.filter(blocked=keep).values("blocker_id"),
    ).delete()
    moved = ContactBlock.objects.filter(blocker=duplicate).update(blocker=keep)
    moved += ContactBlock.objects.filter(blocked=duplicate).update(blocked=keep)
    result.moved_add(ContactBlock, moved)


def participant_network_move(
    *, keep: Participant, duplicate: Participant, result: MergeResult
) -> None:
    """Move the duplicate's directory settings, messages, reports and blocks to ``keep``.

    Args:
        keep: the participant that stays.
        duplicate: the participant being merged into ``keep``.
        result: where moved rows and notes are counted.
    """
    result.handles(DirectoryProfile, "participant")
    result.handles(Message, "sender", "recipient")
    result.handles(Report, "reporter")
    result.handles(ContactBlock, "blocker", "blocked")
    _directory_profile_move(keep=keep, duplicate=duplicate, result=result)
    _messages_move(keep=keep, duplicate=duplicate, result=result)
    _reports_move(keep=keep, duplicate=duplicate, result=result)
    _blocks_move(keep=keep, duplicate=duplicate, result=result)
