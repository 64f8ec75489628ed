"""The home page (hero search, themes, featured cases, latest practices, key figures) and
plain editorial pages (legal notices, accessibility statement, personal data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class HomePage(Page):
    hero_title = models.CharField(_("titre d'accroche"), max_length=160, default="Partager pour innover")
    hero_text = models.TextField(
        _("texte d'accroche"),
        blank=True,
        default="Les retours d'expérience des chefs de projet Petites villes de demain : ce qu'ils ont fait, comment, et ce qu'ils en retiennent.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        InlinePanel("featured_practices", label=_("Cas à la une"), heading=_("Cas à la une (dans l'ordre d'affichage)")),
    ]
    subpage_types = ["practices.PracticeIndexPage", "home.ContentPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from home.context import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context


class HomeFeaturedPractice(Orderable):
    """A case editors put on the home page, in their chosen order, with an optional blurb."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_practices")
    practice = models.ForeignKey(
        "practices.PracticePage", verbose_name=_("retour d'expérience"), on_delete=models.CASCADE, related_name="+"
    )
    blurb = models.CharField(_("accroche éditoriale"), max_length=250, blank=True)

    panels = [FieldPanel("practice"), FieldPanel("blurb")]


class ContentPage(Page):
    """Plain editorial page: mentions légales, accessibilité, données personnelles…"""

    body = RichTextField(_("contenu"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page de contenu")
