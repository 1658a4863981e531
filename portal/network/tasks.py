"""Background work of the trainee network: relaying messages and reports by e-mail."""

from django.tasks import task

from .models import Message, Report
from .services import message_relay, report_notify


@task()
def message_relay_task(message_id: int) -> bool:
    """E-mail one message to its recipient; safe to run twice."""
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        return False
    return message_relay(message=message)


@task()
def report_notify_task(report_id: int) -> int:
    """Tell the secretariat about one abuse report."""
    report = Report.objects.select_related("message", "reporter").filter(pk=report_id).first()
    if report is None:
        return 0
    return report_notify(report=report)
