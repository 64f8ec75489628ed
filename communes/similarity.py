"""How close a commune is to the reader's own, as one SQL expression ("communes like mine").

    similarity(reader, prefix="commune__") -> an expression between 0 and 1, to annotate any
    queryset whose rows reach a Commune through `prefix` (practices: "commune__").

The score adds four parts, weighted as the README states (WEIGHTS below):

- population closeness on a log scale: 1 for the same population, 0 from a ratio of 10 on
  (a town of 3,000 is as close to one of 6,000 as a town of 10,000 is to one of 20,000);
- same EPCI (intercommunalité): shared services, same territory project;
- same département;
- same région.

It is computed by the database (Ln is native on PostgreSQL and registered by Django on SQLite),
so a list is ordered by it without loading every practice into Python. hints() says, for the
few rows shown, which parts matched, in words a reader understands.
"""

import math

from django.db.models import Case, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.functions import Abs, Greatest, Ln

from .models import Commune, size_band_for

WEIGHTS = {"population": 0.4, "epci": 0.3, "department": 0.2, "region": 0.1}
# Population ratio at which closeness falls to zero.
MAX_RATIO = 10


def _same(condition: Q, weight: float):
    return Case(When(condition, then=Value(weight)), default=Value(0.0), output_field=FloatField())


def similarity(reader: Commune, prefix: str = "commune__"):
    """The similarity of each row's commune to `reader`, as an SQL expression (0 to 1)."""
    parts = []
    if reader.population:
        population = F(f"{prefix}population")
        distance = Abs(Ln(Greatest(population, Value(1))) - Value(math.log(max(reader.population, 1))))
        closeness = Greatest(Value(0.0), Value(1.0) - distance / Value(math.log(MAX_RATIO)))
        parts.append(
            Case(
                When(Q(**{f"{prefix}population__isnull": True}), then=Value(0.0)),
                default=ExpressionWrapper(closeness * Value(WEIGHTS["population"]), output_field=FloatField()),
                output_field=FloatField(),
            )
        )
    if reader.epci_id:
        parts.append(_same(Q(**{f"{prefix}epci_id": reader.epci_id}), WEIGHTS["epci"]))
    parts.append(_same(Q(**{f"{prefix}department_id": reader.department_id}), WEIGHTS["department"]))
    parts.append(_same(Q(**{f"{prefix}department__region_id": reader.department.region_id}), WEIGHTS["region"]))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return ExpressionWrapper(total, output_field=FloatField())


def hints(reader: Commune, commune: Commune | None) -> list[str]:
    """What `commune` shares with the reader's, for a card: « même taille » (same size band as
    the search facets), « même intercommunalité », « même département »."""
    if commune is None:
        return []
    out = []
    band = size_band_for(reader.population)
    if band is not None and size_band_for(commune.population) == band:
        out.append("même taille")
    if reader.epci_id and commune.epci_id == reader.epci_id:
        out.append("même intercommunalité")
    if commune.department_id == reader.department_id:
        out.append("même département")
    elif commune.department.region_id == reader.department.region_id:
        out.append("même région")
    return out
