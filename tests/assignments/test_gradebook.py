"""Grading list and gradebook: fixed queries whatever the number of learners; the export."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from assignments.selectors import grading_rows
from assignments.services import grades_release, submission_grade, submission_hand_in
from courses.models import CourseInstructor
from courses.selectors import cohort_gradebook
from tests.assessments.factories import make_question, make_quiz
from tests.assignments.factories import COUNT_SHEET, make_assignment, upload
from tests.courses.factories import EnrolmentFactory, ParticipantFactory, self_paced
from tests.factories import UserFactory
from tests.queries import session_queries

pytestmark = pytest.mark.django_db


def _learners(course, assignment, grader, count, start=0):
    cohort = self_paced(course)
    first, second = assignment.criteria.order_by("sort_order")
    for n in range(start, start + count):
        person = ParticipantFactory(family_name=f"Learner{n:03d}")
        enrolment = EnrolmentFactory(participant=person, cohort=cohort)
        submission = submission_hand_in(
            assignment=assignment,
            enrolment=enrolment,
            files=[upload(f"sheet{n}.csv", COUNT_SHEET)],
        )
        if n % 2 == 0:
            submission_grade(
                submission=submission,
                grader=grader,
                levels={first.pk: (2, "ok"), second.pk: (n % 3, "")},
            )
    return cohort


def test_grading_list_and_gradebook_queries_do_not_grow_with_learners(client, course):
    instructor = UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=course, user=instructor)
    assignment = make_assignment(course=course)
    make_quiz([make_question()], course=course, title="Final quiz")
    cohort = _learners(course, assignment, instructor, 3)
    client.force_login(instructor)
    urls = [
        reverse("assignments_admin:grading", args=[assignment.pk, cohort.pk]),
        reverse("assignments_admin:gradebook", args=[cohort.pk]),
        reverse("assignments_admin:gradebook", args=[cohort.pk]) + "?format=csv",
    ]

    def counts():
        result = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            rows = grading_rows(assignment=assignment, cohort=cohort)
        return result, len(queries), len(rows)

    few, few_rows_queries, few_rows = counts()
    _learners(course, assignment, instructor, 17, start=3)
    many, many_rows_queries, many_rows = counts()
    assert (few_rows, many_rows) == (3, 20)
    assert many == few and many_rows_queries == few_rows_queries == 3
    assert session_queries() >= 0


def test_gradebook_has_quizzes_assignments_weights_completion_and_certificate(course):
    grader = UserFactory(role="Instructors")
    assignment = make_assignment(course=course, weight=Decimal(3))
    make_quiz([make_question()], course=course, title="Final quiz")
    cohort = _learners(course, assignment, grader, 2)
    grades_release(assignment=assignment, cohort=cohort)
    book = cohort_gradebook(cohort=cohort)
    assert [(c.kind, c.label) for c in book.columns] == [
        ("quiz", "Final quiz"),
        ("assignment", "Field count sheet"),
        ("certificate", "Certificate"),
    ]
    first = book.rows[0]
    # 10 + 0 of 16 → 62.5 %; the quiz not taken counts 0 with weight 1: (0 + 3 * 62.5) / 4.
    assert first.values[:2] == [None, Decimal("62.50")]
    assert first.weighted == Decimal("46.88")


def test_export_gradebook_command_writes_csv_and_xlsx_with_formulas_neutralised(course, tmp_path):
    grader = UserFactory(role="Instructors")
    assignment = make_assignment(course=course)
    cohort = _learners(course, assignment, grader, 1)
    person = cohort.enrolments.get().participant
    person.family_name = '=HYPERLINK("http://evil")'
    person.save()

    call_command("export_gradebook", cohort=cohort.slug, output=str(tmp_path / "book.csv"))
    rows = list(csv.reader(io.StringIO((tmp_path / "book.csv").read_text("utf-8-sig"))))
    assert rows[0][:3] == ["Participant number", "Family name", "Given name"]
    assert rows[0][3:] == ["Field count sheet", "Weighted total (%)", "Completed", "Certificate"]
    assert rows[1][1].startswith("'=") and rows[1][3] == "62.5"

    call_command("export_gradebook", cohort=cohort.slug, output=str(tmp_path / "book.xlsx"))
    sheet = load_workbook(tmp_path / "book.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][3] == "Field count sheet" and values[1][1].startswith("'=")

    with pytest.raises(CommandError, match=r"csv or \.xlsx"):
        call_command("export_gradebook", cohort=cohort.slug, output=str(tmp_path / "book.txt"))
    with pytest.raises(CommandError, match="No cohort"):
        call_command("export_gradebook", cohort="nope", output=str(tmp_path / "book.csv"))
