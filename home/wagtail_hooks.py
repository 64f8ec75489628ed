"""Admin registrations of the site: « Mettre à la une » in a practice's menus."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from practices.models import PracticePage

from .featuring import can_feature, feature_view, home_for, is_on_home


@hooks.register("register_admin_urls")
def featuring_urls():
    return [path("pratiques/<int:page_id>/a-la-une/", feature_view, name="ppi_feature")]


def _feature_button(page, user, next_url=None):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, PracticePage) or not page.live:
        return
    if not can_feature(user, page):
        return
    label = _("Retirer de la une") if is_on_home(page, home_for(page)) else _("Mettre à la une")
    url = reverse("ppi_feature", args=[page.pk])
    if next_url:
        url += f"?next={next_url}"
    yield Button(label, url, icon_name="pick", priority=35)


@hooks.register("register_page_header_buttons")
def feature_header_button(page, user, view_name, next_url=None):
    yield from _feature_button(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def feature_listing_button(page, user, next_url=None):
    yield from _feature_button(page, user, next_url)


def _french_promotion_form():
    """Wagtail's search promotion model gives its link text no verbose name, so its form shows
    « External link text » whatever the language: the label is set on the form (not the model,
    which would call for a migration in Wagtail's app)."""
    from wagtail.contrib.search_promotions.forms import SearchPromotionForm, SearchPromotionsFormSet

    # the formset's form is a copy made by inlineformset_factory when Wagtail's module loaded
    for form_class in (SearchPromotionForm, SearchPromotionsFormSet.form):
        form_class.base_fields["external_link_text"].label = _("Texte du lien externe")


_french_promotion_form()
