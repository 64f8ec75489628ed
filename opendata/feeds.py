"""Atom feeds of newly published practices: all of them, and one per theme.

Feed readers poll often, so each feed is one query for the entries (commune and themes
prefetched) whatever their number.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from practices.models import Theme
from practices.queries import live_practices

FEED_LENGTH = 30


class LatestPracticesFeed(Feed):
    feed_type = Atom1Feed
    title = "Partager pour innover — derniers retours d'expérience"
    subtitle = "Les retours d'expérience des chefs de projet Petites villes de demain, dès leur publication."
    author_name = "Agence nationale de la cohésion des territoires (ANCT)"
    feed_copyright = "Licence Etalab 2.0"

    def link(self):
        return "/pratiques/"

    def feed_url(self):
        return reverse("feeds:practices")

    def practices(self):
        return (
            live_practices()
            .select_related("commune__department", "owner")
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")))
            .order_by("-first_published_at", "-pk")
        )

    def items(self):
        return self.practices()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return item.contact_name if item.contact_public and item.contact_name else None

    def item_categories(self, item):
        categories = [theme.name for theme in item.themes.all()]
        if item.commune_id:
            categories.append(str(item.commune.department))
        return categories


class ThemePracticesFeed(LatestPracticesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return f"Partager pour innover — {theme.name}"

    def subtitle(self, theme):
        return theme.description or f"Les derniers retours d'expérience sur la thématique « {theme.name} »."

    def link(self, theme):
        return theme.get_absolute_url()

    def feed_url(self, theme):
        return reverse("feeds:theme", kwargs={"slug": theme.slug})

    def items(self, theme):
        return self.practices().filter(themes=theme)[:FEED_LENGTH]
