import pytest
from django.core.exceptions import ValidationError

from certificates.services import certificate_issue
from portal.registry import services
from portal.registry.models import (
    ConsentRecord,
    HistoryAction,
    Participant,
    ParticipantHistory,
)
from tests.factories import UserFactory
from tests.registry.factories import ImportedParticipantFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

VALUES = {
    "email": "Oyun@Example.org",
    "given_name": "Oyunchimeg",
    "family_name": "Batbayar",
    "native_name": "Батбаяр Оюунчимэг",
    "gender": "woman",
    "birth_year": 1998,
    "country": "MN",
    "organisation": "Wildlife Science and Conservation Center",
    "organisation_type": "ngo",
}


def test_create_validates_and_writes_history(secretariat):
    participant = services.participant_create(
        acting_user=secretariat, reason="Workshop sign-in sheet", **VALUES
    )
    assert participant.email == "oyun@example.org"
    assert "батбаяр" in participant.search_text
    entry = participant.history.get()
    assert entry.action == HistoryAction.CREATED
    assert entry.acting_user == secretariat
    assert entry.reason == "Workshop sign-in sheet"
    assert entry.changes["native_name"] == [None, "Батбаяр Оюунчимэг"]


def test_create_reports_every_problem_at_once(secretariat):
    with pytest.raises(ValidationError) as excinfo:
        services.participant_create(
            acting_user=secretariat,
            reason="x",
            **{
                **VALUES,
                "email": "nope",
                "given_name": "明",
                "birth_year": 1850,
                "links": ["ftp://x"],
            },
        )
    errors = excinfo.value.message_dict
    assert set(errors) >= {"email", "given_name", "birth_year", "links"}
    assert not Participant.objects.exists()
    assert not ParticipantHistory.objects.exists()


def test_create_refuses_unprintable_characters_naming_them(secretariat):
    with pytest.raises(ValidationError) as excinfo:
        services.participant_create(
            acting_user=secretariat, reason="x", **{**VALUES, "native_name": "王𓀀"}
        )
    assert "𓀀 (U+13000)" in excinfo.value.message_dict["native_name"][0]


def test_email_is_unique_case_insensitively(secretariat):
    ImportedParticipantFactory(email="oyun@example.org")
    with pytest.raises(ValidationError) as excinfo:
        services.participant_create(acting_user=secretariat, reason="x", **VALUES)
    assert "already has the e-mail address" in excinfo.value.message_dict["email"][0]


def test_update_records_only_what_changed(secretariat):
    participant = ParticipantFactory(given_name="Anne", family_name="Lee", birth_year=1990)
    services.participant_update(
        participant=participant,
        acting_user=secretariat,
        reason="Passport spelling",
        given_name="Ann",
        family_name="Lee",
        birth_year=1990,
    )
    entry = participant.history.get()
    assert entry.changes == {"given_name": ["Anne", "Ann"]}
    assert entry.reason == "Passport spelling"
    services.participant_update(
        participant=participant, acting_user=secretariat, reason="again", given_name="Ann"
    )
    assert participant.history.count() == 1


def test_update_failure_saves_nothing(secretariat):
    participant = ParticipantFactory(given_name="Ann")
    with pytest.raises(ValidationError):
        services.participant_update(
            participant=participant, acting_user=secretariat, reason="x", given_name=""
        )
    assert Participant.objects.get(pk=participant.pk).given_name == "Ann"
    assert not participant.history.exists()


def test_onboard_creates_profile_with_consent(learner, settings):
    settings.REGISTRY_PRIVACY_POLICY_VERSION = "2026-03"
    values = {k: v for k, v in VALUES.items() if k != "email"}
    participant = services.participant_onboard(user=learner, **values)
    assert participant.user == learner
    assert participant.email == learner.email
    assert participant.is_profile_complete
    consent = participant.consents.get()
    assert (consent.purpose, consent.policy_version, consent.granted) == (
        "data_processing",
        "2026-03",
        True,
    )
    assert consent.recorded_at is not None
    actions = set(participant.history.values_list("action", flat=True))
    assert actions == {HistoryAction.ONBOARDED, HistoryAction.CONSENT}


def test_onboard_takes_over_an_imported_participant(learner):
    imported = ImportedParticipantFactory(email=learner.email.upper(), given_name="Oyun")
    participant = services.participant_onboard(
        user=learner, given_name="Oyunchimeg", family_name="Batbayar", gender="woman"
    )
    assert participant.pk == imported.pk
    assert participant.user == learner
    assert Participant.objects.count() == 1
    assert participant.history.filter(action=HistoryAction.LINKED).exists()


def test_link_user_ignores_anonymised_and_already_linked(learner):
    ImportedParticipantFactory(email=learner.email, user=UserFactory())
    assert services.participant_link_user(user=learner) is None


def test_anonymise_erases_identity_keeps_report_fields_and_rows(secretariat):
    from portal.taxonomy.models import Tag

    participant = ParticipantFactory(
        native_name="王小明",
        country="CN",
        gender="man",
        birth_year=1992,
        organisation_type="academia",
    )
    participant.expertise.add(Tag.objects.create(kind="species", name="Hooded Crane", slug="hc"))
    services.participant_update(
        participant=participant, acting_user=secretariat, reason="x", organisation="Peking U"
    )
    services.participant_anonymise(participant=participant, acting_user=secretariat, reason="GDPR")
    participant.refresh_from_db()
    assert (
        participant.email == "" and participant.given_name == "" and participant.native_name == ""
    )
    assert participant.organisation == "" and participant.user is None
    assert not participant.expertise.exists()
    assert (participant.gender, participant.birth_year, str(participant.country)) == (
        "man",
        1992,
        "CN",
    )
    assert participant.organisation_type == "academia"
    assert participant.anonymised_at is not None
    assert str(participant).startswith("Anonymous participant")
    update = participant.history.get(action=HistoryAction.UPDATED)
    assert update.changes == {"organisation": "…"}
    assert participant.history.filter(action=HistoryAction.ANONYMISED, reason="GDPR").exists()


def test_account_delete_keeps_the_anonymous_participant(learner):
    participant = ParticipantFactory(user=learner, email=learner.email)
    services.account_delete(user=learner)
    participant.refresh_from_db()
    assert participant.anonymised_at is not None
    assert not type(learner).objects.filter(pk=learner.pk).exists()


def test_two_anonymised_participants_do_not_clash_on_blank_email(secretariat):
    for participant in ParticipantFactory.create_batch(2):
        services.participant_anonymise(participant=participant, acting_user=None, reason="x")
    assert Participant.objects.filter(email="").count() == 2


def test_consent_withdrawal_is_recorded(secretariat):
    participant = ParticipantFactory()
    services.consent_record(participant=participant, granted=False, acting_user=participant.user)
    record = ConsentRecord.objects.get()
    assert record.granted is False
    assert participant.history.get().reason == "Consent withdrawn"


# --- merge ------------------------------------------------------------------------


def test_merge_moves_rows_fills_blanks_and_deletes_duplicate(secretariat):
    keep = ParticipantFactory(native_name="", position="")
    duplicate = ImportedParticipantFactory(native_name="王小明", position="Ranger")
    services.consent_record(participant=duplicate)
    result = services.participant_merge(
        keep=keep, duplicate=duplicate, acting_user=secretariat, reason="Same person"
    )
    keep.refresh_from_db()
    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    assert keep.native_name == "王小明" and keep.position == "Ranger"
    assert keep.consents.count() == 1
    assert set(result.filled) >= {"native_name", "position"}
    entry = keep.history.get(action=HistoryAction.MERGED)
    assert entry.reason == "Same person" and entry.acting_user == secretariat
    # The duplicate's own history moved with it.
    assert keep.history.filter(action=HistoryAction.CONSENT).exists()


def test_merge_takes_the_duplicates_account_when_keep_has_none(secretariat):
    keep = ImportedParticipantFactory()
    duplicate = ParticipantFactory()
    user = duplicate.user
    services.participant_merge(keep=keep, duplicate=duplicate, acting_user=secretariat, reason="x")
    keep.refresh_from_db()
    assert keep.user == user


def test_merge_refuses_two_accounts_and_same_participant(secretariat):
    a, b = ParticipantFactory(), ParticipantFactory()
    with pytest.raises(ValidationError, match="own log-in account"):
        services.participant_merge(keep=a, duplicate=b, acting_user=secretariat, reason="x")
    with pytest.raises(ValidationError, match="two different"):
        services.participant_merge(keep=a, duplicate=a, acting_user=secretariat, reason="x")
    assert Participant.objects.count() == 2


def test_merge_moves_enrolments_and_keeps_the_earlier_of_a_shared_cohort(secretariat, cohort):
    import datetime

    from courses.models import Enrolment, ModuleProgress
    from tests.courses.factories import CohortFactory, EnrolmentFactory

    other = CohortFactory(course=cohort.course)
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    later = EnrolmentFactory(participant=keep, cohort=cohort)
    earlier = EnrolmentFactory(
        participant=duplicate,
        cohort=cohort,
        enrolled_at=later.enrolled_at - datetime.timedelta(days=3),
    )
    only_dup = EnrolmentFactory(participant=duplicate, cohort=other)
    module = cohort.course.get_children().specific().first()
    ModuleProgress.objects.create(enrolment=later, module=module)

    result = services.participant_merge(
        keep=keep, duplicate=duplicate, acting_user=secretariat, reason="x"
    )
    enrolments = {e.pk: e for e in keep.enrolments.all()}
    assert set(enrolments) == {earlier.pk, only_dup.pk}
    # What belonged to the dropped enrolment moved onto the kept one.
    assert ModuleProgress.objects.get().enrolment_id == earlier.pk
    assert any("were combined" in note for note in result.notes)
    assert result.moved_count(Enrolment) == 2


def test_merge_supersedes_a_second_certificate_for_the_same_course(secretariat):
    from certificates.models import Certificate, CertificateStatus
    from tests.certificates.factories import completed_enrolment
    from tests.courses.factories import CohortFactory, make_course

    course = make_course(modules=1)
    keep = ParticipantFactory()
    duplicate = ImportedParticipantFactory()
    first = certificate_issue(
        enrolment=completed_enrolment(participant=keep, cohort=CohortFactory(course=course)),
        notify=False,
    )
    second = certificate_issue(
        enrolment=completed_enrolment(participant=duplicate, cohort=CohortFactory(course=course)),
        notify=False,
    )

    services.participant_merge(keep=keep, duplicate=duplicate, acting_user=secretariat, reason="x")

    # Both certificates still answer their verification links; one is valid.
    certificates = {c.pk: c for c in Certificate.objects.filter(participant=keep)}
    assert set(certificates) == {first.pk, second.pk}
    assert sorted(c.status for c in certificates.values()) == sorted(
        [CertificateStatus.VALID, CertificateStatus.SUPERSEDED]
    )
    superseded = next(c for c in certificates.values() if c.status == CertificateStatus.SUPERSEDED)
    assert superseded.superseded_by_id in certificates


# --- bulk import --------------------------------------------------------------------------


def test_participants_import_writes_people_and_history_in_one_go(secretariat):
    from portal.registry.imports import people_plan

    existing = ImportedParticipantFactory(email="ann@example.org", given_name="Anne")
    plan = people_plan(
        [
            {"_row": 2, "email": "ann@example.org", "given_name": "Ann", "family_name": "Lee"},
            {"_row": 3, "email": "bat@example.org", "given_name": "Bat", "family_name": "Bold"},
        ]
    )
    assert not plan.errors
    people = services.participants_import(
        plan=plan, acting_user=secretariat, reason="Imported from list.csv"
    )
    assert set(people) == {"ann@example.org", "bat@example.org"}
    existing.refresh_from_db()
    assert existing.given_name == "Ann" and "ann" in existing.search_text
    created = Participant.objects.get(email="bat@example.org")
    entry = created.history.get()
    assert entry.action == HistoryAction.IMPORTED
    assert (entry.acting_user, entry.reason) == (secretariat, "Imported from list.csv")
    assert entry.changes["given_name"] == [None, "Bat"]
    update = existing.history.get(action=HistoryAction.UPDATED)
    assert update.changes["given_name"] == ["Anne", "Ann"] and update.acting_user == secretariat


def test_participants_import_refuses_a_plan_with_errors():
    from portal.registry.imports import people_plan

    plan = people_plan(
        [{"_row": 2, "email": "x@example.org", "given_name": "明", "family_name": "Li"}]
    )
    assert [e.split(":")[:2] for e in plan.errors] == [["row 2", " given_name"]]
    with pytest.raises(ValueError):
        services.participants_import(plan=plan, acting_user=None, reason="x")
    assert not Participant.objects.exists()
