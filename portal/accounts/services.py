"""Writes for accounts and roles: the one sanctioned way to change them."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from .models import User
from .roles import COURSE_TEAM_GROUP_PREFIX, INSTRUCTOR_COURSE_PAGE_PERMISSIONS, Role


def course_team_group_name(page: Page) -> str:
    """The name of the group that holds the editing rights on one course subtree."""
    return f"{COURSE_TEAM_GROUP_PREFIX}{page.pk}"


def user_add_role(*, user: User, role: Role) -> None:
    """Put ``user`` in the group of ``role``. Idempotent."""
    user.groups.add(Group.objects.get(name=role.value))


@transaction.atomic
def instructor_assign(*, instructor: User, page: Page) -> Group:
    """Let ``instructor`` write and submit ``page`` and everything below it.

    The rights live in a group of their own per page, so that several
    instructors can share a course and unassigning one leaves the others.
    The instructor joins the Instructors role too. Publishing stays with the
    secretariat through the moderation workflow.

    Returns:
        The course team group.
    """
    group, _created = Group.objects.get_or_create(name=course_team_group_name(page))
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=INSTRUCTOR_COURSE_PAGE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    user_add_role(user=instructor, role=Role.INSTRUCTORS)
    instructor.groups.add(group)
    return group


@transaction.atomic
def instructor_unassign(*, instructor: User, page: Page) -> None:
    """Take ``page`` away from ``instructor``; other instructors of it keep it."""
    group = Group.objects.filter(name=course_team_group_name(page)).first()
    if group is not None:
        instructor.groups.remove(group)
