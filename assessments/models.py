"""Question bank, quizzes, attempts and pre/post pairs.

Content (questions, quizzes, categories) is editorial and lives in Wagtail
snippets; learner data (attempts and their answers) is plain Django models.
An attempt copies nothing from the question: it fixes which questions were
drawn, their order and the order of their choices, and stores the learner's
raw response per question. Grading reads the question and the response only
(see ``assessments.grading``).
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .grading import QuestionSpec, question_defects

# --- Choices -------------------------------------------------------------------


class CategoryKind(models.TextChoices):
    TOPIC = "topic", _("Topic")
    SPECIES = "species", _("Species")
    METHOD = "method", _("Method")
    DIFFICULTY = "difficulty", _("Difficulty")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    NUMERIC = "numeric", _("Numeric")
    SHORT_TEXT = "short_text", _("Short text")
    ORDERING = "ordering", _("Ordering")
    MATCHING = "matching", _("Matching")
    IMAGE = "image", _("Image identification")
    COLOUR_BANDS = "colour_bands", _("Colour-band combination")
    LIKERT = "likert", _("Likert item (survey, not graded)")
    FREE_TEXT = "free_text", _("Free text (survey, not graded)")


UNGRADED_KINDS = frozenset({QuestionKind.LIKERT, QuestionKind.FREE_TEXT})


class MultipleScoring(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
    PARTIAL = "partial", _("Partial credit")


class ToleranceKind(models.TextChoices):
    ABSOLUTE = "absolute", _("Absolute (± units)")
    RELATIVE = "relative", _("Relative (± percent)")


class BandMode(models.TextChoices):
    READ = "read", _("Read: the drawing shows the bands, the learner writes them down")
    COMPOSE = "compose", _("Compose: the learner places the written combination on the drawing")


class QuizKind(models.TextChoices):
    QUIZ = "quiz", _("Graded quiz")
    SURVEY = "survey", _("Reaction survey (not graded)")


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    FIRST = "first", _("First attempt")
    AVERAGE = "average", _("Average of attempts")


class ReviewPolicy(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately after each attempt")
    AFTER_LAST_ATTEMPT = "after_last_attempt", _("After the last attempt allowed")
    AFTER_CLOSE = "after_close", _("After the quiz closes")
    NEVER = "never", _("Never")


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


# --- Translation -----------------------------------------------------------------
#
# Quizzes, questions and choices are translated with wagtail-localize, segment by
# segment. Only what a learner reads is translated; everything grading reads is
# synchronised from the source (and cannot be overridden per language), because
# attempts and grading always use the source rows (see ``assessments.localization``).


def _synchronised(*names: str) -> list[SynchronizedField]:
    return [SynchronizedField(name, overridable=False) for name in names]


class ChoiceTextField(TranslatableField):
    """A choice's text: translated, except a short-text question's accepted answers.

    Accepted answers are compared with what the learner types, so they stay as
    written in the source; an answer in another language is added to the source
    question with its ``language``.
    """

    def _is_accepted_answer(self, choice) -> bool:
        return choice.question.kind == QuestionKind.SHORT_TEXT

    def is_translated(self, obj):
        return not self._is_accepted_answer(obj)

    def is_synchronized(self, obj):
        return self._is_accepted_answer(obj) or super().is_synchronized(obj)


# --- Question bank ---------------------------------------------------------------


class QuestionCategory(models.Model):
    """A shelf of the question bank: a topic, a species, a method or a difficulty."""

    kind = models.CharField(_("kind"), max_length=20, choices=CategoryKind.choices)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="assessments_category_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


def _revisions(name: str) -> GenericRelation:
    return GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )


def _workflow_states(name: str) -> GenericRelation:
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=name,
        for_concrete_model=False,
    )


class Question(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """One question of the bank, of any kind; its choices are inline ``Choice`` rows.

    Questions are reviewed like pages (draft, revisions, the moderation
    workflow): the row holds the published version, which learners see; a
    draft lives in a revision until published. An attempt keeps a snapshot of
    each question as published when it started (``AttemptQuestion.snapshot``).

    Translations (one row per language, see ``assessments.localization``) carry
    the texts only: attempts, grading and statistics use the source question.

    What the choices mean depends on ``kind``:

    - single, multiple, image: the options; ``is_correct`` marks the right ones.
    - short text: the accepted answers (``language`` restricts one to a language).
    - ordering: the items, in the correct order.
    - matching: ``text`` is a prompt and ``match_text`` its partner; a row with
      an empty ``text`` adds a distractor partner.
    - likert: the scale points, in order.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    title = models.CharField(
        _("name in the bank"),
        max_length=200,
        help_text=_("Shown to authors only, to find the question in the bank."),
    )
    text = models.TextField(_("question"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "For image identification. Learners see it through the portal, never its name."
        ),
    )
    categories = ParentalManyToManyField(
        QuestionCategory, verbose_name=_("categories"), blank=True, related_name="questions"
    )
    points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    general_feedback = models.TextField(_("general feedback"), blank=True)
    multiple_scoring = models.CharField(
        _("multiple-choice scoring"),
        max_length=20,
        choices=MultipleScoring.choices,
        default=MultipleScoring.ALL_OR_NOTHING,
    )
    true_false_answer = models.BooleanField(_("the statement is true"), null=True, blank=True)
    numeric_answer = models.DecimalField(
        _("numeric answer"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    numeric_tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=16,
        decimal_places=4,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    tolerance_kind = models.CharField(
        _("tolerance kind"),
        max_length=10,
        choices=ToleranceKind.choices,
        default=ToleranceKind.ABSOLUTE,
    )
    band_mode = models.CharField(
        _("colour-band mode"), max_length=10, choices=BandMode.choices, default=BandMode.READ
    )
    band_answer = models.JSONField(
        _("colour-band combination"),
        default=dict,
        blank=True,
        help_text=_(
            'Per leg and position, colours from top to bottom, e.g. {"left_above": ["red"], '
            '"left_below": ["metal"], "right_above": ["white", "green"], "right_below": []}.'
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    revisions = _revisions("question")
    workflow_states = _workflow_states("question")

    # The question picker (a quiz's slots) searches these.
    search_fields = [
        index.SearchField("title"),
        index.SearchField("text"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("locale_id"),
    ]

    translatable_fields = [
        TranslatableField("text"),
        TranslatableField("general_feedback"),
        TranslatableField("choices"),
        *_synchronised(
            "kind",
            "title",
            "image",
            "points",
            "multiple_scoring",
            "true_false_answer",
            "numeric_answer",
            "numeric_tolerance",
            "tolerance_kind",
            "band_mode",
            "band_answer",
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=0), name="assessments_question_points_nonnegative"
            ),
            models.CheckConstraint(
                condition=Q(numeric_tolerance__gte=0),
                name="assessments_question_tolerance_nonnegative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_graded(self) -> bool:
        return self.kind not in UNGRADED_KINDS

    def clean(self):
        """Refuse a question whose own fields cannot be shown or graded.

        The rule is ``grading.question_defects``; the inline choices are checked
        by the editor's form (``forms.QuestionAdminForm``) and the import, which
        see them before they are saved.

        Raises:
            ValidationError: per field, what to fix.
        """
        super().clean()
        spec = QuestionSpec(
            kind=self.kind,
            true_false_answer=self.true_false_answer,
            numeric_answer=self.numeric_answer,
            band_answer=self.band_answer,
        )
        errors: dict[str, list[str]] = {}
        for name, message in question_defects(spec):
            if name != "choices":
                errors.setdefault(name, []).append(message)
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "assessments/question_preview.html"

    def get_preview_context(self, request, mode_name):
        """Render the question exactly as the attempt page shows it to a learner."""
        from .display import question_view

        context = super().get_preview_context(request, mode_name)
        choices = sorted(self.choices.all(), key=lambda c: c.sort_order or 0)
        for number, choice in enumerate(choices, start=1):
            if choice.pk is None:  # unsaved rows of the edit form: stand-in ids
                choice.pk = -number
        context["q"] = question_view(
            question=self,
            choice_order=[c.pk for c in choices],
            response=None,
            position=1,
            attempt_id=0,
        )
        # The editor previews this very row, in its own language, whatever the
        # admin's language is: nothing to mark.
        context["q"]["untranslated"] = False
        return context


class Choice(TranslatableMixin, Orderable):
    """An option, accepted answer, item or pair of a question (see ``Question``)."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("text"), max_length=500, blank=True)
    is_correct = models.BooleanField(_("correct"), default=False)
    match_text = models.CharField(_("matches"), max_length=500, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Short text: accept this answer only in this interface language."),
    )
    feedback = models.TextField(_("feedback for this choice"), blank=True)

    translatable_fields = [
        ChoiceTextField("text"),
        TranslatableField("match_text"),
        TranslatableField("feedback"),
        *_synchronised("is_correct", "language", "sort_order"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")]),
        FieldRowPanel([FieldPanel("match_text"), FieldPanel("language")]),
        FieldPanel("feedback"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text or self.match_text


# --- Quizzes ---------------------------------------------------------------------


class Quiz(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    ClusterableModel,
):
    """A quiz or reaction survey; course pages place it with a ``SnippetChooserBlock``.

    Reviewed like pages (draft, revisions, the moderation workflow): learners
    reach only a published quiz, with its published questions.

    A translated page's block holds the quiz's translation where one exists
    (wagtail-localize remaps it), else the source; both lead to the source quiz,
    on which attempts are made.
    """

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuizKind.choices, default=QuizKind.QUIZ
    )
    intro = models.TextField(_("introduction"), blank=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quizzes",
        help_text=_("The course whose completion this quiz counts towards."),
    )
    required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Learners must pass it to complete the course."),
    )
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 for no limit.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    review_policy = models.CharField(
        _("review of answers and feedback"),
        max_length=20,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.IMMEDIATELY,
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    offline_allowed = models.BooleanField(
        _("can be taken offline"),
        default=False,
        help_text=_(
            "Learners who keep the course on their phone can take this quiz without a "
            "connection; their answers are graded when the phone is back online. Not for "
            "timed quizzes."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    revisions = _revisions("quiz")
    workflow_states = _workflow_states("quiz")

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        *_synchronised(
            "kind",
            "course",
            "required",
            "pass_mark",
            "attempts_allowed",
            "time_limit_minutes",
            "grading_method",
            "review_policy",
            "opens_at",
            "closes_at",
            "shuffle_questions",
            "shuffle_choices",
            "offline_allowed",
            "slots",
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100),
                name="assessments_quiz_pass_mark_range",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="assessments_quiz_closes_after_opens",
            ),
            # A time limit is kept by the server's clock: a timed quiz is online-only.
            models.CheckConstraint(
                condition=Q(offline_allowed=False) | Q(time_limit_minutes__isnull=True),
                name="assessments_quiz_offline_untimed",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.offline_allowed and self.time_limit_minutes:
            raise ValidationError(
                {
                    "offline_allowed": _(
                        "A timed quiz cannot be taken offline: its time limit is kept by the "
                        "server's clock."
                    )
                }
            )

    @property
    def is_survey(self) -> bool:
        return self.kind == QuizKind.SURVEY


class QuizSlot(Orderable):
    """A fixed question, or ``draw_count`` questions drawn at random from a category."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="slots")
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("draw from category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    draw_count = models.PositiveSmallIntegerField(_("questions to draw"), default=1)

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("draw_count")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(question__isnull=False) & Q(category__isnull=True))
                | (Q(question__isnull=True) & Q(category__isnull=False) & Q(draw_count__gte=1)),
                name="assessments_slot_question_xor_category",
            )
        ]

    def clean(self):
        if bool(self.question_id) == bool(self.category_id):
            raise ValidationError(_("Choose either a question or a category to draw from."))

    def __str__(self) -> str:
        if self.question_id:
            return str(self.question)
        return f"{self.draw_count} x {self.category}"


class CohortTestPair(models.Model):
    """The pre-test and post-test of a cohort: learning gain = post - pre."""

    cohort = models.OneToOneField(
        "courses.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="test_pair",
    )
    pre_test = models.ForeignKey(
        Quiz, verbose_name=_("pre-test"), on_delete=models.PROTECT, related_name="+"
    )
    post_test = models.ForeignKey(
        Quiz, verbose_name=_("post-test"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("pre/post test pair")
        verbose_name_plural = _("pre/post test pairs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(pre_test=models.F("post_test")),
                name="assessments_pair_distinct_quizzes",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cohort}: {self.pre_test} → {self.post_test}"

    def clean(self):
        from .localization import source_language

        # Attempts are made on the source quiz only: a translation would never
        # have a score to compare.
        for name in ("pre_test", "post_test"):
            quiz = getattr(self, name, None) if getattr(self, f"{name}_id") else None
            if quiz is not None and quiz.locale.language_code != source_language():
                raise ValidationError(
                    {name: _("Choose the quiz in its original language, not a translation.")}
                )


# --- Attempts --------------------------------------------------------------------


class Attempt(models.Model):
    """One learner's sitting of a quiz within an enrolment."""

    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    participant = models.ForeignKey(
        "registry.Participant", on_delete=models.CASCADE, related_name="attempts"
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    quiz_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("quiz version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The published version of the quiz the attempt began on."),
    )
    pass_mark = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The pass mark of the quiz version the attempt began on, applied at submit."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_(
            "The content language the attempt began in; its questions keep their text "
            "in that language as it was then."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AttemptStatus.choices,
        default=AttemptStatus.IN_PROGRESS,
    )
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("time limit ends"), null=True, blank=True)
    last_saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=2)
    percent = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    accessible_bands = models.BooleanField(
        _("colour bands in the accessible form"),
        default=False,
        help_text=_("The learner asked for bands numbered by the legend, drawn larger."),
    )
    submit_key = models.CharField(
        _("submit key"),
        max_length=64,
        blank=True,
        help_text=_(
            "The idempotency key of the submit that graded the attempt: the same submit "
            "sent again (a queue replayed after a lost connection) gets the same result."
        ),
    )

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz", "participant", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "participant", "number"], name="assessments_attempt_number_unique"
            ),
            # At most one open attempt per learner and quiz: a double "start" cannot
            # open two.
            models.UniqueConstraint(
                fields=["quiz", "participant"],
                condition=Q(status="in_progress"),
                name="assessments_attempt_one_open",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="assessments_attempt_number_min"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | (Q(score__gte=0) & Q(score__lte=models.F("max_score"))),
                name="assessments_attempt_score_range",
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | (Q(percent__gte=0) & Q(percent__lte=100)),
                name="assessments_attempt_percent_range",
            ),
            # A submitted attempt has its time and grade; an open one has neither.
            models.CheckConstraint(
                condition=(
                    Q(status="in_progress") & Q(submitted_at__isnull=True) & Q(score__isnull=True)
                )
                | (Q(status="submitted") & Q(submitted_at__isnull=False) & Q(score__isnull=False)),
                name="assessments_attempt_status_consistent",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status"], name="assessments_attempt_quiz_st")]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number} ({self.participant_id})"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.IN_PROGRESS


class AttemptQuestion(models.Model):
    """A question as drawn into one attempt: its position, choice order and the answer."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    question_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("question version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(
        _("question as drawn"),
        encoder=DjangoJSONEncoder,
        null=True,
        blank=True,
        help_text=_(
            "The question with its choices as published when the attempt began: what "
            "the attempt shows and grades, whatever is published later."
        ),
    )
    translation_snapshot = models.JSONField(
        _("translation as drawn"),
        encoder=DjangoJSONEncoder,
        null=True,
        blank=True,
        help_text=_(
            "The question's translation into the attempt's language as published when "
            "the attempt began (empty: there was none, the source's text is shown)."
        ),
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("order in a list", "position"))
    choice_order = models.JSONField(_("choice order"), default=list, blank=True)
    response = models.JSONField(_("response"), null=True, blank=True)
    saved_at = models.DateTimeField(_("saved"), null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=6, decimal_places=2)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="assessments_attemptq_position_unique"
            ),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="assessments_attemptq_question_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | (Q(score__gte=0) & Q(score__lte=models.F("max_score"))),
                name="assessments_attemptq_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.position}"

    def question_as_drawn(self) -> Question:
        """The question (with its choices) as it was when the attempt began.

        Rows from before snapshots were kept fall back to the current question.
        """
        if self.snapshot is None:
            return self.question
        return Question.from_serializable_data(self.snapshot, check_fks=False)

    def translation_as_drawn(self) -> Question | None:
        """The question's translation as it was when the attempt began, if there was one."""
        if self.translation_snapshot is None:
            return None
        return Question.from_serializable_data(self.translation_snapshot, check_fks=False)
