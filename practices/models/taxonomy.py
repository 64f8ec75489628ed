"""Themes, funders and free keywords: the taxonomies editors manage as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

THEME_ICONS = [
    ("fr-icon-heart-pulse-line", _("Santé")),
    ("fr-icon-bus-line", _("Transport")),
    ("fr-icon-computer-line", _("Numérique")),
    ("fr-icon-plant-line", _("Nature")),
    ("fr-icon-government-line", _("Services publics")),
    ("fr-icon-store-line", _("Commerce")),
    ("fr-icon-home-4-line", _("Habitat")),
    ("fr-icon-ancient-gate-line", _("Patrimoine")),
    ("fr-icon-leaf-line", _("Écologie")),
    ("fr-icon-team-line", _("Participation")),
    ("fr-icon-earth-line", _("Tourisme")),
    ("fr-icon-community-line", _("Communauté")),
]


FEATURED_PER_THEME = 6  # a theme page's « À la une » row: two lines of three cards


class Theme(index.Indexed, ClusterableModel):
    """A theme is a real model (not a tag) so that it has a page, a description and facets."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    icon = models.CharField(_("icône"), max_length=60, choices=THEME_ICONS, default="fr-icon-leaf-line")
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
        InlinePanel(
            "featured_practices", label=_("Cas à la une"), heading=_("Cas mis à la une sur la page de la thématique"),
            max_num=FEATURED_PER_THEME,
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from .pages import PracticeIndexPage

        index = PracticeIndexPage.objects.live().first()
        return index.theme_url(self.slug) if index else ""


class Funder(models.Model):
    """The managed list of funders (editors add one when a new scheme appears)."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("financeur")
        verbose_name_plural = _("financeurs")

    def __str__(self):
        return self.name


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items")


class ThemeFeaturedPractice(Orderable):
    """A case editors put forward on a theme page, in their chosen order."""

    theme = ParentalKey(Theme, on_delete=models.CASCADE, related_name="featured_practices")
    practice = models.ForeignKey("practices.PracticePage", verbose_name=_("retour d'expérience"), on_delete=models.CASCADE, related_name="+")
    blurb = models.CharField(_("accroche éditoriale"), max_length=250, blank=True)

    panels = [FieldPanel("practice"), FieldPanel("blurb")]
