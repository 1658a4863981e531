from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import (
    Cohort,
    CohortMode,
    CourseIndexPage,
    CoursePage,
    ModulePage,
)
from portal.accounts.roles import Role
from portal.accounts.services import course_team_group_name
from portal.home.models import HomePage
from tests.courses.factories import course_index_page, make_course
from tests.factories import UserFactory


def course_form_data(
    *, title="Crane survey techniques", slug="crane-survey-techniques", instructors=()
):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Synchronised counts at roosts and feeding sites.",
            "topic": "surveys",
            "level": "introductory",
            "estimated_hours": 6,
            "languages": inline_formset([{"language": "en"}]),
            "outcomes": streamfield([("outcome", "Plan a synchronised count.")]),
            "tags": [],
            "body": streamfield([]),
            "sources": streamfield([]),
            "instructors": inline_formset([{"user": user.pk} for user in instructors]),
        }
    )


def module_form_data(*, title="Counting large flocks", slug="counting-large-flocks"):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Block counting.",
            "estimated_minutes": 30,
            "required": "on",
            "body": streamfield(
                [
                    ("rich_text", rich_text("<p>Count in blocks of ten.</p>")),
                    (
                        "callout",
                        {"kind": "safety", "title": "Ice", "text": rich_text("<p>Thin ice.</p>")},
                    ),
                    (
                        "protocol",
                        {"title": "Block count", "steps": streamfield([("item", "Scan.")])},
                    ),
                    (
                        "glossary",
                        {"term": "Block count", "definition": rich_text("<p>Estimate.</p>")},
                    ),
                    (
                        "figure",
                        {
                            "image": _drawing().pk,
                            "caption": "Blocks of ten",
                            "credit": "Flyway Academy",
                        },
                    ),
                ]
            ),
        }
    )


def _drawing():
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from courses.drawings import import_shipped_drawing

    return import_shipped_drawing(
        "courses/img/block-counting.svg", Image=get_image_model(), Collection=Collection
    )


class CoursePageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get()
        self.index = course_index_page()
        self.course = make_course(index=self.index, modules=2)
        self.module = ModulePage.objects.child_of(self.course).first()

    def test_strict_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedSubpageTypes(ModulePage, set())
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(HomePage, ModulePage)
        self.assertCanNotCreateAt(Page, CourseIndexPage)
        # One catalogue only.
        self.assertFalse(CourseIndexPage.can_create_at(self.home))

    def test_the_catalogue_serves_at_courses(self):
        self.assertEqual(self.index.url, "/en/courses/")
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.index, query_data={"q": "crane", "upcoming": "on"})

    def test_course_and_module_are_renderable(self):
        self.assertPageIsRenderable(self.course)
        self.assertPageIsRenderable(self.module)

    def test_course_is_creatable_and_gets_its_cohort_and_team(self):
        self.login()
        instructor = UserFactory(role=Role.INSTRUCTORS.value)
        self.assertCanCreate(self.index, CoursePage, course_form_data(instructors=[instructor]))
        course = CoursePage.objects.get(slug="crane-survey-techniques")
        self.assertTrue(Cohort.objects.filter(course=course, mode=CohortMode.SELF_PACED).exists())
        self.assertTrue(instructor.groups.filter(name=course_team_group_name(course)).exists())

    def test_module_is_creatable(self):
        self.login()
        self.assertCanCreate(self.course, ModulePage, module_form_data())

    def test_course_and_module_are_editable_and_previewable(self):
        self.login()
        data = course_form_data(title=self.course.title, slug=self.course.slug)
        self.assertPageIsEditable(self.course, post_data=data)
        self.assertPageIsPreviewable(self.course, post_data=data)
        mdata = module_form_data(title=self.module.title, slug=self.module.slug)
        self.assertPageIsEditable(self.module, post_data=mdata)
        self.assertPageIsPreviewable(self.module, post_data=mdata)

    def test_a_figure_must_have_a_drawing_from_the_library(self):
        self.login()
        data = module_form_data(slug="bad-figure")
        data["body-4-value-image"] = ""
        data["action-publish"] = "action-publish"  # a draft may wait for its drawing
        response = self.client.post(f"/admin/pages/add/courses/modulepage/{self.course.pk}/", data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ModulePage.objects.filter(slug="bad-figure", live=True).exists())


class ModerationTests(WagtailPageTestCase):
    """Instructors write and submit; the secretariat approves; the change goes live."""

    def test_instructor_submits_and_secretariat_approves(self):
        index = course_index_page()
        instructor = UserFactory(role=Role.INSTRUCTORS.value)
        secretariat = UserFactory(role=Role.SECRETARIAT.value)
        course = make_course(index=index, modules=1, instructors=[instructor])
        from courses.services import course_saved

        course_saved(course=course)
        module = ModulePage.objects.child_of(course).get()
        self.assertTrue(Workflow.objects.filter(active=True).exists())

        self.client.force_login(instructor)
        data = module_form_data(title="Counting large flocks, revised", slug=module.slug)
        data["action-submit"] = "Submit for moderation"
        response = self.client.post(f"/admin/pages/{module.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        module.refresh_from_db()
        self.assertNotEqual(module.title, "Counting large flocks, revised")  # not live yet
        state = module.current_workflow_state
        self.assertIsNotNone(state)
        # An instructor cannot publish.
        self.assertFalse(module.permissions_for_user(instructor).can_publish())

        task_state = state.current_task_state
        self.assertTrue(
            task_state.task.specific.groups.filter(name=Role.SECRETARIAT.value).exists()
        )
        self.client.force_login(secretariat)
        response = self.client.post(
            f"/admin/pages/{module.pk}/edit/",
            {**data, "action-workflow-action": "true", "workflow-action-name": "approve"},
        )
        module.refresh_from_db()
        self.assertEqual(module.title, "Counting large flocks, revised")
        self.assertTrue(module.live)
        self.assertTrue(Group.objects.filter(name=course_team_group_name(course)).exists())
