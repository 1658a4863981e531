"""Every file a cohort handed in for an assignment, in one ZIP built by the task worker."""

from __future__ import annotations

import logging
import re
import tempfile
import zipfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from .models import SubmissionArchive, ZipStatus
from .selectors import grading_rows

logger = logging.getLogger(__name__)

ZIP_IN_MEMORY = 16 * 1024 * 1024
PROGRESS_EVERY = 10
_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def submission_archive_request(*, assignment, cohort, acting_user) -> SubmissionArchive:
    """Record a ZIP of the cohort's submissions to build, and queue it on commit."""
    from .tasks import submission_archive_task

    archive = SubmissionArchive.objects.create(
        assignment=assignment, cohort=cohort, requested_by=acting_user
    )
    transaction.on_commit(lambda: submission_archive_task.enqueue(archive_id=archive.pk))
    return archive


def _update(archive: SubmissionArchive, **fields) -> None:
    for name, value in fields.items():
        setattr(archive, name, value)
    SubmissionArchive.objects.filter(pk=archive.pk).update(**fields)


def _safe(text: str) -> str:
    return _UNSAFE.sub("_", text).strip(" ._")[:80] or "file"


def submission_archive_build(*, archive: SubmissionArchive) -> SubmissionArchive:
    """Write every file (and written answer) of the newest submissions into one ZIP.

    One folder per learner (family name, given name, participant number);
    progress is saved as it goes. The ZIP goes to private storage.

    Raises:
        OSError: a file or the storage could not be read or written; the
            archive is marked failed first.
    """
    if archive.status == ZipStatus.DONE:
        return archive
    rows = [
        r
        for r in grading_rows(assignment=archive.assignment, cohort=archive.cohort)
        if r.submission
    ]
    _update(archive, status=ZipStatus.RUNNING, total=len(rows), processed=0, error="")
    try:
        with tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY) as buffer:
            with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
                for index, row in enumerate(rows, start=1):
                    person = row.enrolment.participant
                    folder = _safe(f"{person.family_name} {person.given_name} {person.pk}")
                    submission = row.submission
                    if submission.text:
                        zipped.writestr(f"{folder}/answer.txt", submission.text)
                    for n, item in enumerate(submission.files.all(), start=1):
                        with item.file.open("rb") as handle:
                            zipped.writestr(
                                f"{folder}/{n}-{_safe(item.original_name)}", handle.read()
                            )
                    if index % PROGRESS_EVERY == 0:
                        _update(archive, processed=index)
            buffer.seek(0)
            archive.file.save(
                f"submissions-{archive.assignment_id}-{archive.cohort.slug}.zip",
                File(buffer),
                save=False,
            )
    except OSError as error:
        _update(
            archive, status=ZipStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        logger.exception("Submission archive %s failed", archive.pk)
        raise
    _update(
        archive,
        file=archive.file.name,
        status=ZipStatus.DONE,
        processed=len(rows),
        finished_at=timezone.now(),
    )
    return archive
