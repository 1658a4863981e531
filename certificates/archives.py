"""A cohort's certificate PDFs in one ZIP, built by the task worker."""

from __future__ import annotations

import logging
import re
import tempfile
import zipfile

from anyascii import anyascii
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from .documents import certificate_pdf_bytes
from .models import CohortArchive, IssueRunStatus
from .selectors import cohort_certificates

logger = logging.getLogger(__name__)

# Spooled: a large cohort's archive goes to a temporary file, not memory.
ZIP_IN_MEMORY = 16 * 1024 * 1024
PROGRESS_EVERY = 10


def archive_member_name(certificate) -> str:
    """``FA-2026-000123_Zoe-Stefanescu-Nguyen.pdf``: the serial and the holder's Latin name.

    Only ASCII letters, digits and hyphens, so that every unzip tool and file
    system takes it as it is (no path separators, no accents to mangle).
    """
    name = re.sub(r"[^A-Za-z0-9]+", "-", anyascii(certificate.holder_name or "")).strip("-")
    return (
        f"{certificate.serial}_{name[:80].rstrip('-')}.pdf" if name else f"{certificate.serial}.pdf"
    )


def cohort_archive_request(*, cohort, acting_user, include_all: bool = False) -> CohortArchive:
    """Record a ZIP of ``cohort``'s certificates to build, and queue it on commit.

    Args:
        include_all: also the expired, revoked (marked) and superseded ones.
    """
    from .tasks import cohort_archive_task

    archive = CohortArchive.objects.create(
        cohort=cohort, requested_by=acting_user, include_all=include_all
    )
    transaction.on_commit(lambda: cohort_archive_task.enqueue(archive_id=archive.pk))
    return archive


def _update(archive: CohortArchive, **fields) -> None:
    for name, value in fields.items():
        setattr(archive, name, value)
    CohortArchive.objects.filter(pk=archive.pk).update(**fields)


def cohort_archive_build(*, archive: CohortArchive) -> CohortArchive:
    """Write the cohort's certificate PDFs into one ZIP: the valid ones, or all (``include_all``).

    Each is named by serial and the holder's Latin name (``archive_member_name``);
    a revoked one carries its mark.

    Progress is saved as it goes; the finished file goes to the default storage
    (shared by every server). Running it again for a finished archive changes
    nothing.

    Raises:
        OSError: a PDF or the storage could not be read or written; the archive
            is marked failed with the error first.
    """
    if archive.status == IssueRunStatus.DONE:
        return archive
    certificates = [
        c
        for c in cohort_certificates(
            cohort=archive.cohort, include_all=archive.include_all
        ).select_related("participant__user")
        if c.pdf
    ]
    _update(archive, status=IssueRunStatus.RUNNING, total=len(certificates), processed=0, error="")
    try:
        with tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY) as buffer:
            with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as zipped:
                for index, certificate in enumerate(certificates, start=1):
                    zipped.writestr(
                        archive_member_name(certificate), certificate_pdf_bytes(certificate)
                    )
                    if index % PROGRESS_EVERY == 0:
                        _update(archive, processed=index)
            buffer.seek(0)
            archive.file.save(f"certificates-{archive.cohort.slug}.zip", File(buffer), save=False)
    except OSError as error:
        _update(
            archive,
            status=IssueRunStatus.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        logger.exception("Cohort archive %s failed", archive.pk)
        raise
    _update(
        archive,
        file=archive.file.name,
        status=IssueRunStatus.DONE,
        processed=len(certificates),
        finished_at=timezone.now(),
    )
    return archive
