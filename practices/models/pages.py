"""The practice index and the practice write-up (PracticePage).

Drafts may be incomplete: Wagtail defers "required" on draft saves for every field panel that
is not required on save, so the required fields below are enforced only when the write-up is
submitted for review or published. Required to publish: title, summary, commune, themes,
phase. Recommended only (real write-ups often lack them): start year, context, objectives,
actions. practices.validation checks the same rules outside the admin (the importer).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from communes.models import SizeBand, size_band_for
from practices.api_fields import PRACTICE_API_FIELDS
from practices.page_forms import PracticePageForm

from ..visibility import CheapViewRestrictionsMixin
from .blocks import CaptionedImageBlock, KeyFigureBlock, QuoteBlock
from .choices import AttachmentKind, Phase, Programme
from .taxonomy import PracticeTag, Theme

SECTION_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
MIN_YEAR = 1990
MAX_YEAR = 2040

year_validators = [
    MinValueValidator(MIN_YEAR, _("L'année doit être postérieure ou égale à %(limit_value)s.")),
    MaxValueValidator(MAX_YEAR, _("L'année doit être antérieure ou égale à %(limit_value)s.")),
]
not_negative = MinValueValidator(0, _("Le montant ne peut pas être négatif."))


class PracticeIndexPage(CheapViewRestrictionsMixin, RoutablePageMixin, Page):
    """The list of every write-up, and one route per theme (/<index>/thematiques/<slug>/), so that
    theme pages get their URL, sitemap entry and page cache from Wagtail like any page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["practices.PracticePage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des retours d'expérience")

    def get_context(self, request, *args, **kwargs):
        from practices.listing import practice_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_listing_context(request, theme=kwargs.get("theme")))
        context["practice_index"] = self
        return context

    @path("thematiques/<slug:slug>/", name="theme")
    def theme_page(self, request, slug):
        from practices.listing import theme_featured_practices

        theme = get_object_or_404(Theme, slug=slug)
        return self.render(
            request,
            template="practices/theme_page.html",
            context_overrides={"theme": theme, "featured_practices": theme_featured_practices(theme)},
            theme=theme,
        )

    def route(self, request, path_components):
        """A write-up in one query (Wagtail takes two, then more for its commune, image and
        author): its own routes (themes) first, as RoutablePageMixin does."""
        if len(path_components) == 1 and self.live:
            try:
                self.resolve_subpage("/" + path_components[0] + "/")
            except Http404:
                practice = (
                    PracticePage.objects.child_of(self)
                    .filter(slug=path_components[0])
                    .select_related("commune__department__region", "image", "owner__project_lead_profile")
                    .first()
                )
                if practice is not None:
                    practice._cached_parent_obj = self  # Page.get_parent() reads it
                    return practice.route(request, [])
        return super().route(request, path_components)

    def theme_url(self, slug: str) -> str:
        return self.url + self.reverse_subpage("theme", kwargs={"slug": slug})

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        themes = Theme.objects.annotate(
            last_publication=Max("practices__last_published_at", filter=Q(practices__live=True))
        ).order_by("sort_order", "name")
        for theme in themes:
            location = base + self.reverse_subpage("theme", kwargs={"slug": theme.slug})
            urls.append({"location": location, "lastmod": theme.last_publication, "changefreq": "weekly"})
        return urls


class PracticePage(CheapViewRestrictionsMixin, Page):
    summary = models.TextField(
        _("chapô"),
        max_length=400,
        help_text=_("En deux ou trois phrases : ce qui a été fait, où, et pour quel résultat. Affiché sur les cartes."),
    )
    commune = models.ForeignKey(
        "communes.Commune",
        verbose_name=_("commune principale"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="practices",
        help_text=_("Le département, la région et la population en sont déduits."),
    )
    programme = models.CharField(_("programme"), max_length=20, choices=Programme.choices, default=Programme.PVD)
    themes = ParentalManyToManyField("practices.Theme", verbose_name=_("thématiques"), related_name="practices")
    tags = ClusterTaggableManager(through=PracticeTag, blank=True, verbose_name=_("mots-clés"))
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    # Recommended, not required: many real write-ups give no start year (README).
    start_year = models.PositiveSmallIntegerField(_("année de début"), null=True, blank=True, validators=year_validators)
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"), null=True, blank=True, validators=year_validators, help_text=_("Si le projet est terminé.")
    )
    budget = models.BigIntegerField(_("budget total (€)"), null=True, blank=True, validators=[not_negative])
    partners = models.TextField(_("partenaires"), blank=True, help_text=_("Par exemple : ARS, CPTS, intercommunalité, associations."))
    staff_days = models.PositiveIntegerField(
        _("jours de travail du chef de projet"), null=True, blank=True, validators=[not_negative]
    )
    months_to_deliver = models.PositiveSmallIntegerField(_("durée de réalisation (mois)"), null=True, blank=True)

    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo principale"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(
        _("texte alternatif de la photo"), max_length=250, blank=True,
        help_text=_("Décrivez ce que montre la photo. Obligatoire si une photo est choisie."),
    )

    context = RichTextField(_("contexte"), features=SECTION_FEATURES, blank=True, help_text=_("La situation de départ : le besoin, les chiffres, qui l'a porté. Ex. : « Trois médecins partant à la retraite, 40 % des habitants sans médecin traitant. »"))
    objectives = RichTextField(_("objectifs"), features=SECTION_FEATURES, blank=True, help_text=_("Ce que vous vouliez obtenir, de préférence mesurable."))
    actions = RichTextField(_("actions menées"), features=SECTION_FEATURES, blank=True, help_text=_("Les étapes, dans l'ordre, avec les acteurs et les délais."))
    results = RichTextField(_("résultats"), features=SECTION_FEATURES, blank=True, help_text=_("Ce qui a changé, chiffré si possible."))
    results_date = models.DateField(_("résultats à la date du"), null=True, blank=True)
    difficulties = RichTextField(_("difficultés rencontrées"), features=SECTION_FEATURES, blank=True, help_text=_("Ce qui a freiné, et comment vous l'avez surmonté."))
    advice = RichTextField(_("conseils et facteurs de réussite"), features=SECTION_FEATURES, blank=True, help_text=_("Ce que vous diriez à un collègue qui se lance."))
    transferability = RichTextField(_("transférabilité"), features=SECTION_FEATURES, blank=True, help_text=_("À quelles conditions une autre petite ville peut-elle le refaire ?"))

    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("chiffres clés"))
    gallery = StreamField([("image", CaptionedImageBlock())], blank=True, verbose_name=_("galerie"))
    testimony = StreamField([("quote", QuoteBlock())], blank=True, max_num=1, verbose_name=_("témoignage"))

    contact_name = models.CharField(_("nom du contact"), max_length=120, blank=True)
    contact_role = models.CharField(_("fonction"), max_length=160, blank=True)
    contact_organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    contact_email = models.EmailField(_("courriel"), blank=True, help_text=_("Jamais affiché : les lecteurs écrivent par un formulaire."))
    contact_public = models.BooleanField(_("afficher le contact"), default=True)

    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("phase")]
    api_fields = PRACTICE_API_FIELDS  # what /api/v2/pratiques/ shows (practices/api_fields.py)

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    base_form_class = PracticePageForm  # French "required" messages, sanitised sections

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("commune"),
                InlinePanel("other_communes", label=_("Autre commune concernée"), heading=_("Autres communes")),
                FieldPanel("programme"),
                FieldPanel("themes", required_on_save=False, widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Où et sur quoi"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phase"), FieldPanel("start_year"), FieldPanel("end_year")])],
            heading=_("Avancement"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Photo principale")),
    ]
    story_panels = [
        FieldPanel("context"),
        FieldPanel("objectives"),
        FieldPanel("actions"),
        FieldRowPanel([FieldPanel("results_date")]),
        FieldPanel("results"),
        FieldPanel("difficulties"),
        FieldPanel("advice"),
        FieldPanel("transferability"),
        FieldPanel("key_figures"),
        FieldPanel("gallery"),
        FieldPanel("testimony"),
    ]
    means_panels = [
        FieldPanel("budget"),
        InlinePanel("fundings", label=_("Financement"), heading=_("Financeurs")),
        FieldPanel("partners"),
        FieldRowPanel([FieldPanel("staff_days"), FieldPanel("months_to_deliver")]),
        InlinePanel("attachments", label=_("Document"), heading=_("Kit de réplication")),
    ]
    contact_panels = [
        FieldPanel("contact_name"),
        FieldRowPanel([FieldPanel("contact_role"), FieldPanel("contact_organisation")]),
        FieldPanel("contact_email"),
        FieldPanel("contact_public"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("L'essentiel")),
            ObjectList(story_panels, heading=_("Le récit")),
            ObjectList(means_panels, heading=_("Moyens et documents")),
            ObjectList(contact_panels, heading=_("Contact")),
            ObjectList(Page.promote_panels, heading=_("Référencement")),
        ]
    )

    class Meta:
        verbose_name = _("retour d'expérience")
        verbose_name_plural = _("retours d'expérience")

    def clean(self):
        super().clean()
        self.clean_practice()

    def clean_practice(self):
        """The write-up's own rules, apart from Page's (slug, tree): shared by the admin form and
        the importer (practices.validation)."""
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("L'année de fin doit être postérieure ou égale à l'année de début.")
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Décrivez la photo : le texte alternatif est obligatoire quand une photo est choisie.")
        if errors:
            raise ValidationError(errors)

    # Facts derived from the commune: nobody types them.
    @cached_property
    def department(self):
        return self.commune.department if self.commune_id else None

    @cached_property
    def region(self):
        return self.department.region if self.department else None

    @property
    def population(self):
        return self.commune.population if self.commune_id else None

    @property
    def size_band(self):
        return size_band_for(self.population)

    @property
    def size_band_label(self):
        band = self.size_band
        return SizeBand(band).label if band else ""

    @property
    def cost_per_inhabitant(self):
        if self.budget is None or not self.population:
            return None
        return round(self.budget / self.population)

    def get_context(self, request, *args, **kwargs):
        from practices.detail import practice_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_detail_context(self))
        return context


class PracticeOtherCommune(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="other_communes")
    commune = models.ForeignKey("communes.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("commune")]


class PracticeFunding(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="fundings")
    funder = models.ForeignKey("practices.Funder", verbose_name=_("financeur"), on_delete=models.PROTECT, related_name="fundings")
    amount = models.BigIntegerField(_("montant (€)"), null=True, blank=True, validators=[not_negative])

    panels = [FieldRowPanel([FieldPanel("funder"), FieldPanel("amount")])]


class PracticeAttachment(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("type de document"), max_length=30, choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("document")])]
