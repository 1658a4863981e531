"""Hand-ins made before groups existed: typed group names become groups of the cohort;
assignments made before translation get the default locale and a key."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.courses.factories import EnrolmentFactory, ParticipantFactory, make_course, self_paced

BEFORE = [("assignments", "0001_assignments_rubrics_gradebook_announcements")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_typed_group_names_become_groups_and_assignments_get_a_locale():
    course = make_course(modules=1)
    cohort = self_paced(course)
    ana, bo, cy = (EnrolmentFactory(participant=ParticipantFactory(), cohort=cohort) for _ in "abc")
    old = _migrate(BEFORE)
    Assignment = old.get_model("assignments", "Assignment")
    Submission = old.get_model("assignments", "Submission")
    group_work = Assignment.objects.create(
        course_id=course.pk, title="Joint count", instructions="Count together.", group_work=True
    )
    alone = Assignment.objects.create(course_id=course.pk, title="Own count", instructions="Alone.")
    for enrolment, name in ((ana, "Roost team"), (bo, " Roost team "), (cy, "")):
        Submission.objects.create(
            assignment=group_work,
            participant_id=enrolment.participant_id,
            enrolment_id=enrolment.pk,
            group_name=name,
            receipt=f"R{enrolment.pk}",
        )
    Submission.objects.create(
        assignment=alone,
        participant_id=cy.participant_id,
        enrolment_id=cy.pk,
        group_name="",
        receipt="RX",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    latest = executor.loader.graph.leaf_nodes("assignments")
    new = _migrate(latest)
    group = new.get_model("assignments", "CohortGroup").objects.get()
    assert (group.name, group.cohort_id) == ("Roost team", cohort.pk)
    members = new.get_model("assignments", "CohortGroupMember").objects.all()
    assert sorted(m.enrolment_id for m in members) == sorted([ana.pk, bo.pk])
    by_receipt = {
        s.receipt: s.group_id for s in new.get_model("assignments", "Submission").objects.all()
    }
    assert by_receipt == {
        f"R{ana.pk}": group.pk,
        f"R{bo.pk}": group.pk,
        f"R{cy.pk}": None,
        "RX": None,
    }
    rows = new.get_model("assignments", "Assignment").objects.all()
    assert {a.locale.language_code for a in rows} == {"en"}
    assert len({a.translation_key for a in rows}) == 2
