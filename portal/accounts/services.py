"""Writes for accounts and roles: the one sanctioned way to change them."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .models import User
from .roles import (
    COURSE_TEAM_GROUP_PREFIX,
    INSTRUCTOR_COURSE_COLLECTION_PERMISSIONS,
    INSTRUCTOR_COURSE_PAGE_PERMISSIONS,
    Role,
)


def course_team_group_name(page: Page) -> str:
    """The name of the group that holds the editing rights on one course subtree."""
    return f"{COURSE_TEAM_GROUP_PREFIX}{page.pk}"


def user_add_role(*, user: User, role: Role) -> None:
    """Put ``user`` in the group of ``role``. Idempotent."""
    user.groups.add(Group.objects.get(name=role.value))


def course_collection_ensure(*, team: Group, page: Page) -> Collection:
    """The collection of the course ``page``, created under the root on first use.

    The team group's collection permissions are the link between a course and
    its collection, so renaming either keeps them together.

    Returns:
        The collection that holds the course's images and documents.
    """
    held = GroupCollectionPermission.objects.filter(group=team).select_related("collection")
    if (existing := held.first()) is not None:
        return existing.collection
    return Collection.get_first_root_node().add_child(name=page.title[:255])


@transaction.atomic
def instructor_assign(*, instructor: User, page: Page) -> Group:
    """Let ``instructor`` write and submit ``page`` and everything below it.

    The rights live in a group of their own per page, so that several
    instructors can share a course and unassigning one leaves the others.
    The group also holds the course's image and document collection (created
    on first assignment, named after the course): instructors reach those
    images and documents and no others. The instructor joins the Instructors
    role too. Publishing stays with the secretariat through the moderation
    workflow.

    Returns:
        The course team group.
    """
    group, _created = Group.objects.get_or_create(name=course_team_group_name(page))
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=INSTRUCTOR_COURSE_PAGE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    collection = course_collection_ensure(team=group, page=page)
    for dotted in INSTRUCTOR_COURSE_COLLECTION_PERMISSIONS:
        app_label, codename = dotted.split(".", 1)
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    user_add_role(user=instructor, role=Role.INSTRUCTORS)
    instructor.groups.add(group)
    return group


@transaction.atomic
def instructor_unassign(*, instructor: User, page: Page) -> None:
    """Take ``page`` away from ``instructor``; other instructors of it keep it."""
    group = Group.objects.filter(name=course_team_group_name(page)).first()
    if group is not None:
        instructor.groups.remove(group)
