"""The image library takes SVG drawings only once they are safe (see :mod:`.svg`).

``WAGTAILIMAGES_IMAGE_FORM_BASE`` names :class:`SafeImageForm`: the upload
forms of the library, its multiple uploader and the chooser's upload tab all
build on it, so an uploaded SVG is rebuilt from the whitelist before it is
stored, or refused with the reason. :func:`sanitise_image_before_save` is the
same check for images saved any other way (code, a shell, an import).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .svg import UnsafeSVG, is_svg_name, sanitise_svg


def _read(f) -> bytes:
    if hasattr(f, "seek"):
        f.seek(0)
    data = f.read()
    if hasattr(f, "seek"):
        f.seek(0)
    return data


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with an SVG rebuilt safe before Willow opens it."""

    def to_python(self, data):
        if data and is_svg_name(getattr(data, "name", "") or "") and hasattr(data, "read"):
            try:
                clean, _removed = sanitise_svg(_read(data))
            except UnsafeSVG as exc:
                raise ValidationError(
                    _("This SVG cannot be made safe to show: %(reason)s") % {"reason": exc},
                    code="unsafe_svg",
                ) from exc
            data = SimpleUploadedFile(data.name, clean, content_type="image/svg+xml")
        return super().to_python(data)


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The file field is made by Wagtail's formfield callback (with the label,
        # help text and limits it sets up); only its cleaning is ours. The
        # multiple uploader's edit form has no file field.
        field = self.fields.get("file")
        if field is not None and type(field) is WagtailImageField:
            field.__class__ = SafeImageField


def sanitise_image_before_save(sender, instance, **kwargs) -> None:
    """pre_save of the image model: a new SVG file is stored only in its safe form."""
    file = instance.file
    if not file or getattr(file, "_committed", True) or not is_svg_name(file.name or ""):
        return
    data, removed = sanitise_svg(_read(file.file))  # UnsafeSVG stops the save
    if removed:
        file.file = ContentFile(data, name=file.name)
        instance.file_size = len(data)
