import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from portal.reporting.report import Filters
from portal.reporting.selectors import breakdown

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("participation_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_csv_to_stdout_with_the_promised_columns(load_data, facts):
    rows = list(csv.reader(io.StringIO(_run("--by", "youth,country", "--year", "2025"))))
    assert rows[0] == ["youth", "country", "participants", "completed", "certified"]
    expected = facts.count(["youth", "country"], year=2025)
    got = {(r[0], r[1]): (int(r[2]), int(r[3]), int(r[4])) for r in rows[1:] if int(r[2])}
    assert got == expected


def test_json_and_course_filter(load_data):
    data = json.loads(_run("--by", "gender", "--course", "load-drones", "--format", "json"))
    assert {row["gender"] for row in data} == {"woman", "man", "another", "undisclosed"}
    expected = breakdown(["gender"], filters=Filters(course="load-drones"))
    assert sum(row["participants"] for row in data) == expected.total.participants


def test_xlsx_to_a_file(load_data, tmp_path):
    path = tmp_path / "report.xlsx"
    _run("--by", "cohort", "--cohort", "load-wetland-2024-1", "--format", "xlsx", "--output", path)
    workbook = load_workbook(path)
    assert "Cohort" in workbook.sheetnames
    assert "Definitions" in workbook.sheetnames


@pytest.mark.parametrize(
    "args,message",
    [
        (["--by", "gender,height"], "Unknown dimension height"),
        (["--by", "gender,year,country"], "at most two"),
        (["--by", "gender", "--course", "no-such-course"], "no course has the slug"),
        (["--by", "gender", "--cohort", "no-such-cohort"], "no cohort has the slug"),
        (["--by", "gender", "--format", "xlsx"], "needs --output"),
    ],
)
def test_bad_arguments_say_what_to_fix(db, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_generate_report_data(db):
    out = io.StringIO()
    call_command("generate_report_data", "--participants", "50", stdout=out, stderr=io.StringIO())
    assert "participants: 50" in out.getvalue()
    from portal.registry.models import Participant

    assert Participant.objects.count() == 50
