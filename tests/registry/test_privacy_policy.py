"""A privacy policy to read in every language, linked where consent is asked, and
consent asked again when its version is raised (issue 17).

Before, the consent box cited "Privacy policy version 2025-01" and there was no
privacy policy to read, in any language.
"""

import pytest
from django.utils import translation
from wagtail.models import Locale

from portal.core.pages import site_home_page
from portal.registry.demo_content.privacy import POLICY, VERSION
from portal.registry.demo_privacy import load_policy, load_translations
from portal.registry.models import ConsentPurpose, ConsentRecord, PrivacyPolicyPage
from portal.registry.services import consent_record
from portal.registry.validation import policy_version
from tests.registry.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "zh-hans", "ja", "ko", "mn", "ru"]


@pytest.fixture
def policy():
    home = site_home_page()
    for code in LANGUAGES[1:]:
        locale, _created = Locale.objects.get_or_create(language_code=code)
        if home.get_translation_or_none(locale) is None:
            home.copy_for_translation(locale).save_revision().publish()
    page = load_policy()
    load_translations(page=page)
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_policy_reads_in_every_language(client, policy, language):
    response = client.get(f"/{language}/privacy-policy/")
    assert response.status_code == 302
    page = client.get(response["Location"])

    assert page.status_code == 200
    html = page.content.decode()
    assert POLICY[language]["title"] in html
    assert POLICY[language]["sections"][-2][0] in html  # what stays after erasure
    assert f'<html lang="{language}"' in html


def test_every_translation_keeps_the_version(policy):
    versions = set(PrivacyPolicyPage.objects.live().values_list("version", flat=True))
    assert versions == {VERSION}
    assert PrivacyPolicyPage.objects.live().count() == len(LANGUAGES)
    assert policy_version() == VERSION


@pytest.mark.parametrize("path", ["/ko/", "/ko/accounts/signup/"])
def test_the_policy_is_linked_from_the_footer_and_the_sign_up_form(client, policy, path):
    assert 'href="/ko/privacy-policy/"' in client.get(path).content.decode()


def test_the_consent_box_links_the_policy(client, learner, policy):
    client.force_login(learner)
    html = client.get("/mn/profile/welcome/").content.decode()
    assert 'href="/mn/privacy-policy/"' in html
    assert VERSION in html


def test_raising_the_version_asks_for_consent_again_at_the_next_log_in(
    client, learner, password, policy
):
    participant = ParticipantFactory(user=learner, email=learner.email)
    consent_record(participant=participant)
    policy.version = "2026-12"
    policy.summary_of_changes = "Explains what stays after an account is deleted."
    policy.save_revision().publish()

    client.post("/en/accounts/login/", {"login": learner.email, "password": password})
    response = client.get("/en/dashboard/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/profile/consent/")
    page = client.get(response["Location"])
    assert "Explains what stays after an account is deleted." in page.content.decode()
    refused = client.post(response["Location"], {"next": "/en/dashboard/"})
    assert refused.status_code == 200  # no box ticked: asked again, nothing recorded
    assert (
        client.post(response["Location"], {"consent": "on", "next": "/en/dashboard/"})["Location"]
        == "/en/dashboard/"
    )
    latest = ConsentRecord.objects.filter(
        participant=participant, purpose=ConsentPurpose.DATA_PROCESSING
    ).latest("recorded_at", "pk")
    assert latest.policy_version == "2026-12" and latest.granted
    assert client.get("/en/dashboard/").status_code == 200


def test_a_current_consent_is_not_asked_again(client, learner, password, policy):
    participant = ParticipantFactory(user=learner, email=learner.email)
    with translation.override("en"):
        consent_record(participant=participant)

    client.post("/en/accounts/login/", {"login": learner.email, "password": password})

    assert client.get("/en/dashboard/").status_code == 200
