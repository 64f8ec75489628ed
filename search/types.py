"""The small search API the rest of the code talks to (DESIGN.md: only search/ talks to the
engines). Both engines — OpenSearch and the embedded database engine — take a SearchParams and
return a SearchResults; views and templates only ever see these types."""

from dataclasses import dataclass, field

# URL parameter name -> document field, for every multi-select facet of the search page.
FACETS = {
    "thematique": "themes",          # theme slugs
    "region": "region",              # région INSEE codes ("84")
    "departement": "department",     # département codes ("69", "2A", "971")
    "taille": "size_band",           # practices.models.SizeBand values
    "programme": "programme",         # practices.models.Programme values
    "phase": "phase",                # practices.models.Phase values
    "annee": "start_year",           # start year, as a string in URLs
    "financeur": "funders",          # funder slugs
}
# "proximite": closest to the reader's own commune first (needs SearchParams.near)
SORTS = ("pertinence", "date", "proximite")
PER_PAGE = 20
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Near:
    """The reader's commune as plain values, for the « Proches de ma commune » sort: the
    engines score each practice's commune against these (communes.similarity's formula and
    weights) without knowing the Commune model."""

    log_population: float | None = None  # ln(population), None when unknown
    epci: str = ""                        # SIREN of the intercommunalité
    department: str = ""                  # département code ("69")
    region: str = ""                      # région INSEE code ("84")


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # keyed by FACETS values (document fields)
    sort: str = "pertinence"
    page: int = 1
    per_page: int = PER_PAGE
    near: Near | None = None  # the reader's commune; the "proximite" sort needs it


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    summary: str
    highlight: str = ""          # safe HTML: escaped text with <mark>…</mark> around matches
    featured: bool = False
    promoted: bool = False       # an editors' pick (Wagtail search promotion) for this query
    commune: str = ""
    department: str = ""
    region: str = ""
    themes: list[str] = field(default_factory=list)   # theme names
    phase: str = ""              # phase label
    start_year: int | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]  # keyed by FACETS values (document fields)
    page: int = 1
    per_page: int = PER_PAGE
    suggestion: str | None = None        # "did you mean" — a corrected query, or None
    engine: str = "embedded"             # "opensearch" or "embedded"
    degraded: bool = False               # OpenSearch configured but unreachable: answered by the embedded engine

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
