"""Group work as Moodle does it: groups per cohort, one submission per group, grades per member."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assignments.groups import cohort_group_create, cohort_group_delete, cohort_groups_assign
from assignments.models import (
    CohortGroup,
    CohortGroupMember,
    Submission,
    SubmissionArchive,
    SubmissionFile,
)
from assignments.selectors import assignments_personal_data, grading_rows
from assignments.services import grades_release, submission_grade, submission_hand_in
from certificates.models import Certificate
from courses import selectors as course_selectors
from courses.models import CourseInstructor
from courses.selectors import cohort_gradebook
from courses.services import module_mark_done
from tests.assignments.factories import COUNT_SHEET, make_assignment, upload
from tests.courses.factories import (
    CohortFactory,
    EnrolmentFactory,
    ParticipantFactory,
    make_course,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _member(cohort, family_name):
    user = UserFactory(role="Learners")
    person = ParticipantFactory(user=user, email=user.email, family_name=family_name)
    return user, EnrolmentFactory(participant=person, cohort=cohort)


@pytest.fixture
def teams(enrolment, course):
    """Ganbold (the ``learner``) and Sato in Roost team, Kim in Flock team, Ivanova in none."""
    cohort = enrolment.cohort
    roost = cohort_group_create(cohort=cohort, name="Roost team")
    flock = cohort_group_create(cohort=cohort, name="Flock team")
    sato_user, sato = _member(cohort, "Sato")
    kim_user, kim = _member(cohort, "Kim")
    ivanova_user, ivanova = _member(cohort, "Ivanova")
    cohort_groups_assign(
        cohort=cohort,
        assignments={enrolment.pk: roost.pk, sato.pk: roost.pk, kim.pk: flock.pk},
    )
    assignment = make_assignment(course=course, title="Joint roost count", group_work=True)
    return {
        "assignment": assignment,
        "roost": roost,
        "flock": flock,
        "sato": (sato_user, sato),
        "kim": (kim_user, kim),
        "ivanova": (ivanova_user, ivanova),
    }


def test_one_submission_per_group_any_member_replaces_it_every_member_sees_it(
    client, learner, enrolment, teams
):
    assignment = teams["assignment"]
    url = reverse("assignments:detail", args=[assignment.pk])
    client.force_login(learner)
    response = client.post(url, {"files": [upload("roost.csv", COUNT_SHEET)]})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.group == teams["roost"]

    sato_user, sato = teams["sato"]
    client.force_login(sato_user)
    html = client.get(url).content.decode()
    assert submission.receipt in html and "roost.csv" in html
    assert f"Handed in for Roost team by {enrolment.participant.full_name}" in html
    assert (
        client.get(reverse("assignments:file", args=[submission.files.get().pk])).status_code == 200
    )
    # Sato replaces the group's work: still one submission, now naming Sato.
    client.post(url, {"files": [upload("roost-v2.csv", COUNT_SHEET)]})
    submission = Submission.objects.get()
    assert (submission.version, submission.participant_id) == (2, sato.participant_id)
    client.force_login(learner)
    assert "roost-v2.csv" in client.get(url).content.decode()

    # Kim, of another group, sees nothing of it and gets 404 for its file.
    kim_user, _kim = teams["kim"]
    client.force_login(kim_user)
    html = client.get(url).content.decode()
    assert "roost-v2.csv" not in html and submission.receipt not in html
    item = SubmissionFile.objects.get()
    assert client.get(reverse("assignments:file", args=[item.pk])).status_code == 404


def test_a_learner_in_no_group_is_told_to_ask_and_nothing_is_stored(client, teams):
    ivanova_user, ivanova = teams["ivanova"]
    url = reverse("assignments:detail", args=[teams["assignment"].pk])
    client.force_login(ivanova_user)
    html = client.get(url).content.decode()
    assert "you are in no group yet. Ask your instructor" in html
    assert 'name="files"' not in html
    response = client.post(url, {"files": [upload("mine.csv", COUNT_SHEET)]})
    assert response.status_code == 400
    assert "Ask your instructor to put you in one" in response.content.decode()
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()
    with pytest.raises(ValidationError):
        submission_hand_in(assignment=teams["assignment"], enrolment=ivanova, text="412")


def test_group_grade_applies_to_each_member_unless_given_their_own(
    client, learner, enrolment, course, teams, django_capture_on_commit_callbacks
):
    instructor = UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=course, user=instructor)
    assignment = teams["assignment"]
    sato_user, sato = teams["sato"]
    for member in (enrolment, sato):
        for module in course_selectors.course_modules(course=course):
            module_mark_done(enrolment=member, module=module)
    submission = submission_hand_in(
        assignment=assignment, enrolment=sato, files=[upload("roost.csv", COUNT_SHEET)]
    )
    first, second = assignment.criteria.order_by("sort_order")

    # Over HTTP: the rubric gives the group 13 of 16; Sato gets their own 4 with a comment.
    client.force_login(instructor)
    grade_url = reverse("assignments_admin:grade", args=[submission.pk])
    form = client.get(grade_url).content.decode()
    assert 'data-testid="member-grades"' in form and "Sato" in form
    response = client.post(
        grade_url,
        {
            f"level-{first.pk}": "2",
            f"level-{second.pk}": "1",
            "feedback": "Good joint sheet.",
            f"own-score-{sato.pk}": "4",
            f"own-feedback-{sato.pk}": "You did not take part in the dawn count.",
        },
    )
    assert response.status_code == 302
    # A bad own score is refused whole: the grade stays as it was.
    response = client.post(
        grade_url,
        {f"level-{first.pk}": "0", f"level-{second.pk}": "0", f"own-score-{sato.pk}": "99"},
    )
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.grade.percent == Decimal("81.25")
    assert submission.grade.member_grades.get().percent == Decimal("25.00")

    rows = {
        r.enrolment.participant.family_name: r
        for r in grading_rows(assignment=assignment, cohort=enrolment.cohort)
    }
    assert rows["Sato"].submission == rows[enrolment.participant.family_name].submission
    assert rows["Sato"].grade.percent == Decimal("25.00")
    assert rows[enrolment.participant.family_name].grade.percent == Decimal("81.25")
    assert rows["Kim"].submission is None and rows["Ivanova"].submission is None
    book = cohort_gradebook(cohort=enrolment.cohort)
    column = next(i for i, c in enumerate(book.columns) if c.kind == "assignment")
    by_name = {r.enrolment.participant.family_name: r.values[column] for r in book.rows}
    assert by_name["Sato"] == Decimal("25.00")
    assert by_name[enrolment.participant.family_name] == Decimal("81.25")
    assert by_name["Kim"] is None

    with django_capture_on_commit_callbacks(execute=True):
        assert grades_release(assignment=assignment, cohort=enrolment.cohort) == 1
    enrolment.refresh_from_db()
    sato.refresh_from_db()
    # The member who did not hand in passes with the group's grade and gets the certificate;
    # the one with their own grade below the pass mark does not.
    assert enrolment.completed_at is not None and sato.completed_at is None
    assert Certificate.objects.filter(participant=enrolment.participant).exists()
    assert not Certificate.objects.filter(participant=sato.participant).exists()

    client.force_login(sato_user)
    html = client.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()
    assert "25 %" in html and "dawn count" in html and "a grade of your own" in html
    client.force_login(learner)
    html = client.get(reverse("assignments:detail", args=[assignment.pk])).content.decode()
    assert "81.25 %" in html and "Good joint sheet." in html and "dawn count" not in html

    # Personal data: each member's download holds the group's work and their grade.
    mine = assignments_personal_data(enrolment.participant)["assignments.submissions"]
    theirs = assignments_personal_data(sato.participant)["assignments.submissions"]
    assert [(r["group"], r["grade_percent"], r["handed_in_by_me"]) for r in mine] == [
        ("Roost team", Decimal("81.25"), False)
    ]
    assert [(r["group"], r["grade_percent"], r["handed_in_by_me"]) for r in theirs] == [
        ("Roost team", Decimal("25.00"), True)
    ]
    assert "dawn count" in theirs[0]["feedback"] and "dawn count" not in mine[0]["feedback"]
    kim = teams["kim"][1].participant
    assert assignments_personal_data(kim)["assignments.submissions"] == []


def test_the_zip_has_the_groups_work_in_each_members_folder(
    client, enrolment, course, teams, django_capture_on_commit_callbacks
):
    instructor = UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=course, user=instructor)
    assignment = teams["assignment"]
    submission_hand_in(
        assignment=assignment, enrolment=enrolment, files=[upload("roost.csv", COUNT_SHEET)]
    )
    client.force_login(instructor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("assignments_admin:archive_request", args=[assignment.pk, enrolment.cohort_id])
        )
    archive = SubmissionArchive.objects.get()
    response = client.get(reverse("assignments_admin:archive", args=[archive.pk]))
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    folders = sorted(n.split("/")[0].split()[0] for n in names)
    assert folders == sorted([enrolment.participant.family_name, "Sato"])


def test_staff_keep_groups_of_their_own_cohorts_only(client, enrolment, course, teams):
    mine, theirs = UserFactory(role="Instructors"), UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=course, user=mine)
    CourseInstructor.objects.create(course=make_course(modules=1), user=theirs)
    url = reverse("assignments_admin:groups", args=[enrolment.cohort_id])
    client.force_login(theirs)
    # A 404 under /admin/ is sent on to the language-prefixed address first.
    assert client.get(url, follow=True).status_code == 404
    client.post(url, {"action": "create", "name": "Intruders"}, follow=True)
    assert not CohortGroup.objects.filter(name="Intruders").exists()
    client.force_login(mine)
    assert "Roost team" in client.get(url).content.decode()
    assert client.post(url, {"action": "create", "name": "Dawn team"}).status_code == 302
    assert client.post(url, {"action": "create", "name": "Dawn team"}).status_code == 400
    _user, kim = teams["kim"]
    dawn = CohortGroup.objects.get(name="Dawn team")
    # Saving moves Kim to the dawn team and leaves the others where they were.
    data = {"action": "assign"}
    for member in CohortGroupMember.objects.all():
        data[f"group-{member.enrolment_id}"] = str(member.group_id)
    data[f"group-{kim.pk}"] = str(dawn.pk)
    assert client.post(url, data).status_code == 302
    assert CohortGroupMember.objects.get(enrolment=kim).group == dawn
    assert CohortGroupMember.objects.filter(group=teams["roost"]).count() == 2
    # Another cohort's learner cannot be put in a group here; a group that handed in stays.
    _other_user, outsider = _member(CohortFactory(course=course), "Outsider")
    with pytest.raises(ValidationError):
        cohort_groups_assign(cohort=enrolment.cohort, assignments={outsider.pk: dawn.pk})
    submission_hand_in(assignment=teams["assignment"], enrolment=enrolment, text="412 adults")
    with pytest.raises(ValidationError):
        cohort_group_delete(group=teams["roost"])
    cohort_group_delete(group=teams["flock"])


def test_group_work_lists_take_the_same_queries_however_many_learners(client, enrolment, course):
    """Grading list, gradebook and the learners' checklists of group work: no query per learner."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from assignments.completion import RequiredAssignments
    from courses.models import Enrolment

    instructor = UserFactory(role="Instructors")
    CourseInstructor.objects.create(course=course, user=instructor)
    cohort = enrolment.cohort
    assignment = make_assignment(
        course=course, group_work=True, rubric=None, grading_scheme="score"
    )

    def add_team(n):
        team = cohort_group_create(cohort=cohort, name=f"Team {n}")
        members = [_member(cohort, f"Member{n}{m}")[1] for m in range(3)]
        cohort_groups_assign(cohort=cohort, assignments={e.pk: team.pk for e in members})
        submission = submission_hand_in(
            assignment=assignment, enrolment=members[0], files=[upload("t.csv", COUNT_SHEET)]
        )
        submission_grade(
            submission=submission,
            grader=instructor,
            score=Decimal(70),
            member_grades={members[1].pk: (Decimal(40), "")},
        )

    urls = [
        reverse("assignments_admin:grading", args=[assignment.pk, cohort.pk]),
        reverse("assignments_admin:gradebook", args=[cohort.pk]),
    ]
    client.force_login(instructor)

    def counts():
        result = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        enrolments = list(Enrolment.objects.filter(cohort=cohort).select_related("cohort"))
        with CaptureQueriesContext(connection) as queries:
            items = RequiredAssignments().items_for(enrolments=enrolments)
        return result, len(queries), len(items)

    add_team(1)
    few, few_items_queries, few_items = counts()
    for n in range(2, 6):
        add_team(n)
    many, many_items_queries, many_items = counts()
    assert (few_items, many_items) == (4, 16)
    assert many == few and many_items_queries == few_items_queries
