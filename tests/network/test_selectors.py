"""The directory's rules: who is listed for whom, and what a search may match."""

import pytest
from django.utils import timezone

from portal.network.models import CohortTag, DirectoryProfile
from portal.network.selectors import (
    Audience,
    DirectoryFilters,
    cohort_alumni,
    directory_page,
    directory_search,
    members_per_country,
    people_trained_per_tag,
    profile_for_viewer,
    visibility_totals,
)
from portal.taxonomy.models import TagKind

from .conftest import HIDDEN, MEMBERS, PUBLIC
from .factories import CohortFactory, EnrolmentFactory, MemberFactory, TagFactory

pytestmark = pytest.mark.django_db

# Which visibility levels each audience may find.
LISTED_FOR = {
    Audience.PUBLIC: {PUBLIC},
    Audience.MEMBERS: {MEMBERS, PUBLIC},
}


def _search(audience, **filters):
    return set(directory_search(audience=audience, filters=DirectoryFilters(**filters)))


def _filter_paths(hooded_crane, crane_survey, crane_course, khurkh):
    """Every search path of the directory, each matching the fixture members."""
    return {
        "everyone": {},
        "latin name": {"query": "tuya"},
        "native name": {"query": "Туяа"},
        "native name lower case": {"query": "туяа"},
        "organisation": {"query": "ornithological"},
        "expertise by name": {"query": "hooded"},
        "country": {"country": "MN"},
        "organisation type": {"organisation_type": "ngo"},
        "species tag": {"tags": (hooded_crane,)},
        "method tag (trained)": {"tags": (crane_survey,)},
        "course": {"course_id": crane_course.pk},
        "cohort": {"cohort_id": khurkh.pk},
    }


MEMBER_ONLY_PATHS = {"method tag (trained)", "course", "cohort"}


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.MEMBERS])
def test_every_search_path_finds_exactly_the_levels_listed_for_the_audience(
    audience, make_member, hooded_crane, crane_survey, crane_course, khurkh
):
    people = {
        level: make_member(level, given_name="Tuya", native_name="Туяа Батбаяр")
        for level in (HIDDEN, MEMBERS, PUBLIC)
    }
    for name, filters in _filter_paths(hooded_crane, crane_survey, crane_course, khurkh).items():
        found = _search(audience, **filters)
        expected = {people[level] for level in LISTED_FOR[audience]}
        if audience == Audience.PUBLIC and name == "method tag (trained)":
            # Course history is for members: the public cannot find anyone by it.
            expected = set()
        if audience == Audience.PUBLIC and name in {"course", "cohort"}:
            # The filter is not offered to the public and is ignored.
            pass
        assert found == expected, name
        assert people[HIDDEN] not in found, name


def test_profiles_not_complete_or_anonymised_are_never_listed(make_member):
    unfinished = make_member(PUBLIC)
    unfinished.profile_completed_at = None
    unfinished.save()
    gone = make_member(PUBLIC)
    gone.anonymised_at = timezone.now()
    gone.save()
    assert _search(Audience.MEMBERS) == set()


@pytest.mark.parametrize(
    ("switch", "filters"),
    [
        ("country", {"country": "MN"}),
        ("organisation", {"organisation_type": "ngo"}),
        ("organisation", {"query": "ornithological"}),
        ("expertise", {"query": "hooded"}),
        ("courses", {"course_id": "COURSE"}),
        ("courses", {"cohort_id": "COHORT"}),
    ],
)
def test_a_search_never_matches_on_a_field_the_member_does_not_show(
    switch, filters, make_member, crane_course, khurkh
):
    filters = {
        k: {"COURSE": crane_course.pk, "COHORT": khurkh.pk}.get(v, v) for k, v in filters.items()
    }
    shown = make_member(MEMBERS)
    kept = make_member(MEMBERS, shows={switch: False})
    found = _search(Audience.MEMBERS, **filters)
    assert shown in found
    assert kept not in found


def test_a_tag_matches_expertise_or_training_but_only_through_what_shows(
    make_member, hooded_crane, crane_survey
):
    # Expertise hidden, courses shown: still found by a tag of a completed course.
    trained = make_member(MEMBERS, shows={"expertise": False}, expertise=[])
    # Expertise shown but the crane-survey course not completed: not "trained".
    enrolled = make_member(MEMBERS, completed=False, expertise=[hooded_crane])
    # Completed, but courses hidden: not found by the course's tag.
    discreet = make_member(MEMBERS, shows={"courses": False}, expertise=[])
    found = _search(Audience.MEMBERS, tags=(crane_survey,))
    assert trained in found
    assert enrolled not in found
    assert discreet not in found
    assert _search(Audience.MEMBERS, tags=(hooded_crane,)) == {enrolled}


def test_cohort_tags_count_as_training(make_member, khurkh):
    site = TagFactory(kind=TagKind.SITE, name="Khurkh valley", slug="khurkh-valley")
    CohortTag.objects.create(cohort=khurkh, tag=site)
    member = make_member(MEMBERS, expertise=[])
    assert _search(Audience.MEMBERS, tags=(site,)) == {member}


def test_crane_surveys_in_mongolia_is_one_search(make_member, crane_survey):
    mongolian = make_member(MEMBERS, country="MN")
    make_member(MEMBERS, country="JP")
    assert _search(Audience.MEMBERS, tags=(crane_survey,), country="MN") == {mongolian}


def test_search_in_any_script_and_width(make_member):
    japanese = make_member(
        MEMBERS, given_name="Taro", family_name="Yamada", native_name="山田 太郎"
    )
    korean = make_member(MEMBERS, given_name="Minjun", family_name="Kim", native_name="김민준")
    assert _search(Audience.MEMBERS, query="山田") == {japanese}
    assert _search(Audience.MEMBERS, query="김민준") == {korean}
    full_width_yamada = "\uff39\uff21\uff2d\uff21\uff24\uff21"
    assert _search(Audience.MEMBERS, query=full_width_yamada) == {japanese}
    assert _search(Audience.MEMBERS, query="yamada taro") == {japanese}
    assert _search(Audience.MEMBERS, query="yamada minjun") == set()


def test_e_mail_addresses_are_not_searchable(make_member):
    member = make_member(MEMBERS)
    assert _search(Audience.MEMBERS, query=member.user.email) == set()


def test_cards_show_only_the_fields_that_show(make_member, hooded_crane):
    member = make_member(PUBLIC, shows={"country": False, "organisation": False})
    _page, cards = directory_page(audience=Audience.MEMBERS, filters=DirectoryFilters())
    (card,) = cards
    assert card.pk == member.pk
    assert card.country_code == ""
    assert card.organisation == ""
    assert card.expertise == [hooded_crane]


def test_profile_view_for_each_audience(make_member, member_viewer, learner):
    from django.contrib.auth.models import AnonymousUser

    public = make_member(PUBLIC, shows={"certificates": True})
    members_only = make_member(MEMBERS)
    hidden = make_member(HIDDEN)
    anonymous = AnonymousUser()
    member_user = member_viewer.user

    assert profile_for_viewer(participant_id=hidden.pk, user=anonymous) is None
    assert profile_for_viewer(participant_id=hidden.pk, user=member_user) is None
    assert profile_for_viewer(participant_id=hidden.pk, user=learner) is None
    assert profile_for_viewer(participant_id=members_only.pk, user=anonymous) is None
    assert profile_for_viewer(participant_id=members_only.pk, user=learner) is None

    reduced = profile_for_viewer(participant_id=public.pk, user=anonymous)
    assert reduced.cohorts == [] and "courses" not in reduced.shown
    assert "certificates" not in reduced.shown
    assert reduced.bio and reduced.links
    assert not reduced.can_message

    full = profile_for_viewer(participant_id=members_only.pk, user=member_user)
    assert [c.cohort_slug for c in full.cohorts] == ["khurkh-2025"]
    assert full.can_message

    own = profile_for_viewer(participant_id=hidden.pk, user=hidden.user)
    assert own.is_own and not own.is_listed


def test_cohort_alumni_lists_visible_members_who_show_courses(make_member, khurkh):
    public = make_member(PUBLIC)
    members_only = make_member(MEMBERS)
    make_member(HIDDEN)
    make_member(MEMBERS, shows={"courses": False})
    withdrawn = make_member(MEMBERS)
    withdrawn.enrolments.update(status="withdrawn")
    pks = {card.pk for card in cohort_alumni(cohort=khurkh, audience=Audience.MEMBERS)}
    assert pks == {public.pk, members_only.pk}
    assert cohort_alumni(cohort=khurkh, audience=Audience.PUBLIC) == []


def test_members_per_country_leaves_hidden_out_and_pools_unshown_countries(make_member):
    make_member(MEMBERS, country="MN")
    make_member(PUBLIC, country="MN")
    make_member(HIDDEN, country="MN")
    make_member(PUBLIC, country="JP")
    make_member(MEMBERS, country="KR", shows={"country": False})
    members = {(r.code, r.count) for r in members_per_country(audience=Audience.MEMBERS)}
    assert members == {("MN", 2), ("JP", 1), ("", 1)}
    public = {(r.code, r.count) for r in members_per_country(audience=Audience.PUBLIC)}
    assert public == {("MN", 1), ("JP", 1)}
    assert visibility_totals() == {"hidden": 1, "members": 2, "public": 2}


def test_people_trained_per_tag_counts_each_person_once(make_member, crane_survey, khurkh):
    second = CohortFactory(course=khurkh.course, slug="crane-online", mode="online")
    person = make_member(HIDDEN)
    EnrolmentFactory(participant=person, cohort=second, completed_at=timezone.now())
    make_member(MEMBERS)
    make_member(MEMBERS, completed=False)
    rows = {r.name: r.people for r in people_trained_per_tag(kind=TagKind.METHOD)}
    assert rows == {"Crane survey": 2}
    visible = {r.name: r.people for r in people_trained_per_tag(audience=Audience.MEMBERS)}
    assert visible["Crane survey"] == 1
    assert visible["Hooded Crane"] == 0


def test_directory_profile_defaults_apply_without_a_row(make_member):
    member = make_member(MEMBERS)
    assert not DirectoryProfile.objects.filter(participant=member).exists()
    view = profile_for_viewer(participant_id=member.pk, user=MemberFactory().user)
    assert "certificates" not in view.shown
    assert {"organisation", "country", "expertise", "courses", "bio", "links"} <= view.shown


def test_country_choices_come_only_from_shown_countries_of_listed_members(make_member):
    from portal.network.selectors import country_choices

    make_member(MEMBERS, country="MN")
    make_member(PUBLIC, country="JP")
    make_member(HIDDEN, country="RU")
    make_member(MEMBERS, country="KR", shows={"country": False})
    assert [code for code, _name in country_choices(audience=Audience.MEMBERS)] == ["JP", "MN"]
    assert [code for code, _name in country_choices(audience=Audience.PUBLIC)] == ["JP"]
