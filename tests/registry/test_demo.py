import pytest

from portal.home import demo as core_demo
from portal.registry import demo
from portal.registry.models import ConsentRecord, Participant, ParticipantHistory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_the_five_countries():
    core_demo.load_accounts(password="demo-password-123")
    demo.load(password="demo-password-123")
    counts = (Participant.objects.count(), ParticipantHistory.objects.count())
    demo.load(password="demo-password-123")
    assert (Participant.objects.count(), ParticipantHistory.objects.count()) == counts
    assert Participant.objects.count() == 24
    learner = Participant.objects.get(user__email="learner@example.org")
    assert learner.native_name == "Батбаяр Оюунчимэг" and learner.is_profile_complete
    assert ConsentRecord.objects.filter(participant=learner).count() == 1
    countries = set(Participant.objects.values_list("country", flat=True))
    assert {"CN", "JP", "KR", "MN", "RU"} <= countries
