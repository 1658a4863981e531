"""A learner opens her profile to members; another member finds her and writes to her."""

import pytest
from django.core import mail
from django.utils import timezone

from portal.network.models import Message
from portal.registry.models import DirectoryVisibility
from portal.taxonomy.models import TagKind
from tests.factories import PASSWORD, UserFactory
from tests.network.factories import (
    CohortFactory,
    EnrolmentFactory,
    MemberFactory,
    TagFactory,
    course_page,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/dashboard/")


def _log_out(page):
    page.goto("/en/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    page.wait_for_url("**/en/")


def test_learner_becomes_visible_and_receives_a_message(page, screenshot):
    crane = TagFactory(kind=TagKind.SPECIES, name="Hooded Crane", slug="hooded-crane")
    TagFactory(kind=TagKind.SPECIES, name="White-naped Crane", slug="white-naped-crane")
    tuya = MemberFactory(
        user=UserFactory(email="tuya@example.mn", role="Learners"),
        given_name="Tuya",
        family_name="Batbayar",
        native_name="Батбаяр Туяа",
        country="MN",
        organisation="Khurkh Bird Ringing Station",
        expertise=[crane],
        directory_visibility=DirectoryVisibility.HIDDEN,
    )
    MemberFactory(
        user=UserFactory(email="kenji@example.jp", role="Learners"),
        given_name="Kenji",
        family_name="Sato",
        country="JP",
        directory_visibility=DirectoryVisibility.HIDDEN,
    )
    khurkh = CohortFactory(
        course=course_page(title="Crane survey techniques"),
        slug="khurkh-2025",
        title="Training Workshop for Young Crane Researchers",
    )
    EnrolmentFactory(participant=tuya, cohort=khurkh, completed_at=timezone.now())
    # A Japanese crane specialist, listed, who must not match "Mongolia".
    MemberFactory(
        given_name="Yui",
        family_name="Sato",
        country="JP",
        expertise=[crane],
        directory_visibility=DirectoryVisibility.MEMBERS,
    )

    # 1. Tuya opens her directory settings and shows her profile to members.
    _log_in(page, "tuya@example.mn")
    page.goto("/en/network/settings/")
    assert page.get_by_label("Hidden").is_checked()
    screenshot(page, "settings-hidden")
    page.get_by_label("Members only").check()
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_url("**/en/network/settings/")
    assert page.get_by_text("Your directory settings are saved.").is_visible()
    screenshot(page, "settings-saved")
    tuya.refresh_from_db()
    assert tuya.directory_visibility == DirectoryVisibility.MEMBERS
    _log_out(page)

    # 2. Kenji searches the directory by species and country and finds her.
    _log_in(page, "kenji@example.jp")
    page.goto("/en/network/")
    page.get_by_label("Species").select_option(label="Hooded Crane")
    page.get_by_label("Country").select_option(label="Mongolia")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/en/network/?*")
    assert page.get_by_text("1 member found").is_visible()
    screenshot(page, "directory-search")
    page.get_by_role("link", name="Tuya Batbayar").click()
    assert page.get_by_text("Батбаяр Туяа").is_visible()
    assert "tuya@example.mn" not in page.content()
    screenshot(page, "profile")

    # The workshop she took links to its alumni page, where she is listed now.
    page.get_by_role("link", name="Training Workshop for Young Crane Researchers").click()
    page.wait_for_url("**/en/network/cohorts/khurkh-2025/")
    assert page.get_by_text("Khurkh and Khuiten Nature Reserve").is_visible()
    assert page.get_by_role("link", name="Tuya Batbayar").is_visible()
    screenshot(page, "cohort-alumni")
    page.get_by_role("link", name="Tuya Batbayar").click()

    # 3. He writes to her through the portal.
    page.get_by_role("link", name="Send a message").click()
    page.get_by_label("Your message").fill(
        "Hello Tuya, could we compare Hooded Crane juvenile ratios from Khurkh and Izumi?"
    )
    screenshot(page, "compose")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_url("**/en/network/messages/*/")
    assert page.get_by_text("is on its way").is_visible()
    screenshot(page, "sent")
    _log_out(page)

    # 4. Tuya receives it by e-mail (without Kenji's address) and in her inbox.
    message = Message.objects.get()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["tuya@example.mn"]
    assert "kenji@example.jp" not in email.message().as_string()
    assert email.reply_to == []
    assert f"/en/network/messages/{message.pk}/" in email.body

    _log_in(page, "tuya@example.mn")
    page.goto("/en/network/messages/")
    screenshot(page, "inbox")
    page.get_by_role("link", name="From Kenji Sato").click()
    assert page.get_by_text("juvenile ratios").is_visible()
    screenshot(page, "conversation")
    message.refresh_from_db()
    assert message.read_at is not None


def test_visitor_on_a_phone_sees_public_profiles_and_the_overview(phone_page, screenshot):
    crane = TagFactory(kind=TagKind.SPECIES, name="White-naped Crane", slug="white-naped-crane")
    for index, country in enumerate(["MN", "MN", "MN", "MN", "MN", "CN", "RU"]):
        MemberFactory(
            given_name=f"Public {chr(65 + index)}",
            country=country,
            expertise=[crane],
            directory_visibility=DirectoryVisibility.PUBLIC,
        )
    MemberFactory(given_name="Secret", directory_visibility=DirectoryVisibility.HIDDEN)
    MemberFactory(given_name="Membersonly", directory_visibility=DirectoryVisibility.MEMBERS)

    phone_page.goto("/en/network/")
    assert phone_page.get_by_text("7 members found").is_visible()
    assert "Secret" not in phone_page.content()
    assert "Membersonly" not in phone_page.content()
    screenshot(phone_page, "public-directory")

    phone_page.goto("/en/network/overview/")
    chart = phone_page.locator("svg.bar-chart")
    assert chart.is_visible()
    assert phone_page.get_by_role("cell", name="<5").count() == 2
    screenshot(phone_page, "overview")
