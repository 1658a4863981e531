"""The portal's roles and what each may do.

Roles are Django groups. ``ROLE_PERMISSIONS`` is the one place that says which
model permissions each role holds; ``ROLE_COLLECTION_PERMISSIONS`` and
``ROLE_ROOT_PAGE_PERMISSIONS`` grant Wagtail's collection and page permissions.
The groups are created by a data migration and brought in step after every
``migrate`` (see ``AccountsConfig.ready``), so an app that adds models adds its
permissions here and nowhere else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEARNERS = "Learners", _("Learners")
    INSTRUCTORS = "Instructors", _("Instructors")
    SECRETARIAT = "Secretariat", _("Secretariat")


STAFF_ROLES = (Role.INSTRUCTORS, Role.SECRETARIAT)

# Each course's instructors share a group named this prefix and the course page's
# id (see services.instructor_assign); permissions.assigned_course_ids reads it back.
COURSE_TEAM_GROUP_PREFIX = "Course team "

# "app_label.codename" of model permissions, per role.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEARNERS: [],
    Role.INSTRUCTORS: [
        "wagtailadmin.access_admin",
        "taxonomy.view_tag",
        "assessments.add_question",
        "assessments.change_question",
        "assessments.view_question",
        "assessments.add_quiz",
        "assessments.change_quiz",
        "assessments.view_quiz",
        "assessments.add_questioncategory",
        "assessments.change_questioncategory",
        "assessments.view_questioncategory",
        "assessments.view_cohorttestpair",
        "assignments.add_assignment",
        "assignments.change_assignment",
        "assignments.view_assignment",
    ],
    Role.SECRETARIAT: [
        "wagtailadmin.access_admin",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "django_tasks_database.view_dbtaskresult",
        "registry.add_participant",
        "registry.change_participant",
        "registry.delete_participant",
        "registry.view_participant",
        "courses.add_cohort",
        "courses.change_cohort",
        "courses.delete_cohort",
        "courses.view_cohort",
        "network.add_cohorttag",
        "network.change_cohorttag",
        "network.delete_cohorttag",
        "network.view_cohorttag",
        "taxonomy.add_tag",
        "taxonomy.change_tag",
        "taxonomy.delete_tag",
        "taxonomy.view_tag",
        "assessments.add_question",
        "assessments.change_question",
        "assessments.view_question",
        "assessments.add_quiz",
        "assessments.change_quiz",
        "assessments.view_quiz",
        "assessments.add_questioncategory",
        "assessments.change_questioncategory",
        "assessments.view_questioncategory",
        "assessments.delete_question",
        "assessments.delete_quiz",
        "assessments.delete_questioncategory",
        # Quizzes and questions are published like pages: by the secretariat.
        "assessments.publish_question",
        "assessments.publish_quiz",
        "assessments.lock_question",
        "assessments.unlock_question",
        "assessments.lock_quiz",
        "assessments.unlock_quiz",
        "assessments.add_cohorttestpair",
        "assessments.change_cohorttestpair",
        "assessments.view_cohorttestpair",
        "assessments.view_attempt",
        "certificates.change_certificatesettings",
        "certificates.add_certificatepolicy",
        "certificates.change_certificatepolicy",
        "certificates.delete_certificatepolicy",
        "certificates.view_certificatepolicy",
        "certificates.add_certificatedesign",
        "certificates.change_certificatedesign",
        "certificates.delete_certificatedesign",
        "certificates.view_certificatedesign",
        "assignments.add_assignment",
        "assignments.change_assignment",
        "assignments.delete_assignment",
        "assignments.view_assignment",
    ],
}

# Wagtail grants image and document permissions per collection; these apply to
# the root collection and so to every collection below it. Instructors get none
# here: they work in their courses' collections (INSTRUCTOR_COURSE_COLLECTION_PERMISSIONS).
ROLE_COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    Role.LEARNERS: [],
    Role.INSTRUCTORS: [],
    Role.SECRETARIAT: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
    ],
}

# Page permissions over the whole tree. Instructors get none here: they edit
# only the courses they are assigned to (see services.instructor_assign).
ROLE_ROOT_PAGE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEARNERS: [],
    Role.INSTRUCTORS: [],
    Role.SECRETARIAT: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

# What an instructor may do on a course assigned to them, and below it:
# write and submit for moderation, never publish.
INSTRUCTOR_COURSE_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]

# What a course's team may do with the images and documents of the course's own
# collection (created by services.instructor_assign). Wagtail lets whoever may
# change an image or document delete it too.
INSTRUCTOR_COURSE_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]


def _permission(Permission, dotted: str):
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def roles_sync(apps) -> None:
    """Create the role groups and grant them exactly the permissions listed above.

    Args:
        apps: an app registry: ``django.apps.apps`` or a migration's historical one.

    Permissions whose app is not installed yet are skipped; they are granted by
    the sync that runs after the migration that creates them.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    root_collection = Collection.objects.filter(depth=1).first()
    root_page = Page.objects.filter(depth=1).first()

    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = [p for p in (_permission(Permission, d) for d in ROLE_PERMISSIONS[role]) if p]
        group.permissions.set(wanted)

        if root_collection is not None:
            collection_perms = [
                p
                for p in (_permission(Permission, d) for d in ROLE_COLLECTION_PERMISSIONS[role])
                if p
            ]
            GroupCollectionPermission.objects.filter(
                group=group, collection=root_collection
            ).exclude(permission__in=collection_perms).delete()
            for permission in collection_perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

        if root_page is not None:
            page_perms = [
                p
                for p in (
                    _permission(Permission, f"wagtailcore.{codename}")
                    for codename in ROLE_ROOT_PAGE_PERMISSIONS[role]
                )
                if p
            ]
            GroupPagePermission.objects.filter(group=group, page=root_page).exclude(
                permission__in=page_perms
            ).delete()
            for permission in page_perms:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )


def role_names(user) -> frozenset[str]:
    """The names of the groups ``user`` belongs to, read once per request and kept on it."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_flyway_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._flyway_role_names = cached
    return cached
