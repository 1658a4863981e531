"""StreamField blocks for field-training modules.

Each block says what it is for, renders with its own template under
``templates/blocks/course_*.html`` and carries a preview value for the admin's
block picker.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class CalloutKind(blocks.ChoiceBlock):
    choices = [
        ("safety", _("Safety")),
        ("ethics", _("Ethics and animal welfare")),
        ("permits", _("Permits")),
        ("tip", _("Field tip")),
    ]


class ConservationStatusBlock(blocks.ChoiceBlock):
    """IUCN Red List categories."""

    choices = [
        ("LC", _("Least Concern")),
        ("NT", _("Near Threatened")),
        ("VU", _("Vulnerable")),
        ("EN", _("Endangered")),
        ("CR", _("Critically Endangered")),
        ("EW", _("Extinct in the Wild")),
        ("DD", _("Data Deficient")),
    ]


class ImageWithCaptionBlock(blocks.StructBlock):
    """A photograph or scan with what it shows and who made it."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=300, required=False)
    credit = blocks.CharBlock(label=_("Credit"), max_length=200)

    class Meta:
        icon = "image"
        template = "blocks/course_image_block.html"
        label = _("Image with caption")


class VideoBlock(blocks.StructBlock):
    """A video from an oEmbed provider, with a caption."""

    video = EmbedBlock(label=_("Video address"), max_width=960)
    caption = blocks.CharBlock(label=_("Caption"), max_length=300, required=False)

    class Meta:
        icon = "media"
        template = "blocks/course_video_block.html"
        label = _("Video")


class DocumentDownloadBlock(blocks.StructBlock):
    """A file to take to the field: a data sheet, a protocol, a permit template."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200, required=False)
    description = blocks.TextBlock(label=_("Description"), max_length=500, required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/course_document_block.html"
        label = _("Document download")


class CalloutBlock(blocks.StructBlock):
    """A box that stands out: safety, ethics and welfare, permits, or a field tip."""

    kind = CalloutKind(label=_("Kind"), default="safety")
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "warning"
        template = "blocks/course_callout_block.html"
        label = _("Callout")
        preview_value = {
            "kind": "safety",
            "title": "Stay on the dyke",
            "text": "<p>Do not walk onto the mudflat at a rising tide.</p>",
        }


class ProtocolBlock(blocks.StructBlock):
    """A numbered, step-by-step field protocol."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    steps = blocks.ListBlock(
        blocks.TextBlock(label=_("Step"), max_length=1000), label=_("Steps"), min_num=1
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/course_protocol_block.html"
        label = _("Field protocol")
        preview_value = {
            "title": "Before the count",
            "steps": ["Check the tide table.", "Synchronise watches with the other teams."],
        }


class SpeciesNamesBlock(blocks.StructBlock):
    """The species' common names in the region's languages."""

    en = blocks.CharBlock(label=_("English"), max_length=120)
    zh = blocks.CharBlock(label=_("Chinese"), max_length=120, required=False)
    ja = blocks.CharBlock(label=_("Japanese"), max_length=120, required=False)
    ko = blocks.CharBlock(label=_("Korean"), max_length=120, required=False)
    mn = blocks.CharBlock(label=_("Mongolian"), max_length=120, required=False)
    ru = blocks.CharBlock(label=_("Russian"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Common names")


class SpeciesCardBlock(blocks.StructBlock):
    """A species at a glance: names, Red List status, how to tell it apart."""

    common_names = SpeciesNamesBlock(label=_("Common names"))
    scientific_name = blocks.CharBlock(label=_("Scientific name"), max_length=120)
    status = ConservationStatusBlock(label=_("IUCN Red List status"), required=False)
    identification = blocks.RichTextBlock(
        label=_("Identification notes"), features=["bold", "italic", "ul"]
    )
    image = ImageChooserBlock(label=_("Image"), required=False)
    image_credit = blocks.CharBlock(label=_("Image credit"), max_length=200, required=False)

    class Meta:
        icon = "pick"
        template = "blocks/course_species_card_block.html"
        label = _("Species card")

    LANGUAGE_LABELS = [
        ("en", _("English")),
        ("zh", _("Chinese")),
        ("ja", _("Japanese")),
        ("ko", _("Korean")),
        ("mn", _("Mongolian")),
        ("ru", _("Russian")),
    ]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        names = value["common_names"]
        # The heading is the name in the reader's language (zh-hans -> zh), else English;
        # the other languages' names follow it.
        reader = (translation.get_language() or "en").split("-")[0]
        heading = reader if names.get(reader) else "en"
        context["status_label"] = dict(ConservationStatusBlock.choices).get(value.get("status"))
        context["heading_name"] = names.get(heading)
        context["heading_lang"] = heading
        context["other_names"] = [
            (code, label, names[code])
            for code, label in self.LANGUAGE_LABELS
            if code != heading and names.get(code)
        ]
        return context


class GlossaryTermBlock(blocks.StructBlock):
    """A term a field researcher needs, with its definition."""

    term = blocks.CharBlock(label=_("Term"), max_length=120)
    definition = blocks.RichTextBlock(label=_("Definition"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        template = "blocks/course_glossary_block.html"
        label = _("Glossary term")
        preview_value = {
            "term": "Juvenile ratio",
            "definition": "<p>The share of first-year birds among all birds aged.</p>",
        }


class StaticFigureBlock(blocks.StructBlock):
    """A drawing chosen from the image library (an SVG or a picture), with caption and credit.

    Instructors see their courses' collections only. Drawings that ship with
    the portal are in the library's "Course drawings" collection
    (``courses.drawings``); blocks that once named a static path were moved
    there by migration 0005.
    """

    image = ImageChooserBlock(
        label=_("Drawing"),
        help_text=_("Choose the drawing from the image library (SVG, PNG, JPEG or WebP)."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=300)
    credit = blocks.CharBlock(label=_("Credit"), max_length=200)

    class Meta:
        icon = "image"
        template = "blocks/course_figure_block.html"
        label = _("Drawing")


class QuizBlock(SnippetChooserBlock):
    """Places a quiz from the assessments app; its launch box links to the quiz."""

    def __init__(self, **kwargs):
        super().__init__("assessments.Quiz", **kwargs)

    class Meta:
        icon = "tasks"
        template = "blocks/course_quiz_block.html"
        label = _("Quiz")


class AssignmentBlock(SnippetChooserBlock):
    """Places an assignment from the assignments app; its box links to where learners hand in."""

    def __init__(self, **kwargs):
        super().__init__("assignments.Assignment", **kwargs)

    class Meta:
        icon = "doc-full"
        template = "blocks/course_assignment_block.html"
        label = _("Assignment")


class LibraryResourceBlock(blocks.StructBlock):
    """Points learners to a resource of the knowledge library (a report, protocol, data set).

    The page type is named by its label only: the library is a higher app,
    which courses never imports.
    """

    resource = blocks.PageChooserBlock(
        label=_("Library resource"), page_type="library.ResourcePage"
    )
    note = blocks.TextBlock(
        label=_("Why read it"), max_length=400, required=False, help_text=_("Optional.")
    )

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/course_library_resource_block.html"
        label = _("Library resource")


class ModuleStreamBlock(blocks.StreamBlock):
    """Everything a module's body may hold."""

    rich_text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/course_rich_text_block.html"
    )
    image = ImageWithCaptionBlock()
    video = VideoBlock()
    document = DocumentDownloadBlock()
    callout = CalloutBlock()
    protocol = ProtocolBlock()
    species_card = SpeciesCardBlock()
    glossary = GlossaryTermBlock()
    figure = StaticFigureBlock()
    quiz = QuizBlock()
    assignment = AssignmentBlock()
    library_resource = LibraryResourceBlock()
