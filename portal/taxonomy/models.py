from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.translated_text import TranslationsField, in_language


class TagKind(models.TextChoices):
    SPECIES = "species", _("Species")
    METHOD = "method", _("Method")
    SITE = "site", _("Site")


class Tag(models.Model):
    """A species, method or site that connects courses, cohorts and people.

    One shared vocabulary, kept by the secretariat, so that "who has been trained
    in crane surveys in Mongolia" is one query across courses and profiles.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=TagKind.choices)
    name = models.CharField(_("name"), max_length=120)
    name_translations = TranslationsField(
        _("name in other languages"),
        max_length=120,
        help_text=_("Leave a language empty to show the name above."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    scientific_name = models.CharField(
        _("scientific name"), max_length=120, blank=True, help_text=_("For species.")
    )

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="taxonomy_tag_kind_name_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (the active one)."""
        return in_language(self.name_translations, self.name)
