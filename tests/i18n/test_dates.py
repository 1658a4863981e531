"""Dates read in the reader's language: its own order, month names and clock."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from certificates.documents import date_range
from tests.assessments.factories import make_question, make_quiz
from tests.factories import PASSWORD
from tests.registry.factories import ParticipantFactory

CLOSES = datetime.datetime(2027, 3, 1, 14, 30, tzinfo=datetime.UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 March 2027, 14:30"),
        ("ja", "2027年3月1日14:30"),
        ("ko", "2027년 3월 1일 14:30"),
        ("ru", "1 марта 2027, 14:30"),  # sentences add their own full stop
        ("zh-hans", "2027年3月1日 14:30"),
        ("mn", "2027 оны 3-р сарын 1, 14:30"),
    ],
)
def test_quiz_page_writes_its_closing_date_in_the_readers_language(language, expected):
    quiz = make_quiz([make_question()], closes_at=CLOSES)
    participant = ParticipantFactory()
    client = Client()
    assert client.login(email=participant.user.email, password=PASSWORD)
    with translation.override(language):
        url = reverse("assessments:quiz_detail", kwargs={"quiz_id": quiz.pk})
    html = client.get(url).content.decode()
    assert expected in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "6–8 July 2025"),
        ("ru", "6–8 июля 2025"),
        ("ja", "2025年7月6日 – 2025年7月8日"),
        ("ko", "2025년 7월 6일 – 2025년 7월 8일"),
    ],
)
def test_certificate_date_ranges_follow_the_language(language, expected):
    with translation.override(language):
        assert date_range(datetime.date(2025, 7, 6), datetime.date(2025, 7, 8)) == expected
