import pytest
from django.utils import timezone

from portal.network.models import DirectoryProfile
from portal.registry.models import DirectoryVisibility
from portal.taxonomy.models import TagKind

from .factories import CohortFactory, EnrolmentFactory, MemberFactory, TagFactory, course_page

HIDDEN = DirectoryVisibility.HIDDEN
MEMBERS = DirectoryVisibility.MEMBERS
PUBLIC = DirectoryVisibility.PUBLIC


@pytest.fixture
def hooded_crane(db):
    return TagFactory(kind=TagKind.SPECIES, name="Hooded Crane", slug="hooded-crane")


@pytest.fixture
def crane_survey(db):
    return TagFactory(kind=TagKind.METHOD, name="Crane survey", slug="crane-survey")


@pytest.fixture
def crane_course(db, crane_survey):
    return course_page(title="Crane survey techniques", tags=[crane_survey])


@pytest.fixture
def khurkh(db, crane_course):
    return CohortFactory(course=crane_course, slug="khurkh-2025", title="Khurkh workshop 2025")


@pytest.fixture
def make_member(db, hooded_crane, khurkh):
    """A member at ``visibility`` with crane expertise, who completed the Khurkh cohort."""

    def make(visibility, *, completed=True, shows=None, **fields):
        fields.setdefault("expertise", [hooded_crane])
        member = MemberFactory(directory_visibility=visibility, **fields)
        EnrolmentFactory(
            participant=member,
            cohort=khurkh,
            completed_at=timezone.now() if completed else None,
        )
        if shows is not None:
            DirectoryProfile.objects.update_or_create(
                participant=member, defaults={f"show_{k}": v for k, v in shows.items()}
            )
        return member

    return make


@pytest.fixture
def member_viewer(db):
    """A logged-in member: complete profile, hidden themselves."""
    return MemberFactory(given_name="Viewer", family_name="Member", directory_visibility=HIDDEN)
