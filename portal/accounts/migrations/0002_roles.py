"""Create the Learners, Instructors and Secretariat roles.

Wagtail's own starter groups (Editors, Moderators) are removed so that the
portal's three roles are the only ones, and the default moderation workflow's
approval task is handed to the Secretariat: instructors submit, the
secretariat approves.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from portal.accounts.roles import Role, roles_sync


def forwards(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; the roles
    # need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_sync(apps)

    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    secretariat = Group.objects.get(name=Role.SECRETARIAT.value)
    for task in GroupApprovalTask.objects.filter(groups__name="Moderators").distinct():
        task.groups.add(secretariat)
        task.name = "Secretariat approval"
        task.save(update_fields=["name"])
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[role.value for role in Role]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
