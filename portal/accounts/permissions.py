"""Who may do what: roles → capabilities, in one place.

Every view, admin view, admin menu item, context processor and template asks
this module; nothing else looks at group names or ``is_superuser``.

The answers, the same everywhere:

- **Anonymous** visitors of a page that needs an account are sent to the log-in
  page (Wagtail's admin does the same for ``/admin/``).
- A **role that lacks a capability** gets **403**: a learner opening the
  reports, an instructor opening the certificate desk. Who holds which
  capability is no secret (the menus say it), so saying "not for you" is honest.
- An **object outside the user's reach** gets **404**, never 403, so that
  nobody learns which objects exist: another course's quiz, cohort or
  learners for an instructor, an administrator's or a secretariat colleague's
  account for the secretariat, someone else's certificate for a learner.

Administrators (active superusers) hold every capability. Roles are the groups
of ``portal.accounts.roles.Role``. The courses assigned to an instructor come
from a reader the courses app registers (``course_assignments_register``), so
this module answers "is this your course?" with a course id and never imports
the courses app.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .roles import COURSE_TEAM_GROUP_PREFIX, Role, role_names


class Capability(enum.StrEnum):
    """What a role may do; names read ``<area>.<verb>``."""

    #: Reach the Wagtail admin at all.
    ADMIN_ACCESS = "admin.access"
    #: Read the participation reports, targets and snapshots.
    REPORTS_VIEW = "reports.view"
    #: Work the certificate desk: issue, revoke, re-issue, bulk issue.
    CERTIFICATES_MANAGE = "certificates.manage"
    #: Handle abuse reports and see every directory profile's visibility.
    NETWORK_MODERATE = "network.moderate"
    #: Teach: the "My learners" screens, quizzes of one's own courses.
    COURSES_TEACH = "courses.teach"
    #: Every course counts as one's own: learners, attendance, quizzes, questions.
    COURSES_ALL = "courses.all"
    #: Edit the accounts of learners and instructors (never administrators').
    USERS_MANAGE = "users.manage"
    #: Grant or take away administrator, staff, Secretariat and Instructors.
    ROLES_GRANT = "roles.grant"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.LEARNERS: frozenset(),
    Role.INSTRUCTORS: frozenset({Capability.ADMIN_ACCESS, Capability.COURSES_TEACH}),
    Role.SECRETARIAT: frozenset(
        {
            Capability.ADMIN_ACCESS,
            Capability.REPORTS_VIEW,
            Capability.CERTIFICATES_MANAGE,
            Capability.NETWORK_MODERATE,
            Capability.COURSES_TEACH,
            Capability.COURSES_ALL,
            Capability.USERS_MANAGE,
        }
    ),
}

# Groups only administrators hand out: the staff roles. Course team groups are
# kept by the course's instructor list, never ticked by hand.
PRIVILEGED_ROLES = frozenset({Role.SECRETARIAT.value, Role.INSTRUCTORS.value})


def is_administrator(user) -> bool:
    """An active superuser: holds every capability."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def capabilities(user) -> frozenset[Capability]:
    """Everything ``user`` may do; empty for anonymous visitors."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Capability)
    held: set[Capability] = set()
    for name in role_names(user):
        held |= ROLE_CAPABILITIES.get(name, frozenset())
    if user.is_staff:
        # Django's staff flag (granted by administrators only) opens the admin.
        held.add(Capability.ADMIN_ACCESS)
    return frozenset(held)


def can(user, capability: Capability | str) -> bool:
    """True when ``user`` holds ``capability`` through a role or as administrator.

    Raises:
        ValueError: ``capability`` names no ``Capability`` (a typo must not read as "no").
    """
    return Capability(capability) in capabilities(user)


def is_staff_member(user) -> bool:
    """Admins, instructors and secretariat: people who use the admin (and need MFA)."""
    return can(user, Capability.ADMIN_ACCESS)


def is_secretariat(user) -> bool:
    """The secretariat or an administrator: the people who run the programme."""
    return can(user, Capability.COURSES_ALL)


# --- Courses ----------------------------------------------------------------------


CourseAssignmentReader = Callable[[object], Iterable[int]]
_course_assignment_reader: CourseAssignmentReader | None = None


def course_assignments_register(reader: CourseAssignmentReader) -> None:
    """Tell this module how to read which courses a user teaches.

    The courses app owns the instructor list (``courses.CourseInstructor``) and
    sits above accounts in the layers, so it registers its reader from
    ``CoursesConfig.ready()``; accounts never imports it.

    Args:
        reader: called with a user, returns the ids of the course pages they teach.
    """
    global _course_assignment_reader
    _course_assignment_reader = reader


def assigned_course_ids(user) -> frozenset[int]:
    """Ids of the course pages ``user`` is an instructor of; read once per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_flyway_course_ids", None)
    if cached is None:
        reader = _course_assignment_reader
        cached = frozenset(reader(user)) if reader is not None else frozenset()
        user._flyway_course_ids = cached
    return cached


def course_scope(user) -> frozenset[int] | None:
    """The course ids ``user`` may work on: ``None`` means every course.

    Filter a queryset with ``course_id__in=scope`` unless it is None; an
    instructor with no course gets an empty set and so sees nothing.
    """
    if can(user, Capability.COURSES_ALL):
        return None
    if not can(user, Capability.COURSES_TEACH):
        return frozenset()
    return assigned_course_ids(user)


def user_can_edit_course(user, course_id: int | None) -> bool:
    """True when ``user`` may work on the course with this id (its quizzes, learners...).

    A ``None`` course (a quiz not attached to a course) belongs to the
    secretariat's shared bank: only those who see every course may touch it.
    """
    scope = course_scope(user)
    if scope is None:
        return True
    return course_id is not None and course_id in scope


def course_or_404(user, course_id: int | None) -> None:
    """Raise 404 unless ``user`` may work on course ``course_id``.

    Raises:
        Http404: the course is not one of the user's.
    """
    if not user_can_edit_course(user, course_id):
        raise Http404


# --- Accounts ---------------------------------------------------------------------


def manageable_users(actor, queryset: QuerySet) -> QuerySet:
    """The accounts in ``queryset`` that ``actor`` may see and edit in the admin.

    Administrators manage everyone; the secretariat manages learners and
    instructors, never an administrator, a staff account or a secretariat
    colleague (nor themselves: their own account is edited on the account page).
    """
    if is_administrator(actor):
        return queryset
    if not can(actor, Capability.USERS_MANAGE):
        return queryset.none()
    return queryset.exclude(
        Q(is_superuser=True) | Q(is_staff=True) | Q(groups__name=Role.SECRETARIAT.value)
    ).exclude(pk=actor.pk)


def user_can_manage_account(actor, target) -> bool:
    """True when ``actor`` may edit or delete the account ``target``."""
    model = type(target)
    return manageable_users(actor, model._default_manager.filter(pk=target.pk)).exists()


def grantable_groups(actor) -> QuerySet[Group]:
    """The groups ``actor`` may add a person to or take them out of.

    Administrators grant every role; the secretariat grants none of the staff
    roles (Secretariat, Instructors) and no course team group (those follow the
    course's instructor list).
    """
    groups = Group.objects.exclude(name__startswith=COURSE_TEAM_GROUP_PREFIX)
    if can(actor, Capability.ROLES_GRANT):
        return groups.order_by("name")
    if not can(actor, Capability.USERS_MANAGE):
        return groups.none()
    return groups.exclude(name__in=PRIVILEGED_ROLES).order_by("name")


# --- Views ------------------------------------------------------------------------


def capability_required(capability: Capability) -> Callable:
    """Decorate a view: anonymous → log-in page; a role without ``capability`` → 403."""
    Capability(capability)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class CapabilityRequiredMixin:
    """The class-based view form of ``capability_required``; set ``capability``."""

    capability: Capability

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can(request.user, self.capability):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
