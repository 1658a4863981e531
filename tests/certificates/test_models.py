import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.models import Certificate, CertificatePolicy, DisplayStatus
from tests.certificates.factories import issued_certificate


def test_display_status(course):
    certificate = issued_certificate(course=course)
    now = timezone.now()
    assert certificate.display_status() == DisplayStatus.VALID
    certificate.expires_at = now + datetime.timedelta(days=1)
    assert certificate.display_status(now) == DisplayStatus.VALID
    assert certificate.display_status(now + datetime.timedelta(days=2)) == DisplayStatus.EXPIRED
    certificate.status = "revoked"
    assert certificate.display_status(now + datetime.timedelta(days=2)) == DisplayStatus.REVOKED


def test_revoked_needs_a_date_in_the_database(course):
    certificate = issued_certificate(course=course)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(status="revoked")


def test_policy_validity_is_positive(course):
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificatePolicy.objects.create(course=course, validity_months=0)
