"""What the library hears: Wagtail's publish signal, to tell a proposer."""

from functools import partial

from django.db import transaction


def resource_published(sender, instance, **kwargs) -> None:
    """A resource that came from a member's proposal was published: mail them on commit."""
    from .models import ResourcePage, ResourceProposal
    from .tasks import proposal_published_notify_task

    if not isinstance(instance, ResourcePage):
        return
    proposal_id = (
        ResourceProposal.objects.filter(resource_id=instance.pk, published_notified_at=None)
        .values_list("pk", flat=True)
        .first()
    )
    if proposal_id is not None:
        transaction.on_commit(partial(proposal_published_notify_task.enqueue, proposal_id))


def account_deleting(sender, instance, **kwargs) -> None:
    """An account is deleted: its name leaves the pages that credited it, in the same transaction.

    (Anonymising a participant unlinks the account first; the account's own
    deletion is where the library still knows whose proposals they were.)
    """
    from .services import proposal_credits_erase

    proposal_credits_erase(user_id=instance.pk)
