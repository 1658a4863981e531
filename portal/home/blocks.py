from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class TopicBlock(blocks.StructBlock):
    """One of the academy's training areas, shown as a card on the home page."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    summary = blocks.TextBlock(label=_("Summary"), max_length=400)
    link = blocks.PageChooserBlock(label=_("Link"), required=False)

    class Meta:
        icon = "tag"
        template = "blocks/topic_block.html"
        label = _("Training area")
        preview_value = {
            "title": "Crane survey techniques",
            "summary": "Synchronised counts at roosts and feeding sites.",
        }


class SectionBlock(blocks.StructBlock):
    """A heading with a paragraph of rich text."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "doc-full"
        template = "blocks/section_block.html"
        label = _("Section")
        preview_value = {"heading": "Who we train", "text": "<p>Early-career researchers.</p>"}
