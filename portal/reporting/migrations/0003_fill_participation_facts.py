"""Fill the participation facts from the enrolments, profiles, cohorts and certificates."""

from django.db import migrations


def fill(apps, schema_editor):
    from portal.reporting.services import participation_facts_insert

    Enrolment = apps.get_model("courses", "Enrolment")
    Certificate = apps.get_model("certificates", "Certificate")
    ParticipationFact = apps.get_model("reporting", "ParticipationFact")
    using = schema_editor.connection.alias
    ParticipationFact.objects.using(using).all().delete()
    participation_facts_insert(
        Enrolment.objects.using(using).all(),
        certificates=Certificate.objects.using(using).all(),
        using=using,
    )


def empty(apps, schema_editor):
    apps.get_model("reporting", "ParticipationFact").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_participation_fact"),
        ("certificates", "0001_initial"),
        ("courses", "0001_initial"),
        ("registry", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, empty)]
