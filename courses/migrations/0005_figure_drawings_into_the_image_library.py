"""Figure blocks that named a drawing by static path now name a library image.

Every figure block with an ``svg`` path, in the pages' current content, in
every revision (drafts, the live one, the latest) and in wagtail-localize's
translation sources, in every locale, gets the image the shipped file was
imported as (one image per file, reused, in the "Course drawings"
collection; see courses.drawings) and loses the path. A path whose file is
no longer shipped leaves the block without a drawing (caption and credit
stay) and is reported. Migration 0006 then removes the path field from the
block's definition.

Not reversible in content: going back keeps the library images (the block's
older definition still shows them).
"""

import json

from django.db import migrations

from courses.drawings import import_shipped_drawing


def _move_figures(node, importer, missing) -> bool:
    changed = False
    if isinstance(node, list):
        for item in node:
            changed |= _move_figures(item, importer, missing)
    elif isinstance(node, dict):
        value = node.get("value")
        if node.get("type") == "figure" and isinstance(value, dict) and "svg" in value:
            path = value.pop("svg") or ""
            if path and not value.get("image"):
                image = importer(path)
                if image is None:
                    missing.add(path)
                value["image"] = image.pk if image is not None else None
            changed = True
        for child in node.values():
            if isinstance(child, (list, dict)):
                changed |= _move_figures(child, importer, missing)
    return changed


def _move_in_json_text(text, importer, missing):
    """A StreamField serialised as JSON text (revisions, translation sources)."""
    if not isinstance(text, str) or '"figure"' not in text:
        return text, False
    data = json.loads(text)
    changed = _move_figures(data, importer, missing)
    return (json.dumps(data), changed) if changed else (text, False)


def forwards(apps, schema_editor):
    Image = apps.get_model("wagtailimages", "Image")
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    images = {}
    missing: set[str] = set()

    def importer(path):
        if path not in images:
            images[path] = import_shipped_drawing(path, Image=Image, Collection=Collection)
        return images[path]

    for model_name in ("ModulePage", "CoursePage"):
        Model = apps.get_model("courses", model_name)
        for page in Model.objects.all().iterator():
            raw = [dict(block) for block in page.body.raw_data]
            if _move_figures(raw, importer, missing):
                page.body = raw
                page.save(update_fields=["body"])

    content_types = ContentType.objects.filter(
        app_label="courses", model__in=["modulepage", "coursepage"]
    )
    for revision in Revision.objects.filter(content_type__in=content_types).iterator():
        content = revision.content
        body, changed = _move_in_json_text(content.get("body"), importer, missing)
        if changed:
            content["body"] = body
            Revision.objects.filter(pk=revision.pk).update(content=content)

    if apps.is_installed("wagtail_localize"):
        TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
        sources = TranslationSource.objects.filter(specific_content_type__in=content_types)
        for source in sources.iterator():
            content = json.loads(source.content_json)
            body, changed = _move_in_json_text(content.get("body"), importer, missing)
            if changed:
                content["body"] = body
                TranslationSource.objects.filter(pk=source.pk).update(
                    content_json=json.dumps(content)
                )

    for path in sorted(missing):
        print(f"\n  No shipped drawing at {path}: its figure blocks keep caption and credit only.")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_body_blocks_with_drawings_and_assignments"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
