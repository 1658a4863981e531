"""What an import did or would do, in sentences (the command, the admin)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _waitlist_sentence(summary: dict[str, Any], *, dry_run: bool) -> list[str]:
    lines = []
    for entry in summary.get("waitlists", []):
        values = {
            "count": entry["count"],
            "cohort": entry["cohort"],
            "capacity": entry["capacity"],
        }
        if dry_run:
            text = ngettext(
                "%(count)d of them would join the waiting list of %(cohort)s "
                "(capacity %(capacity)d, full): no place until one frees up.",
                "%(count)d of them would join the waiting list of %(cohort)s "
                "(capacity %(capacity)d, full): no place until one frees up.",
                entry["count"],
            )
        else:
            text = ngettext(
                "%(count)d of them joined the waiting list of %(cohort)s "
                "(capacity %(capacity)d, full).",
                "%(count)d of them joined the waiting list of %(cohort)s "
                "(capacity %(capacity)d, full).",
                entry["count"],
            )
        lines.append(text % values)
    return lines


def _certificate_sentences(summary: dict[str, Any], *, dry_run: bool) -> list[str]:
    completed = summary.get("completed", 0)
    if not completed:
        return []
    values = {
        "completed": completed,
        "certificates": summary.get("certificates", 0),
        "emails": summary.get("emails", 0),
    }
    if dry_run:
        text = ngettext(
            "The attendance would complete %(completed)d enrolment: %(certificates)d "
            "certificates to be issued and %(emails)d e-mails to be sent.",
            "The attendance would complete %(completed)d enrolments: %(certificates)d "
            "certificates to be issued and %(emails)d e-mails to be sent.",
            completed,
        )
    else:
        text = ngettext(
            "The attendance completed %(completed)d enrolment: %(certificates)d "
            "certificates to be issued and %(emails)d e-mails to be sent.",
            "The attendance completed %(completed)d enrolments: %(certificates)d "
            "certificates to be issued and %(emails)d e-mails to be sent.",
            completed,
        )
    lines = [text % values]
    if not summary.get("send_email", True) and values["certificates"]:
        lines.append(_("E-mails are off for this import: the certificates are issued silently."))
    revoked = summary.get("revoked", 0)
    if revoked:
        lines.append(
            ngettext(
                "%(count)d participant's certificate was revoked — not re-issued.",
                "%(count)d participants' certificates were revoked — not re-issued.",
                revoked,
            )
            % {"count": revoked}
        )
    return lines


def summary_message(summary: dict[str, Any], *, dry_run: bool = False) -> str:
    """What was (or would be) done: people, places and waiting lists, attendance,
    certificates and e-mails."""
    attendance = summary.get("attendance", 0)
    if not (summary["created"] or summary["updated"] or summary["enrolled"] or attendance):
        return ngettext(
            "Nothing to change: the %(rows)d row is already in the registry as given.",
            "Nothing to change: all %(rows)d rows are already in the registry as given.",
            summary["rows"],
        ) % {"rows": summary["rows"]}
    if dry_run:
        text = _(
            "Dry run: would create %(created)d, update %(updated)d and enrol %(enrolled)d "
            "(%(unchanged)d unchanged); nothing was written."
        )
    else:
        text = _(
            "Created %(created)d, updated %(updated)d, enrolled %(enrolled)d "
            "(%(unchanged)d unchanged)."
        )
    lines = [text % summary, *_waitlist_sentence(summary, dry_run=dry_run)]
    if attendance:
        if dry_run:
            more = ngettext(
                "Would record the attendance of %(count)d participant.",
                "Would record the attendance of %(count)d participants.",
                attendance,
            )
        else:
            more = ngettext(
                "Recorded the attendance of %(count)d participant.",
                "Recorded the attendance of %(count)d participants.",
                attendance,
            )
        lines.append(more % {"count": attendance})
    lines.extend(_certificate_sentences(summary, dry_run=dry_run))
    return " ".join(lines)
