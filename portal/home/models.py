from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from courses.models import CoursePage
from portal.core.routing import route_through_child

from .blocks import SectionBlock, TopicBlock


class HomePage(Page):
    """The academy's front page: what it is, its training areas, how to join."""

    hero_heading = models.CharField(_("headline"), max_length=160)
    hero_text = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    topics = StreamField([("topic", TopicBlock())], verbose_name=_("training areas"), blank=True)
    body = StreamField([("section", SectionBlock())], verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("topics"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        if len(path_components) > 1:  # on the way to a course, a module, …
            return route_through_child(self, request, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The courses of the catalogue below this home page (so in its language).
        context["courses"] = (
            CoursePage.objects.live()
            .public()
            .descendant_of(self)
            .filter(depth=self.depth + 2)
            .order_by("path")[:8]
        )
        return context
