"""The privacy policy: a page per language, versioned, that consent is recorded against."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField


class PolicySectionBlock(blocks.StructBlock):
    """One section of the policy: a heading and its text."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "doc-full"
        label = _("section")
        template = "registry/blocks/policy_section.html"


class PrivacyPolicyPage(Page):
    """The privacy policy in one language.

    ``version`` is the same in every language (it is synchronised from the
    original, not translated). Consent is recorded against the version of the
    live policy; publishing a new version asks everyone to consent again the
    next time they log in.
    """

    version = models.CharField(
        _("version"),
        max_length=20,
        help_text=_(
            "Consent is recorded against this version. Raise it (for example 2026-12) when "
            "the policy changes in substance: everyone is asked to consent again at their "
            "next log-in."
        ),
    )
    effective_from = models.DateField(_("in effect from"))
    summary_of_changes = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("Shown to people asked to consent again."),
    )
    body = StreamField([("section", PolicySectionBlock())], verbose_name=_("policy"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("version"),
        FieldPanel("effective_from"),
        FieldPanel("summary_of_changes"),
        FieldPanel("body"),
    ]
    override_translatable_fields = [
        SynchronizedField("version"),
        SynchronizedField("effective_from"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "registry/privacy_policy_page.html"

    class Meta:
        verbose_name = _("privacy policy")
        verbose_name_plural = _("privacy policies")
