import datetime
import re
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from certificates import services
from certificates.models import (
    Certificate,
    CertificateEvent,
    CertificateStatus,
    IssueRun,
    IssueRunStatus,
    SerialCounter,
)
from certificates.selectors import eligible_enrolments
from certificates.services import (
    certificate_issue,
    certificate_issue_if_eligible,
    certificate_reissue,
    certificate_revoke,
    expiry_reminders_send,
    issue_run_create,
    issue_run_execute,
    serial_block_allocate,
)
from courses.models import Attendance, CohortMode, EnrolmentStatus
from tests.certificates.factories import (
    attend,
    cohort_days,
    completed_enrolment,
    issued_certificate,
    policy,
)
from tests.courses.factories import CohortFactory, EnrolmentFactory, ParticipantFactory


def test_serials_are_consecutive_per_year_and_formatted(db):
    assert serial_block_allocate(year=2026) == ["FA-2026-000001"]
    assert serial_block_allocate(year=2026, count=3) == [
        "FA-2026-000002",
        "FA-2026-000003",
        "FA-2026-000004",
    ]
    assert serial_block_allocate(year=2027) == ["FA-2027-000001"]
    assert SerialCounter.objects.get(year=2026).last == 4


def test_issue_snapshots_the_names_and_stores_the_pdf(participant, course):
    enrolment = completed_enrolment(course=course, participant=participant)
    certificate = certificate_issue(enrolment=enrolment)
    assert re.fullmatch(r"FA-\d{4}-\d{6}", certificate.serial)
    assert len(certificate.code) >= 43  # 32 random bytes, base64url
    assert certificate.holder_name == "Oyunchimeg Batbayar"
    assert certificate.holder_native_name == "Оюунчимэг Батбаяр"
    assert certificate.course_id == course.pk and certificate.participant == participant
    assert certificate.cohort_venue == "Khurkh and Khuiten Nature Reserve, Mongolia"
    with certificate.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    event = certificate.events.get()
    assert event.action == CertificateEvent.Action.ISSUED and event.acting_user is None


def test_issue_is_idempotent_per_participant_and_course(participant, course):
    enrolment = completed_enrolment(course=course, participant=participant)
    first = certificate_issue(enrolment=enrolment)
    other_cohort = CohortFactory(course=course)
    second_enrolment = EnrolmentFactory(participant=participant, cohort=other_cohort)
    assert certificate_issue(enrolment=enrolment) == first
    assert certificate_issue(enrolment=second_enrolment) == first
    assert Certificate.objects.count() == 1


def test_the_database_allows_one_valid_certificate_per_participant_and_course(participant, course):
    certificate = issued_certificate(course=course, participant=participant)
    duplicate = Certificate(
        enrolment=certificate.enrolment,
        participant=participant,
        course=course,
        serial="FA-2026-999999",
        code="another-code",
        holder_name="x",
        course_title="x",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    certificate_revoke(certificate=certificate, acting_user=None, reason="Issued by mistake")
    duplicate.save()  # a revoked one does not count


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_issuing_twice_at_once_yields_one(course):
    participant = ParticipantFactory()
    enrolment = completed_enrolment(course=course, participant=participant)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def issue():
        try:
            barrier.wait()
            results.append(certificate_issue(enrolment=enrolment, notify=False).pk)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Certificate.objects.filter(status=CertificateStatus.VALID).count() == 1
    assert len(set(results)) == 1


def test_hand_issue_needs_a_reason_and_records_who(participant, course, secretariat):
    enrolment = EnrolmentFactory(participant=participant, cohort=CohortFactory(course=course))
    with pytest.raises(ValidationError):
        certificate_issue(enrolment=enrolment, acting_user=secretariat, reason=" ")
    certificate = certificate_issue(
        enrolment=enrolment, acting_user=secretariat, reason="Attended the 2024 workshop"
    )
    event = certificate.events.get()
    assert (event.acting_user, event.reason) == (secretariat, "Attended the 2024 workshop")
    assert certificate.issued_by == secretariat


def test_an_unprintable_name_is_refused_with_the_characters(course):
    enrolment = completed_enrolment(course=course, given_name="Ann\U00010000a")
    with pytest.raises(ValidationError, match="\U00010000"):
        certificate_issue(enrolment=enrolment)
    assert not Certificate.objects.exists()


def test_eligibility_completion_or_attendance(course):
    assert certificate_issue_if_eligible(enrolment=completed_enrolment(course=course))
    cohort = CohortFactory(course=course, mode=CohortMode.IN_PERSON, attendance_threshold=60)
    days = cohort_days(cohort, 3)
    enrolment = EnrolmentFactory(cohort=cohort)
    attend(enrolment, days[:1])
    assert certificate_issue_if_eligible(enrolment=enrolment) is None  # 33 %
    attend(enrolment, days[:2])
    assert certificate_issue_if_eligible(enrolment=enrolment) is not None  # 67 %
    withdrawn = completed_enrolment(course=course)
    withdrawn.status = EnrolmentStatus.WITHDRAWN
    assert certificate_issue_if_eligible(enrolment=withdrawn) is None


def test_learner_is_emailed_with_the_links_on_commit(
    participant, course, django_capture_on_commit_callbacks
):
    enrolment = completed_enrolment(course=course, participant=participant)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(enrolment=enrolment)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [participant.email]
    assert certificate.code in message.body and certificate.serial in message.body


def test_revoke_needs_a_reason_and_only_once(participant, course, secretariat):
    certificate = issued_certificate(course=course, participant=participant)
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, acting_user=secretariat, reason="")
    certificate_revoke(certificate=certificate, acting_user=secretariat, reason="Plagiarised quiz")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED and certificate.revoked_at
    assert certificate.revocation_reason == "Plagiarised quiz"
    assert certificate.events.last().acting_user == secretariat
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, acting_user=secretariat, reason="again")


def test_reissue_after_a_name_correction_supersedes_the_old(participant, course, secretariat):
    old = issued_certificate(course=course, participant=participant)
    participant.family_name = "Batbayar-Dorj"
    participant.save()
    new = certificate_reissue(
        certificate=old, acting_user=secretariat, reason="Family name corrected"
    )
    old.refresh_from_db()
    assert old.status == CertificateStatus.SUPERSEDED and old.superseded_by == new
    assert new.status == CertificateStatus.VALID and new.serial != old.serial
    assert new.holder_name == "Oyunchimeg Batbayar-Dorj"
    assert new.expires_at == old.expires_at
    assert [e.action for e in old.events.all()] == ["issued", "superseded"]


def test_expiry_follows_the_course_policy(course, participant):
    policy(course, months=12)
    certificate = issued_certificate(course=course, participant=participant)
    delta = certificate.expires_at - certificate.issued_at
    assert datetime.timedelta(days=364) <= delta <= datetime.timedelta(days=366)


def test_no_policy_means_no_expiry(course):
    assert issued_certificate(course=course).expires_at is None


def test_expiry_reminders_go_once_within_sixty_days(course):
    soon = issued_certificate(course=course)
    later = issued_certificate(course=course)
    now = timezone.now()
    Certificate.objects.filter(pk=soon.pk).update(expires_at=now + datetime.timedelta(days=30))
    Certificate.objects.filter(pk=later.pk).update(expires_at=now + datetime.timedelta(days=90))
    assert expiry_reminders_send() == 1
    assert len(mail.outbox) == 1 and soon.serial in mail.outbox[0].body
    assert expiry_reminders_send() == 0


def _in_person_cohort(course, attended: list[int], threshold=60):
    cohort = CohortFactory(course=course, attendance_threshold=threshold)
    days = cohort_days(cohort, 3)
    enrolments = []
    for count in attended:
        enrolment = EnrolmentFactory(cohort=cohort)
        attend(enrolment, days[:count])
        enrolments.append(enrolment)
    return cohort, enrolments


def test_bulk_issue_covers_those_who_earned_it(course, secretariat):
    cohort, enrolments = _in_person_cohort(course, [3, 2, 1, 0])
    done = completed_enrolment(cohort=cohort)
    run = issue_run_create(cohort=cohort, acting_user=secretariat, reason="Workshop", enqueue=False)
    printed = []
    issue_run_execute(run=run, on_issue=printed.append)
    run.refresh_from_db()
    assert (run.status, run.total, run.processed, run.issued) == (IssueRunStatus.DONE, 3, 3, 3)
    holders = set(Certificate.objects.values_list("enrolment", flat=True))
    assert holders == {enrolments[0].pk, enrolments[1].pk, done.pk}
    assert len(printed) == 3
    assert CertificateEvent.objects.filter(acting_user=secretariat, reason="Workshop").count() == 3
    # Running again issues nothing new.
    again = issue_run_create(cohort=cohort, enqueue=False)
    assert issue_run_execute(run=again).issued == 0


def test_bulk_issue_is_all_or_nothing(course, monkeypatch):
    cohort, _enrolments = _in_person_cohort(course, [3, 3, 3])
    real = services.render_certificate
    calls = []

    def flaky(document):
        calls.append(document)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(document)

    monkeypatch.setattr(services, "render_certificate", flaky)
    run = issue_run_create(cohort=cohort, enqueue=False)
    with pytest.raises(RuntimeError):
        issue_run_execute(run=run)
    run.refresh_from_db()
    assert run.status == IssueRunStatus.FAILED and "disk full" in run.error
    assert not Certificate.objects.exists()


def test_bulk_issue_through_the_task_worker(course, django_capture_on_commit_callbacks):
    cohort, _enrolments = _in_person_cohort(course, [3, 3])
    with django_capture_on_commit_callbacks(execute=True):
        run = issue_run_create(cohort=cohort)
    run.refresh_from_db()
    assert run.status == IssueRunStatus.DONE and run.issued == 2
    assert IssueRun.objects.count() == 1


def test_bulk_issue_needs_one_target(course):
    with pytest.raises(ValidationError):
        issue_run_create()


def test_completion_in_courses_enqueues_the_issue(
    participant, course, django_capture_on_commit_callbacks
):
    from courses.services import enrolment_completion_update

    cohort = CohortFactory(course=course, mode=CohortMode.ONLINE)
    enrolment = EnrolmentFactory(participant=participant, cohort=cohort)
    from courses.models import ModuleProgress

    for module in course.get_children().specific():
        ModuleProgress.objects.create(enrolment=enrolment, module=module)
    with django_capture_on_commit_callbacks(execute=True):
        assert enrolment_completion_update(enrolment=enrolment)
    assert Certificate.objects.filter(enrolment=enrolment, status="valid").exists()


def test_participant_without_address_gets_no_mail_but_a_certificate(course):
    participant = ParticipantFactory(user=None, email="")
    assert issued_certificate(course=course, participant=participant)
    assert mail.outbox == []


def test_signature_images_and_partner_logos_are_drawn(course, participant):
    from pypdf import PdfReader
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Site

    from certificates.models import CertificateSettings, PartnerLogo, Signatory

    image = Image.objects.create(title="Signature", file=get_test_image_file(colour="black"))
    logo = Image.objects.create(title="Logo", file=get_test_image_file("logo.png", colour="green"))
    setting = CertificateSettings.for_site(Site.objects.get(is_default_site=True))
    setting.save()
    Signatory.objects.create(
        settings=setting, name="Seo-yeon Park", title="Secretariat", signature=image
    )
    PartnerLogo.objects.create(settings=setting, name="Crane partner", logo=logo)
    certificate = issued_certificate(course=course, participant=participant)
    with certificate.pdf.open("rb") as handle:
        page = PdfReader(handle).pages[0]
        assert len(page.images) == 2
        assert "Seo-yeon Park" in page.extract_text()


def test_blended_cohort_needs_completion_not_only_attendance(course):
    cohort = CohortFactory(course=course, mode=CohortMode.BLENDED, attendance_threshold=50)
    (day,) = cohort_days(cohort, 1)
    enrolment = EnrolmentFactory(cohort=cohort)
    attend(enrolment, [day])
    assert certificate_issue_if_eligible(enrolment=enrolment) is None
    assert list(eligible_enrolments(cohort=cohort)) == []


# --- Revocation sticks ---------------------------------------------------------------


def _revoked(course, secretariat, *, cohort=None):
    """A participant whose certificate was revoked, still holding a completed enrolment."""
    certificate = issued_certificate(course=course, cohort=cohort) if cohort else None
    certificate = certificate or issued_certificate(course=course)
    return certificate_revoke(
        certificate=certificate, acting_user=secretariat, reason="Attendance sheet forged"
    )


def test_a_revoked_certificate_is_not_issued_again_on_completion(
    course, secretariat, django_capture_on_commit_callbacks
):
    from certificates.tasks import certificate_issue_task

    revoked = _revoked(course, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_issue_if_eligible(enrolment=revoked.enrolment) is None
        certificate_issue_task.enqueue(enrolment_id=revoked.enrolment_id)
    assert list(Certificate.objects.values_list("status", flat=True)) == ["revoked"]
    assert mail.outbox == []


def test_a_revoked_certificate_blocks_the_same_course_in_another_cohort(course, secretariat):
    revoked = _revoked(course, secretariat)
    other = completed_enrolment(
        cohort=CohortFactory(course=course), participant=revoked.participant
    )
    assert certificate_issue_if_eligible(enrolment=other) is None
    assert not eligible_enrolments(course=course).exists()


def test_bulk_issue_leaves_a_revoked_certificate_revoked_and_sends_no_mail(
    course, secretariat, django_capture_on_commit_callbacks
):
    cohort = CohortFactory(course=course)
    revoked = _revoked(course, secretariat, cohort=cohort)
    fresh = completed_enrolment(cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        run = issue_run_create(cohort=cohort, acting_user=secretariat, reason="Workshop")
    run.refresh_from_db()
    assert run.issued == 1
    assert set(Certificate.objects.values_list("enrolment", "status")) == {
        (revoked.enrolment_id, "revoked"),
        (fresh.pk, "valid"),
    }
    assert [message.to for message in mail.outbox] == [[fresh.participant.email]]


def test_bulk_preview_lists_revoked_people_as_not_reissued(course, secretariat):
    from certificates.selectors import bulk_issue_preview

    cohort = CohortFactory(course=course)
    revoked = _revoked(course, secretariat, cohort=cohort)
    fresh = completed_enrolment(cohort=cohort)
    preview = bulk_issue_preview(cohort=cohort)
    assert [e.pk for e in preview.to_issue] == [fresh.pk]
    assert [(e.pk, c.pk) for e, c in preview.revoked] == [(revoked.enrolment_id, revoked.pk)]


def test_hand_issue_of_a_revoked_certificate_is_refused_pointing_at_reissue(course, secretariat):
    revoked = _revoked(course, secretariat)
    with pytest.raises(ValidationError, match="re-issue"):
        certificate_issue(enrolment=revoked.enrolment, acting_user=secretariat, reason="Again")
    with pytest.raises(ValidationError, match="re-issue"):
        certificate_issue(enrolment=revoked.enrolment, notify=False)
    assert Certificate.objects.count() == 1


def test_reissue_of_a_revoked_certificate_on_purpose_needs_a_reason(
    course, secretariat, django_capture_on_commit_callbacks
):
    revoked = _revoked(course, secretariat)
    with pytest.raises(ValidationError):
        certificate_reissue(certificate=revoked, acting_user=secretariat, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_reissue(
            certificate=revoked, acting_user=secretariat, reason="Sheet was genuine after all"
        )
    revoked.refresh_from_db()
    assert new.status == CertificateStatus.VALID and new.enrolment == revoked.enrolment
    # The old certificate stays revoked: its verification page keeps saying so.
    assert revoked.status == CertificateStatus.REVOKED
    event = revoked.events.last()
    assert event.action == CertificateEvent.Action.REISSUED
    assert (event.acting_user, event.reason) == (secretariat, "Sheet was genuine after all")
    assert new.events.get().acting_user == secretariat
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError):
        certificate_reissue(certificate=revoked, acting_user=secretariat, reason="Twice")


def test_eligibility_is_completion_decided_by_courses_not_raw_attendance(course):
    """Attendance rows written around courses' services do not earn a certificate."""
    cohort = CohortFactory(course=course, mode=CohortMode.IN_PERSON, attendance_threshold=60)
    days = cohort_days(cohort, 3)
    enrolment = EnrolmentFactory(cohort=cohort)
    for day in days:
        Attendance.objects.create(enrolment=enrolment, day=day, present=True)
    assert certificate_issue_if_eligible(enrolment=enrolment) is None
    assert not eligible_enrolments(cohort=cohort).exists()


def test_supersede_writes_its_own_event_and_keeps_the_issued_one(secretariat):
    from certificates.services import certificate_supersede

    first = issued_certificate()
    second = issued_certificate()
    with pytest.raises(ValidationError):
        certificate_supersede(certificate=first, by=second, acting_user=secretariat, reason="x")
    later = certificate_issue(
        enrolment=completed_enrolment(course=None, cohort=first.enrolment.cohort, participant=None),
        notify=False,
    )
    certificate_supersede(certificate=first, by=later, acting_user=secretariat, reason="Merged")
    first.refresh_from_db()
    assert first.status == CertificateStatus.SUPERSEDED and first.superseded_by_id == later.pk
    assert list(first.events.values_list("action", "acting_user", "reason")) == [
        (CertificateEvent.Action.ISSUED, None, ""),
        (CertificateEvent.Action.SUPERSEDED, secretariat.pk, "Merged"),
    ]
    # The automatic issue's reason is read in the reader's language, not stored in one.
    issued = first.events.get(action=CertificateEvent.Action.ISSUED)
    with translation.override("ru"):
        shown = issued.reason_display
        assert shown == translation.gettext("Course completed.") != "Course completed."
    assert not later.events.exclude(action=CertificateEvent.Action.ISSUED).exists()


def test_a_cohort_archive_holds_the_valid_pdfs_and_its_progress(course):
    import io
    import zipfile

    from certificates.archives import archive_member_name, cohort_archive_build
    from certificates.models import CohortArchive
    from tests.certificates.factories import issued_certificate
    from tests.courses.factories import CohortFactory

    cohort = CohortFactory(course=course)
    certificates = [issued_certificate(cohort=cohort) for _ in range(3)]
    archive = CohortArchive.objects.create(cohort=cohort)

    cohort_archive_build(archive=archive)

    archive.refresh_from_db()
    assert (archive.status, archive.total, archive.processed, archive.percent) == (
        "done",
        3,
        3,
        100,
    )
    with archive.file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert sorted(names) == sorted(archive_member_name(c) for c in certificates)
    assert all(
        name.startswith(c.serial + "_")
        for name, c in zip(sorted(names), sorted(certificates, key=lambda c: c.serial), strict=True)
    )
