"""The personal-data download: every row about the person, by relation, and nothing about others."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import QuestionKind
from certificates.services import certificate_issue
from courses.models import Attendance, CohortDay, ModuleProgress
from portal.network.models import ContactBlock, Message, Report, ReportReason
from portal.registry.personal_data import (
    personal_data_relations,
    personal_data_sources,
)
from portal.registry.selectors import participant_personal_data
from portal.registry.services import consent_record
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.conftest import _signing_key, _signing_key_pem  # noqa: F401
from tests.courses.factories import CohortFactory, EnrolmentFactory, make_course
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(learner):
    return ParticipantFactory(
        user=learner, email=learner.email, given_name="Oyuna", family_name="Bat", country="MN"
    )


@pytest.fixture
def someone_else():
    return ParticipantFactory(
        email="other.person@example.org", given_name="Minjun", family_name="Kim"
    )


@pytest.fixture
def full_record(person, someone_else):
    """The person with a row in every kind of table that can concern them."""
    consent_record(participant=person)
    course = make_course(modules=1)
    cohort = CohortFactory(course=course)
    enrolment = EnrolmentFactory(participant=person, cohort=cohort, completed_at=timezone.now())
    module = course.get_children().specific().first()
    ModuleProgress.objects.create(enrolment=enrolment, module=module)
    day = CohortDay.objects.create(cohort=cohort, date=cohort.start_date)
    Attendance.objects.create(enrolment=enrolment, day=day, present=True)
    question = make_question(QuestionKind.FREE_TEXT, text="What did you like most?")
    quiz = make_quiz([question], title="Reaction survey")
    attempt = assessment_services.attempt_start(quiz=quiz, participant=person)
    assessment_services.attempt_submit(
        attempt=attempt, answers={1: {"text": "The field day at Khurkh"}}
    )
    certificate_issue(enrolment=enrolment, notify=False)
    sent = Message.objects.create(sender=person, recipient=someone_else, body="Hello from Oyuna")
    received = Message.objects.create(sender=someone_else, recipient=person, body="Hi Oyuna!")
    Report.objects.create(message=received, reporter=person, reason=ReportReason.SPAM)
    ContactBlock.objects.create(blocker=person, blocked=someone_else)
    ContactBlock.objects.create(blocker=someone_else, blocked=person)
    return {"sent": sent, "received": received, "attempt": attempt}


def dumped(data) -> str:
    return json.dumps(data, default=str, ensure_ascii=False)


def test_every_relation_to_a_person_is_exported_or_left_out_for_a_stated_reason():
    """A new model pointing at a participant, an account or an enrolment fails here
    until its app says, through ``personal_data_sources``, how the download covers it."""
    covered: dict[str, str] = {}
    for source in personal_data_sources.providers():
        for relation in source.covers:
            assert relation not in covered, f"{relation} is claimed twice"
            covered[relation] = "exported"
        for relation, why in source.omits.items():
            assert relation not in covered, f"{relation} is claimed twice"
            assert str(why).strip(), f"{relation} is left out without a reason"
            covered[relation] = "omitted"
    relations = personal_data_relations()
    assert relations, "the relations were not found"
    missing = relations - covered.keys()
    assert not missing, f"not in the personal-data download, nor left out on purpose: {missing}"
    assert not covered.keys() - relations, "a source claims a relation that does not exist"
    for relation in (
        "network.Message.sender",
        "network.Message.recipient",
        "network.ContactBlock.blocker",
        "assessments.Attempt.participant",
        "courses.Attendance.enrolment",
        "registry.ConsentRecord.participant",
    ):
        assert covered[relation] == "exported", relation
    assert covered["network.ContactBlock.blocked"] == "omitted"


def test_the_download_holds_every_row_of_the_person_by_relation(person, full_record):
    data = participant_personal_data(person)
    assert data["profile"]["email"] == person.email
    assert len(data["registry.consents"]) == 1
    assert data["registry.history"]
    assert len(data["courses.enrolments"]) == 1
    assert len(data["courses.module_progress"]) == 1
    assert data["courses.attendance"][0]["present"] is True
    assert len(data["certificates.certificates"]) == 1
    # A model with two links to the person gives two lists, neither overwriting the other.
    assert [m["body"] for m in data["network.messages_sent"]] == ["Hello from Oyuna"]
    assert [m["body"] for m in data["network.messages_received"]] == ["Hi Oyuna!"]
    assert len(data["network.blocks_made"]) == 1
    assert len(data["network.reports_made"]) == 1
    # Quiz and survey answers, not only the attempt's score.
    assert len(data["assessments.attempts"]) == 1
    answers = data["assessments.answers"]
    assert [a["response"] for a in answers] == [{"text": "The field day at Khurkh"}]
    assert answers[0]["question"] == "What did you like most?"


def test_the_download_says_nothing_about_others(person, someone_else, full_record):
    text = dumped(participant_personal_data(person))
    assert "other.person@example.org" not in text  # another person's e-mail
    assert "blocks_received" not in text and "blocked_by" not in text
    # Who blocked the person is not told, by any key.
    assert not any(
        key.startswith("network.") and "block" in key and key != "network.blocks_made"
        for key in participant_personal_data(person)
    )
    staff_only = participant_personal_data(person)["network.reports_made"][0]
    assert "resolution_note" not in staff_only and "handled_by" not in staff_only


def test_the_blocked_person_does_not_learn_who_blocked_them(person, someone_else, full_record):
    data = participant_personal_data(someone_else)
    # Their own block of Oyuna is theirs to see; Oyuna's block of them is not.
    assert len(data["network.blocks_made"]) == 1
    rows = [row for value in data.values() if isinstance(value, list) for row in value]
    assert not any("blocker" in row for row in rows)
    assert person.email not in dumped(data)


def test_download_view_serves_the_complete_data_as_json_and_zip(client, learner, full_record):
    client.force_login(learner)
    response = client.get(reverse("registry:profile_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["network.messages_sent"] and data["network.messages_received"]
    response = client.get(reverse("registry:profile_download") + "?format=zip")
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "network.messages_sent.csv" in names and "network.messages_received.csv" in names
