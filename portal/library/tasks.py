"""Background work of the library: telling proposers their resource is published."""

from django.tasks import task

from .services import proposal_published_notify


@task()
def proposal_published_notify_task(proposal_id: int) -> bool:
    """Mail the proposer of one published resource; safe to run twice."""
    return proposal_published_notify(proposal_id=proposal_id)
