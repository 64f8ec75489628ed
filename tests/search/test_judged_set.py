"""The judged set (tests/search/judged_set.py) measured on each engine, in two settings:

- "alone": the 64 demo write-ups only;
- "crowd": the same among 1,000 generated practices of varied length (bench/corpus.py),
  seeded with bulk inserts once for the module, not through the page-publish path.

Prints nDCG@10, recall@5, the share of queries with a relevant practice in the top 3 and the
number of empty pages, per engine and setting; fails below the thresholds, which were set
from measurements (see the README's search section). Set JUDGED_VERBOSE=1 to print the
queries answered worst (to find systemic causes — never to tune on a single query).
"""

import json
import math
import os
import random
import uuid

import pytest
from django.conf import settings as django_settings

from search import api
from search.types import SearchParams
from tests.figures import report
from tests.search.conftest import REAL_OPENSEARCH_URL, module_site
from tests.search.judged_set import JUDGED

pytestmark = pytest.mark.django_db
GENERATED = 1000
# Floors a little under the lowest figure measured on the three engines (README, search
# section: alone 0.951 / 0.942 / 100 %, crowd 0.842 / 0.925 / 100 %).
THRESHOLDS = {
    "alone": {"ndcg": 0.92, "recall": 0.92, "top3": 0.97},
    "crowd": {"ndcg": 0.81, "recall": 0.90, "top3": 0.95},
}


def _load_demo(index):
    """The demo write-ups, every field as seed_demo fills it but without illustrations."""
    from home.demo import content
    from practices.models import Commune, Department, PracticePage, Region

    rows = content.load_demo_rows()
    data_dir = django_settings.COMMUNES_DATA_DIR
    wanted = {r["commune_insee"] for r in rows} | {c for r in rows for c in r.get("other_communes_insee") or []}
    communes = [
        c for c in json.loads((data_dir / "communes.json").read_text(encoding="utf-8"))
        if c["code"] in wanted and c.get("type", "commune-actuelle") == "commune-actuelle"
    ]
    departments = {d["code"]: d for d in json.loads((data_dir / "departements.json").read_text(encoding="utf-8"))}
    regions = {r["code"]: r for r in json.loads((data_dir / "regions.json").read_text(encoding="utf-8"))}
    for info in communes:
        dep = departments[info["departement"]]
        region, _ = Region.objects.get_or_create(code=dep["region"], defaults={"name": regions[dep["region"]]["nom"]})
        department, _ = Department.objects.get_or_create(code=dep["code"], defaults={"name": dep["nom"], "region": region})
        Commune.objects.get_or_create(
            insee_code=info["code"], kind="commune-actuelle",
            defaults={"name": info["nom"], "department": department, "population": info.get("population")},
        )
    themes, funders = content.taxonomies()
    original_image = content.demo_image
    content.demo_image = lambda row: None
    pages = {}
    try:
        for row in rows:
            page = PracticePage()
            content.fill_page(page, row, themes, funders)
            index.add_child(instance=page)
            page.save_revision().publish()
            pages[row["slug"]] = page.pk
    finally:
        content.demo_image = original_image
    return pages


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The demo write-ups, then 1,000 generated practices, in a transaction rolled back at the end."""
    from bench.search_bench import seed
    from practices.models import PracticePage

    with module_site(django_db_blocker, "accueil-juge") as index:
        demo = _load_demo(index)
        seed(GENERATED, random.Random(11))
        subjects = {
            pk: slug.split("-", 1)[1]
            for pk, slug in PracticePage.objects.filter(slug__startswith="p0").values_list("pk", "slug")
        }
        yield {"demo": demo, "subjects": subjects}


def _ids(corpus, setting: str) -> list[int]:
    ids = list(corpus["demo"].values())
    if setting == "crowd":
        ids += list(corpus["subjects"])
    return sorted(ids)


def _gains(corpus, setting: str, judgment) -> dict[int, int]:
    gains = {corpus["demo"][s]: 1 for s in judgment.partial}
    gains.update({corpus["demo"][s]: 2 for s in judgment.best})
    if setting == "crowd":
        gains.update({pk: 1 for pk, subject in corpus["subjects"].items() if subject in judgment.subjects})
    return gains


def measure(corpus, setting: str, label: str) -> dict:
    rows, worst = [], []
    for judgment in JUDGED:
        gains = _gains(corpus, setting, judgment)
        if not gains:
            continue
        results = api.search(SearchParams(q=judgment.q, per_page=10))
        ranked = [h.page_id for h in results.hits]
        dcg = sum(gains.get(pk, 0) / math.log2(i + 2) for i, pk in enumerate(ranked[:10]))
        ideal = sorted(gains.values(), reverse=True)[:10]
        idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
        ndcg = dcg / idcg
        recall = len(set(ranked[:5]) & set(gains)) / min(5, len(gains))
        top3 = any(pk in gains for pk in ranked[:3])
        rows.append((judgment.kind, ndcg, recall, top3, results.total == 0))
        worst.append((ndcg, judgment.q, results.total))
    n = len(rows)
    figures = {
        "ndcg": sum(r[1] for r in rows) / n,
        "recall": sum(r[2] for r in rows) / n,
        "top3": sum(r[3] for r in rows) / n,
        "empty": sum(r[4] for r in rows),
    }
    by_kind = {}
    for kind in ("short", "question", "typo", "acronym"):
        kind_rows = [r for r in rows if r[0] == kind]
        if kind_rows:
            by_kind[kind] = sum(r[1] for r in kind_rows) / len(kind_rows)
    report(
        f"judged set, {label}, {setting} ({n} queries): nDCG@10 {figures['ndcg']:.3f} / recall@5 {figures['recall']:.3f} / "
        f"top-3 {figures['top3']:.0%} / empty pages {figures['empty']}  [nDCG by kind: "
        + ", ".join(f"{k} {v:.2f}" for k, v in by_kind.items()) + "]"
    )
    if os.environ.get("JUDGED_VERBOSE"):
        for ndcg, q, total in sorted(worst)[:12]:
            report(f"    {ndcg:.2f}  {q!r} ({total} results)")
    return figures


def check(figures: dict, setting: str) -> None:
    floors = THRESHOLDS[setting]
    assert figures["empty"] == 0
    for name, floor in floors.items():
        assert figures[name] >= floor, f"{name} {figures[name]:.3f} < {floor}"


def _embedded(corpus, setting: str) -> dict:
    from search.documents import iter_documents
    from search.engines.embedded import EmbeddedEngine

    EmbeddedEngine().index_documents(list(iter_documents(_ids(corpus, setting))), rebuild=True)
    return measure(corpus, setting, f"embedded {'PostgreSQL' if django_settings.DATABASES['default']['ENGINE'].endswith('postgresql') else 'SQLite'}")


@pytest.fixture(scope="module")
def opensearch_overrides(request):
    clone = None
    if REAL_OPENSEARCH_URL:
        url = REAL_OPENSEARCH_URL
    else:
        clone = request.getfixturevalue("osmem_server").clone()
        url = clone.url
    yield {
        "OPENSEARCH_URL": url, "OPENSEARCH_TIMEOUT": 30, "OPENSEARCH_INDEX_PREFIX": f"j{uuid.uuid4().hex[:8]}",
        "OPENSEARCH_STEMMER": "french" if not REAL_OPENSEARCH_URL else "light_french",
    }
    if clone is not None:
        clone.close()


def _opensearch(corpus, setting: str, overrides: dict, settings) -> dict:
    from search.documents import iter_documents
    from search.engines import opensearch

    for name, value in overrides.items():
        setattr(settings, name, value)
    opensearch.reset_engine()
    engine = opensearch.get_engine()
    engine.rebuild(iter_documents(_ids(corpus, setting)))
    try:
        assert api.search(SearchParams(q="santé")).engine == "opensearch"
        return measure(corpus, setting, "OpenSearch " + ("emulator" if not REAL_OPENSEARCH_URL else REAL_OPENSEARCH_URL))
    finally:
        if REAL_OPENSEARCH_URL:
            engine.drop_all()


def test_judged_set_is_large_and_varied():
    kinds = [j.kind for j in JUDGED]
    assert len(JUDGED) >= 80
    assert kinds.count("question") >= 25 and kinds.count("typo") >= 15 and kinds.count("acronym") >= 10


def test_judged_set_embedded_alone(corpus):
    check(_embedded(corpus, "alone"), "alone")


def test_judged_set_embedded_crowd(corpus):
    check(_embedded(corpus, "crowd"), "crowd")


@pytest.mark.opensearch
def test_judged_set_opensearch_alone(corpus, opensearch_overrides, settings):
    check(_opensearch(corpus, "alone", opensearch_overrides, settings), "alone")


@pytest.mark.opensearch
def test_judged_set_opensearch_crowd(corpus, opensearch_overrides, settings):
    check(_opensearch(corpus, "crowd", opensearch_overrides, settings), "crowd")
