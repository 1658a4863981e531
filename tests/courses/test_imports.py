"""The participant import says what it will do: places, waiting lists, certificates, e-mails."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from certificates.models import Certificate, CertificateStatus
from courses.imports import import_apply, import_plan, table_read
from courses.models import Attendance, CohortDay, Enrolment, EnrolmentStatus
from portal.registry.models import ImportJob, ImportStatus, Participant, ParticipantHistory
from tests.courses.factories import CohortFactory, EnrolmentFactory, make_course
from tests.registry.conftest import csv_file
from tests.registry.factories import ImportedParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _signing_key(settings):
    """A throw-away issuer key, so that issuing a certificate can sign its credential."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.CERTIFICATES_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def run_import(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_participants", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def people_csv(tmp_path, count: int, *, attended: str | None = None):
    header = "email,given_name,family_name" + (",attended" if attended is not None else "")
    lines = [header]
    for n in range(count):
        line = f"p{n}@example.org,Given,Family{chr(65 + n % 26)}"
        lines.append(line + (f",{attended}" if attended is not None else ""))
    return csv_file(tmp_path, "\n".join(lines) + "\n")


# --- a full cohort ----------------------------------------------------------------------


@pytest.fixture
def khurkh(db):
    """``khurkh-2025``: capacity 30."""
    return CohortFactory(course=make_course(modules=1), slug="khurkh-2025", capacity=30)


def test_dry_run_and_summary_name_the_waiting_list_of_a_full_cohort(tmp_path, khurkh):
    path = people_csv(tmp_path, 120)
    out, _err = run_import(path, "--cohort", "khurkh-2025", "--dry-run")
    assert "would create 120, update 0 and enrol 120" in out
    assert "90 of them would join the waiting list of khurkh-2025 (capacity 30, full)" in out
    assert not Enrolment.objects.exists()

    out, _err = run_import(path, "--cohort", "khurkh-2025")
    assert "90 of them joined the waiting list of khurkh-2025 (capacity 30, full)." in out
    statuses = list(khurkh.enrolments.order_by("pk").values_list("status", flat=True))
    assert statuses == [EnrolmentStatus.ACTIVE] * 30 + [EnrolmentStatus.WAITLISTED] * 90


def test_places_already_taken_and_the_queue_count(tmp_path, khurkh):
    """Active places and an existing waiting list both count: newcomers queue behind it."""
    EnrolmentFactory.create_batch(28, cohort=khurkh)
    EnrolmentFactory(cohort=khurkh, status=EnrolmentStatus.WAITLISTED)
    path = people_csv(tmp_path, 5)
    out, _err = run_import(path, "--cohort", "khurkh-2025", "--dry-run")
    assert "4 of them would join the waiting list of khurkh-2025 (capacity 30, full)" in out
    run_import(path, "--cohort", "khurkh-2025")
    new = Enrolment.objects.filter(participant__email__regex=r"^p\d+@example\.org$").order_by("pk")
    assert [e.status for e in new] == [EnrolmentStatus.ACTIVE] + [EnrolmentStatus.WAITLISTED] * 4


def test_a_cohort_without_capacity_has_no_waiting_list(tmp_path, khurkh):
    khurkh.capacity = None
    khurkh.save()
    out, _err = run_import(people_csv(tmp_path, 40), "--cohort", "khurkh-2025")
    assert "waiting list" not in out
    assert khurkh.enrolments.filter(status=EnrolmentStatus.ACTIVE).count() == 40


# --- attendance that completes: certificates and e-mails -------------------------------------


@pytest.fixture
def workshop(db):
    """``khurkh-2025``, in person, 6-8 July 2025, two of three days needed."""
    cohort = CohortFactory(
        course=make_course(modules=1),
        slug="khurkh-2025",
        start_date=datetime.date(2025, 7, 6),
        end_date=datetime.date(2025, 7, 8),
        attendance_threshold=60,
    )
    for day in (6, 7, 8):
        CohortDay.objects.create(cohort=cohort, date=datetime.date(2025, 7, day))
    return cohort


ATTENDANCE_CSV = (
    "email,given_name,family_name,cohort,attended\n"
    'a@example.org,Ann,Lee,khurkh-2025,"1, 2"\n'
    'b@example.org,Bat,Bold,khurkh-2025,"1,2,3"\n'
    "c@example.org,Chen,Li,khurkh-2025,1\n"
)


def test_preview_counts_certificates_and_e_mails_then_sends_them(
    tmp_path, workshop, django_capture_on_commit_callbacks
):
    path = csv_file(tmp_path, ATTENDANCE_CSV)
    out, _err = run_import(path, "--dry-run")
    assert (
        "The attendance would complete 2 enrolments: 2 certificates to be issued "
        "and 2 e-mails to be sent." in out
    )
    assert not Certificate.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run_import(path)
    assert "2 certificates to be issued and 2 e-mails to be sent" in out
    holders = set(Certificate.objects.values_list("participant__email", flat=True))
    assert holders == {"a@example.org", "b@example.org"}
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]


def test_no_email_records_attendance_and_issues_silently(
    tmp_path, workshop, django_capture_on_commit_callbacks
):
    path = csv_file(tmp_path, ATTENDANCE_CSV)
    out, _err = run_import(path, "--dry-run", "--no-email")
    assert "2 certificates to be issued and 0 e-mails to be sent" in out
    assert "E-mails are off for this import" in out

    with django_capture_on_commit_callbacks(execute=True):
        out, _err = run_import(path, "--no-email")
    assert "2 certificates to be issued and 0 e-mails to be sent" in out
    assert Certificate.objects.filter(status=CertificateStatus.VALID).count() == 2
    assert Attendance.objects.filter(present=True).count() == 6
    assert mail.outbox == []


def test_a_revoked_certificate_is_not_counted_as_to_be_issued(tmp_path, workshop):
    from certificates.services import certificate_issue, certificate_revoke

    person = ImportedParticipantFactory(email="a@example.org", given_name="Ann", family_name="Lee")
    enrolment = EnrolmentFactory(participant=person, cohort=workshop)
    certificate = certificate_issue(enrolment=enrolment, notify=False)
    certificate_revoke(certificate=certificate, acting_user=None, reason="Attendance sheet forged.")
    path = csv_file(tmp_path, ATTENDANCE_CSV)
    out, _err = run_import(path, "--dry-run")
    assert "would complete 2 enrolments: 1 certificates to be issued and 1 e-mails" in out
    assert "1 participant's certificate was revoked — not re-issued." in out


def test_an_enrolment_completed_before_is_not_counted_again(tmp_path, workshop):
    from django.utils import timezone

    person = ImportedParticipantFactory(email="b@example.org", given_name="Bat", family_name="Bold")
    EnrolmentFactory(participant=person, cohort=workshop, completed_at=timezone.now())
    out, _err = run_import(csv_file(tmp_path, ATTENDANCE_CSV), "--dry-run")
    assert "would complete 1 enrolment: 1 certificates to be issued" in out


# --- nothing half-written ------------------------------------------------------------------


def test_a_bad_row_writes_nothing_at_all(tmp_path, workshop):
    bad = ATTENDANCE_CSV + "d@example.org,Dash,Doe,khurkh-2025,2025-07-09\n"
    out, err = StringIO(), StringIO()
    with pytest.raises(Exception) as caught:
        call_command("import_participants", str(csv_file(tmp_path, bad)), stdout=out, stderr=err)
    assert caught.value.returncode == 1
    assert "row 5: attended: 2025-07-09 is not a day of cohort “khurkh-2025”" in err.getvalue()
    assert not Participant.objects.exists()
    assert not Enrolment.objects.exists()
    assert not Attendance.objects.exists()
    assert not ParticipantHistory.objects.exists()
    assert CohortDay.objects.count() == 3


def test_a_failure_while_writing_rolls_everything_back(tmp_path, workshop):
    """The cohort fills up between the check and the write: attendance cannot be recorded."""
    workshop.capacity = 3
    workshop.save()
    plan = import_plan(table_read(csv_file(tmp_path, ATTENDANCE_CSV)))
    assert not plan.errors
    EnrolmentFactory.create_batch(3, cohort=workshop)
    with pytest.raises(ValidationError, match="row 2: attended:"):
        import_apply(plan, acting_user=None, source_name="list.csv")
    assert not Participant.objects.filter(email__in=["a@example.org", "c@example.org"]).exists()
    assert Enrolment.objects.count() == 3
    assert not Attendance.objects.exists()


# --- the admin upload ---------------------------------------------------------------------


def test_admin_upload_can_switch_e_mails_off_and_the_preview_says_so(
    client, secretariat, workshop, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    upload = SimpleUploadedFile("list.csv", ATTENDANCE_CSV.encode())
    response = client.post(reverse("registry_import:upload"), {"file": upload, "no_email": "on"})
    job = ImportJob.objects.get()
    assert job.send_email is False and job.status == ImportStatus.PREVIEWED
    page = client.get(response["Location"]).content.decode()
    assert "2 certificates to be issued; nobody is e-mailed." in page
    assert "issued, not e-mailed" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"])
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Certificate.objects.count() == 2
    assert mail.outbox == []


def test_admin_preview_names_the_waiting_list(client, secretariat, khurkh):
    client.force_login(secretariat)
    rows = "".join(f"p{n}@example.org,Given,Family\n" for n in range(35))
    upload = SimpleUploadedFile("list.csv", ("email,given_name,family_name\n" + rows).encode())
    response = client.post(
        reverse("registry_import:upload"), {"file": upload, "cohort": "khurkh-2025"}
    )
    page = client.get(response["Location"]).content.decode()
    assert "5 would join the waiting list of khurkh-2025: it is full (capacity 30)." in page


def test_the_command_reads_a_named_sheet_and_names_the_sheets_otherwise(tmp_path):
    from tests.core.test_spreadsheets import workbook_bytes

    path = tmp_path / "lists.xlsx"
    path.write_bytes(
        workbook_bytes(
            {
                "2024": [["email", "given_name", "family_name"], ["a@example.org", "Ann", "Lee"]],
                "2025": [["email", "given_name", "family_name"], ["b@example.org", "Bat", "Bold"]],
            }
        )
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(Exception) as caught:
        call_command("import_participants", str(path), stdout=out, stderr=err)
    assert caught.value.returncode == 1
    assert "“2024”, “2025”" in str(caught.value)
    run_import(path, "--sheet", "2025")
    assert list(Participant.objects.values_list("email", flat=True)) == ["b@example.org"]
