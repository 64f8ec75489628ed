"""The home page (hero search, themes, featured cases, latest practices, key figures) and
plain editorial pages (legal notices, accessibility statement, personal data)."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from practices.visibility import CheapViewRestrictionsMixin

from .blocks import LinkBlock, links, plain_links
from .page_forms import HomePageForm


class HomePage(CheapViewRestrictionsMixin, RoutablePageMixin, Page):
    hero_title = models.CharField(_("titre d'accroche"), max_length=160, default="Partager pour innover")
    hero_text = models.TextField(
        _("texte d'accroche"),
        blank=True,
        default="Les retours d'expérience des chefs de projet Petites villes de demain : ce qu'ils ont fait, comment, et ce qu'ils en retiennent.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        InlinePanel(
            "featured_practices", label=_("Cas à la une"), heading=_("Cas à la une (dans l'ordre d'affichage)"),
            max_num=settings.FEATURED_HOME_MAX,
            help_text=_("Au plus %(max)s cas, chacun avec une photo et un chapô.") % {"max": settings.FEATURED_HOME_MAX},
        ),
    ]
    base_form_class = HomePageForm  # the featuring rules: limit, photo and summary
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

    @path("plan-du-site/", name="site_plan")
    def site_plan(self, request):
        from home.context import site_plan_context

        return self.render(request, template="home/site_plan.html", context_overrides=site_plan_context(self))

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        urls.append({"location": self.get_full_url(request) + self.reverse_subpage("site_plan")})
        return urls


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


@register_setting(icon="list-ul")
class SiteChrome(BaseSiteSetting):
    """The texts and links of the header and footer, which editors keep up to date without a
    deployment (the four State links of the footer are mandatory on a State site: DSFR)."""

    service_title = models.CharField(_("nom du service"), max_length=80, default="Partager pour innover")
    tagline = models.CharField(
        _("devise du service"), max_length=160, blank=True, default="Les retours d'expérience des Petites villes de demain"
    )
    navigation = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("menu principal"),
        default=links(("Accueil", "/"), ("Retours d'expérience", "/pratiques/"), ("Recherche avancée", "/recherche/")),
    )
    footer_description = models.TextField(
        _("présentation dans le pied de page"), blank=True,
        default="Partager pour innover est la base de connaissances des chefs de projet du programme Petites villes "
        "de demain, animée par l'Agence nationale de la cohésion des territoires (ANCT).",
    )
    footer_links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("liens institutionnels du pied de page"),
        default=links(
            ("agence-cohesion-territoires.gouv.fr", "https://agence-cohesion-territoires.gouv.fr"),
            ("legifrance.gouv.fr", "https://www.legifrance.gouv.fr"),
            ("info.gouv.fr", "https://www.info.gouv.fr"),
            ("service-public.gouv.fr", "https://www.service-public.gouv.fr"),
            ("data.gouv.fr", "https://www.data.gouv.fr"),
        ),
    )
    footer_bottom_links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("liens du bas de page"),
        default=links(
            ("Plan du site", "/plan-du-site/"),
            ("Accessibilité : non conforme", "/accessibilite/"),
            ("Mentions légales", "/mentions-legales/"),
            ("Données personnelles", "/donnees-personnelles/"),
            ("Données ouvertes", "/donnees/"),
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("service_title"), FieldPanel("tagline"), FieldPanel("navigation")], heading=_("En-tête")),
        MultiFieldPanel(
            [FieldPanel("footer_description"), FieldPanel("footer_links"), FieldPanel("footer_bottom_links")],
            heading=_("Pied de page"),
        ),
    ]

    class Meta:
        verbose_name = _("en-tête et pied de page")

    # what the header and footer templates loop over (home.blocks.plain_links)
    @cached_property
    def navigation_links(self):
        return plain_links(self.navigation)

    @cached_property
    def footer_link_list(self):
        return plain_links(self.footer_links)

    @cached_property
    def footer_bottom_link_list(self):
        return plain_links(self.footer_bottom_links)
