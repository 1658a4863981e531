"""Checkable by anyone (#20, item 3): the public form at /certificates/verify/.

By what is printed large on a certificate (its serial and the holder's family
name) or by its code; a clear "no such certificate" page that gives away
nothing; rate-limited; in the holder's language, the visitor's a click away.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.certificates.factories import issued_certificate
from tests.courses.factories import ParticipantFactory
from tests.factories import UserFactory

LOOKUP = "/en/certificates/verify/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(participant, course):
    return issued_certificate(course=course, participant=participant)


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_the_form_is_public_and_in_the_sites_look(client, db):
    response = client.get(LOOKUP)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="serial"' in html and 'name="family_name"' in html and 'name="code"' in html
    assert "csrfmiddlewaretoken" in html
    assert "site-header" in html or "<header" in html  # the base template, not a bare page


def test_serial_and_family_name_lead_to_the_verification_page(client, certificate):
    response = client.post(
        LOOKUP, {"serial": certificate.serial, "family_name": "Batbayar"}, follow=False
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", kwargs={"code": certificate.code})
    page = client.get(response["Location"])
    assert page.status_code == 200 and certificate.serial in page.content.decode()


@pytest.mark.parametrize(
    "serial_typed, family_typed",
    [
        ("{serial_lower}", "batbayar"),
        ("{serial_spaced}", "  BATBAYAR "),
        ("{serial_short}", "Батбаяр"),  # a word of the own-script name
    ],
)
def test_what_people_type_is_understood(client, certificate, serial_typed, family_typed):
    year, number = certificate.serial.split("-")[1:]
    serial = serial_typed.format(
        serial_lower=certificate.serial.lower(),
        serial_spaced=f"FA {year} {number}",
        serial_short=f"fa-{year}-{int(number)}",
    )
    response = client.post(LOOKUP, {"serial": serial, "family_name": family_typed})
    assert response.status_code == 302, response.content.decode()[:500]


def test_accents_and_multi_word_family_names_match(client, course):
    certificate = issued_certificate(
        course=course,
        participant=ParticipantFactory(given_name="Zoë", family_name="Ştefănescu-Nguyễn"),
    )
    response = client.post(
        LOOKUP, {"serial": certificate.serial, "family_name": "stefanescu nguyen"}
    )
    assert response.status_code == 302


def test_a_wrong_name_says_no_such_certificate_and_nothing_more(client, certificate):
    wrong_name = client.post(LOOKUP, {"serial": certificate.serial, "family_name": "Smith"})
    unknown_serial = client.post(LOOKUP, {"serial": "FA-1999-999999", "family_name": "Smith"})
    for response in (wrong_name, unknown_serial):
        assert response.status_code == 404
        html = response.content.decode()
        assert "No such certificate" in html
        assert "Page not found" not in html
        assert certificate.holder_name not in html
        assert certificate.course_title not in html
        assert certificate.code not in html
    # Whether the serial exists or not, the answer is the same page.
    assert _without_tokens(wrong_name.content.decode()) == _without_tokens(
        unknown_serial.content.decode()
    ).replace("FA-1999-999999", certificate.serial)


def test_the_code_or_the_whole_link_works_too(client, certificate):
    verify_path = reverse("certificates:verify", kwargs={"code": certificate.code})
    for typed in (certificate.code, f"http://testserver{verify_path}"):
        response = client.post(LOOKUP, {"code": typed})
        assert response.status_code == 302
        assert response["Location"] == verify_path


def test_an_unknown_code_shows_the_no_such_certificate_page(client, certificate):
    near_miss = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")
    response = client.get(reverse("certificates:verify", kwargs={"code": near_miss}))
    assert response.status_code == 404
    html = response.content.decode()
    assert "No such certificate" in html and 'name="serial"' in html
    assert certificate.serial not in html


def test_bad_input_says_what_to_fix(client, db):
    response = client.post(LOOKUP, {"serial": "123", "family_name": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "FA-2026-000123" in html  # what a serial looks like
    assert "family name too" in html
    assert client.post(LOOKUP, {}).status_code == 400


def test_lookups_are_rate_limited(client, certificate):
    statuses = [
        client.post(LOOKUP, {"serial": f"FA-2026-{n:06d}", "family_name": "Smith"}).status_code
        for n in range(12)
    ]
    assert statuses[:10] == [404] * 10
    assert statuses[10:] == [429, 429]
    limited = client.post(LOOKUP, {"serial": certificate.serial, "family_name": "Batbayar"})
    assert limited.status_code == 429
    assert "Too many checks" in limited.content.decode()


def test_one_serial_cannot_be_tried_from_many_addresses(certificate):
    statuses = []
    for n in range(11):
        client = Client(REMOTE_ADDR=f"10.0.0.{n + 1}")
        statuses.append(
            client.post(
                LOOKUP, {"serial": certificate.serial, "family_name": f"Guess{n}"}
            ).status_code
        )
    assert statuses[:10] == [404] * 10 and statuses[10] == 429


def test_the_form_needs_its_csrf_token(certificate):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOOKUP, {"serial": certificate.serial, "family_name": "Batbayar"})
    assert response.status_code == 403


def test_the_page_is_in_the_holders_language_with_the_visitors_a_click_away(client, course):
    user = UserFactory(role="Learners", preferred_language="ru")
    certificate = issued_certificate(
        course=course, participant=ParticipantFactory(user=user, family_name="Ivanova")
    )
    response = client.post(
        LOOKUP,
        {"serial": certificate.serial, "family_name": "Ivanova"},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/certificates/verify/")
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="ja")
    html = page.content.decode()
    with translation.override("ja"):
        japanese = reverse("certificates:verify", kwargs={"code": certificate.code})
    assert f'href="{japanese}"' in html
    assert 'hreflang="ja"' in html
    # A visitor whose language is the page's is offered nothing.
    same = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'hreflang="ja"' not in same


def test_serial_normalise():
    from certificates.selectors import serial_normalise

    assert serial_normalise("fa-2026-42") == "FA-2026-000042"
    assert serial_normalise(" FA 2026 000042 ") == "FA-2026-000042"
    assert serial_normalise("FA2026000042") == "FA-2026-000042"
    assert serial_normalise("2026-000042") is None
    assert serial_normalise("FA-2026-1234567") is None
