"""The library's views, reached through ``LibraryIndexPage``'s routes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as document_serve

from .feeds import LibraryFeed
from .forms import ResourceProposalForm
from .models import LibraryIndexPage
from .selectors import (
    document_hidden,
    document_is_published,
    filters_from,
    library_listing,
    tag_page_context,
)
from .services import download_count_add
from .services import resource_propose as resource_propose_service


def library_index(request, *, index_page: LibraryIndexPage):
    """Search and facets over the published resources; every choice is in the URL."""
    filters = filters_from(request.GET)
    context = library_listing(
        index_page=index_page, filters=filters, page_number=request.GET.get("page")
    )
    return index_page.render(
        request, template="library/library_index_page.html", context_overrides=context
    )


def library_feed(request, *, index_page: LibraryIndexPage):
    return LibraryFeed(index_page)(request)


def library_tag(request, *, index_page: LibraryIndexPage, slug: str):
    context = tag_page_context(index_page=index_page, slug=slug)
    if context is None:
        raise Http404
    return index_page.render(request, template="library/tag_page.html", context_overrides=context)


@csrf_protect
@never_cache
def resource_propose(request, *, index_page: LibraryIndexPage):
    """A signed-in member proposes a resource; it waits, unseen, for the secretariat."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = ResourceProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resource_propose_service(
                index_page=index_page,
                proposer=request.user,
                title=data["title"],
                summary=data["summary"],
                kind=data["kind"],
                year=data["year"],
                authors=data["authors"],
                organisations=data["organisations"],
                languages=data["languages"],
                countries=data["countries"],
                tags=data["tags"],
                licence=data["licence"],
                doi=data["doi"],
                url=data["url"],
                files=data["files"],
                credit_name=(request.user.get_full_name() or "") if data["credit"] else "",
                note=data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. The secretariat will review your proposal; you will get an "
                    "e-mail when it is published."
                ),
            )
            return redirect(index_page.url)
    return index_page.render(
        request, template="library/resource_propose.html", context_overrides={"form": form}
    )


@never_cache
def resource_file_download(request, *, index_page: LibraryIndexPage, document_id: int):
    """Count a download of a resource's file, then serve it (Wagtail's serve view).

    404 for a document of no resource in this library, and for one that belongs
    only to unpublished resources, unless the user may edit one of them.
    """
    document = (
        get_document_model()
        .objects.filter(pk=document_id, library_files__resource__path__startswith=index_page.path)
        .first()
    )
    if document is None or document_hidden(document=document, user=request.user):
        raise Http404
    if document_is_published(document=document):
        download_count_add(document_id=document.pk)
    return document_serve(request, document.pk, document.filename)
