import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from portal.registry.models import HistoryAction, Participant, ParticipantHistory
from tests.registry.conftest import csv_file, xlsx_file
from tests.registry.factories import ImportedParticipantFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "email,given_name,family_name,native_name,gender,birth_year,country,"
    "organisation,organisation_type,position"
)


def run_import(path, *args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_participants", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_fails(path, *args) -> str:
    from io import StringIO

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_participants", str(path), *args, stdout=out, stderr=err)
    assert excinfo.value.returncode == 1
    return err.getvalue() + "\n" + str(excinfo.value)


def test_import_creates_participants_with_history(tmp_path):
    path = csv_file(
        tmp_path,
        HEADER + "\n"
        "Oyun@Example.org,Oyunchimeg,Batbayar,Батбаяр Оюунчимэг,F,1998,Mongolia,WSCC,ngo,Ranger\n"
        "kim@example.org,Minjun,Kim,김민준,male,1990,Republic of Korea,NIBR,research institute,\n"
        "ivan@example.org,Ivan,Petrov,,M,1987,Russian Federation,Muraviovka Park,protected area,\n",
        bom=True,
    )
    out, _err = run_import(path)
    assert "Created 3, updated 0, enrolled 0" in out
    oyun = Participant.objects.get(email="oyun@example.org")
    assert (oyun.gender, oyun.birth_year, str(oyun.country)) == ("woman", 1998, "MN")
    assert oyun.native_name == "Батбаяр Оюунчимэг"
    kim = Participant.objects.get(email="kim@example.org")
    assert (str(kim.country), kim.organisation_type, kim.gender) == ("KR", "academia", "man")
    assert str(Participant.objects.get(email="ivan@example.org").country) == "RU"
    assert ParticipantHistory.objects.filter(action=HistoryAction.IMPORTED).count() == 3
    entry = oyun.history.get()
    assert entry.reason.startswith("Imported from") and entry.changes["given_name"] == [
        None,
        "Oyunchimeg",
    ]


def test_reimport_changes_nothing_and_says_so(tmp_path):
    path = csv_file(tmp_path, HEADER + "\nann@example.org,Ann,Lee,,W,1999,JP,Uni,academia,\n")
    run_import(path)
    before = ParticipantHistory.objects.count()
    stamp = Participant.objects.get().updated_at
    out, _err = run_import(path)
    assert "Nothing to change" in out and "1 row" in out
    assert ParticipantHistory.objects.count() == before
    assert Participant.objects.get().updated_at == stamp


def test_import_updates_existing_by_email_and_blank_cells_keep_values(tmp_path):
    existing = ImportedParticipantFactory(
        email="ann@example.org", given_name="Anne", family_name="Lee", birth_year=1990
    )
    path = csv_file(tmp_path, "EMAIL,Given_Name,FAMILY NAME,birth_year\nANN@example.org,Ann,Lee,\n")
    out, _err = run_import(path)
    assert "Created 0, updated 1" in out
    existing.refresh_from_db()
    assert existing.given_name == "Ann" and existing.birth_year == 1990
    entry = existing.history.get(action=HistoryAction.UPDATED)
    assert entry.changes == {"given_name": ["Anne", "Ann"]}


def test_every_problem_is_listed_and_nothing_is_written(tmp_path):
    next_year = timezone.now().year + 1
    path = csv_file(
        tmp_path,
        "email,given_name,family_name,gender,birth_year,country,cohort\n"
        "good@example.org,Good,Row,F,1990,MN,\n"
        ",Empty,Mail,F,1990,MN,\n"
        "not-an-email,Bad,Mail,F,1990,MN,\n"
        "twice@example.org,First,Twice,F,1990,MN,\n"
        "TWICE@example.org,Second,Twice,F,1990,MN,\n"
        "y1@example.org,Year,Letters,F,19x5,MN,\n"
        "y2@example.org,Year,Old,F,1850,MN,\n"
        f"y3@example.org,Year,Future,F,{next_year},MN,\n"
        "c@example.org,Country,Unknown,F,1990,Atlantis,\n"
        "g@example.org,Gender,Unknown,Q,1990,MN,\n"
        "k@example.org,Cohort,Unknown,F,1990,MN,no-such-cohort\n"
        "n@example.org,,Nameless,F,1990,MN,\n",
    )
    report = import_fails(path)
    expected = [
        "row 3: email: is required.",
        "row 4: email: “not-an-email” is not a valid e-mail address.",
        "row 6: email: twice@example.org appears twice in the file (also on row 5).",
        "row 7: birth_year: “19x5” is not a year",
        "row 8: birth_year: 1850 is not a plausible birth year",
        f"row 9: birth_year: {next_year} is not a plausible birth year",
        "row 10: country: “Atlantis” is not a country we know",
        "row 11: gender: “Q” is not a gender we know",
        "row 12: cohort: there is no cohort “no-such-cohort”.",
        "row 13: given_name: This field is required.",
    ]
    for line in expected:
        assert line in report
    assert "row 2:" not in report
    assert "nothing was imported" in report
    assert not Participant.objects.exists()
    assert not ParticipantHistory.objects.exists()


def test_missing_required_column(tmp_path):
    path = csv_file(tmp_path, "email,given_name\na@example.org,Ann\n")
    assert "row 1: family_name: required column is missing" in import_fails(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.xlsx", b"email,given_name,family_name\n", "not an Excel workbook"),
        ("list.csv", b"", "The file is empty."),
        ("list.xlsx", b"", "The file is empty."),
        ("list.csv", b"\x81\x00\xff\xfe\x00e\x00m\x81", "not UTF-8"),
        ("list.csv", "Иван,Петров\n".encode("cp1251"), "Windows Cyrillic (CP1251)"),
        ("list.txt", b"email\n", "Give a .csv or .xlsx file."),
    ],
)
def test_unreadable_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert message in import_fails(path)


def test_very_long_line_is_refused_with_its_row(tmp_path):
    path = csv_file(
        tmp_path, "email,given_name,family_name\n" + "a@example.org,Ann," + "L" * 300_000 + "\n"
    )
    report = import_fails(path)
    assert "row 2" in report
    assert not Participant.objects.exists()


def test_too_long_cell_names_the_column(tmp_path):
    path = csv_file(tmp_path, "email,given_name,family_name\na@example.org,Ann," + "L" * 200 + "\n")
    assert "row 2: family_name: This is 200 characters long; keep it to 150." in import_fails(path)


def test_name_that_certificates_cannot_print(tmp_path):
    path = csv_file(
        tmp_path, "email,given_name,family_name,native_name\na@example.org,Ann,Lee,𓀀 Ann\n"
    )
    report = import_fails(path)
    assert "row 2: native_name: Certificates cannot print these characters: 𓀀 (U+13000)" in report


def test_latin_name_columns_refuse_other_scripts(tmp_path):
    path = csv_file(tmp_path, "email,given_name,family_name\na@example.org,明,王\n")
    report = import_fails(path)
    assert "row 2: given_name: Write this name in Latin letters" in report
    assert "row 2: family_name: Write this name in Latin letters" in report


def test_formula_cells_are_stored_as_text(tmp_path):
    path = xlsx_file(
        tmp_path,
        [
            ["email", "given_name", "family_name", "organisation", "position"],
            ["f@example.org", "Ann", "Lee", '=HYPERLINK("http://evil","x")', "@SUM(A1)"],
        ],
    )
    run_import(path)
    participant = Participant.objects.get()
    assert participant.organisation == '=HYPERLINK("http://evil","x")'
    assert participant.position == "@SUM(A1)"


def test_xlsx_import_with_numbers_and_mixed_case_headers(tmp_path):
    path = xlsx_file(
        tmp_path,
        [
            ["E-mail", "Email", "Given_Name", "Family_Name", "Birth_Year", "Country"],
        ],
    )
    # "E-mail" is not a known column: ignored, the real one is used.
    path = xlsx_file(
        tmp_path,
        [
            ["Email", "Given_Name", "Family_Name", "Birth_Year", "Country", "Notes"],
            ["x@example.org", "Ann", "Lee", 1994, "jp", "vegetarian"],
            [None, None, None, None, None, None],
        ],
    )
    out, _err = run_import(path)
    assert "Ignored columns: notes" in out
    assert Participant.objects.get().birth_year == 1994


def test_progress_bar_goes_to_stderr(tmp_path):
    path = csv_file(tmp_path, "email,given_name,family_name\na@example.org,Ann,Lee\n")
    out, err = run_import(path)
    assert "Checking" in err and "Importing" in err and "1/1" in err
    assert "Checking" not in out


def test_dry_run_writes_nothing(tmp_path):
    path = csv_file(tmp_path, "email,given_name,family_name\na@example.org,Ann,Lee\n")
    out, _err = run_import(path, "--dry-run")
    assert "Dry run: would create 1" in out
    assert not Participant.objects.exists()


def test_cohort_option_and_column_enrol(tmp_path, cohort):
    from tests.courses.factories import CohortFactory

    other = CohortFactory(course=cohort.course, slug="wetlands-2026")
    path = csv_file(
        tmp_path,
        "email,given_name,family_name,cohort\n"
        "a@example.org,Ann,Lee,\n"
        "b@example.org,Bat,Bold,wetlands-2026\n",
    )
    out, _err = run_import(path, "--cohort", "khurkh-2025")
    assert "Created 2, updated 0, enrolled 2" in out
    assert list(cohort.enrolments.values_list("participant__email", flat=True)) == ["a@example.org"]
    assert other.enrolments.get().participant.email == "b@example.org"
    out, _err = run_import(path, "--cohort", "khurkh-2025")
    assert "Nothing to change" in out


def test_unknown_cohort_option(tmp_path):
    path = csv_file(tmp_path, "email,given_name,family_name\na@example.org,Ann,Lee\n")
    assert "--cohort: there is no cohort “nope”." in import_fails(path, "--cohort", "nope")


def test_export_command_csv_and_xlsx_neutralise_formulas(tmp_path):
    from openpyxl import load_workbook

    ImportedParticipantFactory(email="f@example.org", organisation="=1+2", position="-3")
    csv_path = tmp_path / "out.csv"
    call_command("export_participants", str(csv_path), stdout=__import__("io").StringIO())
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("email,given_name,family_name")
    assert "'=1+2" in text and "'-3" in text
    xlsx_path = tmp_path / "out.xlsx"
    call_command("export_participants", str(xlsx_path), stdout=__import__("io").StringIO())
    sheet = load_workbook(xlsx_path).active
    row = [c.value for c in sheet[2]]
    assert "'=1+2" in row and "'-3" in row
    assert sheet[2][7].data_type == "s"


def test_export_then_import_round_trip_changes_nothing(tmp_path):
    ImportedParticipantFactory(email="a@example.org", native_name="王小明", country="CN")
    path = tmp_path / "out.xlsx"
    call_command("export_participants", str(path), stdout=__import__("io").StringIO())
    out, _err = run_import(path)
    assert "Nothing to change" in out


def test_export_refuses_unknown_extension(tmp_path):
    with pytest.raises(CommandError, match=r"\.csv or \.xlsx"):
        call_command("export_participants", str(tmp_path / "out.pdf"))


# --- attendance (the ``attended`` column) ---------------------------------------------


@pytest.fixture
def workshop(cohort):
    """``khurkh-2025``: in person, 6-8 July 2025, two of three days needed."""
    import datetime

    from courses.services import cohort_day_create

    cohort.start_date, cohort.end_date = datetime.date(2025, 7, 6), datetime.date(2025, 7, 8)
    cohort.attendance_threshold = 60
    cohort.save()
    for day in (6, 7, 8):
        cohort_day_create(cohort=cohort, date=datetime.date(2025, 7, day))
    return cohort


def test_attended_column_enrols_fills_the_sheet_and_completes(
    tmp_path, workshop, django_capture_on_commit_callbacks
):
    from unittest import mock

    from courses.models import Attendance
    from courses.selectors import cohort_attendance_sheet

    path = csv_file(
        tmp_path,
        "email,given_name,family_name,cohort,attended\n"
        'a@example.org,Ann,Lee,khurkh-2025,"1, 2"\n'
        "b@example.org,Bat,Bold,khurkh-2025,2025-07-08\n"
        "c@example.org,Chen,Li,khurkh-2025,\n",
    )
    with (
        mock.patch("certificates.tasks.certificate_issue_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        out, _err = run_import(path)
    assert "Created 3, updated 0, enrolled 3" in out
    assert "Recorded the attendance of 2 participants." in out
    sheet = cohort_attendance_sheet(cohort=workshop)
    ticks = {r["enrolment"].participant.email: [t for _d, t in r["cells"]] for r in sheet["rows"]}
    assert ticks == {
        "a@example.org": [True, True, False],
        "b@example.org": [False, False, True],
        "c@example.org": [False, False, False],
    }
    # The same completion rule as the tick-box sheet: 2 of 3 days >= 60 %.
    completed = {
        r["enrolment"].participant.email for r in sheet["rows"] if r["enrolment"].completed_at
    }
    assert completed == {"a@example.org"}
    task.enqueue.assert_called_once()
    assert Attendance.objects.filter(recorded_by=None).count() == 6  # two rows of three days

    # Importing the same file again changes nothing and says so.
    out, _err = run_import(path)
    assert "Nothing to change" in out
    assert Attendance.objects.count() == 6


def test_attended_row_replaces_the_participant_s_row_of_the_sheet(tmp_path, workshop):
    from courses.models import Attendance

    first = csv_file(tmp_path, "email,given_name,family_name,attended\na@example.org,Ann,Lee,1\n")
    run_import(first, "--cohort", "khurkh-2025", "--dry-run")
    assert not Attendance.objects.exists()  # a dry run writes nothing
    run_import(first, "--cohort", "khurkh-2025")
    corrected = csv_file(
        tmp_path, "email,given_name,family_name,attended\na@example.org,Ann,Lee,2;3\n", "b.csv"
    )
    out, _err = run_import(corrected, "--cohort", "khurkh-2025", "--dry-run")
    assert "Would record the attendance of 1 participant." in out
    out, _err = run_import(corrected, "--cohort", "khurkh-2025")
    assert "Created 0, updated 0, enrolled 0" in out
    present = Attendance.objects.filter(present=True).values_list("day__date__day", flat=True)
    assert sorted(present) == [7, 8]
    assert Attendance.objects.filter(present=False).get().day.date.day == 6


def test_attended_date_within_the_cohort_adds_the_day(tmp_path, cohort):
    import datetime

    cohort.start_date, cohort.end_date = datetime.date(2025, 7, 6), datetime.date(2025, 7, 8)
    cohort.save()
    path = csv_file(
        tmp_path,
        "email,given_name,family_name,attended\n"
        "a@example.org,Ann,Lee,2025-07-06 2025-07-07\n"
        "b@example.org,Bat,Bold,2025-07-07\n",
    )
    run_import(path, "--cohort", "khurkh-2025")
    assert [d.date.day for d in cohort.days.all()] == [6, 7]
    enrolment = cohort.enrolments.get(participant__email="b@example.org")
    assert [(a.day.date.day, a.present) for a in enrolment.attendance.order_by("day__date")] == [
        (6, False),
        (7, True),
    ]


def test_attended_problems_are_row_errors_and_nothing_is_written(tmp_path, workshop):
    import datetime

    from courses.models import Attendance, Enrolment
    from courses.services import enrolment_create, enrolment_withdraw
    from tests.courses.factories import CohortFactory
    from tests.registry.factories import ParticipantFactory

    CohortFactory(course=workshop.course, slug="online-2026", mode="online")
    gone = ParticipantFactory(email="gone@example.org")
    enrolment_withdraw(enrolment=enrolment_create(participant=gone, cohort=workshop))
    full = CohortFactory(
        course=workshop.course,
        slug="full-2025",
        capacity=1,
        start_date=datetime.date(2025, 7, 6),
        end_date=datetime.date(2025, 7, 8),
    )
    enrolment_create(participant=ParticipantFactory(), cohort=full)
    path = csv_file(
        tmp_path,
        "email,given_name,family_name,cohort,attended\n"
        "a@example.org,Ann,Lee,,1\n"
        "b@example.org,Bat,Bold,online-2026,1\n"
        "c@example.org,Chen,Li,khurkh-2025,4\n"
        "d@example.org,Dorj,Bat,khurkh-2025,2025-07-09\n"
        "e@example.org,Emi,Sato,khurkh-2025,yesterday\n"
        "gone@example.org,Gone,Away,khurkh-2025,1\n"
        "f@example.org,Fan,Wu,full-2025,2025-07-06\n",
    )
    enrolments = Enrolment.objects.count()
    message = import_fails(path)
    for expected in (
        "row 2: attended: give the cohort",
        "row 3: attended: cohort “online-2026” has no attendance",
        "row 4: attended: there is no day 4: the cohort has 3 days on its attendance sheet.",
        "row 5: attended: 2025-07-09 is not a day of cohort “khurkh-2025” (2025-07-06 to "
        "2025-07-08).",
        "row 6: attended: “yesterday” is neither a date (YYYY-MM-DD) nor a day number.",
    ):
        assert expected in message
    assert not Participant.objects.filter(email="a@example.org").exists()
    # The enrolment checks come once the cells read well.
    path = csv_file(
        tmp_path,
        "email,given_name,family_name,cohort,attended\n"
        "gone@example.org,Gone,Away,khurkh-2025,1\n"
        "f@example.org,Fan,Wu,full-2025,2025-07-06\n",
        "second.csv",
    )
    message = import_fails(path)
    assert "row 2: attended: gone@example.org is not active in cohort “khurkh-2025”" in message
    assert "row 3: attended: cohort “full-2025” is full" in message
    assert Enrolment.objects.count() == enrolments
    assert not Attendance.objects.exists()


def test_attended_xlsx_date_and_number_cells(tmp_path, workshop):
    import datetime

    from courses.models import Attendance

    path = xlsx_file(
        tmp_path,
        [
            ["email", "given_name", "family_name", "attended"],
            ["a@example.org", "Ann", "Lee", datetime.date(2025, 7, 7)],
            ["b@example.org", "Bat", "Bold", 3],
        ],
    )
    run_import(path, "--cohort", "khurkh-2025")
    present = Attendance.objects.filter(present=True).values_list(
        "enrolment__participant__email", "day__date__day"
    )
    assert sorted(present) == [("a@example.org", 7), ("b@example.org", 8)]


def test_the_documented_sample_file_imports(workshop):
    from pathlib import Path

    from courses.models import Attendance

    sample = Path(__file__).resolve().parents[2] / "docs" / "examples" / "participants.csv"
    out, _err = run_import(sample)
    assert "Created 5, updated 0, enrolled 4" in out
    assert "Recorded the attendance of 4 participants." in out
    assert Attendance.objects.filter(present=True).count() == 3 + 2 + 1
