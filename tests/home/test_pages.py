from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.home import demo
from portal.home.models import HomePage


class HomePageTests(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get()

    def test_the_site_is_rooted_at_the_home_page(self):
        self.assertEqual(Site.objects.get(is_default_site=True).root_page.specific, self.home)

    def test_only_one_home_page_directly_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def _form_data(self):
        return nested_form_data(
            {
                "title": "Flyway Academy",
                "slug": "home",
                "hero_heading": "Training for the people who protect the flyway",
                "hero_text": rich_text("<p>Field skills for young researchers.</p>"),
                "topics": streamfield(
                    [("topic", {"title": "Crane surveys", "summary": "Counting cranes."})]
                ),
                "body": streamfield([]),
            }
        )

    def test_renderable_and_previewable(self):
        self.assertPageIsRenderable(self.home)
        self.assertPageIsPreviewable(self.home, post_data=self._form_data())

    def test_editable_in_the_admin(self):
        self.login()
        self.assertPageIsEditable(self.home, post_data=self._form_data())

    def test_says_what_the_academy_is_and_how_to_join(self):
        demo.load_home_page()
        response = self.client.get("/en/")
        html = response.content.decode()

        self.assertContains(response, "migratory birds")
        for title, _summary in demo.TOPICS:
            self.assertIn(title, html)
        self.assertIn('href="/en/accounts/signup/"', html)
        self.assertIn('href="/en/accounts/login/"', html)
        self.assertIn('<main id="main"', html)
        self.assertIn('href="#main"', html)


class HomePageCourseListTests(WagtailPageTestCase):
    def test_lists_the_live_courses_of_its_catalogue(self):
        from tests.courses.factories import make_course

        course = make_course(title="Crane survey techniques", modules=1)

        response = self.client.get("/en/")

        self.assertContains(response, "Crane survey techniques")
        self.assertContains(response, course.url)
