"""The network's part of ``load_demo_data``: visible and hidden members, idempotent."""

import pytest

from portal.network import demo
from portal.network.models import DirectoryProfile
from portal.network.selectors import Audience, DirectoryFilters, directory_search
from portal.registry import demo as registry_demo
from portal.registry.models import Participant
from portal.taxonomy.models import Tag

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        Participant.objects.count(),
        DirectoryProfile.objects.count(),
        Tag.objects.count(),
        sorted(Participant.objects.values_list("directory_visibility", flat=True)),
    )


def test_demo_members_are_listed_or_hidden_and_loading_twice_changes_nothing(password):
    registry_demo.load(password=password)
    demo.load(password=password)
    first = _snapshot()
    demo.load(password=password)
    assert _snapshot() == first

    members = {
        p.email for p in directory_search(audience=Audience.MEMBERS, filters=DirectoryFilters())
    }
    public = {
        p.email for p in directory_search(audience=Audience.PUBLIC, filters=DirectoryFilters())
    }
    assert public == {"li.na@example.org", "ivanova.a@example.org"}
    assert members == public | {
        "tuvshin.b@example.org",
        "sato.yui@example.org",
        "kim.minjun@example.org",
    }
    hidden = Participant.objects.get(email="chen.jing@example.org")
    assert hidden.user is not None and hidden.is_profile_complete
    assert hidden.email not in members
    crane = Tag.objects.get(slug="hooded-crane")
    found = directory_search(
        audience=Audience.MEMBERS, filters=DirectoryFilters(tags=(crane,), country="JP")
    )
    assert [p.email for p in found] == ["sato.yui@example.org"]
