"""The practices API's filters (django-filter) and the bounds every API query string must keep.

    ?thematique=sante,mobilite   practices having every theme listed (at most MAX_THEMES)
    ?region=84  ?departement=2A  ?phase=realise

A value the site does not know is a 400 with a French message listing what is accepted,
never a silently empty result; a query string past the bounds below is a 400 too, before any
query runs.
"""

import django_filters
from django.db.models import Count
from wagtail.api.v2.utils import BadRequestError

from practices.models import Department, Phase, PracticePage, Region, Theme

MAX_THEMES = 12          # the site has 11 themes: a longer list is never a real query
MAX_VALUE_LENGTH = 200   # any single parameter value (the search text is truncated instead)
MAX_REPEATS = 20         # the same parameter given again and again
MAX_PARAMETERS = 40      # distinct parameters
MAX_OFFSET = 100_000     # past the database's integers, an offset is an error, not a page


class Refused(BadRequestError):
    """A 400 whose message is already French (see api.french_message)."""


def check_bounds(request, unbounded=("search",)):
    params = request.GET
    if len(params) > MAX_PARAMETERS:
        raise Refused(f"Trop de paramètres dans l'adresse ({len(params)} ; {MAX_PARAMETERS} au plus).")
    for key in params:
        values = params.getlist(key)
        if len(values) > MAX_REPEATS:
            raise Refused(f"Le paramètre « {key[:40]} » est répété {len(values)} fois ({MAX_REPEATS} au plus).")
        if key in unbounded:
            continue
        if len(key) > MAX_VALUE_LENGTH or any(len(value) > MAX_VALUE_LENGTH for value in values):
            raise Refused(f"Le paramètre « {key[:40]} » est trop long ({MAX_VALUE_LENGTH} caractères au plus).")
        if any("\x00" in value for value in values):
            raise Refused(f"Le paramètre « {key[:40]} » contient un caractère nul.")
    offset = params.get("offset", "0").strip()
    if offset.isdigit() and int(offset) > MAX_OFFSET:
        raise Refused(f"« offset » ne peut pas dépasser {MAX_OFFSET}.")


def theme_slugs(value: str) -> list[str]:
    slugs = []
    for slug in (part.strip() for part in value.split(",")):
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


class PracticeFilterSet(django_filters.FilterSet):
    thematique = django_filters.CharFilter(method="filter_themes")
    region = django_filters.CharFilter(field_name="commune__department__region__code")
    departement = django_filters.CharFilter(field_name="commune__department__code")
    phase = django_filters.CharFilter(field_name="phase")

    class Meta:
        model = PracticePage
        fields = []

    def filter_themes(self, queryset, name, value):
        """Every theme asked for, in one grouped subquery (not one join per theme)."""
        slugs = theme_slugs(value)
        if not slugs:
            return queryset
        having_all = (
            PracticePage.themes.through.objects.filter(theme__slug__in=slugs)
            .values("practicepage_id")
            .annotate(n=Count("theme_id", distinct=True))
            .filter(n=len(slugs))
            .values("practicepage_id")
        )
        return queryset.filter(pk__in=having_all)


def validate_filters(params) -> dict:
    """The filters as {engine field: [values]} once every value is known; Refused otherwise."""
    filters = {}
    if "thematique" in params:
        slugs = theme_slugs(params["thematique"])
        if len(slugs) > MAX_THEMES:
            raise Refused(f"Trop de thématiques demandées ({len(slugs)} ; {MAX_THEMES} au plus).")
        known = set(Theme.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [s for s in slugs if s not in known]
        if unknown:
            valid = ", ".join(Theme.objects.order_by("slug").values_list("slug", flat=True))
            raise Refused(f"Thématique inconnue : {', '.join(unknown)[:200]} (valeurs possibles : {valid}).")
        filters["themes"] = slugs
    if "region" in params:
        code = params["region"].strip()
        if not Region.objects.filter(code=code).exists():
            raise Refused(f"Région inconnue : « {code[:40]} » (attendu : un code INSEE de région, par exemple 84).")
        filters["region"] = [code]
    if "departement" in params:
        code = params["departement"].strip()
        if not Department.objects.filter(code=code).exists():
            raise Refused(f"Département inconnu : « {code[:40]} » (attendu : un code, par exemple 15, 2A ou 971).")
        filters["department"] = [code]
    if "phase" in params:
        if params["phase"] not in Phase.values:
            raise Refused(f"Phase inconnue : « {params['phase'][:40]} » (valeurs possibles : {', '.join(Phase.values)}).")
        filters["phase"] = [params["phase"]]
    return filters
