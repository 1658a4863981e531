"""Private file storage for what learners hand in: never under the public media root.

Files live under ``settings.PRIVATE_MEDIA_ROOT`` (``FLYWAY_VAR_DIR/private``)
and have no URL: they are served only by views that check who asks
(``assignments.views.submission_file``), as attachments.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at ``PRIVATE_MEDIA_ROOT`` (read on each use), without URLs."""

    def __init__(self, **kwargs):
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


private_storage = PrivateStorage()
