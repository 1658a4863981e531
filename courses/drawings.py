"""Drawings shipped under ``static/`` brought into the image library.

The figure block takes a drawing from the image library only. Drawings that
ship with the portal (``static/courses/img/*.svg``: the demo courses, and
blocks written before the library took SVG) are imported once each into the
"Course drawings" collection: the same file always gives the same image
(found by the hash of its safe form), so importing again adds nothing.

The functions take the model classes as arguments so that the data
migration (historical models, without treebeard's methods) and the demo
loader (the real ones) share them.
"""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import PurePosixPath

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile

from portal.core.svg import sanitise_svg

COLLECTION_NAME = "Course drawings"
_STEPLEN = 4
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _path_step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(_ALPHABET))
        digits = _ALPHABET[rest] + digits
    return digits.rjust(_STEPLEN, "0")


def drawings_collection(Collection):
    """The "Course drawings" collection under the root, made when first needed."""
    root = Collection.objects.filter(depth=1).order_by("path").first()
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    found = children.filter(name=COLLECTION_NAME).first()
    if found is not None:
        return found
    if hasattr(root, "add_child"):
        # The real model (not a migration's): treebeard keeps its name order.
        return root.add_child(name=COLLECTION_NAME)
    last = children.order_by("-path").values_list("path", flat=True).first()
    step = int(last[-_STEPLEN:], len(_ALPHABET)) + 1 if last else 1
    collection = Collection.objects.create(
        name=COLLECTION_NAME, depth=2, path=root.path + _path_step(step), numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    return collection


def shipped_drawing_bytes(static_path: str) -> bytes | None:
    """The safe form of a drawing under ``static/``, or None when none is there."""
    if not static_path.endswith(".svg") or ".." in static_path or static_path.startswith("/"):
        return None
    found = finders.find(static_path)
    if found is None:
        return None
    with open(found, "rb") as f:
        data, _removed = sanitise_svg(f.read())
    return data


def import_shipped_drawing(static_path: str, *, Image, Collection, title: str = ""):
    """The library image for a shipped drawing, imported on first use; None if missing."""
    data = shipped_drawing_bytes(static_path)
    if data is None:
        return None
    digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's file_hash is SHA-1
    collection = drawings_collection(Collection)
    existing = Image.objects.filter(collection=collection, file_hash=digest).first()
    if existing is not None:
        return existing
    import willow

    width, height = willow.Image.open(BytesIO(data)).get_size()
    name = PurePosixPath(static_path).name
    image = Image(
        title=title or PurePosixPath(static_path).stem.replace("-", " ").capitalize(),
        collection=collection,
        file_size=len(data),
        file_hash=digest,
    )
    image.file.save(name, ContentFile(data), save=False)
    # Set after the file: the image field measures what it is given, and it
    # cannot measure an SVG (Willow can, from its viewBox).
    image.width, image.height = int(width), int(height)
    image.save()
    return image
