from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    from django.apps import apps

    from .roles import roles_sync

    # post_migrate is sent once per app; sync after the last one, when Django has
    # created every app's permissions.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not None and app_config.label == with_models[-1].label:
        roles_sync(apps)


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Like Django's own create_permissions: roles follow the permissions that
        # new migrations add, without a data migration per app.
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="flyway_roles_sync")
