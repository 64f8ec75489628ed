"""The admin's commune picker: a chooser modal over the official commune list.

Project leads type a name the way they say it ("beaujeu", "st etienne", "evian"), an INSEE code
or a postal code. Names are ambiguous, so every row shows the département (name and code) and
the INSEE code. Accent folding is done with a case-insensitive regular expression (each letter
matches its accented forms), which SQLite (Python's re) and PostgreSQL both run: no extension,
no extra column to keep in sync with the loader.
"""

import re

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from core.text import fold

from .models import Commune

ACCENTED = {
    "a": "aàâäáã",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïí",
    "n": "nñ",
    "o": "oôöó",
    "u": "uùûüú",
    "y": "yÿ",
}
SEPARATORS = r"[-\s'’]+"
ABBREVIATIONS = {"st": "(st|saint)", "ste": "(ste|sainte)"}


def name_pattern(query: str) -> str:
    """A regular expression matching the query in a commune name, whatever the accents and
    separators ("saint etienne" finds "Saint-Étienne", "oeuilly" finds "Œuilly")."""
    words = [w for w in re.split(SEPARATORS, fold(query)) if w]
    parts = []
    for word in words:
        if word in ABBREVIATIONS:
            parts.append(ABBREVIATIONS[word])
            continue
        chars = []
        i = 0
        while i < len(word):
            if word.startswith("oe", i):
                chars.append("(oe|œ)")
                i += 2
                continue
            ch = word[i]
            chars.append(f"[{ACCENTED[ch]}]" if ch in ACCENTED else re.escape(ch))
            i += 1
        parts.append("".join(chars))
    return SEPARATORS.join(parts)


def search_communes(queryset, query: str):
    """Communes matching a name, an INSEE code or a postal code; exact names first, then the
    most populated (the town a project lead means is rarely the smallest homonym)."""
    query = (query or "").strip()
    if not query:
        return queryset
    compact = query.replace(" ", "")
    if re.fullmatch(r"\d[\dabAB]{1,4}", compact):
        matches = Q(insee_code__istartswith=compact)
        if compact.isdigit() and len(compact) == 5:
            matches |= Q(postal_codes__icontains=compact)
    else:
        pattern = name_pattern(query)
        if not pattern:
            return queryset.none()
        matches = Q(name__iregex=pattern)
        exact = Q(name__iregex=f"^{pattern}$")
        prefix = Q(name__iregex=f"^{pattern}")
        queryset = queryset.annotate(
            match_rank=Case(When(exact, then=Value(0)), When(prefix, then=Value(1)), default=Value(2), output_field=IntegerField())
        )
        return queryset.filter(matches).order_by("match_rank", "-population", "name", "insee_code")
    return queryset.filter(matches).order_by("insee_code", "kind")


class CommuneFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Nom, code INSEE ou code postal")}),
    )

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if query:
            self.is_searching = True
            self.search_query = query
            objects = search_communes(objects, query)
        return objects


class CommuneColumnsMixin:
    filter_form_class = CommuneFilterForm

    def get_object_list(self):
        # Communes déléguées share their INSEE code with their commune nouvelle: offer the
        # current communes only, they are what the facts (population, size band) describe.
        return Commune.objects.filter(kind=Commune.Kind.CURRENT).select_related("department")

    @property
    def columns(self):
        title = self.title_column
        title = TitleColumn(
            "name", label=_("Commune"), accessor="name", get_url=title._get_url_func, link_attrs=title.link_attrs
        )
        return [
            title,
            Column("department", label=_("Département"), accessor=lambda c: f"{c.department.name} ({c.department.code})"),
            Column("insee_code", label=_("Code INSEE")),
            Column("postal", label=_("Code postal"), accessor=lambda c: ", ".join(c.postal_codes[:3])),
            Column("population", label=_("Population"), accessor=lambda c: f"{c.population:,}".replace(",", "\u202f") if c.population else "—"),
        ]


class CommuneChooseView(CommuneColumnsMixin, ChooseView):
    pass


class CommuneChooseResultsView(CommuneColumnsMixin, ChooseResultsView):
    pass


def commune_label(commune):
    """What the picker shows once a commune is chosen: enough to tell homonyms apart."""
    department = commune.department
    return f"{commune.name} — {department.name} ({department.code}) · INSEE {commune.insee_code}"


class CommuneChosenView(ChosenView):
    def get_display_title(self, instance):
        return commune_label(instance)


class CommuneChooserWidget(BaseChooser):
    def get_display_title(self, instance):
        return commune_label(instance)


class CommuneChooserViewSet(ChooserViewSet):
    model = Commune
    icon = "site"
    choose_one_text = _("Choisir une commune")
    choose_another_text = _("Changer de commune")
    edit_item_text = _("Modifier")
    per_page = 20
    choose_view_class = CommuneChooseView
    choose_results_view_class = CommuneChooseResultsView
    chosen_view_class = CommuneChosenView
    base_widget_class = CommuneChooserWidget


commune_chooser_viewset = CommuneChooserViewSet("commune_chooser", url_prefix="communes/choisir")
