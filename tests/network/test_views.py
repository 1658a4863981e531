"""Every page of the network, at every visibility level, for every kind of visitor."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.network.models import DirectoryProfile, Message, Report, ReportStatus
from portal.registry.models import Participant

from .conftest import HIDDEN, MEMBERS, PUBLIC
from .factories import MessageFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/en/network/"


@pytest.fixture
def people(make_member):
    return {
        HIDDEN: make_member(HIDDEN, given_name="Hiddenname", native_name="Хиддэн"),
        MEMBERS: make_member(MEMBERS, given_name="Membername", native_name="Мэмбэр"),
        PUBLIC: make_member(PUBLIC, given_name="Publicname", native_name="Паблик"),
    }


@pytest.fixture
def member_client(client, member_viewer):
    client.force_login(member_viewer.user)
    return client


def _names(response):
    html = response.content.decode()
    return {name for name in ("Hiddenname", "Membername", "Publicname") if name in html}


def test_the_directory_url_is_stable():
    assert reverse("network:directory") == DIRECTORY


def test_anonymous_visitors_see_the_reduced_public_directory(client, people):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert _names(response) == {"Publicname"}
    assert "1 member found" in response.content.decode()
    assert "course" not in response.context["form"].fields
    # Even filtering on a course (not offered) finds no more than the public.
    response = client.get(DIRECTORY, {"course": people[PUBLIC].enrolments.get().cohort.course_id})
    assert _names(response) == {"Publicname"}


def test_logged_in_without_a_complete_profile_is_the_public(client, learner, people):
    client.force_login(learner)
    response = client.get(DIRECTORY)
    assert _names(response) == {"Publicname"}
    assert response.context["needs_profile"]


def test_members_see_members_and_public_profiles(member_client, people):
    response = member_client.get(DIRECTORY)
    assert _names(response) == {"Membername", "Publicname"}
    assert "2 members found" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "name"},
        {"q": "хиддэн"},
        {"country": "MN"},
        {"organisation_type": "ngo"},
        {"species": "hooded-crane"},
        {"method": "crane-survey"},
        {"cohort": "khurkh-2025"},
    ],
)
def test_no_search_path_reveals_a_hidden_member(client, member_client, people, params):
    anonymous = Client()
    assert "Hiddenname" not in _names(anonymous.get(DIRECTORY, params))
    found = _names(member_client.get(DIRECTORY, params))
    assert "Hiddenname" not in found
    if "q" not in params or params["q"] == "name":
        assert "Membername" in found


def test_course_filter_for_members(member_client, people, crane_course):
    response = member_client.get(DIRECTORY, {"course": crane_course.pk})
    assert _names(response) == {"Membername", "Publicname"}


def test_a_bad_filter_is_left_out_and_the_others_still_apply(member_client, people):
    response = member_client.get(DIRECTORY, {"species": "unicorn", "q": "public", "page": "999"})
    assert response.status_code == 200
    assert _names(response) == {"Publicname"}
    assert "Some filters were not understood" in response.content.decode()


@pytest.mark.parametrize(
    ("visibility", "anonymous", "member"),
    [(HIDDEN, 404, 404), (MEMBERS, 404, 200), (PUBLIC, 200, 200)],
)
def test_profile_pages_per_visibility(client, member_client, people, visibility, anonymous, member):
    url = reverse("network:profile", kwargs={"participant_id": people[visibility].pk})
    assert Client().get(url).status_code == anonymous
    assert member_client.get(url).status_code == member


def test_the_public_profile_is_reduced(people):
    url = reverse("network:profile", kwargs={"participant_id": people[PUBLIC].pk})
    html = Client().get(url).content.decode()
    assert "Counts cranes" in html  # bio
    assert "orcid.org" in html
    assert "Khurkh workshop" not in html  # course history is for members
    assert "Send a message" not in html
    assert people[PUBLIC].user.email not in html


def test_members_see_course_history_and_a_contact_button(member_client, people):
    url = reverse("network:profile", kwargs={"participant_id": people[MEMBERS].pk})
    html = member_client.get(url).content.decode()
    assert "Khurkh workshop" in html
    assert "Send a message" in html
    assert people[MEMBERS].user.email not in html


def test_a_member_previews_their_own_hidden_profile(client, people):
    hidden = people[HIDDEN]
    client.force_login(hidden.user)
    response = client.get(reverse("network:profile", kwargs={"participant_id": hidden.pk}))
    assert response.status_code == 200
    assert "Your profile is hidden" in response.content.decode()


def test_cohort_alumni_page(client, member_client, people, khurkh):
    url = reverse("network:cohort_alumni", kwargs={"slug": khurkh.slug})
    public_view = Client().get(url)
    assert public_view.status_code == 200
    html = public_view.content.decode()
    assert "Khurkh and Khuiten Nature Reserve" in html
    assert "International Crane Foundation" in html
    assert _names(public_view) == set()
    assert _names(member_client.get(url)) == {"Membername", "Publicname"}
    assert client.get("/en/network/cohorts/no-such-cohort/").status_code == 404


def _country_counts(response):
    return {row.code: row.count for row, _bar in response.context["rows"]}


def test_overview_counts_leave_hidden_members_out(client, member_client, make_member, secretariat):
    for _ in range(3):
        make_member(HIDDEN, country="MN")
    make_member(MEMBERS, country="MN")
    for _ in range(5):
        make_member(PUBLIC, country="JP")
    make_member(PUBLIC, country="KR")

    member_view = member_client.get("/en/network/overview/")
    assert _country_counts(member_view) == {"MN": 1, "JP": 5, "KR": 1}
    assert member_view.context["total"] == 7
    assert member_view.context["visibility_totals"] is None
    assert "<svg" in member_view.content.decode()

    public_view = Client().get("/en/network/overview/")
    assert _country_counts(public_view) == {"JP": 5, "KR": 1}
    html = public_view.content.decode()
    assert "&lt;5" in html  # Korea's single public member is a small cell
    assert public_view.context["total"] == 6
    assert public_view.context["visibility_totals"] is None

    client.force_login(secretariat)
    staff_view = client.get("/en/network/overview/")
    # The viewing member is hidden too.
    assert staff_view.context["visibility_totals"] == {"hidden": 4, "members": 1, "public": 6}


def test_overview_trained_table_counts_only_visible_members(member_client, make_member):
    make_member(HIDDEN)
    make_member(MEMBERS)
    response = member_client.get("/en/network/overview/")
    trained = {row.name: shown for row, shown in response.context["trained"]}
    assert trained == {"Crane survey": "1"}


# --- Messages ----------------------------------------------------------------------


def test_sending_a_message_through_the_portal(
    member_viewer, people, django_capture_on_commit_callbacks
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member_viewer.user)
    recipient = people[MEMBERS]
    url = reverse("network:message_compose", kwargs={"participant_id": recipient.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert client.post(url, {"body": "No token"}).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"body": "Hello Membername!", "csrfmiddlewaretoken": token})
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "network:message_detail", kwargs={"message_id": message.pk}
    )
    assert message.sender == member_viewer and message.recipient == recipient
    assert mail.outbox[0].to == [recipient.user.email]


def test_nobody_can_write_to_a_hidden_member_page(member_client, people):
    url = reverse("network:message_compose", kwargs={"participant_id": people[HIDDEN].pk})
    assert member_client.get(url).status_code == 404
    assert member_client.post(url, {"body": "hi"}).status_code == 404
    assert not Message.objects.exists()


def test_writing_needs_log_in(people):
    url = reverse("network:message_compose", kwargs={"participant_id": people[PUBLIC].pk})
    response = Client().get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_rate_limited_sender_gets_a_clear_message(settings, member_client, people):
    settings.NETWORK_MESSAGE_RATE_LIMITS = [(1, 3600)]
    url = reverse("network:message_compose", kwargs={"participant_id": people[MEMBERS].pk})
    assert member_client.post(url, {"body": "one"}).status_code == 302
    response = member_client.post(url, {"body": "two"})
    assert response.status_code == 400
    assert "Please wait" in response.content.decode()
    assert Message.objects.count() == 1


def test_a_message_is_only_for_its_two_people(member_client, member_viewer, people):
    message = MessageFactory(sender=people[PUBLIC], recipient=people[MEMBERS])
    url = reverse("network:message_detail", kwargs={"message_id": message.pk})
    assert member_client.get(url).status_code == 404
    assert member_client.post(url, {"body": "butting in"}).status_code == 404
    report_url = reverse("network:message_report", kwargs={"message_id": message.pk})
    assert member_client.get(report_url).status_code == 404


def test_the_recipient_reads_replies_and_reports(client, people):
    sender, recipient = people[PUBLIC], people[MEMBERS]
    message = MessageFactory(sender=sender, recipient=recipient, body="Spam spam spam")
    client.force_login(recipient.user)
    inbox = client.get(reverse("network:inbox"))
    assert "Spam spam spam" in inbox.content.decode()
    url = reverse("network:message_detail", kwargs={"message_id": message.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Block Publicname" in page.content.decode()
    message.refresh_from_db()
    assert message.read_at is not None
    response = client.post(url, {"body": "Please stop."})
    reply = Message.objects.get(sender=recipient)
    assert response["Location"].endswith(f"/messages/{reply.pk}/")
    assert reply.reply_to == message
    report_url = reverse("network:message_report", kwargs={"message_id": message.pk})
    response = client.post(report_url, {"reason": "spam", "block_sender": "on"})
    assert response.status_code == 302
    assert Report.objects.get().reporter == recipient
    assert recipient.network_blocks_made.get().blocked == sender


def test_the_sender_cannot_report_their_own_message(client, people):
    message = MessageFactory(sender=people[PUBLIC], recipient=people[MEMBERS])
    client.force_login(people[PUBLIC].user)
    url = reverse("network:message_report", kwargs={"message_id": message.pk})
    assert client.post(url, {"reason": "spam"}).status_code == 404


def test_only_someone_who_wrote_to_you_can_be_blocked(client, people):
    client.force_login(people[MEMBERS].user)
    url = reverse("network:contact_block", kwargs={"participant_id": people[PUBLIC].pk})
    assert client.post(url).status_code == 404
    MessageFactory(sender=people[PUBLIC], recipient=people[MEMBERS])
    assert client.post(url).status_code == 302
    assert client.get(url).status_code == 405


# --- Settings and moderation ---------------------------------------------------------


def test_a_member_makes_their_profile_visible(client, people):
    hidden = people[HIDDEN]
    client.force_login(hidden.user)
    url = reverse("network:settings")
    assert client.get(url).status_code == 200
    data = {
        "visibility": MEMBERS,
        "show_country": "on",
        "show_expertise": "on",
        "show_courses": "on",
        "accepts_messages": "on",
    }
    assert client.post(url, data).status_code == 302
    hidden.refresh_from_db()
    assert hidden.directory_visibility == MEMBERS
    profile = DirectoryProfile.objects.get(participant=hidden)
    assert not profile.show_organisation and not profile.show_bio and profile.show_country
    bad = client.post(url, {"visibility": "everyone"})
    assert bad.status_code == 400
    hidden.refresh_from_db()
    assert hidden.directory_visibility == MEMBERS


def test_settings_need_log_in():
    response = Client().get(reverse("network:settings"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_abuse_reports_are_for_the_secretariat(client, people, learner, secretariat):
    message = MessageFactory(sender=people[PUBLIC], recipient=people[MEMBERS], body="Buy now")
    report = Report.objects.create(message=message, reporter=people[MEMBERS], reason="spam")
    url = reverse("network:report_list")
    client.force_login(learner)
    # A role without the capability: 403, as everywhere (portal.accounts.permissions).
    assert client.get(url).status_code == 403
    assert client.post(url, {"report": report.pk, "action": "actioned"}).status_code == 403
    client.force_login(secretariat)
    assert "Buy now" in client.get(url).content.decode()
    assert client.post(url, {"report": report.pk, "action": "actioned"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACTIONED
    assert DirectoryProfile.objects.get(participant=people[PUBLIC]).messaging_suspended_at


# --- Query counts ------------------------------------------------------------------------


def _bulk_members(count: int, tags) -> None:
    """``count`` listed members with expertise, made in a few queries."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"bulk{start + i}@example.org", password="!") for i in range(count)
    )
    now = timezone.now()
    participants = Participant.objects.bulk_create(
        Participant(
            user=user,
            email=user.email,
            given_name=f"Bulk{i}",
            family_name="Member",
            country="MN",
            organisation="Wetland Institute",
            directory_visibility=MEMBERS if i % 2 else PUBLIC,
            profile_completed_at=now,
        )
        for i, user in enumerate(users)
    )
    through = Participant.expertise.through
    through.objects.bulk_create(
        through(participant_id=p.pk, tag_id=tag.pk) for p in participants for tag in tags
    )
    DirectoryProfile.objects.bulk_create(DirectoryProfile(participant=p) for p in participants[::3])


def _directory_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(DIRECTORY, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("params", [{}, {"q": "bulk", "species": "hooded-crane", "country": "MN"}])
def test_directory_queries_do_not_grow_with_members(
    member_client, hooded_crane, crane_survey, params, django_assert_num_queries
):
    _bulk_members(10, [hooded_crane, crane_survey])
    small = _directory_queries(member_client, params)
    _bulk_members(490, [hooded_crane, crane_survey])
    large = _directory_queries(member_client, params)
    assert small == large
    with django_assert_num_queries(small):
        member_client.get(DIRECTORY, params)


# --- Admin --------------------------------------------------------------------------------


def test_cohort_tags_in_the_admin(client, admin_user, khurkh, hooded_crane):
    client.force_login(admin_user)
    assert client.get("/admin/network_cohort_tags/").status_code == 200
    response = client.post(
        "/admin/network_cohort_tags/new/", {"cohort": khurkh.pk, "tag": hooded_crane.pk}
    )
    assert response.status_code == 302
    assert khurkh.network_tags.get().tag == hooded_crane
    menu = client.get("/admin/").content.decode()
    assert "/en/network/reports/" in menu or "network/reports/" in menu


def test_settings_without_a_complete_profile_go_to_onboarding(client, learner):
    client.force_login(learner)
    response = client.get(reverse("network:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("registry:onboarding"))
