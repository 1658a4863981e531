"""Give existing assignments and rubric criteria the default locale and a translation key.

Second step of Wagtail's BootstrapTranslatableMixin pattern, as the quizzes
had it (assessments 0002-0004): 0004 added the fields as nullable, this fills
them, 0006 makes them required and unique.
"""

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import bootstrap_translatable_model


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    models = [apps.get_model("assignments", name) for name in ("Assignment", "RubricCriterion")]
    if not any(model.objects.exists() for model in models):
        return
    language_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    for model in models:
        bootstrap_translatable_model(model, locale)


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0004_translatable_bootstrap"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
