"""Wagtail's users app, with the portal's users viewset.

In its own module: ``portal/accounts/apps.py`` must keep a single app config for
``portal.accounts``.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersConfig(WagtailUsersAppConfig):
    """``wagtail.users`` with roles' limits (issue 14).

    Listed in ``INSTALLED_APPS`` in place of ``wagtail.users``.
    """

    user_viewset = "portal.accounts.admin_users.UserViewSet"
