import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from wagtail.models import Revision

from portal.accounts.models import User

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {
    "learner@example.org": ["Learners"],
    "instructor@example.org": ["Instructors"],
    "secretariat@example.org": ["Secretariat"],
    "admin@example.org": [],
}


def test_load_demo_data_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    call_command("load_demo_data")
    counts = (User.objects.count(), EmailAddress.objects.count(), Revision.objects.count())

    call_command("load_demo_data")

    assert (User.objects.count(), EmailAddress.objects.count(), Revision.objects.count()) == counts
    for email, groups in DEMO_EMAILS.items():
        user = User.objects.get(email=email)
        roles = set(user.groups.values_list("name", flat=True)) & {
            "Learners",
            "Instructors",
            "Secretariat",
        }
        assert sorted(roles) == groups
    assert User.objects.get(email="admin@example.org").is_superuser
    # Every tag of the shared vocabulary and every scheduled cohort is named in
    # each of the portal's other languages (issue 17: no English tags in /mn/).
    from courses.models import Cohort, CohortMode
    from portal.taxonomy.models import Tag

    others = {"zh-hans", "ja", "ko", "mn", "ru"}
    untranslated = [t.name for t in Tag.objects.all() if set(t.name_translations) != others]
    assert untranslated == []
    cohorts = Cohort.objects.exclude(mode=CohortMode.SELF_PACED)
    assert [c.title for c in cohorts if set(c.title_translations) != others] == []


def test_every_demo_account_logs_in_with_demo_password(monkeypatch):
    from django.test import Client

    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    call_command("load_demo_data")

    for email in sorted(DEMO_EMAILS):
        client = Client()
        client.post("/en/accounts/login/", {"login": email, "password": "a-demo-password-1"})
        assert SESSION_KEY in client.session, email
