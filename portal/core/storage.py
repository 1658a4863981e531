"""Where private files live: the ``private`` storage, never served by a web server.

Uploaded participant lists, certificate PDFs and cohort archives are personal
data. They are kept in ``STORAGES["private"]``: a folder outside ``MEDIA_ROOT``
(``FLYWAY_PRIVATE_DIR``, by default ``FLYWAY_VAR_DIR/private``; with several
app servers, a folder every server mounts, like the media folder) or, with
``STORAGE_BACKEND=s3``, a private bucket or prefix whose objects have no public
URL. They reach a browser only through a view that checks permission and
answers ``Content-Disposition: attachment``.

Model fields name the callable :func:`private_storage` (``FileField(storage=...)``),
so that a test or a deployment that changes ``STORAGES`` is followed.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty


class PrivateFileHasNoURL(NotImplementedError, ValueError):
    """A private file was asked for its address.

    A ``ValueError`` for the portal's own code; a ``NotImplementedError`` is
    what Wagtail's document serve view takes to mean "this storage gives no
    URL, stream the file" (as for a remote storage).
    """


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder of files that have no address: asking for a URL is a mistake.

    The embedded default's ``STORAGES["private"]``. A template or view that
    tried to link a private file would otherwise get a ``MEDIA_URL`` address
    (served to anyone under ``make run``); here it fails loudly instead.
    """

    def url(self, name):
        raise PrivateFileHasNoURL(
            "Private files have no URL: serve them through a view that checks permission."
        )


class _PrivateStorage(LazyObject):
    """``STORAGES["private"]``, looked up on first use (as ``default_storage`` is)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def _storages_changed(*, setting, **kwargs) -> None:
    # Tests (and override_settings) that change STORAGES get the new storage.
    if setting == "STORAGES":
        _private._wrapped = empty


setting_changed.connect(_storages_changed, dispatch_uid="portal_core_private_storage")


def private_storage() -> Storage:
    """The storage for files nobody may fetch by address."""
    return _private


def generated_name(folder: str, filename: str) -> str:
    """``folder/<random>.<ext>``: the stored name tells nothing and cannot be guessed.

    The original name (a person's name, a workshop) stays in the database
    where the model keeps it; only a short, plain extension is carried over.
    """
    suffix = PurePosixPath(filename).suffix.lower()
    if not (suffix[1:].isascii() and suffix[1:].isalnum() and len(suffix) <= 6):
        suffix = ""
    return f"{folder.rstrip('/')}/{uuid.uuid4().hex}{suffix}"
