"""Issue 19's journey in the browser: a learner hands in a count sheet, the instructor
grades it with the rubric and releases the grades, the learner reads grade and feedback,
and the certificate follows once the rest is done; the checklist changes at each step."""

import datetime

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses import selectors as course_selectors
from courses.models import CourseInstructor, Enrolment
from courses.services import module_mark_done
from tests.assignments.factories import COUNT_SHEET, EXECUTABLE, deadline, make_assignment
from tests.courses.factories import ParticipantFactory, make_course, self_paced
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, email: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def log_out(page) -> None:
    page.context.clear_cookies()


def checklist(page) -> str:
    return page.get_by_test_id("requirements").first.inner_text()


def test_count_sheet_from_hand_in_to_certificate(page, screenshot, settings, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.CERTIFICATES_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()

    instructor = UserFactory(email="kenji@example.org", role="Instructors", first_name="Kenji")
    course = make_course(modules=2, title="Crane survey techniques", slug="crane-survey")
    CourseInstructor.objects.create(course=course, user=instructor)
    learner = UserFactory(email="tuya@example.mn", role="Learners")
    participant = ParticipantFactory(
        user=learner, email=learner.email, given_name="Tuya", family_name="Bat"
    )
    enrolment = Enrolment.objects.create(participant=participant, cohort=self_paced(course))
    assignment = make_assignment(course=course, title="Khurkh roost count sheet")
    deadline(assignment, enrolment.cohort, timezone.now() + datetime.timedelta(days=5))
    modules = list(course_selectors.course_modules(course=course))
    module_mark_done(enrolment=enrolment, module=modules[0])

    log_in(page, learner.email)
    page.goto(course.url)
    assert "not handed in yet" in checklist(page)
    assert "1 of 3 requirements met" in page.get_by_test_id("progress-label").first.inner_text()
    screenshot(page, "checklist-before")

    page.get_by_role("link", name="Khurkh roost count sheet").click()
    # A program renamed .csv is refused, with a message, and nothing is kept.
    exe = tmp_path / "counts.csv"
    exe.write_bytes(EXECUTABLE)
    page.get_by_label("Files").set_input_files(str(exe))
    page.get_by_role("button", name="Hand in").click()
    assert "is a program" in page.get_by_test_id("errors").inner_text()
    screenshot(page, "refused")

    sheet = tmp_path / "khurkh-count.csv"
    sheet.write_bytes(COUNT_SHEET)
    page.get_by_label("Files").set_input_files(str(sheet))
    page.get_by_label("Your answer").fill("Block counts from the dyke; late flocks kept apart.")
    page.get_by_role("button", name="Hand in").click()
    receipt = page.get_by_test_id("receipt").inner_text()
    assert "khurkh-count.csv" in receipt and "Receipt" in receipt
    screenshot(page, "receipt")
    page.goto(course.url)
    assert "waiting for the grade" in checklist(page)

    log_out(page)
    log_in(page, instructor.email)
    page.goto("/admin/grading/")
    page.get_by_role("link", name=enrolment.cohort.display_title).click()
    page.get_by_role("link", name="Not graded").click()
    screenshot(page, "grading-list")
    page.get_by_role("link", name="Grade", exact=True).click()
    page.get_by_label("Every site (10)").check()
    page.get_by_label("Partly (3)").check()
    page.get_by_label("Feedback on this criterion").nth(1).fill(
        "Flocks moving between roosts were counted twice."
    )
    page.get_by_label("General comment").fill("Good sheet; mark the flight lines next time.")
    screenshot(page, "rubric")
    page.get_by_role("button", name="Save the grade").click()
    page.get_by_role("button", name="Release all grades").click()
    assert "released" in page.get_by_test_id("grading").inner_text()
    screenshot(page, "released")

    log_out(page)
    log_in(page, learner.email)
    page.goto(f"/en/assignments/{assignment.pk}/")
    grade = page.get_by_test_id("grade").inner_text()
    assert "81.25" in grade and "counted twice" in grade and "flight lines" in grade
    screenshot(page, "grade-and-feedback")
    page.goto(course.url)
    assert "your grade 81.25" in checklist(page)
    assert not Certificate.objects.exists()

    page.goto(modules[1].url)
    page.get_by_role("button", name="Mark as done").click()
    page.goto(course.url)
    assert page.get_by_text("You have completed this course.").is_visible()
    screenshot(page, "completed")
    assert Certificate.objects.filter(participant=participant).exists()
    page.goto("/en/dashboard/")
    screenshot(page, "dashboard")


def test_group_count_sheet_handed_in_once_graded_for_each_member(page, screenshot, tmp_path):
    """Two members of a team share one hand-in; the instructor grades it once and gives one
    member a grade of their own; a learner in no team is told whom to ask."""
    from assignments.groups import cohort_group_create

    instructor = UserFactory(email="kenji@example.org", role="Instructors", first_name="Kenji")
    course = make_course(modules=1, title="Crane survey techniques", slug="crane-survey")
    CourseInstructor.objects.create(course=course, user=instructor)
    cohort = self_paced(course)
    people = {}
    for email, given, family in (
        ("tuya@example.mn", "Tuya", "Bat"),
        ("yuki@example.jp", "Yuki", "Sato"),
        ("lena@example.ru", "Lena", "Ivanova"),
    ):
        user = UserFactory(email=email, role="Learners")
        person = ParticipantFactory(user=user, email=email, given_name=given, family_name=family)
        people[given] = (user, Enrolment.objects.create(participant=person, cohort=cohort))
    assignment = make_assignment(
        course=course,
        title="Joint roost count",
        group_work=True,
        rubric=None,
        grading_scheme="score",
    )
    deadline(assignment, cohort, timezone.now() + datetime.timedelta(days=5))
    team = cohort_group_create(cohort=cohort, name="Roost team")

    # The instructor puts Tuya and Yuki in the team; Lena stays in none.
    log_in(page, instructor.email)
    page.goto(f"/admin/grading/cohorts/{cohort.pk}/groups/")
    page.get_by_label("Tuya Bat").select_option(label="Roost team")
    page.get_by_label("Yuki Sato").select_option(label="Roost team")
    page.get_by_role("button", name="Save the groups").click()
    screenshot(page, "groups")
    assert team.members.count() == 2

    log_out(page)
    log_in(page, "lena@example.ru")
    page.goto(f"/en/assignments/{assignment.pk}/")
    assert "Ask your instructor" in page.get_by_test_id("no-group").inner_text()
    screenshot(page, "no-group")

    log_out(page)
    log_in(page, "tuya@example.mn")
    page.goto(f"/en/assignments/{assignment.pk}/")
    assert "Roost team" in page.get_by_test_id("group").inner_text()
    sheet = tmp_path / "roost-team.csv"
    sheet.write_bytes(COUNT_SHEET)
    page.get_by_label("Files").set_input_files(str(sheet))
    page.get_by_role("button", name="Hand in").click()
    assert "Handed in for Roost team by Tuya" in page.get_by_test_id("receipt").inner_text()

    log_out(page)
    log_in(page, "yuki@example.jp")
    page.goto(f"/en/assignments/{assignment.pk}/")
    receipt = page.get_by_test_id("receipt").inner_text()
    assert "roost-team.csv" in receipt and "by Tuya" in receipt
    screenshot(page, "group-receipt")

    log_out(page)
    log_in(page, instructor.email)
    page.goto(f"/admin/grading/{assignment.pk}/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Grade", exact=True).first.click()
    page.get_by_label("Score (0 to 100)").fill("70")
    page.get_by_label("General comment").fill("A tidy joint sheet.")
    page.get_by_label("Yuki Sato").fill("40")
    screenshot(page, "group-grade")
    page.get_by_role("button", name="Save the grade").click()
    page.get_by_role("button", name="Release all grades").click()
    grading = page.get_by_test_id("grading").inner_text()
    assert "70 %" in grading and "40 %" in grading and "own grade" in grading
    screenshot(page, "group-released")

    log_out(page)
    log_in(page, "yuki@example.jp")
    page.goto(f"/en/assignments/{assignment.pk}/")
    grade = page.get_by_test_id("grade").inner_text()
    assert "40 %" in grade and "a grade of your own" in grade
    log_out(page)
    log_in(page, "tuya@example.mn")
    page.goto(f"/en/assignments/{assignment.pk}/")
    grade = page.get_by_test_id("grade").inner_text()
    assert "70 %" in grade and "A tidy joint sheet." in grade
    screenshot(page, "group-grade-seen")
