"""Admin wiring for accounts: the users' bulk actions with roles' limits."""

from wagtail import hooks

from .admin_users import BULK_ACTIONS

# Registered after Wagtail's own (a higher order), so the same action types are
# replaced by these: the registry keeps the last class per action type.
for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)
