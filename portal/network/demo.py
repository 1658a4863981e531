"""Demo data of the trainee network for ``load_demo_data``: idempotent, built through services.

Some of the registry's workshop participants sign up (through the same
onboarding service a learner goes through) and choose a directory
visibility: a few are listed for members or the public, a few stay hidden.
The demo learner (learner@example.org) stays hidden, so that the journey of
making a profile visible can be tried.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.accounts.services import user_add_role
from portal.registry.models import DirectoryVisibility, Participant
from portal.registry.services import participant_onboard, participant_update
from portal.taxonomy.demo import translate_tag
from portal.taxonomy.models import Tag, TagKind

from .models import CohortTag, DirectoryProfile
from .services import DirectorySettings, directory_settings_update

REASON = "Demo data"

# The shared vocabulary, as the courses' demo names it: (kind, name, slug,
# scientific name). Found by kind and name, so the courses' tags are reused.
TAGS = [
    (TagKind.SPECIES, "Hooded Crane", "hooded-crane", "Grus monacha"),
    (TagKind.SPECIES, "White-naped Crane", "white-naped-crane", "Antigone vipio"),
    (TagKind.SPECIES, "Black-faced Spoonbill", "black-faced-spoonbill", "Platalea minor"),
    (TagKind.METHOD, "Synchronised count", "synchronised-count", ""),
    (TagKind.METHOD, "Roost count", "roost-count", ""),
    (TagKind.METHOD, "Colour banding", "colour-banding", ""),
    (TagKind.METHOD, "Resighting", "resighting", ""),
    (TagKind.METHOD, "Drone survey", "drone-survey", ""),
    (TagKind.METHOD, "Habitat assessment", "habitat-assessment", ""),
    (TagKind.SITE, "Khurkh and Khuiten valley", "khurkh-khuiten", ""),
]

# The ORCID documentation's own sample identifier: no real person's record.
SAMPLE_ORCID = "https://orcid.org/0000-0002-1825-0097"

# e-mail → (visibility, expertise slugs, bio, links, switches turned off).
MEMBERS = {
    "tuvshin.b@example.org": (
        DirectoryVisibility.MEMBERS,
        ["white-naped-crane", "colour-banding", "resighting", "synchronised-count"],
        "Coordinates the ringing station in the Khurkh valley; happy to advise on "
        "reading colour-band combinations in the field.",
        [],
        [],
    ),
    "sato.yui@example.org": (
        DirectoryVisibility.MEMBERS,
        ["hooded-crane", "synchronised-count", "roost-count"],
        "Takes part in the winter crane census at Izumi; interested in comparing "
        "juvenile ratios with breeding-area teams.",
        [],
        ["organisation"],
    ),
    "kim.minjun@example.org": (
        DirectoryVisibility.MEMBERS,
        ["white-naped-crane", "drone-survey"],
        "Works on disturbance-free drone counts of wintering cranes.",
        [SAMPLE_ORCID],
        [],
    ),
    "li.na@example.org": (
        DirectoryVisibility.PUBLIC,
        ["black-faced-spoonbill", "habitat-assessment"],
        "PhD research on the foraging habitat of spoonbills in coastal wetlands.",
        [SAMPLE_ORCID],
        [],
    ),
    "ivanova.a@example.org": (
        DirectoryVisibility.PUBLIC,
        ["hooded-crane", "white-naped-crane"],
        "Environmental educator working with farmers around crane feeding sites.",
        [],
        ["links"],
    ),
    # Members with accounts who keep their profile to themselves.
    "chen.jing@example.org": (DirectoryVisibility.HIDDEN, ["black-faced-spoonbill"], "", [], []),
    "smirnov.d@example.org": (DirectoryVisibility.HIDDEN, ["white-naped-crane"], "", [], []),
}

# Cohort → extra tags beyond its course's.
COHORT_TAGS = {"khurkh-2025": ["khurkh-khuiten", "white-naped-crane", "hooded-crane"]}


def _write(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def load_tags() -> dict[str, Tag]:
    tags = {}
    for kind, name, slug, scientific in TAGS:
        tag = Tag.objects.filter(kind=kind, name__iexact=name).first()
        if tag is None:
            tag, _created = Tag.objects.get_or_create(
                slug=slug, defaults={"kind": kind, "name": name, "scientific_name": scientific}
            )
        translate_tag(tag)
        tags[slug] = tag
    return tags


def _account(email: str, password: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user_add_role(user=user, role=Role.LEARNERS)
    return user


@transaction.atomic
def load(*, password: str, stdout=None) -> None:
    """Give a few workshop participants accounts and directory settings; idempotent."""
    tags = load_tags()
    listed = hidden = 0
    for email, (visibility, slugs, bio, links, off) in MEMBERS.items():
        participant = Participant.objects.filter(email__iexact=email).first()
        if participant is None:
            continue  # the registry's demo did not create this person
        expertise = [tags[slug] for slug in slugs]
        if not participant.is_profile_complete:
            user = _account(email, password)
            participant = participant_onboard(user=user, expertise=expertise)
        participant_update(
            participant=participant,
            acting_user=None,
            reason=REASON,
            expertise=expertise,
            bio=bio,
            links=links,
        )
        if not DirectoryProfile.objects.filter(participant=participant).exists():
            directory_settings_update(
                participant=participant,
                choices=DirectorySettings(
                    visibility=visibility,
                    shows={
                        "organisation": "organisation" not in off,
                        "country": True,
                        "expertise": True,
                        "courses": True,
                        "certificates": True,
                        "bio": True,
                        "links": "links" not in off,
                    },
                ),
                acting_user=participant.user,
            )
        if participant.directory_visibility == DirectoryVisibility.HIDDEN:
            hidden += 1
        else:
            listed += 1

    from courses.models import Cohort

    for slug, tag_slugs in COHORT_TAGS.items():
        cohort = Cohort.objects.filter(slug=slug).first()
        if cohort is None:
            continue
        for tag_slug in tag_slugs:
            CohortTag.objects.get_or_create(cohort=cohort, tag=tags[tag_slug])
    _write(stdout, f"network: {listed} listed and {hidden} hidden demo members\n")
