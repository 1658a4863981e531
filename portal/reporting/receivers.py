"""Receivers of the lower apps' change signals, connected in ``ReportingConfig.ready``.

Each refreshes the participation facts of what changed, in the sender's
transaction (see ``participation_facts_refresh``), so the report never reads a
fact older than its source rows.
"""

from .services import participation_facts_refresh


def participants_changed(sender, participant_ids, **kwargs) -> None:
    participation_facts_refresh(participant_ids=participant_ids)


def enrolments_changed(sender, enrolment_ids, **kwargs) -> None:
    participation_facts_refresh(enrolment_ids=enrolment_ids)


def cohorts_changed(sender, cohort_ids, **kwargs) -> None:
    participation_facts_refresh(cohort_ids=cohort_ids)


def certificates_changed(sender, participant_ids, **kwargs) -> None:
    # "Certified" is per participant and course: every enrolment of the holder is refreshed.
    participation_facts_refresh(participant_ids=participant_ids)
