"""Images and documents: an instructor reaches those of their courses' collections only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page
from wagtail.permissions import policy_registry

from portal.accounts.services import instructor_assign, instructor_unassign
from portal.home.models import HomePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def courses():
    home = HomePage.objects.get()
    return (
        home.add_child(instance=Page(title="Crane surveys", slug="cranes")),
        home.add_child(instance=Page(title="Goose banding", slug="geese")),
    )


def test_an_instructor_without_a_course_has_no_image_or_document(instructor):
    Image, Document = get_image_model(), get_document_model()
    for model in (Image, Document):
        policy = policy_registry.get_by_type(model)
        assert not policy.user_has_any_permission(instructor, ["add", "change", "choose"])


def test_each_course_has_its_collection_and_only_its_team_reaches_it(courses):
    crane, goose = courses
    teacher = UserFactory(role="Instructors")
    instructor_assign(instructor=teacher, page=crane)
    other = UserFactory(role="Instructors")
    instructor_assign(instructor=other, page=goose)
    teacher = _fresh(teacher)

    Image = get_image_model()
    root = Collection.get_first_root_node()
    crane_image = Image.objects.create(
        title="Crane roost",
        file=get_test_image_file(),
        collection=Collection.objects.get(name="Crane surveys"),
    )
    goose_image = Image.objects.create(
        title="Goose flock",
        file=get_test_image_file(),
        collection=Collection.objects.get(name="Goose banding"),
    )
    shared = Image.objects.create(title="Shared", file=get_test_image_file(), collection=root)
    policy = policy_registry.get_by_type(Image)
    assert policy.user_has_permission_for_instance(teacher, "change", crane_image)
    assert not policy.user_has_permission_for_instance(teacher, "change", goose_image)
    chooseable = set(policy.instances_user_has_permission_for(teacher, "choose"))
    assert crane_image in chooseable and goose_image not in chooseable and shared not in chooseable

    Document = get_document_model()
    document = Document.objects.create(
        title="Count sheet",
        file=SimpleUploadedFile("sheet.pdf", b"%PDF-1.4"),
        collection=Collection.objects.get(name="Goose banding"),
    )
    assert not policy_registry.get_by_type(Document).user_has_permission_for_instance(
        teacher, "change", document
    )

    # Assigning twice reuses the course's collection; unassigning takes it away.
    instructor_assign(instructor=teacher, page=crane)
    assert Collection.objects.filter(name="Crane surveys").count() == 1
    instructor_unassign(instructor=teacher, page=crane)
    teacher = _fresh(teacher)
    assert not policy.user_has_permission_for_instance(teacher, "change", crane_image)
