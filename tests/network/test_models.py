"""Database constraints of the network's models."""

import pytest
from django.db import IntegrityError, transaction

from portal.network.models import (
    FIELD_DEFAULTS,
    ContactBlock,
    DirectoryField,
    DirectoryProfile,
    Message,
    Report,
)

from .factories import CohortTagFactory, MemberFactory, MessageFactory

pytestmark = pytest.mark.django_db


def test_a_message_needs_two_people_and_a_body():
    member = MemberFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(sender=member, recipient=member, body="Note to self")
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(sender=member, recipient=MemberFactory(), body="")


def test_one_report_per_message_and_reporter():
    message = MessageFactory()
    Report.objects.create(message=message, reporter=message.recipient, reason="spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(message=message, reporter=message.recipient, reason="other")


def test_blocks_are_unique_and_never_of_oneself():
    a, b = MemberFactory(), MemberFactory()
    ContactBlock.objects.create(blocker=a, blocked=b)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactBlock.objects.create(blocker=a, blocked=b)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactBlock.objects.create(blocker=a, blocked=a)


def test_a_tag_is_on_a_cohort_once():
    cohort_tag = CohortTagFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortTagFactory(cohort=cohort_tag.cohort, tag=cohort_tag.tag)


def test_directory_profile_defaults_match_the_documented_defaults():
    profile = DirectoryProfile.objects.create(participant=MemberFactory())
    for name in DirectoryField.values:
        assert profile.shows(name) is FIELD_DEFAULTS[name]
    assert profile.accepts_messages and profile.messaging_suspended_at is None
