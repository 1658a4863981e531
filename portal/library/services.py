"""Writes of the knowledge library: counting downloads, members' proposals, telling proposers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import ngettext
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail_localize.synctree import create_aliases_for_new_page

from assignments.uploads import CheckedFile
from portal.core.links import absolute_url
from portal.core.mail import mail_send

from .models import (
    DownloadCount,
    LibraryIndexPage,
    ResourceFile,
    ResourceLanguage,
    ResourcePage,
    ResourceProposal,
)

DEFAULT_PROPOSALS_PER_DAY = 5
COLLECTION_NAME = "Library"


def download_count_add(*, document_id: int) -> None:
    """Count one download of a document; nothing about who downloaded it is kept."""
    updated = DownloadCount.objects.filter(document_id=document_id).update(count=F("count") + 1)
    if not updated:
        _count, created = DownloadCount.objects.get_or_create(
            document_id=document_id, defaults={"count": 1}
        )
        if not created:
            DownloadCount.objects.filter(document_id=document_id).update(count=F("count") + 1)


def library_collection() -> Collection:
    """The collection that holds the library's files (made on first use)."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def proposals_per_day() -> int:
    return int(getattr(settings, "LIBRARY_PROPOSALS_PER_DAY", DEFAULT_PROPOSALS_PER_DAY))


def _unique_slug(index_page: LibraryIndexPage, title: str) -> str:
    base = slugify(title, allow_unicode=True)[:70] or "resource"
    taken = set(
        index_page.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def resource_propose(
    *,
    index_page: LibraryIndexPage,
    proposer,
    title: str,
    summary: str,
    kind: str,
    year: int,
    authors: str,
    organisations: str,
    languages: list[str],
    countries: list[str],
    tags: list,
    licence: str,
    doi: str,
    url: str,
    files: list[CheckedFile],
    credit_name: str,
    note: str,
) -> ResourcePage:
    """Make a member's proposal a draft resource submitted to the secretariat's workflow.

    The page is not live and its files are hidden (``selectors.document_hidden``)
    until the secretariat publishes it in the admin. ``credit_name`` is the name
    to show as the proposer's, empty when they did not agree to be named.

    Raises:
        ValidationError: the proposer has reached the day's limit, or a field is invalid.
            Nothing is written then.
    """
    since = timezone.now() - dt.timedelta(days=1)
    limit = proposals_per_day()
    if ResourceProposal.objects.filter(proposer=proposer, created_at__gte=since).count() >= limit:
        raise ValidationError(
            ngettext(
                "You can propose %(limit)d resource a day. Please try again tomorrow.",
                "You can propose %(limit)d resources a day. Please try again tomorrow.",
                limit,
            )
            % {"limit": limit},
            code="rate_limited",
        )
    Document = get_document_model()
    with transaction.atomic():
        collection = library_collection()
        documents = []
        for checked in files:
            document = Document(
                title=checked.name, collection=collection, uploaded_by_user=proposer
            )
            document.file.save(checked.name, ContentFile(checked.data), save=False)
            # Size, type and Wagtail's own hash, as the admin's upload sets them.
            document._set_document_file_metadata()
            document.save()
            documents.append(document)
        page = ResourcePage(
            title=title,
            slug=_unique_slug(index_page, title),
            live=False,
            kind=kind,
            summary=summary,
            year=year,
            authors=authors,
            organisations=organisations,
            countries=countries,
            licence=licence,
            doi=doi,
            external_url=url,
            owner=proposer,
        )
        page.languages = [ResourceLanguage(language=code) for code in languages]
        page.files = [ResourceFile(document=document) for document in documents]
        page.tags = list(tags)
        page.full_clean(exclude=["path", "depth", "url_path", "draft_title"])
        index_page.add_child(instance=page)
        # As for a page made in the admin: each synchronised language's tree gets
        # an alias, which stays unpublished with its source.
        create_aliases_for_new_page(page)
        page.save_revision(user=proposer, log_action=True)
        ResourceProposal.objects.create(
            resource=page, proposer=proposer, credit_name=credit_name, note=note
        )
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, proposer)
    return page


def proposal_published_notify(*, proposal_id: int) -> bool:
    """Tell the proposer, in their language, that their resource is published; once.

    Returns:
        True when a mail was sent, False when there was nothing to tell (not
        live, already told, or no proposer left).
    """
    with transaction.atomic():
        proposal = (
            ResourceProposal.objects.select_for_update(of=("self",))
            .select_related("proposer", "resource")
            .filter(pk=proposal_id)
            .first()
        )
        if (
            proposal is None
            or proposal.published_notified_at is not None
            or proposal.proposer is None
            or not proposal.resource.live
        ):
            return False
        proposer = proposal.proposer
        resource = proposal.resource
        mail_send(
            template="library/email/proposal_published",
            context=lambda: {
                "title": resource.title,
                "url": absolute_url(resource.url or ""),
                "name": proposer.first_name or proposer.email,
            },
            to=proposer.email,
            language=proposer.preferred_language,
        )
        proposal.published_notified_at = timezone.now()
        proposal.save(update_fields=["published_notified_at"])
    return True


def proposal_credits_erase(*, user_id: int) -> int:
    """Take a person's name off every resource they proposed (anonymisation, account deletion).

    Returns:
        How many proposals were changed.
    """
    from portal.core.page_cache import public_content_changed

    changed = (
        ResourceProposal.objects.filter(proposer_id=user_id)
        .exclude(credit_name="")
        .update(credit_name="", note="")
    )
    if changed:
        public_content_changed()
    return changed
