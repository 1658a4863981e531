"""The automatic issue's reason was written in the language of the process that
issued it ("Course completed.", in English from the task worker); it is now left
empty and shown in the reader's language (``CertificateEvent.reason_display``)."""

from django.db import migrations


def clear_written_reason(apps, schema_editor):
    CertificateEvent = apps.get_model("certificates", "CertificateEvent")
    CertificateEvent.objects.filter(action="issued", reason="Course completed.").update(reason="")


class Migration(migrations.Migration):
    dependencies = [("certificates", "0008_merge_private_files")]

    operations = [migrations.RunPython(clear_written_reason, migrations.RunPython.noop)]
