"""Move Wagtail documents' files from the public media folder to the private storage.

From now on documents are stored on the private storage (see CoreConfig);
files uploaded before stay under the same name and are copied across, then
removed from the media folder, so that /media/documents/... serves nothing.
Going back copies them to the media folder again.
"""

from django.core.files.storage import default_storage, storages
from django.db import migrations


def _move(apps, source, target):
    Document = apps.get_model("wagtaildocs", "Document")
    for name in Document.objects.exclude(file="").values_list("file", flat=True).iterator():
        if not source.exists(name):
            continue
        if not target.exists(name):
            with source.open(name, "rb") as f:
                saved = target.save(name, f)
            if saved != name:  # the storage chose another name: keep the row's
                raise RuntimeError(f"Could not keep the name {name!r} ({saved!r}).")
        source.delete(name)


def forwards(apps, schema_editor):
    _move(apps, default_storage, storages["private"])


def backwards(apps, schema_editor):
    _move(apps, storages["private"], default_storage)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_worker_heartbeat"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
