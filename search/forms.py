"""Reading the search page's URL: whatever a visitor (or a crawler) types in the address bar
becomes a valid SearchParams plus French notices saying what was corrected; the page never
fails because of its parameters."""

import re
import unicodedata

from django import forms
from django.core.cache import cache

from communes.models import Department, Region, SizeBand
from practices.models import Funder, Phase, Programme, Theme

from .types import FACETS, MAX_QUERY_LENGTH, PER_PAGE, SORTS, SearchParams

# Deep pages are useless to a reader and expensive for an engine (OpenSearch refuses to go
# past 10,000 results by default).
MAX_PAGE = 10_000 // PER_PAGE
MAX_VALUES_PER_FACET = 30
MAX_VALUE_LENGTH = 40
KNOWN_VALUES_CACHE_KEY = "search:known-facet-values"
KNOWN_VALUES_CACHE_SECONDS = 60

FACET_LABELS = {
    "thematique": "Thématique",
    "region": "Région",
    "departement": "Département",
    "taille": "Taille de la commune",
    "programme": "Programme",
    "phase": "Avancement du projet",
    "annee": "Année de démarrage",
    "financeur": "Financeur",
}
SORT_LABELS = {"pertinence": "Pertinence", "date": "Date (plus récents d'abord)", "proximite": "Proches de ma commune"}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_YEAR = re.compile(r"^(19|20)\d\d$")


def clean_query_text(raw: str) -> tuple[str, bool]:
    """The query as plain text: control and format characters removed, spaces collapsed,
    truncated to MAX_QUERY_LENGTH. Returns (text, truncated)."""
    text = _CONTROL.sub(" ", raw or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cs", "Co"))
    text = _SPACES.sub(" ", text).strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    return text, truncated


def known_facet_values() -> dict[str, set[str] | None]:
    """The values each facet may take (None: checked by shape). Small tables, cached briefly so
    a renamed theme shows up within a minute."""
    known = cache.get(KNOWN_VALUES_CACHE_KEY)
    if known is None:
        known = {
            "thematique": set(Theme.objects.values_list("slug", flat=True)),
            "region": set(Region.objects.values_list("code", flat=True)),
            "departement": set(Department.objects.values_list("code", flat=True)),
            "taille": set(SizeBand.values),
            "programme": set(Programme.values),
            "phase": set(Phase.values),
            "annee": None,
            "financeur": set(Funder.objects.values_list("slug", flat=True)),
        }
        cache.set(KNOWN_VALUES_CACHE_KEY, known, KNOWN_VALUES_CACHE_SECONDS)
    return known


class TextField(forms.Field):
    """A single URL parameter as raw text: unlike forms.CharField it does not reject null
    bytes, because clean_query_text removes them and the page should still answer."""

    def to_python(self, value):
        return "" if value is None else str(value)


class MultiValueField(forms.Field):
    """A repeated URL parameter (?thematique=a&thematique=b), kept as a list of strings."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value]


class SearchForm(forms.Form):
    q = TextField(required=False)
    tri = TextField(required=False)
    page = TextField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in FACETS:
            self.fields[key] = MultiValueField(required=False)
        self.notices: list[str] = []

    def clean_q(self):
        text, truncated = clean_query_text(self.cleaned_data.get("q") or "")
        if truncated:
            self.notices.append(
                f"Votre recherche était trop longue : seuls les {MAX_QUERY_LENGTH} premiers caractères ont été pris en compte."
            )
        return text

    def clean_tri(self):
        value = (self.cleaned_data.get("tri") or "").strip()
        return value if value in SORTS else "pertinence"

    def clean_page(self):
        raw = (self.cleaned_data.get("page") or "").strip()
        try:
            number = int(raw)
        except ValueError:
            return 1
        return min(max(number, 1), MAX_PAGE)

    def clean(self):
        cleaned = super().clean()
        known = known_facet_values()
        ignored = []
        for key in FACETS:
            kept = []
            for raw in cleaned.get(key) or []:
                value = clean_query_text(raw)[0][:MAX_VALUE_LENGTH]
                if not value or value in kept:
                    continue
                allowed = known[key]
                ok = _YEAR.match(value) is not None if allowed is None else value in allowed
                if ok and len(kept) < MAX_VALUES_PER_FACET:
                    kept.append(value)
                elif not ok:
                    ignored.append(FACET_LABELS[key].lower())
            cleaned[key] = kept
        if ignored:
            names = ", ".join(dict.fromkeys(ignored))
            self.notices.append(
                f"Certains filtres ne correspondent à aucune valeur connue et ont été ignorés ({names})."
            )
        return cleaned

    def search_params(self) -> SearchParams:
        """Call after is_valid(); the form is always valid, its corrections are in notices."""
        data = self.cleaned_data
        return SearchParams(
            q=data["q"],
            filters={FACETS[key]: list(data[key]) for key in FACETS if data[key]},
            sort=data["tri"],
            page=data["page"],
        )

    def selected(self) -> dict[str, list[str]]:
        return {key: list(self.cleaned_data[key]) for key in FACETS}
