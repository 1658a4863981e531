"""portal.accounts.permissions: roles → capabilities, course scope, accounts, the decorator."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from courses.models import CourseInstructor
from portal.accounts import permissions
from portal.accounts.models import User
from portal.accounts.permissions import Capability, can
from tests.courses.factories import make_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The user as the next request loads it (nothing cached on the object)."""
    return User.objects.get(pk=user.pk)


def test_anonymous_visitors_hold_nothing():
    anonymous = AnonymousUser()
    assert permissions.capabilities(anonymous) == frozenset()
    assert not permissions.is_staff_member(anonymous)
    assert permissions.course_scope(anonymous) == frozenset()


def test_learners_hold_nothing(learner):
    assert permissions.capabilities(learner) == frozenset()
    assert not permissions.is_staff_member(learner)


def test_instructors_teach_and_reach_the_admin_but_nothing_of_the_secretariat(instructor):
    assert permissions.capabilities(instructor) == {
        Capability.ADMIN_ACCESS,
        Capability.COURSES_TEACH,
    }
    assert not permissions.is_secretariat(instructor)


def test_the_secretariat_runs_the_programme_but_grants_no_roles(secretariat):
    held = permissions.capabilities(secretariat)
    assert {
        Capability.REPORTS_VIEW,
        Capability.CERTIFICATES_MANAGE,
        Capability.NETWORK_MODERATE,
        Capability.COURSES_ALL,
        Capability.USERS_MANAGE,
    } <= held
    assert Capability.ROLES_GRANT not in held
    assert permissions.is_secretariat(secretariat)


def test_administrators_hold_everything_unless_deactivated(admin_user):
    assert permissions.capabilities(admin_user) == frozenset(Capability)
    admin_user.is_active = False
    assert permissions.capabilities(admin_user) == frozenset()


def test_djangos_staff_flag_opens_the_admin_only(db):
    staff = UserFactory(is_staff=True)
    assert permissions.capabilities(staff) == {Capability.ADMIN_ACCESS}


def test_a_misspelt_capability_is_an_error_not_a_no(secretariat):
    with pytest.raises(ValueError):
        can(secretariat, "report.view")


def test_course_scope_reads_the_instructor_list(instructor, secretariat):
    course, other = make_course(modules=1), make_course(modules=1)
    assert permissions.course_scope(instructor) == frozenset()
    assert not permissions.user_can_edit_course(instructor, course.pk)

    CourseInstructor.objects.create(course=course, user=instructor)
    instructor = _fresh(instructor)
    assert permissions.course_scope(instructor) == {course.pk}
    assert permissions.user_can_edit_course(instructor, course.pk)
    assert not permissions.user_can_edit_course(instructor, other.pk)
    assert not permissions.user_can_edit_course(instructor, None)
    with pytest.raises(Http404):
        permissions.course_or_404(instructor, other.pk)

    assert permissions.course_scope(secretariat) is None
    assert permissions.user_can_edit_course(secretariat, other.pk)
    assert permissions.user_can_edit_course(secretariat, None)


def test_a_learner_listed_on_a_course_still_teaches_nothing(learner):
    """The capability comes with the role; the instructor list alone grants no scope."""
    course = make_course(modules=1)
    CourseInstructor.objects.create(course=course, user=learner)
    assert permissions.course_scope(_fresh(learner)) == frozenset()


def test_the_secretariat_manages_learners_and_instructors_only(secretariat, admin_user):
    learner = UserFactory(role="Learners")
    teacher = UserFactory(role="Instructors")
    colleague = UserFactory(role="Secretariat")
    staff = UserFactory(is_staff=True)
    manageable = set(permissions.manageable_users(secretariat, User.objects.all()))
    assert {learner, teacher} <= manageable
    assert not manageable & {admin_user, colleague, staff, secretariat}
    assert permissions.user_can_manage_account(secretariat, learner)
    assert not permissions.user_can_manage_account(secretariat, admin_user)
    assert permissions.user_can_manage_account(admin_user, colleague)
    assert not permissions.manageable_users(teacher, User.objects.all()).exists()


def test_only_administrators_grant_the_staff_roles(secretariat, admin_user, instructor):
    Group.objects.create(name="Course team 999")
    by_secretariat = set(permissions.grantable_groups(secretariat).values_list("name", flat=True))
    assert by_secretariat == {"Learners"}
    by_admin = set(permissions.grantable_groups(admin_user).values_list("name", flat=True))
    assert {"Learners", "Instructors", "Secretariat"} <= by_admin
    assert "Course team 999" not in by_admin
    assert not permissions.grantable_groups(instructor).exists()


def test_the_decorator_sends_visitors_to_log_in_and_refuses_other_roles(learner, secretariat):
    @permissions.capability_required(Capability.REPORTS_VIEW)
    def view(request):
        return HttpResponse("reports")

    request = RequestFactory().get("/en/reports/")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302 and "login" in response["Location"]

    request.user = learner
    with pytest.raises(PermissionDenied):
        view(request)

    request.user = secretariat
    assert view(request).content == b"reports"


@pytest.mark.parametrize(
    ("who", "admin_link", "reports_link"),
    [("learner", False, False), ("instructor", True, False), ("secretariat", True, True)],
)
def test_the_navigation_context_follows_the_capabilities(request, who, admin_link, reports_link):
    from portal.accounts.context_processors import roles

    http_request = RequestFactory().get("/en/")
    http_request.user = request.getfixturevalue(who)
    assert roles(http_request) == {
        "is_staff_member": admin_link,
        "can_view_reports": reports_link,
    }
    http_request.user = AnonymousUser()
    assert roles(http_request) == {"is_staff_member": False, "can_view_reports": False}
