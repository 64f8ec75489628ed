"""What an alert watches: the search page's parameters, read by the search page's own form,
and a French description of them for pages and e-mails."""

from urllib.parse import urlencode

from django.http import QueryDict

from communes.models import Department, Region, SizeBand
from practices.models import Funder, Phase, Programme, Theme
from search.forms import FACET_LABELS, SearchForm
from search.types import FACETS, SearchParams

MAX_LABEL = 300


def _form(query: dict) -> SearchForm:
    data = QueryDict(mutable=True)
    for key, values in query.items():
        data.setlist(key, values if isinstance(values, list) else [values])
    form = SearchForm(data)
    form.is_valid()  # always valid: unknown values are dropped
    return form


def normalise(params) -> dict:
    """The query and filters of a search page URL (QueryDict or dict), cleaned; page and sort
    dropped. Empty when nothing is searched."""
    query = params if isinstance(params, dict) else {key: params.getlist(key) for key in params}
    data = _form(query).cleaned_data
    state = {"q": data["q"]} if data["q"] else {}
    state.update({key: list(data[key]) for key in FACETS if data[key]})
    return state


def search_params(state: dict, per_page: int) -> SearchParams:
    params = _form(state).search_params()
    params.sort, params.page, params.per_page = "date", 1, per_page
    return params


def search_url(state: dict) -> str:
    pairs = [("q", state["q"])] if state.get("q") else []
    pairs += [(key, value) for key in FACETS for value in state.get(key, [])]
    return "/recherche/" + ("?" + urlencode(pairs) if pairs else "")


def _names(key: str, values: list[str]) -> list[str]:
    lookups = {
        "thematique": lambda: dict(Theme.objects.filter(slug__in=values).values_list("slug", "name")),
        "region": lambda: dict(Region.objects.filter(code__in=values).values_list("code", "name")),
        "departement": lambda: dict(Department.objects.filter(code__in=values).values_list("code", "name")),
        "financeur": lambda: dict(Funder.objects.filter(slug__in=values).values_list("slug", "name")),
        "taille": lambda: {k: str(v) for k, v in SizeBand.choices},
        "programme": lambda: {k: str(v) for k, v in Programme.choices},
        "phase": lambda: {k: str(v) for k, v in Phase.choices},
    }
    names = lookups[key]() if key in lookups else {}
    return [names.get(value, value) for value in values]


def describe(state: dict) -> str:
    """« maison de santé » · Thématique : Accès aux soins / santé — for pages and e-mails."""
    parts = [f"« {state['q']} »"] if state.get("q") else []
    for key in FACETS:
        if state.get(key):
            parts.append(f"{FACET_LABELS[key]} : {', '.join(_names(key, state[key]))}")
    label = " · ".join(parts) or "Tous les retours d'expérience"
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def state_key(state: dict) -> str:
    """One key per distinct search, whatever the order of its parameters."""
    return search_url({k: sorted(v) if isinstance(v, list) else v for k, v in state.items()})
