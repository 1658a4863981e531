"""Reads of the trainee network: who is listed, for whom, and what of them shows.

Every page of the network asks these functions, never the models: the rules
that keep hidden profiles out of sight live here and nowhere else.

- A participant is *listed* for an audience when their profile is complete, not
  anonymised, and their ``directory_visibility`` admits that audience
  (members: ``members`` or ``public``; the public: ``public`` only).
- A field of a listed profile *shows* when the member's switch for it is on
  (``DirectoryProfile``, or ``FIELD_DEFAULTS`` without one) and, for the public,
  when it is one of ``PUBLIC_FIELDS``.
- Search and filters only ever match on fields that show, so that a search can
  never reveal what a profile keeps to itself.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.registry.models import DirectoryVisibility, Participant
from portal.registry.selectors import participant_for_user
from portal.taxonomy.models import Tag, TagKind

from .models import (
    FIELD_DEFAULTS,
    PUBLIC_FIELDS,
    ContactBlock,
    DirectoryField,
    DirectoryProfile,
    Message,
    Report,
    ReportStatus,
)

DIRECTORY_PAGE_SIZE = 24
MAX_QUERY_TOKENS = 6


class Audience:
    """Who is looking: the public (anyone) or members (logged in, complete profile)."""

    PUBLIC = "public"
    MEMBERS = "members"


LISTED_LEVELS = {
    Audience.PUBLIC: [DirectoryVisibility.PUBLIC],
    Audience.MEMBERS: [DirectoryVisibility.MEMBERS, DirectoryVisibility.PUBLIC],
}


def audience_for(user) -> str:
    """Members are logged-in people with a complete profile; everyone else is the public."""
    participant = participant_for_user(user)
    if participant is not None and participant.is_profile_complete:
        return Audience.MEMBERS
    return Audience.PUBLIC


def field_available(field_name: str, audience: str) -> bool:
    """Whether ``audience`` may ever see ``field_name`` of a listed profile."""
    return audience == Audience.MEMBERS or field_name in PUBLIC_FIELDS


def shows_q(field_name: str, audience: str) -> Q:
    """A filter on ``Participant``: the field shows to ``audience``."""
    if not field_available(field_name, audience):
        return Q(pk__in=[])
    switched_on = Q(**{f"directory_profile__show_{field_name}": True})
    if FIELD_DEFAULTS[field_name]:
        return switched_on | Q(directory_profile__isnull=True)
    return switched_on


def listed_participants(*, audience: str) -> QuerySet[Participant]:
    """Participants listed in the directory for ``audience``; hidden ones never are."""
    return Participant.objects.filter(
        directory_visibility__in=LISTED_LEVELS[audience],
        profile_completed_at__isnull=False,
        anonymised_at__isnull=True,
    )


def participant_is_listed_for_members(*, participant: Participant) -> bool:
    return listed_participants(audience=Audience.MEMBERS).filter(pk=participant.pk).exists()


def _shown_fields(profile: DirectoryProfile | None, audience: str) -> frozenset[str]:
    shown = set()
    for name in DirectoryField.values:
        on = profile.shows(name) if profile is not None else FIELD_DEFAULTS[name]
        if on and field_available(name, audience):
            shown.add(name)
    return frozenset(shown)


def _profile_of(participant: Participant) -> DirectoryProfile | None:
    try:
        return participant.directory_profile
    except DirectoryProfile.DoesNotExist:
        return None


# --- Search ----------------------------------------------------------------------


def normalise_query(text: str) -> list[str]:
    """Split a search into tokens, folded for width (full-width Latin letters become ASCII)."""
    folded = unicodedata.normalize("NFKC", text or "")
    return [token for token in folded.split() if token][:MAX_QUERY_TOKENS]


def _case_variants(token: str) -> set[str]:
    # SQLite folds case for ASCII only; asking for the usual spellings of a
    # name finds "Батбаяр" from "батбаяр" on every database.
    return {token, token.lower(), token.upper(), token.capitalize(), token.title()}


def _contains_any(field_name: str, token: str) -> Q:
    condition = Q()
    for variant in _case_variants(token):
        condition |= Q(**{f"{field_name}__icontains": variant})
    return condition


def _took_part(**filters) -> QuerySet:
    from courses.models import Enrolment, EnrolmentStatus

    return Enrolment.objects.filter(
        participant=OuterRef("pk"), status=EnrolmentStatus.ACTIVE, **filters
    )


def _trained_in(tag: Tag) -> Q:
    """Completed a course or cohort tagged with ``tag``."""
    from courses.models import Enrolment

    enrolments = Enrolment.objects.filter(
        participant=OuterRef("pk"), completed_at__isnull=False
    ).filter(Q(cohort__course__tags=tag) | Q(cohort__network_tags__tag=tag))
    return Q(Exists(enrolments))


def _has_expertise(tag: Tag) -> Q:
    through = Participant.expertise.through
    return Q(Exists(through.objects.filter(participant_id=OuterRef("pk"), tag_id=tag.pk)))


@dataclass(frozen=True)
class DirectoryFilters:
    """A directory search; empty values do not filter."""

    query: str = ""
    country: str = ""
    organisation_type: str = ""
    tags: tuple[Tag, ...] = ()
    course_id: int | None = None
    cohort_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.query.strip()
            or self.country
            or self.organisation_type
            or self.tags
            or self.course_id
            or self.cohort_id
        )


def directory_search(*, audience: str, filters: DirectoryFilters) -> QuerySet[Participant]:
    """Listed participants matching ``filters``, matched only on fields that show.

    Names match in any script (Latin and own-script names); organisation, tag
    names and countries only where the member shows them. A tag matches a
    member's expertise or a completed course or cohort carrying it; courses
    and cohorts are for members only. Ordered by family name.
    """
    queryset = listed_participants(audience=audience)
    for token in normalise_query(filters.query):
        match = (
            _contains_any("given_name", token)
            | _contains_any("family_name", token)
            | _contains_any("native_name", token)
        )
        if field_available(DirectoryField.ORGANISATION, audience):
            match |= _contains_any("organisation", token) & shows_q(
                DirectoryField.ORGANISATION, audience
            )
        if field_available(DirectoryField.EXPERTISE, audience):
            tag_match = Tag.objects.filter(participants=OuterRef("pk")).filter(
                _contains_any("name", token) | _contains_any("scientific_name", token)
            )
            match |= Q(Exists(tag_match)) & shows_q(DirectoryField.EXPERTISE, audience)
        queryset = queryset.filter(match)
    if filters.country:
        queryset = queryset.filter(
            Q(country=filters.country) & shows_q(DirectoryField.COUNTRY, audience)
        )
    if filters.organisation_type:
        queryset = queryset.filter(
            Q(organisation_type=filters.organisation_type)
            & shows_q(DirectoryField.ORGANISATION, audience)
        )
    for tag in filters.tags:
        match = _has_expertise(tag) & shows_q(DirectoryField.EXPERTISE, audience)
        if field_available(DirectoryField.COURSES, audience):
            match |= _trained_in(tag) & shows_q(DirectoryField.COURSES, audience)
        queryset = queryset.filter(match)
    if field_available(DirectoryField.COURSES, audience):
        if filters.course_id:
            queryset = queryset.filter(
                Q(Exists(_took_part(cohort__course_id=filters.course_id)))
                & shows_q(DirectoryField.COURSES, audience)
            )
        if filters.cohort_id:
            queryset = queryset.filter(
                Q(Exists(_took_part(cohort_id=filters.cohort_id)))
                & shows_q(DirectoryField.COURSES, audience)
            )
    return queryset.order_by("family_name", "given_name", "pk")


# --- Cards and profiles --------------------------------------------------------------


@dataclass
class MemberCard:
    """What the directory shows of one member: only the fields that show."""

    pk: int
    name: str
    native_name: str
    url: str
    organisation: str = ""
    organisation_type: str = ""
    country_code: str = ""
    country_name: str = ""
    expertise: list[Tag] = field(default_factory=list)
    visibility: str = ""


def _card(participant: Participant, audience: str) -> MemberCard:
    shown = _shown_fields(_profile_of(participant), audience)
    card = MemberCard(
        pk=participant.pk,
        name=participant.full_name,
        native_name=participant.native_name,
        url=reverse("network:profile", kwargs={"participant_id": participant.pk}),
        visibility=participant.directory_visibility,
    )
    if DirectoryField.ORGANISATION in shown:
        card.organisation = participant.organisation
        card.organisation_type = participant.get_organisation_type_display()
    if DirectoryField.COUNTRY in shown and participant.country:
        card.country_code = participant.country.code
        card.country_name = participant.country.name
    if DirectoryField.EXPERTISE in shown:
        card.expertise = list(participant.expertise.all())
    return card


def _card_queryset(queryset: QuerySet[Participant]) -> QuerySet[Participant]:
    return queryset.select_related("directory_profile").prefetch_related(
        Prefetch("expertise", queryset=Tag.objects.order_by("kind", "name"))
    )


def directory_page(
    *, audience: str, filters: DirectoryFilters, page_number=1, per_page: int = DIRECTORY_PAGE_SIZE
) -> tuple[Page, list[MemberCard]]:
    """One page of the directory: the paginator page and its member cards.

    A fixed number of queries whatever the number of members: the count, the
    page of participants with their switches, and their expertise.
    """
    queryset = _card_queryset(directory_search(audience=audience, filters=filters))
    page = Paginator(queryset, per_page).get_page(page_number)
    return page, [_card(participant, audience) for participant in page.object_list]


@dataclass
class CohortTaken:
    cohort_id: int
    cohort_slug: str
    cohort_title: str
    course_title: str
    course_url: str
    start_date: object
    end_date: object
    completed: bool


@dataclass
class ProfileView:
    """A member's profile as one viewer may see it."""

    card: MemberCard
    shown: frozenset[str]
    bio: str = ""
    links: list[str] = field(default_factory=list)
    position: str = ""
    cohorts: list[CohortTaken] = field(default_factory=list)
    certificates: list = field(default_factory=list)
    is_own: bool = False
    is_listed: bool = True
    can_message: bool = False


def _safe_links(links) -> list[str]:
    if not isinstance(links, list):
        return []
    return [link for link in links if isinstance(link, str) and link.startswith("https://")]


def cohorts_taken(*, participant: Participant) -> list[CohortTaken]:
    """The cohorts a participant took part in (active enrolments), newest first."""
    from courses.models import EnrolmentStatus

    enrolments = (
        participant.enrolments.filter(status=EnrolmentStatus.ACTIVE)
        .select_related("cohort__course")
        .order_by(F("cohort__start_date").desc(nulls_last=True), "-enrolled_at")
    )
    return [
        CohortTaken(
            cohort_id=e.cohort_id,
            cohort_slug=e.cohort.slug,
            cohort_title=e.cohort.display_title,
            course_title=e.cohort.course.title,
            course_url=e.cohort.course.url or "",
            start_date=e.cohort.start_date,
            end_date=e.cohort.end_date,
            completed=e.completed_at is not None,
        )
        for e in enrolments
    ]


def valid_certificates(*, participant: Participant) -> list:
    from certificates.models import CertificateStatus
    from certificates.selectors import certificates_for_participant

    now = timezone.now()
    return [
        certificate
        for certificate in certificates_for_participant(participant=participant).filter(
            status=CertificateStatus.VALID
        )
        if certificate.expires_at is None or certificate.expires_at > now
    ]


def profile_for_viewer(*, participant_id: int, user) -> ProfileView | None:
    """The profile of ``participant_id`` as ``user`` may see it, or None (404).

    A member always sees their own profile, hidden or not, as members would
    see it, so they can check their settings.
    """
    audience = audience_for(user)
    viewer = participant_for_user(user)
    is_own = viewer is not None and viewer.pk == participant_id
    if is_own:
        queryset = Participant.objects.filter(pk=participant_id, anonymised_at__isnull=True)
        audience = Audience.MEMBERS
    else:
        queryset = listed_participants(audience=audience).filter(pk=participant_id)
    participant = _card_queryset(queryset).first()
    if participant is None:
        return None
    profile = _profile_of(participant)
    shown = _shown_fields(profile, audience)
    view = ProfileView(card=_card(participant, audience), shown=shown, is_own=is_own)
    view.is_listed = participant.directory_visibility in LISTED_LEVELS[Audience.MEMBERS]
    if DirectoryField.ORGANISATION in shown:
        view.position = participant.position
    if DirectoryField.BIO in shown:
        view.bio = participant.bio
    if DirectoryField.LINKS in shown:
        view.links = _safe_links(participant.links)
    if DirectoryField.COURSES in shown:
        view.cohorts = cohorts_taken(participant=participant)
    if DirectoryField.CERTIFICATES in shown:
        view.certificates = valid_certificates(participant=participant)
    if not is_own and audience == Audience.MEMBERS and viewer is not None:
        from .services import message_can_send

        view.can_message = message_can_send(sender=viewer, recipient=participant)
    return view


# --- Cohort alumni ---------------------------------------------------------------------


def cohort_alumni(*, cohort, audience: str) -> list[MemberCard]:
    """Who took part in ``cohort``, as far as ``audience`` may know.

    Only members listed for the audience who show their courses appear; the
    public sees none (course history is for members). Hidden members are
    neither listed nor counted.
    """
    if not field_available(DirectoryField.COURSES, audience):
        return []
    queryset = (
        listed_participants(audience=audience)
        .filter(Exists(_took_part(cohort=cohort)))
        .filter(shows_q(DirectoryField.COURSES, audience))
        .order_by("family_name", "given_name", "pk")
    )
    return [_card(participant, audience) for participant in _card_queryset(queryset)]


def cohort_for_alumni_page(*, slug: str):
    """The cohort named ``slug`` of a live course, or None."""
    from courses.models import Cohort

    return (
        Cohort.objects.select_related("course")
        .filter(slug=slug, course__live=True)
        .prefetch_related(
            Prefetch("course__tags", queryset=Tag.objects.order_by("kind", "name")),
            Prefetch("network_tags", queryset=_cohort_tag_queryset()),
        )
        .first()
    )


def _cohort_tag_queryset():
    from .models import CohortTag

    return CohortTag.objects.select_related("tag").order_by("tag__kind", "tag__name")


def cohort_tags(*, cohort) -> list[Tag]:
    """The course's and the cohort's own tags, without repeats."""
    seen: dict[int, Tag] = {}
    for tag in [*cohort.course.tags.all(), *(ct.tag for ct in cohort.network_tags.all())]:
        seen.setdefault(tag.pk, tag)
    return sorted(seen.values(), key=lambda t: (t.kind, t.name))


# --- Filter choices --------------------------------------------------------------------


def course_choices_with_languages() -> list[tuple[int, str, str]]:
    """Each course once, titled in the reader's language where it is translated
    (with the language its title is in), and with its languages."""
    from courses.selectors import course_choices_with_languages as courses_once

    return courses_once()


def cohort_choices() -> list:
    """Every cohort once, named in the reader's language: its course's title in
    that language when translated, and the cohort's own translated title."""
    from courses.selectors import course_cohorts_localized

    return list(
        course_cohorts_localized()
        .filter(course__live=True)
        .order_by("course_display_title", F("start_date").desc(nulls_last=True), "title")
        .only("pk", "slug", "title", "title_translations", "mode")
    )


def country_choices(*, audience: str) -> list[tuple[str, str]]:
    """The countries of members listed for ``audience`` who show their country.

    Offering only these keeps the filter short and useful; hidden members and
    hidden countries add nothing to it. One query.
    """
    codes = (
        listed_participants(audience=audience)
        .filter(shows_q(DirectoryField.COUNTRY, audience))
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
        .order_by()
    )
    return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])


# --- Network overview --------------------------------------------------------------------


@dataclass(frozen=True)
class CountryCount:
    code: str
    name: str
    count: int


def members_per_country(*, audience: str) -> list[CountryCount]:
    """Listed members per country, largest first, one aggregate query.

    Members who do not show their country are one row, "Country not shown",
    with the empty code; so are members with no country.
    """
    country_shown = Case(
        When(shows_q(DirectoryField.COUNTRY, audience), then=F("country")),
        default=Value(""),
        output_field=CharField(),
    )
    rows = (
        listed_participants(audience=audience)
        .annotate(shown_country=country_shown)
        .values("shown_country")
        .annotate(count=Count("pk"))
        .order_by()
    )
    result = [
        CountryCount(
            code=row["shown_country"] or "",
            name=countries.name(row["shown_country"])
            if row["shown_country"]
            else str(_("Country not shown")),
            count=row["count"],
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (r.code == "", -r.count, r.name))


def visibility_totals() -> dict[str, int]:
    """Profiles per directory visibility, hidden included: for the secretariat only."""
    rows = (
        Participant.objects.filter(profile_completed_at__isnull=False, anonymised_at__isnull=True)
        .values("directory_visibility")
        .annotate(count=Count("pk"))
        .order_by()
    )
    totals = dict.fromkeys(DirectoryVisibility.values, 0)
    for row in rows:
        totals[row["directory_visibility"]] = row["count"]
    return totals


@dataclass(frozen=True)
class TagCount:
    tag_id: int
    name: str
    kind: str
    people: int


def people_trained_per_tag(
    *, kind: str | None = None, audience: str | None = None
) -> list[TagCount]:
    """People who completed a course or cohort tagged with each species, method or site.

    One SQL query: one row per tag, a person counted once per tag however many
    tagged courses they completed. With ``audience`` (for pages shown to
    non-secretariat users) only members listed for that audience who show
    their courses are counted; without it (secretariat reports) everyone is.

    Args:
        kind: a ``TagKind`` value to count only species, methods or sites.
    """
    from courses.models import Enrolment

    trained = Exists(
        Enrolment.objects.filter(participant=OuterRef("pk"), completed_at__isnull=False).filter(
            Q(cohort__course__tags=OuterRef(OuterRef("pk")))
            | Q(cohort__network_tags__tag=OuterRef(OuterRef("pk")))
        )
    )
    if audience is None:
        people = Participant.objects.filter(trained)
    else:
        people = (
            listed_participants(audience=audience)
            .filter(shows_q(DirectoryField.COURSES, audience))
            .filter(trained)
        )
    counted = (
        people.order_by()
        .annotate(dummy=Value(1))
        .values("dummy")
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    tags = Tag.objects.all()
    if kind:
        if kind not in TagKind.values:
            raise ValueError(f"Unknown tag kind: {kind}")
        tags = tags.filter(kind=kind)
    rows = tags.annotate(people=Coalesce(Subquery(counted), 0)).order_by("kind", "-people", "name")
    return [TagCount(tag_id=t.pk, name=t.name, kind=t.kind, people=t.people) for t in rows]


# --- Messages ------------------------------------------------------------------------------


def messages_received(*, participant: Participant) -> QuerySet[Message]:
    return (
        Message.objects.filter(recipient=participant)
        .select_related("sender")
        .order_by("-sent_at", "-pk")
    )


def messages_sent(*, participant: Participant) -> QuerySet[Message]:
    return (
        Message.objects.filter(sender=participant)
        .select_related("recipient")
        .order_by("-sent_at", "-pk")
    )


def message_for_participant(*, participant: Participant, message_id: int) -> Message | None:
    """Message ``message_id`` if ``participant`` sent or received it; None otherwise (404)."""
    return (
        Message.objects.filter(Q(sender=participant) | Q(recipient=participant), pk=message_id)
        .select_related("sender", "recipient")
        .first()
    )


def conversation(*, message: Message, limit: int = 50) -> list[Message]:
    """The latest messages between the two people of ``message``, oldest first."""
    pair = Q(sender_id=message.sender_id, recipient_id=message.recipient_id) | Q(
        sender_id=message.recipient_id, recipient_id=message.sender_id
    )
    latest = list(
        Message.objects.filter(pair).select_related("sender").order_by("-sent_at", "-pk")[:limit]
    )
    return list(reversed(latest))


def is_blocked(*, blocker: Participant, blocked_id: int) -> bool:
    return ContactBlock.objects.filter(blocker=blocker, blocked_id=blocked_id).exists()


def open_reports() -> QuerySet[Report]:
    return (
        Report.objects.filter(status=ReportStatus.OPEN)
        .select_related("message__sender", "message__recipient", "reporter")
        .order_by("created_at", "pk")
    )


def reports_recent_closed(*, limit: int = 20) -> list[Report]:
    return list(
        Report.objects.exclude(status=ReportStatus.OPEN)
        .select_related("message__sender", "reporter", "handled_by")
        .order_by("-handled_at", "-pk")[:limit]
    )


# --- The personal-data download (portal.registry.personal_data) -------------

PERSONAL_DATA_COVERS = (
    "network.DirectoryProfile.participant",
    "network.Message.sender",
    "network.Message.recipient",
    "network.Report.reporter",
    "network.ContactBlock.blocker",
)
PERSONAL_DATA_OMITS = {
    "network.ContactBlock.blocked": (
        "Who blocked the person is the blocker's choice and stays theirs"
    ),
    "network.Report.handled_by": "A moderator's handling of other people's reports",
}


def _other_party(participant) -> str:
    """Another person as a message showed them: their name, never their e-mail."""
    return str(participant)


def network_personal_data(participant) -> dict[str, list[dict]]:
    """The person's directory settings, messages sent and received, reports and blocks made."""
    from django.forms.models import model_to_dict

    from .models import ContactBlock, DirectoryProfile, Message, Report

    profile = DirectoryProfile.objects.filter(participant=participant).first()
    return {
        "network.directory_settings": (
            [
                model_to_dict(profile, exclude=["id", "participant"])
                | {"updated_at": profile.updated_at}
            ]
            if profile
            else []
        ),
        "network.messages_sent": [
            {
                "to": _other_party(m.recipient),
                "body": m.body,
                "sent_at": m.sent_at,
                "read_at": m.read_at,
                "reply_to": m.reply_to_id,
                "message": m.pk,
            }
            for m in Message.objects.filter(sender=participant)
            .select_related("recipient")
            .order_by("sent_at", "pk")
        ],
        "network.messages_received": [
            {
                "from": _other_party(m.sender),
                "body": m.body,
                "sent_at": m.sent_at,
                "read_at": m.read_at,
                "reply_to": m.reply_to_id,
                "message": m.pk,
            }
            for m in Message.objects.filter(recipient=participant)
            .select_related("sender")
            .order_by("sent_at", "pk")
        ],
        # What the person reported and where it stands; the moderator and their note stay out.
        "network.reports_made": [
            {
                "message": r.message_id,
                "reason": r.reason,
                "details": r.details,
                "reported_at": r.created_at,
                "status": r.status,
            }
            for r in Report.objects.filter(reporter=participant).order_by("created_at", "pk")
        ],
        "network.blocks_made": [
            {"blocked": _other_party(b.blocked), "since": b.created_at}
            for b in ContactBlock.objects.filter(blocker=participant)
            .select_related("blocked")
            .order_by("pk")
        ],
    }
