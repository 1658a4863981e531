"""The users admin with roles' limits (issue 14).

Wagtail's user views are kept; what changes is who may touch what, decided by
``portal.accounts.permissions`` and enforced on the server:

- the forms drop the administrator switch for anyone who may not grant roles,
  and offer only the groups the editor may grant; a forged POST naming another
  group fails validation, and a forged ``is_superuser`` is ignored because the
  field is not on the form;
- groups the editor may not grant (an instructor's Instructors group, course
  team groups) are kept as they were when the editor saves;
- the list, edit, delete and history views, and the bulk actions, reach only
  the accounts the editor may manage: an administrator's or a secretariat
  colleague's account is a 404 for the secretariat.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from .permissions import (
    Capability,
    can,
    grantable_groups,
    manageable_users,
    user_can_manage_account,
)


class RoleLimitedUserFormMixin:
    """Limit a user form to what ``acting_user`` may grant; keep the rest as it was."""

    def __init__(self, *args, acting_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        if not can(acting_user, Capability.ROLES_GRANT):
            # Not hidden: removed, so that a posted value is never read.
            self.fields.pop("is_superuser", None)
            self.fields.pop("is_staff", None)
        grantable = grantable_groups(acting_user)
        self._kept_groups = []
        if "groups" in self.fields:
            self.fields["groups"].queryset = grantable
            self.fields["groups"].help_text = _(
                "Only administrators grant the Secretariat and Instructors roles."
            )
            if self.instance.pk:
                self._kept_groups = list(self.instance.groups.exclude(pk__in=grantable))

    def _save_m2m(self):
        super()._save_m2m()
        if self._kept_groups:
            self.instance.groups.add(*self._kept_groups)


class PortalUserCreationForm(RoleLimitedUserFormMixin, UserCreationForm):
    pass


class PortalUserEditForm(RoleLimitedUserFormMixin, UserEditForm):
    pass


class ManageableUsersMixin:
    """Per-object user views: 404 for an account the editor may not manage."""

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        users = manageable_users(self.request.user, self.model._default_manager.all())
        return get_object_or_404(users, pk=self.kwargs[self.pk_url_kwarg])


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return manageable_users(self.request.user, super().get_base_queryset())


class CreateView(wagtail_users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class EditView(ManageableUsersMixin, wagtail_users.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class DeleteView(ManageableUsersMixin, wagtail_users.DeleteView):
    pass


class HistoryView(ManageableUsersMixin, wagtail_users.HistoryView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    """Wagtail's users viewset with the views and forms above."""

    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm


# --- Bulk actions: the same limits, object by object --------------------------------


class ManageableUsersBulkActionMixin:
    def check_perm(self, obj):
        return super().check_perm(obj) and user_can_manage_account(self.request.user, obj)


class PortalAssignRoleBulkAction(ManageableUsersBulkActionMixin, AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = grantable_groups(self.request.user)
        return form


class PortalDeleteBulkAction(ManageableUsersBulkActionMixin, DeleteBulkAction):
    pass


class PortalSetActiveStateBulkAction(ManageableUsersBulkActionMixin, SetActiveStateBulkAction):
    pass


BULK_ACTIONS = (PortalAssignRoleBulkAction, PortalDeleteBulkAction, PortalSetActiveStateBulkAction)
