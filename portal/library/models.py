"""The knowledge library: resources as Wagtail pages under one index page.

Resources are pages so that drafts, revisions, the moderation workflow and
locales are Wagtail's. What is not content lives in plain models: a member's
proposal (who proposed it, whether they agreed to be named, when they were
told it is published) and how often each file was downloaded.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail_localize.fields import SynchronizedField

from .search import index_text


class ResourceKind(models.TextChoices):
    REPORT = "report", _("Report")
    PROTOCOL = "protocol", _("Protocol")
    DATA_SHEET = "data_sheet", _("Field data sheet")
    DATASET = "dataset", _("Data set")
    PRESENTATION = "presentation", _("Presentation")
    VIDEO = "video", _("Video")
    LINK = "link", _("Web link")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa", _("CC BY-SA 4.0")
    CC_BY_NC = "cc-by-nc", _("CC BY-NC 4.0")
    CC_BY_NC_SA = "cc-by-nc-sa", _("CC BY-NC-SA 4.0")
    CC_BY_ND = "cc-by-nd", _("CC BY-ND 4.0")
    CC_BY_NC_ND = "cc-by-nc-nd", _("CC BY-NC-ND 4.0")
    CC0 = "cc0", _("CC0 1.0 (public domain)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class LibraryIndexPage(RoutablePageMixin, Page):
    """The library at /library/: search, facets, tag pages, the feed, proposals, downloads.

    Its routes call the views in ``views.py``; the page itself holds only an
    introduction.
    """

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")

    @path("")
    def index_route(self, request):
        from .views import library_index

        return library_index(request, index_page=self)

    @path("feed/")
    def feed_route(self, request):
        from .views import library_feed

        return library_feed(request, index_page=self)

    @path("tags/<str:slug>/")
    def tag_route(self, request, slug):
        from .views import library_tag

        return library_tag(request, index_page=self, slug=slug)

    @path("propose/")
    def propose_route(self, request):
        from .views import resource_propose

        return resource_propose(request, index_page=self)

    @path("files/<int:document_id>/")
    def download_route(self, request, document_id):
        from .views import resource_file_download

        return resource_file_download(request, index_page=self, document_id=document_id)


class ResourcePage(Page):
    """One report, protocol, data sheet, data set, presentation, video or link."""

    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    summary = models.TextField(_("summary"), max_length=2000)
    authors = models.TextField(
        _("authors"), blank=True, help_text=_("One per line, as they should be cited.")
    )
    organisations = models.TextField(_("organisations"), blank=True, help_text=_("One per line."))
    year = models.PositiveSmallIntegerField(_("year"))
    countries = CountryField(_("countries"), multiple=True, blank=True)
    tags = ParentalManyToManyField(
        "taxonomy.Tag",
        verbose_name=_("species, methods and sites"),
        blank=True,
        related_name="resources",
    )
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices)
    citation = models.TextField(
        _("citation"),
        blank=True,
        help_text=_("Leave empty to show the citation made from the fields above."),
    )
    doi = models.CharField(
        _("DOI"), max_length=200, blank=True, help_text=_("For example 10.1234/abcd.5678.")
    )
    external_url = models.URLField(_("web address"), max_length=500, blank=True)
    # Made from the title, summary, authors, organisations and tags on every
    # save (a publish saves the page too): see search.py.
    search_text = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year"), FieldPanel("licence")]),
        FieldPanel("authors"),
        FieldPanel("organisations"),
        InlinePanel("languages", heading=_("Languages"), label=_("Language"), min_num=1),
        FieldPanel("countries"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [FieldPanel("doi"), FieldPanel("external_url"), FieldPanel("citation")],
            heading=_("Finding and citing it"),
        ),
        InlinePanel("files", heading=_("Files"), label=_("File")),
    ]

    override_translatable_fields = [
        SynchronizedField("doi"),
        SynchronizedField("external_url"),
        SynchronizedField("search_text", overridable=False),
    ]

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["year"])]

    def save(self, *args, **kwargs):
        # The stored search text follows the page on every path that saves it
        # (admin, publish of a revision, alias sync, services), so it is made here.
        self.search_text = self.build_search_text()
        return super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        tag_names = [f"{tag.name} {tag.scientific_name}" for tag in self.tags.all()]
        return index_text(self.title, self.summary, self.authors, self.organisations, *tag_names)

    @property
    def author_list(self) -> list[str]:
        return _lines(self.authors)

    @property
    def organisation_list(self) -> list[str]:
        return _lines(self.organisations)

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def generated_citation(self) -> str:
        """Authors (or organisations) (year). Title. Organisations. DOI or URL."""
        makers = self.author_list or self.organisation_list
        parts = []
        if makers:
            parts.append(f"{'; '.join(makers)} ({self.year}).")
        else:
            parts.append(f"({self.year}).")
        parts.append(f"{self.title}.")
        if self.author_list and self.organisation_list:
            parts.append(f"{', '.join(self.organisation_list)}.")
        link = self.doi_url or self.external_url
        if link:
            parts.append(link)
        return " ".join(parts)

    @property
    def shown_citation(self) -> str:
        return self.citation.strip() or self.generated_citation

    @cached_property
    def language_codes(self) -> list[str]:
        return [row.language for row in self.languages.all()]

    def get_context(self, request, *args, **kwargs):
        from .selectors import resource_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_page_context(resource=self, request=request))
        return context

    def json_ld(self, *, page_url: str, file_urls: list[str]) -> str:
        """schema.org JSON-LD for the page: a Dataset for data sets, else a CreativeWork.

        Returned marked safe for a ``<script type="application/ld+json">``: the
        characters that could close the element are escaped.
        """
        data = {
            "@context": "https://schema.org",
            "@type": "Dataset" if self.kind == ResourceKind.DATASET else "CreativeWork",
            "name": self.title,
            "description": self.summary,
            "url": page_url,
            "datePublished": str(self.year),
            "inLanguage": self.language_codes,
            "author": [{"@type": "Person", "name": name} for name in self.author_list]
            + [{"@type": "Organization", "name": name} for name in self.organisation_list],
            "keywords": [tag.name for tag in self.tags.all()],
            "citation": self.shown_citation,
        }
        if self.licence_url:
            data["license"] = self.licence_url
        same_as = [link for link in (self.doi_url, self.external_url) if link]
        if same_as:
            data["sameAs"] = same_as
        if self.doi:
            data["identifier"] = self.doi_url
        if self.countries:
            data["spatialCoverage"] = [str(country.name) for country in self.countries]
        if file_urls:
            key = "distribution" if self.kind == ResourceKind.DATASET else "associatedMedia"
            media_type = "DataDownload" if self.kind == ResourceKind.DATASET else "MediaObject"
            data[key] = [{"@type": media_type, "contentUrl": url} for url in file_urls]
        text = json.dumps(data, ensure_ascii=False, indent=1)
        for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(char, escape)
        return mark_safe(text)  # noqa: S308 — JSON with <, > and & escaped


class ResourceLanguage(Orderable):
    """A language the resource is written or spoken in."""

    resource = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    panels = [FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource language")
        verbose_name_plural = _("resource languages")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language"], name="library_resourcelanguage_unique"
            ),
        ]


class ResourceFile(Orderable):
    """A file of the resource: a Wagtail document, private until the resource is published."""

    resource = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="library_files",
    )
    label = models.CharField(_("label"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource file")
        verbose_name_plural = _("resource files")


class DownloadCount(models.Model):
    """How many times a document was downloaded through the library. Nothing about who.

    Kept apart from the page's file rows: publishing a revision rewrites those.
    """

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="library_download_count",
        verbose_name=_("document"),
    )
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.count}"


class ResourceProposal(models.Model):
    """A member's proposal: the draft page it became and who to credit and tell."""

    resource = models.OneToOneField(
        ResourcePage,
        on_delete=models.CASCADE,
        related_name="proposal",
        verbose_name=_("resource"),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="library_proposals",
        verbose_name=_("proposed by"),
    )
    credit_name = models.CharField(
        _("name to credit"),
        max_length=200,
        blank=True,
        help_text=_("Empty when the proposer did not agree to be named on the page."),
    )
    note = models.TextField(_("note to the secretariat"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    published_notified_at = models.DateTimeField(_("proposer told of publication"), null=True)

    class Meta:
        verbose_name = _("resource proposal")
        verbose_name_plural = _("resource proposals")

    def __str__(self) -> str:
        return str(self.resource)
