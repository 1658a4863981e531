"""Reads of the knowledge library: search, facets, tag pages, visibility of files."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.documents.models import Document

from courses.models import CoursePage
from portal.core.links import absolute_url
from portal.reporting.definitions import report_min_cell
from portal.reporting.models import ParticipationFact
from portal.taxonomy.models import Tag, TagKind

from .models import DownloadCount, LibraryIndexPage, ResourceKind, ResourceLanguage, ResourcePage
from .search import query_terms

PAGE_SIZE = 20


@dataclass(frozen=True)
class LibraryFilters:
    """What a visitor asked for; every part is in the URL so a link can be shared."""

    q: str = ""
    kind: str = ""
    country: str = ""
    species: str = ""
    language: str = ""
    year: int | None = None

    FACETS = ("kind", "country", "species", "language", "year")

    def query_string(self, **changes) -> str:
        """The URL query for these filters with ``changes`` applied (empty ones dropped)."""
        values = {**self.__dict__, **changes}
        pairs = [(key, values[key]) for key in ("q", *self.FACETS) if values.get(key)]
        return f"?{urlencode(pairs)}" if pairs else "?"

    @property
    def any(self) -> bool:
        return any(getattr(self, key) for key in ("q", *self.FACETS))


def published_resources(*, index_page: LibraryIndexPage) -> QuerySet[ResourcePage]:
    """The live resources of one library (one language's tree): never a draft or proposal."""
    return ResourcePage.objects.live().child_of(index_page)


def resource_search(queryset: QuerySet[ResourcePage], query: str) -> QuerySet[ResourcePage]:
    """Resources whose stored search text holds every term of ``query`` (``search.py``).

    PostgreSQL: its full-text search over the stored terms (the ``simple``
    configuration: no stemming, since the terms are already cut for every
    script), each word as a prefix. SQLite: each term found whole in the stored
    text, each word as the start of a stored term.
    """
    terms = query_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        raw = " & ".join(f"'{t.text}':*" if t.prefix else f"'{t.text}'" for t in terms)
        return queryset.annotate(search_vector=SearchVector("search_text", config="simple")).filter(
            search_vector=SearchQuery(raw, config="simple", search_type="raw")
        )
    for term in terms:
        needle = f" {term.text}" if term.prefix else f" {term.text} "
        queryset = queryset.filter(search_text__contains=needle)
    return queryset


def filtered_resources(*, index_page: LibraryIndexPage, filters: LibraryFilters) -> QuerySet:
    queryset = resource_search(published_resources(index_page=index_page), filters.q)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.country:
        # Stored as "CN,MN": two-letter codes, so a code never matches across a comma.
        queryset = queryset.filter(countries__contains=filters.country)
    if filters.species:
        queryset = queryset.filter(tags__slug=filters.species, tags__kind=TagKind.SPECIES)
    if filters.language:
        queryset = queryset.filter(languages__language=filters.language)
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    return queryset.distinct()


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


def _facet(name: str, label: str, counts: dict, labels: dict, filters: LibraryFilters) -> Facet:
    current = str(getattr(filters, name) or "")
    values = []
    for value, count in counts.items():
        selected = str(value) == current
        url = filters.query_string(**{name: "" if selected else value})
        values.append(FacetValue(str(value), labels.get(value, str(value)), count, url, selected))
    if name == "year":
        values.sort(key=lambda v: v.value, reverse=True)
    else:
        values.sort(key=lambda v: (-v.count, v.label))
    return Facet(name, label, values)


def library_facets(*, queryset: QuerySet, filters: LibraryFilters) -> list[Facet]:
    """Kind, country, species, language and year, each value counted over ``queryset``.

    The counts are of the resources that match every filter chosen, so they
    tell how many a further click leaves. Three queries.
    """
    rows = list(queryset.order_by().values_list("pk", "kind", "year", "countries"))
    ids = [row[0] for row in rows]
    kinds = Counter(row[1] for row in rows)
    years = Counter(row[2] for row in rows)
    country_counts: Counter = Counter()
    for row in rows:
        codes = row[3] if isinstance(row[3], list | tuple) else str(row[3] or "").split(",")
        country_counts.update({str(code) for code in codes if code})
    languages = dict(
        ResourceLanguage.objects.filter(resource_id__in=ids)
        .values_list("language")
        .annotate(n=Count("resource", distinct=True))
        .order_by()
    )
    species = (
        Tag.objects.filter(kind=TagKind.SPECIES, resources__in=ids)
        .annotate(n=Count("resources", distinct=True))
        .order_by()
    )
    species_counts = {tag.slug: tag.n for tag in species}
    species_labels = {tag.slug: tag.display_name for tag in species}
    return [
        _facet("kind", _("Kind"), dict(kinds), dict(ResourceKind.choices), filters),
        _facet(
            "country",
            _("Country"),
            dict(country_counts),
            {code: str(countries.name(code)) for code in country_counts},
            filters,
        ),
        _facet("species", _("Species"), species_counts, species_labels, filters),
        _facet("language", _("Language"), languages, dict(settings.LANGUAGES), filters),
        _facet("year", _("Year"), dict(years), {}, filters),
    ]


def library_listing(*, index_page: LibraryIndexPage, filters: LibraryFilters, page_number):
    """The index page's results, one page of them, and the facets; a fixed number of queries."""
    from django.core.paginator import Paginator

    queryset = filtered_resources(index_page=index_page, filters=filters)
    facets = library_facets(queryset=queryset, filters=filters)
    ordered = queryset.order_by("-year", "title").only(
        "id", "title", "slug", "url_path", "locale_id", "kind", "year", "summary", "authors"
    )
    paginator = Paginator(ordered, PAGE_SIZE)
    page = paginator.get_page(page_number)
    return {"results": page, "facets": facets, "filters": filters}


# --- Tag pages -----------------------------------------------------------------


def people_trained_shown(*, tag: Tag) -> str:
    """How many people completed a course tagged ``tag``, as a public figure.

    Read from the participation facts that the published reports come from;
    below ``REPORT_MIN_CELL`` it is shown as "<5", like every public count.
    """
    min_cell = report_min_cell()
    count = (
        ParticipationFact.objects.filter(course__tags=tag, completed=True)
        .values("participant")
        .distinct()
        .count()
    )
    return f"<{min_cell}" if count < min_cell else f"{count:,}"


def tag_page_context(*, index_page: LibraryIndexPage, slug: str) -> dict | None:
    """A tag's courses (in the library's language), resources and people trained, or None."""
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        return None
    resources = list(
        published_resources(index_page=index_page)
        .filter(tags=tag)
        .order_by("-year", "title")
        .only("id", "title", "slug", "url_path", "locale_id", "kind", "year", "summary")
    )
    courses = list(
        CoursePage.objects.live()
        .filter(tags=tag, locale_id=index_page.locale_id)
        .order_by("title")
        .only("id", "title", "slug", "url_path", "locale_id", "summary")
    )
    return {
        "tag": tag,
        "resources": resources,
        "courses": courses,
        "people_trained": people_trained_shown(tag=tag),
        "min_cell": report_min_cell(),
    }


# --- A resource's own page -----------------------------------------------------------


def download_path(*, index_page: LibraryIndexPage, document_id: int, request=None) -> str:
    return index_page.get_url(request) + index_page.reverse_subpage(
        "download_route", args=[document_id]
    )


def resource_page_context(*, resource: ResourcePage, request) -> dict:
    """Files with their download counts, tags, the proposer's credit and the JSON-LD."""
    index_page = resource.get_parent().specific
    files = list(resource.files.select_related("document"))
    counts = dict(
        DownloadCount.objects.filter(document_id__in=[f.document_id for f in files]).values_list(
            "document_id", "count"
        )
    )
    file_rows = [
        {
            "file": row,
            "document": row.document,
            "label": row.label or row.document.title,
            "url": download_path(
                index_page=index_page, document_id=row.document_id, request=request
            ),
            "downloads": counts.get(row.document_id, 0),
        }
        for row in files
    ]
    proposal = getattr(resource, "proposal", None) if resource.pk else None
    tags = list(resource.tags.all())
    page_url = absolute_url(resource.get_url(request) or "")
    return {
        "index_page": index_page,
        "file_rows": file_rows,
        "tags": tags,
        "tag_base": index_page.get_url(request) + "tags/",
        "credit_name": proposal.credit_name if proposal else "",
        "languages": [dict(settings.LANGUAGES).get(c, c) for c in resource.language_codes],
        "json_ld": resource.json_ld(
            page_url=page_url, file_urls=[absolute_url(row["url"]) for row in file_rows]
        ),
    }


def document_resources(*, document: Document) -> list[ResourcePage]:
    return list(ResourcePage.objects.filter(files__document=document).distinct())


def document_hidden(*, document: Document, user) -> bool:
    """Whether ``document`` must be 404 to ``user``: it belongs only to unpublished resources.

    A document of no library resource is not the library's to hide (False). One
    attached to a live resource is public. One attached only to drafts and
    proposals is shown to the people who may edit one of those pages, and is
    hidden from everybody else.
    """
    pages = document_resources(document=document)
    if not pages or any(page.live for page in pages):
        return False
    if not user.is_authenticated:
        return True
    return not any(page.permissions_for_user(user).can_edit() for page in pages)


def document_is_published(*, document: Document) -> bool:
    return ResourcePage.objects.live().filter(files__document=document).exists()


def feed_resources(*, index_page: LibraryIndexPage, limit: int = 50) -> list[ResourcePage]:
    return list(
        published_resources(index_page=index_page)
        .order_by("-last_published_at", "-pk")
        .only(
            "id",
            "title",
            "slug",
            "url_path",
            "locale_id",
            "kind",
            "year",
            "summary",
            "authors",
            "organisations",
            "last_published_at",
            "first_published_at",
        )[:limit]
    )


def filters_from(data) -> LibraryFilters:
    """Filters from a query dict; unknown values are dropped rather than refused."""
    kind = data.get("kind", "")
    language = data.get("language", "")
    country = data.get("country", "").upper()
    year = data.get("year", "")
    return replace(
        LibraryFilters(),
        q=data.get("q", "").strip()[:200],
        kind=kind if kind in ResourceKind.values else "",
        country=country if country in dict(countries) else "",
        species=data.get("species", "")[:120],
        language=language if language in dict(settings.LANGUAGES) else "",
        year=int(year) if year.isdigit() and 1900 <= int(year) <= 2200 else None,
    )


# --- The person's data download (the registry's hook) ------------------------------

PERSONAL_DATA_COVERS = ("library.ResourceProposal.proposer",)
PERSONAL_DATA_OMITS: dict[str, str] = {}


def library_personal_data(participant) -> dict[str, list[dict]]:
    """The resources the person proposed, with the name they agreed to be credited by."""
    from .models import ResourceProposal

    if participant.user_id is None:
        return {"library.proposals": []}
    return {
        "library.proposals": [
            {
                "resource": proposal.resource.title,
                "proposed_at": proposal.created_at,
                "credited_as": proposal.credit_name,
                "note": proposal.note,
                "published": proposal.resource.live,
            }
            for proposal in ResourceProposal.objects.filter(proposer_id=participant.user_id)
            .select_related("resource")
            .order_by("created_at", "pk")
        ]
    }
