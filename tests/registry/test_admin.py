"""The registry in the Wagtail admin (wagtail_hooks + admin_views)."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from portal.registry.models import HistoryAction, ImportJob, ImportStatus, Participant
from tests.registry.conftest import xlsx_bytes
from tests.registry.factories import ImportedParticipantFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

INDEX = "registry_participant:index"


@pytest.fixture
def people(db):
    return [
        ImportedParticipantFactory(
            email="wang@example.org",
            given_name="Xiaoming",
            family_name="Wang",
            native_name="王小明",
            country="CN",
            gender="man",
            birth_year=1999,
            organisation="Peking University",
            organisation_type="academia",
        ),
        ImportedParticipantFactory(
            email="oyun@example.org",
            given_name="Oyunchimeg",
            family_name="Batbayar",
            native_name="Батбаяр Оюунчимэг",
            country="MN",
            gender="woman",
            birth_year=1970,
            organisation="WSCC",
            organisation_type="ngo",
        ),
        ImportedParticipantFactory(
            email="yamada@example.org",
            given_name="Taro",
            family_name="Yamada",
            native_name="山田 太郎",
            country="JP",
            gender="undisclosed",
            birth_year=None,
            organisation="=cmd|' /C calc'!A0",
            organisation_type="government",
        ),
    ]


def listed(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("fixture", ["learner", "instructor"])
def test_only_secretariat_and_admins_reach_the_registry(client, request, fixture, people):
    client.force_login(request.getfixturevalue(fixture))
    response = client.get(reverse(INDEX))
    assert response.status_code in (302, 403)
    assert "王小明" not in listed(response)
    response = client.get(reverse("registry_import:upload"))
    assert response.status_code in (302, 403)


def test_secretariat_lists_and_searches_in_any_script(client, secretariat, people):
    client.force_login(secretariat)
    assert "王小明" in listed(client.get(reverse(INDEX)))
    for query, expected in [
        ("王小明", "Wang"),
        ("ОЮУНЧИМЭГ", "Batbayar"),  # Cyrillic, other case
        ("山田太郎", "Yamada"),  # without the space
        ("\uff37\uff21\uff2e\uff27", "Wang"),  # WANG in full-width Latin
        ("peking", "Wang"),
        ("oyun@example", "Batbayar"),
    ]:
        content = listed(client.get(reverse(INDEX), {"q": query}))
        assert expected in content, query
    content = listed(client.get(reverse(INDEX), {"q": "王小明"}))
    assert "Yamada" not in content


def test_filters(client, secretariat, people):
    client.force_login(secretariat)
    content = listed(client.get(reverse(INDEX), {"country": "MN"}))
    assert "Batbayar" in content and "Wang" not in content
    content = listed(client.get(reverse(INDEX), {"gender": "man"}))
    assert "Wang" in content and "Batbayar" not in content
    content = listed(client.get(reverse(INDEX), {"organisation_type": "government"}))
    assert "Yamada" in content and "Wang" not in content
    content = listed(client.get(reverse(INDEX), {"youth": "youth"}))
    assert "Wang" in content and "Batbayar" not in content and "Yamada" not in content
    content = listed(client.get(reverse(INDEX), {"youth": "unknown"}))
    assert "Yamada" in content and "Wang" not in content


def test_cohort_filter(client, secretariat, people, cohort):
    from tests.courses.factories import EnrolmentFactory

    EnrolmentFactory(participant=people[1], cohort=cohort)
    client.force_login(secretariat)
    content = listed(client.get(reverse(INDEX), {"cohort": cohort.pk}))
    assert "Batbayar" in content and "Wang" not in content


def test_export_honours_filters_and_neutralises_formulas(client, secretariat, people):
    client.force_login(secretariat)
    response = client.get(reverse(INDEX), {"export": "csv", "country": "JP"})
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2 and "yamada@example.org" in lines[1]
    assert "\"'=cmd|' /C calc'!A0\"" in lines[1] or "'=cmd|' /C calc'!A0" in lines[1]
    response = client.get(reverse(INDEX), {"export": "xlsx", "q": "山田"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][7] == "'=cmd|' /C calc'!A0"


def test_detail_view_shows_consents_and_links(client, secretariat, people):
    client.force_login(secretariat)
    response = client.get(reverse("registry_participant:inspect", args=[people[0].pk]))
    assert response.status_code == 200
    assert "王小明" in listed(response)
    assert reverse("registry_participant:history", args=[people[0].pk]) in listed(response)


def _edit_data(participant, **overrides):
    data = {
        "email": participant.email,
        "given_name": participant.given_name,
        "family_name": participant.family_name,
        "native_name": participant.native_name,
        "gender": participant.gender,
        "birth_year": participant.birth_year or "",
        "country": str(participant.country),
        "organisation": participant.organisation,
        "organisation_type": participant.organisation_type,
        "position": participant.position,
        "career_stage": participant.career_stage,
        "directory_visibility": participant.directory_visibility,
        "bio": "",
        "links": "",
        "reason": "Passport spelling",
    }
    data.update(overrides)
    return data


def test_edit_goes_through_the_service_with_reason(client, secretariat, people):
    client.force_login(secretariat)
    person = people[0]
    url = reverse("registry_participant:edit", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _edit_data(person, given_name="Xiao Ming"))
    assert response.status_code == 302, listed(response)
    entry = person.history.get(action=HistoryAction.UPDATED)
    assert entry.changes == {"given_name": ["Xiaoming", "Xiao Ming"]}
    assert entry.reason == "Passport spelling" and entry.acting_user == secretariat
    history = client.get(reverse("registry_participant:history", args=[person.pk]))
    assert "Passport spelling" in listed(history) and secretariat.email in listed(history)


def test_edit_validation_errors_are_shown_and_nothing_saved(client, secretariat, people):
    client.force_login(secretariat)
    person = people[0]
    url = reverse("registry_participant:edit", args=[person.pk])
    response = client.post(url, _edit_data(person, given_name="明", email=people[1].email))
    assert response.status_code == 200
    content = listed(response)
    assert "Latin letters" in content
    person.refresh_from_db()
    assert person.given_name == "Xiaoming"
    assert not person.history.exists()


def test_delete_anonymises(client, secretariat, people):
    client.force_login(secretariat)
    response = client.post(reverse("registry_participant:delete", args=[people[0].pk]))
    assert response.status_code == 302
    people[0].refresh_from_db()
    assert people[0].anonymised_at is not None and people[0].email == ""


def test_merge_compare_then_confirm(client, secretariat, people):
    client.force_login(secretariat)
    keep, duplicate = (
        people[0],
        ImportedParticipantFactory(
            email="wang.xm@example.org",
            given_name="Xiaoming",
            family_name="Wang",
            bio="Crane counter",
        ),
    )
    url = reverse("registry_admin:merge", args=[keep.pk])
    response = client.post(url, {"duplicate": duplicate.pk, "reason": "Same person"})
    assert response.status_code == 200
    assert "wang.xm@example.org" in listed(response)
    assert Participant.objects.filter(pk=duplicate.pk).exists()
    response = client.post(
        url, {"duplicate": duplicate.pk, "reason": "Same person", "confirm": "1"}
    )
    assert response.status_code == 200
    assert "Merged into" in listed(response)
    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    keep.refresh_from_db()
    assert keep.bio == "Crane counter"


def test_merge_result_page_lists_what_moved_per_kind(client, secretariat):
    import datetime

    from django.utils import timezone

    from courses.models import Enrolment
    from portal.registry.services import consent_record
    from tests.assessments.factories import make_question, make_quiz
    from tests.courses.factories import CohortFactory, EnrolmentFactory, make_course
    from tests.registry.test_merge import submitted_attempt

    keep, duplicate = ParticipantFactory(), ImportedParticipantFactory()
    cohort = CohortFactory(course=make_course(modules=1))
    EnrolmentFactory(participant=keep, cohort=cohort)
    EnrolmentFactory(
        participant=duplicate,
        cohort=cohort,
        enrolled_at=timezone.now() - datetime.timedelta(days=1),
    )
    quiz = make_quiz([make_question()])
    for person in (keep, duplicate):
        submitted_attempt(
            quiz=quiz, participant=person, number=1, score="3", started_at=timezone.now()
        )
    consent_record(participant=duplicate)
    client.force_login(secretariat)
    response = client.post(
        reverse("registry_admin:merge", args=[keep.pk]),
        {"duplicate": duplicate.pk, "reason": "Same person", "confirm": "1"},
    )
    assert response.status_code == 200
    table = re.search(r"<table[^>]*data-merge-moved.*?</table>", listed(response), re.S)
    assert table is not None
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", table.group(0)))
    assert rows["Attempts"] == "1"
    assert rows["Enrolments"] == "1"
    assert rows["Consent records"] == "1"
    assert "were combined" in listed(response)
    assert Enrolment.objects.filter(participant=keep).count() == 1
    entry = keep.history.get(action=HistoryAction.MERGED)
    assert entry.changes["moved"]["attempts"] == 1


def test_merge_refusal_is_shown(client, secretariat):
    a, b = ParticipantFactory(), ParticipantFactory()
    client.force_login(secretariat)
    response = client.post(
        reverse("registry_admin:merge", args=[a.pk]),
        {"duplicate": b.pk, "reason": "x", "confirm": "1"},
    )
    assert response.status_code == 200
    assert "own log-in account" in listed(response)
    assert Participant.objects.count() == 2


def test_import_upload_preview_then_confirm(client, secretariat, people):
    client.force_login(secretariat)
    content = xlsx_bytes(
        [
            ["email", "given_name", "family_name", "country"],
            ["wang@example.org", "Xiao Ming", "Wang", "CN"],
            ["new@example.org", "Bat", "Bold", "Mongolia"],
        ]
    )
    upload = SimpleUploadedFile("list.xlsx", content)
    response = client.post(reverse("registry_import:upload"), {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("registry_import:job", args=[job.pk])
    assert job.status == ImportStatus.PREVIEWED
    assert Participant.objects.count() == 3  # nothing written yet
    page = listed(client.get(response["Location"]))
    assert "would create 1, update 1" in page and "new@example.org" in page
    client.post(response["Location"])
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.summary["created"] == 1
    assert Participant.objects.get(email="new@example.org").history.get().acting_user == secretariat
    assert "Created 1, updated 1" in listed(client.get(response["Location"]))


def test_import_upload_shows_every_row_error_and_writes_nothing(client, secretariat):
    client.force_login(secretariat)
    upload = SimpleUploadedFile("list.csv", b"email,given_name,family_name,gender\nbad,Ann,Lee,Q\n")
    response = client.post(reverse("registry_import:upload"), {"file": upload})
    page = listed(client.get(response["Location"]))
    assert "row 2: email:" in page and "row 2: gender:" in page
    assert ImportJob.objects.get().status == ImportStatus.FAILED
    assert not Participant.objects.exists()


def test_import_upload_refuses_other_types(client, secretariat):
    client.force_login(secretariat)
    upload = SimpleUploadedFile("list.pdf", b"%PDF")
    response = client.post(reverse("registry_import:upload"), {"file": upload})
    assert response.status_code == 200 and "Give a .csv or .xlsx file." in listed(response)
    assert not ImportJob.objects.exists()


def test_large_import_runs_as_background_tasks(
    client, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRY_IMPORT_SYNC_BYTES = 10
    settings.REGISTRY_IMPORT_SYNC_ROWS = 1
    client.force_login(secretariat)
    rows = "".join(f"p{n}@example.org,Ann,Lee\n" for n in range(30))
    upload = SimpleUploadedFile("big.csv", ("email,given_name,family_name\n" + rows).encode())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("registry_import:upload"), {"file": upload})
    assert len(callbacks) == 2  # the check task, and the clean-up of earlier uploads
    job = ImportJob.objects.get()
    # The immediate test backend ran the check task on commit.
    assert job.status == ImportStatus.PREVIEWED and job.processed_rows == 30
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(response["Location"])
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.processed_rows == 30
    assert Participant.objects.count() == 30


def test_job_page_refreshes_while_working(client, secretariat):
    from tests.registry.factories import ImportJobFactory

    job = ImportJobFactory(status=ImportStatus.RUNNING, total_rows=200, processed_rows=50)
    client.force_login(secretariat)
    page = listed(client.get(reverse("registry_import:job", args=[job.pk])))
    assert 'http-equiv="refresh"' in page and 'value="25"' in page


def test_list_offers_csv_and_xlsx_export_of_the_current_filters(client, secretariat, people):
    client.force_login(secretariat)
    content = listed(client.get(reverse(INDEX), {"country": "MN"}))
    links = re.findall(r'href="([^"]*export=(?:csv|xlsx)[^"]*)"', content)
    assert len(links) == 2
    assert all("country=MN" in link for link in links)


def test_list_queries_do_not_grow_with_participants(client, secretariat, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(secretariat)
    client.get(reverse(INDEX))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(INDEX))
    ImportedParticipantFactory.create_batch(20)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(INDEX))
    assert len(many) == len(few)


def test_create_through_the_admin_writes_history(client, secretariat):
    client.force_login(secretariat)
    blank = ImportedParticipantFactory.build(
        email="new@example.org", given_name="Nomin", family_name="Dorj", native_name="Дорж Номин"
    )
    response = client.post(
        reverse("registry_participant:add"), _edit_data(blank, reason="Phoned the secretariat")
    )
    assert response.status_code == 302, listed(response)
    created = Participant.objects.get(email="new@example.org")
    entry = created.history.get()
    assert entry.action == HistoryAction.CREATED and entry.reason == "Phoned the secretariat"
    assert created.search_text and "дорж" in created.search_text


def test_import_upload_previews_and_records_attendance(client, secretariat, people, cohort):
    import datetime

    from courses.models import Attendance
    from courses.services import cohort_day_create

    cohort.start_date, cohort.end_date = datetime.date(2025, 7, 6), datetime.date(2025, 7, 8)
    cohort.attendance_threshold = 100
    cohort.save()
    cohort_day_create(cohort=cohort, date=datetime.date(2025, 7, 6))
    client.force_login(secretariat)
    content = (
        b"email,given_name,family_name,cohort,attended\n"
        b"wang@example.org,Xiaoming,Wang,khurkh-2025,1 2025-07-07\n"
    )
    response = client.post(
        reverse("registry_import:upload"), {"file": SimpleUploadedFile("day.csv", content)}
    )
    page = listed(client.get(response["Location"]))
    assert "Would record the attendance of 1 participant." in page
    assert "2025-07-06, 2025-07-07" in page  # the row's days present
    assert "Days added to the attendance sheet of" in page and "2025-07-07" in page
    assert not Attendance.objects.exists()  # nothing written before confirming
    client.post(response["Location"])
    assert ImportJob.objects.order_by("-pk").first().status == ImportStatus.DONE
    enrolment = cohort.enrolments.get(participant__email="wang@example.org")
    assert {a.day.date.day for a in enrolment.attendance.filter(present=True)} == {6, 7}
    assert {a.recorded_by for a in enrolment.attendance.all()} == {secretariat}
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None  # both days of two: the threshold is met

    again = client.post(
        reverse("registry_import:upload"), {"file": SimpleUploadedFile("day.csv", content)}
    )
    page = listed(client.get(again["Location"]))
    assert "Nothing to change" in page and "Import now" not in page
