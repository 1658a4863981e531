"""Courses: the content is Wagtail pages, the learner data plain models.

``CourseIndexPage`` → ``CoursePage`` → ``ModulePage`` hold what instructors
write. ``Cohort`` is one delivery of a course; ``Enrolment``,
``ModuleProgress``, ``CohortDay`` and ``Attendance`` hold what learners do.
Writes go through ``courses.services``, reads through ``courses.selectors``;
pages' ``get_context``/``serve`` only call them.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.core.routing import RoutedParentMixin, route_through_child
from portal.core.translated_text import TranslationsField, in_language

from .blocks import ModuleStreamBlock
from .page_forms import CoursePageForm


class CourseTopic(models.TextChoices):
    SURVEYS = "surveys", _("Bird surveys and monitoring")
    BANDING = "banding", _("Banding and marking")
    REMOTE_SENSING = "remote_sensing", _("Drones and remote sensing")
    HABITAT = "habitat", _("Habitat assessment")
    SPECIES = "species", _("Species conservation")
    OTHER = "other", _("Other")


class CourseLevel(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CohortMode(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced online")
    ONLINE = "online", _("Scheduled online")
    IN_PERSON = "in_person", _("In person")
    BLENDED = "blended", _("Blended")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WAITLISTED = "waitlisted", _("On the waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def content_language_choices():
    return settings.LANGUAGES


# --- Pages -----------------------------------------------------------------


def _route_to_specific_child(parent: Page, child_model, request, path_components, defer=()):
    """Route into a child of ``parent``, one query per level, keeping the parent on it.

    A child the request only passes through is given its specific class
    without a query (``portal.core.routing.route_through_child``). The page
    being served is read as ``child_model`` in one query, by its URL path (an
    equality on one column, cheaper to build and run than a tree lookup),
    leaving the ``defer`` fields unloaded: a module's body is read from the
    template cache, so it is loaded only when that misses. Falls back to
    Wagtail's own routing for a child of another type.
    """
    if len(path_components) > 1:
        return route_through_child(parent, request, path_components)
    if not path_components:
        return Page.route(parent, request, path_components)
    candidates = (
        child_model.objects.filter(url_path=f"{parent.url_path}{path_components[0]}/")
        .defer(*defer)
        .select_related("locale")
        .order_by()
    )
    # Only the child of this parent: another site's tree may repeat the URL path.
    child = next(
        (c for c in candidates if c.depth == parent.depth + 1 and c.path.startswith(parent.path)),
        None,
    )
    if child is None:
        return Page.route(parent, request, path_components)
    if child.locale_id == parent.locale_id:
        # The pages of one tree share their locale: the parent gets it loaded.
        parent.locale = child.locale
    child.routed_parent = parent  # get_parent() without a query (RoutedParentMixin)
    return child.route(request, [])


class LearnerDataPageMixin:
    """A page whose translations and aliases share the learner data of the original.

    Cohorts hang on the course and progress on the module as first written; a
    learner reading a translation (or an alias, where no translation exists yet)
    sees the same enrolment and progress, so switching language loses nothing.
    """

    @cached_property
    def source_page(self):
        """This page as first written: the one cohorts, enrolments and progress point at.

        The default language's page is taken as the original without a query;
        otherwise the oldest page of the translation group that is not an alias.
        """
        if self.alias_of_id:
            return type(self).objects.select_related("locale").get(pk=self.alias_of_id)
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        original = (
            type(self)
            .objects.filter(translation_key=self.translation_key, alias_of__isnull=True)
            .select_related("locale")
            .order_by("pk")
            .first()
        )
        return original or self

    @property
    def content_language(self) -> str:
        """The language the page's text is written in: the original's, for an alias."""
        page = self.source_page if self.alias_of_id else self
        return page.locale.language_code


class CourseIndexPage(RoutedParentMixin, Page):
    """The catalogue: every live course, with filters and search."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")
        verbose_name_plural = _("course catalogues")

    def route(self, request, path_components):
        # One query for the course served instead of Wagtail's two (base page,
        # then its specific row); on the way to a module, none for its fields.
        return _route_to_specific_child(self, CoursePage, request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .forms import CatalogueFilterForm
        from .selectors import catalogue_courses

        context = super().get_context(request, *args, **kwargs)
        form = CatalogueFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["courses"] = catalogue_courses(index_page=self, **filters)
        context["is_filtered"] = any(filters.values())
        return context


class CoursePage(RoutedParentMixin, LearnerDataPageMixin, Page):
    """A course: what it teaches, to whom, who teaches it, and its modules."""

    # Listing someone as instructor makes them one: only administrators may.
    base_form_class = CoursePageForm

    summary = models.TextField(_("summary"), max_length=600)
    topic = models.CharField(_("topic"), max_length=20, choices=CourseTopic.choices)
    level = models.CharField(_("level"), max_length=20, choices=CourseLevel.choices)
    estimated_hours = models.PositiveSmallIntegerField(
        _("estimated hours"), help_text=_("Study time for the whole course, in hours.")
    )
    outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        help_text=_("What a learner can do after the course, one per item."),
    )
    body = StreamField(
        ModuleStreamBlock(),
        verbose_name=_("introduction"),
        blank=True,
        help_text=_("Shown on the course page above the list of modules."),
    )
    sources = StreamField(
        [("source", blocks.TextBlock(label=_("Source"), max_length=600))],
        verbose_name=_("sources"),
        blank=True,
        help_text=_("References for facts and figures used in the course."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ParentalManyToManyField(
        "taxonomy.Tag",
        verbose_name=_("species, methods and sites"),
        blank=True,
        related_name="courses",
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("outcomes"),
        index.FilterField("topic"),
        index.FilterField("level"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("topic"), FieldPanel("level"), FieldPanel("estimated_hours")],
            heading=_("About the course"),
        ),
        InlinePanel("languages", heading=_("Languages"), label=_("Language"), min_num=1),
        FieldPanel("outcomes"),
        FieldPanel("image"),
        FieldPanel("tags"),
        FieldPanel("body"),
        FieldPanel("sources"),
        MultiFieldPanel(
            [InlinePanel("instructors", label=_("Instructor"))],
            heading=_("Instructors"),
            help_text=_("Instructors may edit this course and submit it for review."),
        ),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def route(self, request, path_components):
        return _route_to_specific_child(self, ModulePage, request, path_components, defer=("body",))

    def get_context(self, request, *args, **kwargs):
        from .selectors import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(course=self, user=request.user))
        context["content_language"] = self.content_language
        return context


class CourseLanguage(Orderable):
    """A language a course is taught in."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=10, choices=content_language_choices)

    panels = [FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("course language")
        verbose_name_plural = _("course languages")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "language"], name="courses_courselanguage_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.get_language_display()


class CourseInstructor(Orderable):
    """A person who teaches a course; saving the course gives them edit rights."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="instructors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructor"),
        on_delete=models.CASCADE,
        related_name="course_instructor_roles",
    )

    panels = [FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = _("course instructor")
        verbose_name_plural = _("course instructors")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"], name="courses_courseinstructor_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class ModulePage(RoutedParentMixin, LearnerDataPageMixin, Page):
    """One unit of study in a course, read in order, marked done by the learner."""

    summary = models.TextField(_("summary"), max_length=600, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_(
            "A learner completes the course, and earns its certificate, when every required "
            "module is done, every required quiz passed at its pass mark and every required "
            "assignment graded at or above its pass mark; in an in-person cohort, attendance "
            "at the cohort's threshold instead; in a blended cohort, both."
        ),
    )
    body = StreamField(ModuleStreamBlock(), verbose_name=_("body"))

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("required")]),
        FieldPanel("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_context(self, request, *args, **kwargs):
        from .selectors import module_page_context

        context = super().get_context(request, *args, **kwargs)
        # Served (``Page.serve`` sets ``is_preview``), the module is at the address
        # asked for, which saves working it out from the site's root paths; a
        # preview is at the admin's address.
        served = getattr(request, "is_preview", None) is False
        url = escape_uri_path(request.path) if served else self.get_url(request)
        context.update(module_page_context(module=self, user=request.user, url=url))
        context["content_language"] = self.content_language
        return context


# --- Learner data ------------------------------------------------------------


class Cohort(ClusterableModel):
    """One delivery of a course: self-paced, scheduled online, in person or blended."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="cohorts"
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_translations = TranslationsField(
        _("title in other languages"),
        help_text=_("Leave a language empty to show the title above."),
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=CohortMode.choices, default=CohortMode.SELF_PACED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    partners = models.TextField(
        _("partner organisations"), blank=True, help_text=_("One organisation per line.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Places; leave empty for no limit. Learners beyond it join a waiting list."),
    )
    open_for_enrolment = models.BooleanField(
        _("learners may enrol themselves"),
        default=True,
        help_text=_(
            "Until the cohort starts. Untick to take people only through its staff: "
            "invitation, import or the attendance sheet. Self-paced cohorts are always open."
        ),
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance threshold (%)"),
        default=80,
        help_text=_("Share of days a participant must attend to complete an in-person cohort."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = [F("start_date").asc(nulls_first=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_threshold__lte=100),
                name="courses_cohort_threshold_percent",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="courses_cohort_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="courses_cohort_capacity_positive",
            ),
            models.UniqueConstraint(
                fields=["course"],
                condition=Q(mode="self_paced"),
                name="courses_cohort_one_self_paced_per_course",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The name in the reader's language: a self-paced cohort's stored title was
        written in one language ("… (self-paced)"), so it is named in the reader's
        instead; any other's title is taken from its translations."""
        if self.mode == CohortMode.SELF_PACED:
            return gettext("Self-paced online: start any time")
        return in_language(self.title_translations, self.title)

    def get_title_display(self) -> str:
        """The admin's listings show this for the title column (Wagtail reads a
        ``get_<field>_display``): the name in the reader's language."""
        return self.display_title

    def get_course_display(self) -> str:
        """The course's title in the reader's language: annotated once for a whole
        list (``selectors.course_title_localized``), else read for this one."""
        annotated = getattr(self, "course_display_title", None)
        return annotated or self.course.localized.title

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def records_attendance(self) -> bool:
        return self.mode in (CohortMode.IN_PERSON, CohortMode.BLENDED)


class Enrolment(models.Model):
    """One participant in one cohort; ``completed_at`` is never cleared once set."""

    participant = models.ForeignKey(
        "registry.Participant",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    completed_at = models.DateTimeField(pgettext_lazy("date", "completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["enrolled_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "cohort"], name="courses_enrolment_one_per_cohort"
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status", "enrolled_at"])]

    def __str__(self) -> str:
        return f"{self.participant} — {self.cohort}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class ModuleProgress(models.Model):
    """A module an enrolled learner has marked as done."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="module_progress"
    )
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(pgettext_lazy("date", "done"), default=timezone.now)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "module"], name="courses_moduleprogress_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.module}"


class CohortDay(models.Model):
    """One teaching day of an in-person or blended cohort."""

    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    title = models.CharField(_("programme"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("title")])]

    class Meta:
        verbose_name = _("cohort day")
        verbose_name_plural = _("cohort days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "date"], name="courses_cohortday_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} — {self.date:%Y-%m-%d}"


class Attendance(models.Model):
    """Whether one enrolled participant was present on one day."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(CohortDay, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="courses_attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.day.date:%Y-%m-%d}"
