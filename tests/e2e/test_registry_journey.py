"""The registry in the browser.

A learner logs in for the first time, lands on the onboarding form, completes
the profile on a phone, sees it and downloads their data. The secretariat
imports a workshop list in the admin (preview, then import), finds a
participant by their name in Mongolian Cyrillic and reads the history.
"""

import json

import pytest
from django.urls import reverse

from portal.registry import services as registry_services
from portal.registry.models import Participant
from tests.registry.conftest import xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, email, password):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_learner_onboards_on_a_phone_and_downloads_their_data(
    phone_page, learner, password, screenshot
):
    page = phone_page
    log_in(page, learner.email, password)
    page.wait_for_url("**/en/profile/welcome/**")
    screenshot(page, "onboarding-empty")

    # Submitting without consent and with a name in the wrong script is refused.
    page.get_by_label("Given name").fill("Оюунчимэг")
    page.get_by_label("Family name").fill("Batbayar")
    page.get_by_role("button", name="Save and continue").click()
    assert page.get_by_text("Please agree to the privacy policy").is_visible()
    screenshot(page, "onboarding-errors")

    page.get_by_label("Given name").fill("Oyunchimeg")
    page.get_by_label("Full name in your own script").fill("Батбаяр Оюунчимэг")
    page.get_by_label("Prefer not to say").check()
    page.get_by_label("Birth year").fill("1999")
    page.get_by_label("Country").select_option("MN")
    page.get_by_label("Organisation", exact=True).fill("Khan Khentii Protected Area")
    page.get_by_label("Organisation type").select_option("protected_area")
    page.get_by_label("I agree").check()
    screenshot(page, "onboarding-filled")
    page.get_by_role("button", name="Save and continue").click()

    page.wait_for_url("**/en/dashboard/")
    participant = Participant.objects.get(user=learner)
    assert participant.is_profile_complete and participant.gender == "undisclosed"
    assert participant.consents.count() == 1

    page.goto(reverse("registry:profile"))
    assert page.get_by_text("Батбаяр Оюунчимэг").is_visible()
    screenshot(page, "profile")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["profile"]["native_name"] == "Батбаяр Оюунчимэг"


def test_secretariat_imports_a_list_and_finds_a_participant(
    page, secretariat, password, tmp_path, screenshot
):
    path = tmp_path / "khurkh-2025.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                [
                    "Email",
                    "Given_Name",
                    "Family_Name",
                    "Native_Name",
                    "Gender",
                    "Birth_Year",
                    "Country",
                    "Organisation",
                    "Organisation_Type",
                ],
                [
                    "bolormaa@example.org",
                    "Bolormaa",
                    "Tserendorj",
                    "Цэрэндорж Болормаа",
                    "F",
                    1997,
                    "Mongolia",
                    "WSCC",
                    "ngo",
                ],
                [
                    "li.na@example.org",
                    "Na",
                    "Li",
                    "李娜",
                    "female",
                    1996,
                    "CN",
                    "Beijing Forestry University",
                    "university",
                ],
                [
                    "kim@example.org",
                    "Minjun",
                    "Kim",
                    "김민준",
                    "M",
                    1993,
                    "Republic of Korea",
                    "NIBR",
                    "academia",
                ],
                [
                    "ivanova@example.org",
                    "Anna",
                    "Ivanova",
                    "Анна Иванова",
                    "W",
                    1996,
                    "Russian Federation",
                    "Muraviovka Park",
                    "ngo",
                ],
            ]
        )
    )
    log_in(page, secretariat.email, password)
    page.wait_for_url("**/admin/")
    page.goto(reverse("registry_import:upload"))
    page.get_by_label("Participant list").set_input_files(str(path))
    screenshot(page, "import-upload")
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/admin/registry/import/*/")
    assert page.get_by_text("would create 4").is_visible()
    assert Participant.objects.count() == 0
    screenshot(page, "import-preview")
    page.get_by_role("button", name="Import now").click()
    page.get_by_text("Created 4, updated 0, enrolled 0").wait_for()
    screenshot(page, "import-done")

    page.goto(reverse("registry_participant:index") + "?q=болормаа")
    assert page.get_by_role("link", name="Bolormaa Tserendorj").is_visible()
    assert page.get_by_text("Minjun").count() == 0
    screenshot(page, "registry-search")
    page.get_by_role("link", name="Bolormaa Tserendorj").click()
    page.get_by_text("Цэрэндорж Болормаа").first.wait_for()
    screenshot(page, "participant-detail")
    page.get_by_role("link", name="Registry history").last.click()
    page.get_by_text("Imported from khurkh-2025.xlsx").first.wait_for()
    screenshot(page, "participant-history")

    # She was also on last year's list under another address: merge the two.
    kept = Participant.objects.get(email="bolormaa@example.org")
    duplicate = Participant.objects.create(
        email="bolormaa.ts@example.org",
        given_name="Bolormaa",
        family_name="Tserendorj",
        position="Research assistant",
    )
    registry_services.consent_record(participant=duplicate)
    page.goto(reverse("registry_admin:merge", args=[kept.pk]))
    page.get_by_label("Duplicate to merge into this participant").fill(str(duplicate.pk))
    page.get_by_label("Reason").fill("Same person, two addresses (2024 and 2025 lists)")
    page.get_by_role("button", name="Compare").click()
    page.get_by_text("bolormaa.ts@example.org").first.wait_for()
    screenshot(page, "merge-compare")
    page.get_by_role("button", name="Merge and delete the duplicate").click()
    page.get_by_text("Merged into Bolormaa Tserendorj").wait_for()
    # The result page lists what moved from the duplicate, per kind.
    moved = page.locator("table[data-merge-moved]")
    moved.get_by_role("cell", name="Consent records").wait_for()
    screenshot(page, "merged")
    assert not Participant.objects.filter(pk=duplicate.pk).exists()
    kept.refresh_from_db()
    assert kept.position == "Research assistant"

    # Fix a spelling, with the reason, through the edit form.
    page.goto(reverse("registry_participant:edit", args=[kept.pk]))
    page.get_by_role("textbox", name="Given name").fill("Bolor-Maa")
    page.get_by_role("textbox", name="Reason for this change").fill("Spelling as in the passport")
    screenshot(page, "edit")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url("**/admin/participants/")
    kept.refresh_from_db()
    assert kept.given_name == "Bolor-Maa"
    assert kept.history.filter(reason="Spelling as in the passport").exists()
