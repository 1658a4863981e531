import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Certificate
from tests.certificates.factories import attend, cohort_days, issued_certificate
from tests.courses.factories import CohortFactory, EnrolmentFactory


def _cohort(course, people=2):
    cohort = CohortFactory(course=course, slug="khurkh-test")
    days = cohort_days(cohort, 2)
    for _ in range(people):
        attend(EnrolmentFactory(cohort=cohort), days)
    return cohort


def test_issue_certificates_prints_one_line_per_certificate(course):
    _cohort(course)
    out, err = StringIO(), StringIO()
    call_command("issue_certificates", "--cohort", "khurkh-test", stdout=out, stderr=err)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 2
    for line, certificate in zip(lines, Certificate.objects.order_by("serial"), strict=True):
        serial, holder, url = line.split("\t")
        assert serial == certificate.serial and holder == certificate.holder_name
        assert url == f"http://testserver/en/certificates/verify/{certificate.code}/"
    assert "2 certificates issued" in err.getvalue()


def test_issue_certificates_by_course(course):
    _cohort(course, people=3)
    out = StringIO()
    call_command("issue_certificates", "--course", course.slug, stdout=out, stderr=StringIO())
    assert len(out.getvalue().strip().splitlines()) == 3


def test_issue_certificates_needs_a_known_target(db):
    with pytest.raises(CommandError, match="No cohort"):
        call_command("issue_certificates", "--cohort", "nope")
    with pytest.raises(CommandError):
        call_command("issue_certificates")


def test_unprintable_name_stops_the_run_with_a_message(course):
    cohort = _cohort(course)
    bad = cohort.enrolments.first().participant
    bad.given_name = "Ann\U00010000a"
    bad.save()
    with pytest.raises(CommandError, match="correct the name"):
        call_command(
            "issue_certificates", "--cohort", "khurkh-test", stdout=StringIO(), stderr=StringIO()
        )
    assert not Certificate.objects.exists()


def test_send_expiry_reminders(course):
    certificate = issued_certificate(course=course)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=59)
    )
    out = StringIO()
    call_command("send_expiry_reminders", stdout=out)
    assert "1 reminders sent" in out.getvalue()
    assert len(mail.outbox) == 1


def test_issue_certificates_does_not_bring_a_revoked_certificate_back(course, secretariat):
    from certificates.services import certificate_revoke

    cohort = _cohort(course)
    call_command(
        "issue_certificates", "--cohort", "khurkh-test", stdout=StringIO(), stderr=StringIO()
    )
    first = Certificate.objects.order_by("serial").first()
    certificate_revoke(certificate=first, acting_user=secretariat, reason="Sheet forged")
    EnrolmentFactory(cohort=cohort, completed_at=timezone.now())
    mail.outbox.clear()
    out, err = StringIO(), StringIO()
    call_command("issue_certificates", "--cohort", "khurkh-test", stdout=out, stderr=err)
    assert len(out.getvalue().strip().splitlines()) == 1  # only the newcomer
    assert f"{first.holder_name}\trevoked — not re-issued\t{first.serial}" in err.getvalue()
    first.refresh_from_db()
    assert first.status == "revoked"
    assert not Certificate.objects.filter(participant=first.participant, status="valid").exists()
    assert all(first.participant.email not in message.to for message in mail.outbox)


def test_issue_certificates_dry_run_previews_and_writes_nothing(course, secretariat):
    from certificates.models import IssueRun
    from certificates.services import certificate_revoke

    cohort = _cohort(course)
    revoked = issued_certificate(cohort=cohort)
    certificate_revoke(certificate=revoked, acting_user=secretariat, reason="Sheet forged")
    out, err = StringIO(), StringIO()
    call_command(
        "issue_certificates", "--cohort", "khurkh-test", "--dry-run", stdout=out, stderr=err
    )
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 3
    assert sum("to be issued" in line for line in lines) == 2
    assert f"{revoked.holder_name}\trevoked — not re-issued\t{revoked.serial}" in lines
    assert Certificate.objects.count() == 1 and not IssueRun.objects.exists()
