"""The users admin with roles' limits (issue 14).

Wagtail's user views are kept; what changes is who may touch what, decided by
``portal.accounts.permissions`` and enforced on the server:

- the forms drop the administrator switch for anyone who may not grant roles,
  and offer only the groups the editor may grant; a forged POST naming another
  group fails validation, and a forged ``is_superuser`` is ignored because the
  field is not on the form;
- groups the editor may not grant (an instructor's Instructors group, course
  team groups) are kept as they were when the editor saves;
- the list and every view of one account (edit, delete, copy, history,
  usage), and the bulk actions, reach only
  the accounts the editor may manage: an administrator's or a secretariat
  colleague's account is a 404 for the secretariat.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
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


class IndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return manageable_users(self.request.user, super().get_base_queryset())


class ActingUserFormMixin:
    """Hand the editor to the form, which limits itself to what they may grant."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class CreateView(ActingUserFormMixin, wagtail_users.CreateView):
    pass


class CopyView(ActingUserFormMixin, generic.CopyView):
    pass


class EditView(ActingUserFormMixin, wagtail_users.EditView):
    pass


class DeleteView(wagtail_users.DeleteView):
    pass


class HistoryView(wagtail_users.HistoryView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    """Wagtail's users viewset with the views and forms above."""

    index_view_class = IndexView
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm

    def construct_view(self, view_class, **kwargs):
        """Every view of one account (edit, delete, copy, history, usage...) is a 404
        for an account the editor may not manage."""
        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @wraps(view)
        def limited(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            # A role without user management is refused by Wagtail's own checks.
            if pk is not None and can(request.user, Capability.USERS_MANAGE):
                users = model._default_manager.filter(pk=unquote(str(pk)))
                if not manageable_users(request.user, users).exists():
                    raise Http404
            return view(request, *args, **view_kwargs)

        return limited


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
