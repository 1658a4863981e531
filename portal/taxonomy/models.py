from django.db import models
from django.utils.translation import gettext_lazy as _


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
        return self.name
