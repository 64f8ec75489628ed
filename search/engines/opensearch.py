"""The OpenSearch engine: one versioned index behind an alias, and one request per search
(query + post_filter + filter-aware aggregations + highlight).

Matching and ranking use the project's own French analysis (search.analysis): each text field
is also sent pre-analysed, as index tokens in a `*_tokens` field with the `whitespace`
analyzer, and queries are built from the same plan as the embedded engine's
(search.engines.plan: ranked OR with coverage). So both engines agree, and the osmem emulator
used in tests judges the very analysis production runs. OpenSearch's own French analyzer
(stemmer from OPENSEARCH_STEMMER: `light_french` in production, `french` against the emulator)
only serves the original text fields, for highlighting and autocomplete.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import NotFoundError

from search import analysis, vocabulary
from search.types import Near, SearchParams, SearchResults

from . import plan as planning
from .common import (
    FACET_FIELDS,
    LOG_MAX_RATIO,
    NEAR_WEIGHTS,
    assemble_facets,
    clamp,
    hit_from_doc,
    log_population,
)
from .embedded import FEATURED_BOOST, PHRASE_SLOP, PRIOR_WEIGHT

# the embedded engine's column weights (title 10, summary 5, keywords 4, body 1), scaled
TOKEN_FIELDS = ["title_tokens^4", "summary_tokens^2", "keywords_tokens^1.6", "body_tokens^0.4"]
TOKEN_SOURCES = {"title_tokens": "title", "summary_tokens": "summary", "body_tokens": "body"}
FEATURED_WEIGHT = FEATURED_BOOST
FACET_SIZE = 200
# Bumped when the mapping or the analysis changes: a new alias, so that deploying runs
# `search_index rebuild --if-missing` (docker-compose) into a fresh index. 2: pre-analysed tokens.
# 3: log_population and epci, for the « Proches de ma commune » sort.
MAPPING_VERSION = 3
ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

_engines: dict = {}


def get_engine() -> "OpenSearchEngine":
    key = (settings.OPENSEARCH_URL, settings.OPENSEARCH_INDEX_PREFIX, settings.OPENSEARCH_STEMMER, settings.OPENSEARCH_TIMEOUT)
    engine = _engines.get(key)
    if engine is None:
        _engines.clear()
        engine = _engines[key] = OpenSearchEngine(*key)
    return engine


def reset_engine() -> None:
    _engines.clear()


def index_settings(stemmer: str) -> dict:
    folding = ["fr_elision", "lowercase", "asciifolding"]
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": int(getattr(settings, "OPENSEARCH_REPLICAS", 0)),
            "analysis": {
                "char_filter": {"fr_apostrophe": {"type": "pattern_replace", "pattern": "['’ʼ]", "replacement": " "}},
                "filter": {
                    "fr_elision": {"type": "elision", "articles_case": True, "articles": ELISIONS},
                    "fr_stop": {"type": "stop", "stopwords": sorted(analysis.STOP_WORDS)},
                    "fr_stemmer": {"type": "stemmer", "language": stemmer},
                    "fr_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
                },
                "analyzer": {
                    "fr_text": {"type": "custom", "tokenizer": "standard", "char_filter": ["fr_apostrophe"], "filter": folding + ["fr_stop", "fr_stemmer"]},
                    "fr_exact": {"type": "custom", "tokenizer": "standard", "char_filter": ["fr_apostrophe"], "filter": folding},
                    "fr_autocomplete": {"type": "custom", "tokenizer": "standard", "char_filter": ["fr_apostrophe"], "filter": folding + ["fr_edge"]},
                },
            },
        },
        "mappings": {
            "dynamic": False,
            "properties": {
                "page_id": {"type": "long"},
                "title": {
                    "type": "text",
                    "analyzer": "fr_text",
                    "fields": {
                        "exact": {"type": "text", "analyzer": "fr_exact"},
                        "ac": {"type": "text", "analyzer": "fr_autocomplete", "search_analyzer": "fr_exact"},
                    },
                },
                "summary": {"type": "text", "analyzer": "fr_text", "fields": {"exact": {"type": "text", "analyzer": "fr_exact"}}},
                "body": {"type": "text", "analyzer": "fr_text", "fields": {"exact": {"type": "text", "analyzer": "fr_exact"}}},
                "title_tokens": {"type": "text", "analyzer": "whitespace"},
                "summary_tokens": {"type": "text", "analyzer": "whitespace"},
                "keywords_tokens": {"type": "text", "analyzer": "whitespace"},
                "body_tokens": {"type": "text", "analyzer": "whitespace"},
                "completeness": {"type": "float"},
                "tags": {"type": "keyword"},
                "themes": {"type": "keyword"},
                "funders": {"type": "keyword"},
                "region": {"type": "keyword"},
                "department": {"type": "keyword"},
                "size_band": {"type": "keyword"},
                "programme": {"type": "keyword"},
                "phase": {"type": "keyword"},
                "start_year": {"type": "keyword"},
                "end_year": {"type": "integer"},
                "population": {"type": "integer"},
                "log_population": {"type": "float"},
                "epci": {"type": "keyword"},
                "staff_days": {"type": "integer"},
                "months_to_deliver": {"type": "integer"},
                "featured": {"type": "boolean"},
                "first_published_at": {"type": "date"},
                "commune_insee": {"type": "keyword"},
                "doc_hash": {"type": "keyword"},
            },
        },
    }


def to_source(doc: dict) -> dict:
    """The indexed form of a search document: facet values as keywords, text fields for
    matching, and the document itself for display."""
    source = dict(doc)
    source["start_year"] = str(doc["start_year"]) if doc.get("start_year") else None
    for field, text_field in TOKEN_SOURCES.items():
        source[field] = " ".join(analysis.analyze(doc.get(text_field) or ""))
    source["keywords_tokens"] = " ".join(analysis.analyze(vocabulary.keywords_text(doc)))
    source["completeness"] = float(doc.get("completeness") or 0.0)
    source["log_population"] = log_population(doc.get("population"))
    return source


def from_source(source: dict) -> dict:
    doc = dict(source)
    year = doc.get("start_year")
    doc["start_year"] = int(year) if year else None
    return doc


class OpenSearchEngine:
    name = "opensearch"

    def __init__(self, url: str, prefix: str, stemmer: str, timeout: float):
        self.url = url
        self.alias = f"{prefix}_practices_v{MAPPING_VERSION}"
        self.stemmer = stemmer
        self.timeout = float(timeout)
        self.client = OpenSearch(
            hosts=[url], timeout=self.timeout, max_retries=0, retry_on_timeout=False, http_compress=False
        )

    # --- index lifecycle -----------------------------------------------------------------

    def new_index_name(self) -> str:
        return f"{self.alias}_{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def alias_exists(self) -> bool:
        return bool(self.client.indices.exists_alias(name=self.alias))

    def aliased_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    def create_index(self, name: str) -> None:
        self.client.indices.create(index=name, body=index_settings(self.stemmer))

    def create_index_if_missing(self) -> bool:
        if self.alias_exists():
            return False
        name = self.new_index_name()
        self.create_index(name)
        self.client.indices.put_alias(index=name, name=self.alias)
        return True

    def rebuild(self, docs, progress=None, chunk_size: int = 250) -> dict:
        """Write every document into a new index, then point the alias at it in one atomic
        update and drop the old indices: searches keep working during the rebuild."""
        name = self.new_index_name()
        self.create_index(name)
        count = 0
        started = time.monotonic()
        try:
            for ok, _ in helpers.streaming_bulk(
                self.client, self._actions(docs, name, progress), chunk_size=chunk_size,
                request_timeout=max(self.timeout, 300), raise_on_error=True,
            ):
                count += 1 if ok else 0
            self.client.indices.refresh(index=name)
        except Exception:
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        old = self.aliased_indices()
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return {"index": name, "count": count, "seconds": time.monotonic() - started, "replaced": old}

    def drop_all(self) -> None:
        for index in self.aliased_indices():
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def _actions(self, docs, index: str, progress=None):
        for doc in docs:
            if progress:
                progress(1)
            yield {"_op_type": "index", "_index": index, "_id": str(doc["page_id"]), "_source": to_source(doc)}

    # --- writing -----------------------------------------------------------------------------

    def index_documents(self, docs: list[dict]) -> None:
        if not docs:
            return
        self.create_index_if_missing()
        helpers.bulk(self.client, self._actions(docs, self.alias), refresh=True)

    def delete(self, page_ids) -> None:
        ids = list(page_ids)
        if not ids:
            return
        if not self.alias_exists():
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": str(i)} for i in ids)
        helpers.bulk(self.client, actions, refresh=True, raise_on_error=False)

    def indexed_hashes(self) -> dict[int, str]:
        if not self.alias_exists():
            return {}
        out: dict[int, str] = {}
        after = None
        while True:
            body = {"size": 1000, "_source": ["page_id", "doc_hash"], "sort": [{"page_id": "asc"}], "query": {"match_all": {}}}
            if after is not None:
                body["search_after"] = after
            res = self.client.search(index=self.alias, body=body)
            rows = res["hits"]["hits"]
            for row in rows:
                out[int(row["_source"]["page_id"])] = row["_source"].get("doc_hash", "")
            if len(rows) < 1000:
                return out
            after = rows[-1]["sort"]

    # --- reading -----------------------------------------------------------------------------

    @staticmethod
    def _part_clause(part: analysis.QueryPart, own: bool = False) -> dict:
        should = []
        for alt in dict.fromkeys(part.own if own else part.alternatives):
            if len(alt) == 1:
                should.append({"multi_match": {"query": alt[0], "fields": TOKEN_FIELDS}})
            else:
                should.append({"multi_match": {"query": " ".join(alt), "fields": TOKEN_FIELDS, "type": "phrase", "slop": PHRASE_SLOP}})
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def text_query(self, plan: planning.Plan, fallback: bool = False) -> dict:
        """Coverage (constant scores, one per concept, scaled to dominate; a synonym match
        counts SYNONYM_WEIGHT of a concept) plus BM25 times the completeness prior and the
        featured tie-breaker; the cut-off as a filter: the practice holds every concept of one
        of the plan's qualifying sets."""
        clauses = [self._part_clause(p) for p in plan.parts]
        coverage = []
        for part, clause in zip(plan.parts, clauses, strict=True):
            scale = part.weight * planning.COVERAGE_SCALE
            if len(part.own) < len(part.alternatives):
                coverage.append({"dis_max": {"queries": [
                    {"constant_score": {"filter": self._part_clause(part, own=True), "boost": scale}},
                    {"constant_score": {"filter": clause, "boost": scale * planning.SYNONYM_WEIGHT}},
                ]}})
            else:
                coverage.append({"constant_score": {"filter": clause, "boost": scale}})
        prior = {
            "function_score": {
                "query": {"bool": {"should": clauses, "minimum_should_match": 1}},
                "functions": [
                    {"filter": {"match_all": {}}, "weight": 1},
                    {"field_value_factor": {"field": "completeness", "factor": PRIOR_WEIGHT, "missing": 0}},
                ],
                "score_mode": "sum",
                "boost_mode": "multiply",
            }
        }
        relevance = {
            "function_score": {
                "query": prior,
                "functions": [{"filter": {"term": {"featured": True}}, "weight": FEATURED_WEIGHT}],
                "boost_mode": "multiply",
            }
        }
        threshold = plan.fallback if fallback else plan.threshold
        cutoff = [{"bool": {"filter": [clauses[i] for i in combo]}} for combo in plan.qualifying_sets(threshold)]
        return {
            "bool": {
                "filter": [{"bool": {"should": cutoff, "minimum_should_match": 1}}],
                "should": coverage + [relevance],
            }
        }

    @staticmethod
    def closeness(query: dict, near: Near) -> dict:
        """`query` decides what matches (as a filter); the score is the closeness of each
        practice's commune to the reader's, the same sum as the embedded engine's: a linear
        decay on ln(population), 1 at the reader's, 0 at LOG_MAX_RATIO away (scale half of it,
        decay 0.5), counted only where the population is known (a decay on a missing field
        scores 1), plus constant scores for the same EPCI, département and région."""
        should = []
        if near.log_population is not None:
            decay = {"origin": near.log_population, "scale": LOG_MAX_RATIO / 2, "decay": 0.5}
            should.append({"function_score": {
                "query": {"exists": {"field": "log_population"}},
                "functions": [{"linear": {"log_population": decay}, "weight": NEAR_WEIGHTS["population"]}],
                "boost_mode": "replace",
            }})
        for field, value in (("epci", near.epci), ("department", near.department), ("region", near.region)):
            if value:
                should.append({"constant_score": {"filter": {"term": {field: value}}, "boost": NEAR_WEIGHTS[field]}})
        return {"bool": {"filter": [query], "should": should}}

    def build_query(self, params: SearchParams, plan: planning.Plan | None, fallback: bool = False) -> dict:
        if plan is not None and plan.parts:
            query = self.text_query(plan, fallback)
        elif plan is not None:
            query = {"bool": {"must_not": {"match_all": {}}}}  # no content word is in any write-up
        else:
            query = {
                "function_score": {
                    "query": {"match_all": {}},
                    "functions": [{"filter": {"term": {"featured": True}}, "weight": FEATURED_WEIGHT}],
                    "boost_mode": "multiply",
                }
            }
        filters = {f: {"terms": {f: params.filters[f]}} for f in FACET_FIELDS if params.filters.get(f)}
        aggs = {}
        for field in FACET_FIELDS:
            others = [clause for f, clause in filters.items() if f != field]
            aggs[field] = {
                "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                "aggs": {"values": {"terms": {"field": field, "size": FACET_SIZE}}},
            }
        body = {
            "from": (params.page - 1) * params.per_page,
            "size": params.per_page,
            "track_total_hits": True,
            "timeout": f"{int(self.timeout * 1000)}ms",
            "query": query,
            "aggs": aggs,
            "_source": {"excludes": ["body", *TOKEN_SOURCES, "keywords_tokens"]},
        }
        if filters:
            body["post_filter"] = {"bool": {"filter": list(filters.values())}}
        if params.sort == "date":
            body["sort"] = [{"first_published_at": {"order": "desc", "missing": "_last"}}, "_score"]
        elif params.sort == "proximite" and params.near is not None:
            # the relevance score is replaced by the closeness: equal closeness (same commune)
            # falls back to the newest first
            body["query"] = self.closeness(query, params.near)
            body["sort"] = ["_score", {"first_published_at": {"order": "desc", "missing": "_last"}}]
        if plan is not None and plan.parts:
            # highlighting runs on the original text with OpenSearch's French analyzer
            words = [params.q] + [fix for fix in [plan.suggestion] if fix]
            body["highlight"] = {
                "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"],
                "encoder": "html",
                "highlight_query": {"multi_match": {"query": " ".join(words), "fields": ["body", "summary"]}},
                "fields": {
                    "body": {"fragment_size": 220, "number_of_fragments": 1},
                    "summary": {"number_of_fragments": 0},
                },
            }
        return body

    def _answer(self, params: SearchParams, ids_only: bool = False) -> tuple[planning.Plan | None, dict]:
        plan = planning.build(params.q) if params.q else None

        def body(fallback: bool = False) -> dict:
            out = self.build_query(params, plan, fallback)
            if ids_only:
                for key in ("highlight", "aggs"):
                    out.pop(key, None)
                out.update(_source=False, track_total_hits=False)
            return out

        res = self.client.search(index=self.alias, body=body(), request_timeout=self.timeout)
        if plan is not None and not res["hits"]["hits"] and params.page == 1 and plan.fallback < plan.threshold:
            # nothing reaches the cut-off: what holds the heaviest concept (a second request, only then)
            res = self.client.search(index=self.alias, body=body(fallback=True), request_timeout=self.timeout)
        return plan, res

    def search_ids(self, params: SearchParams) -> list[int]:
        """The page of hit ids only: no aggregations, no source, no highlight (alert digests)."""
        return [int(row["_id"]) for row in self._answer(clamp(params), ids_only=True)[1]["hits"]["hits"]]

    def search(self, params: SearchParams) -> SearchResults:
        params = clamp(params)
        plan, res = self._answer(params)
        hits = []
        for row in res["hits"]["hits"]:
            doc = from_source(row["_source"])
            doc.setdefault("body", "")
            highlight = row.get("highlight", {})
            fragment = (highlight.get("body") or highlight.get("summary") or [""])[0]
            hits.append(hit_from_doc(doc, fragment))
        counts = {
            field: {str(b["key"]): b["doc_count"] for b in res.get("aggregations", {}).get(field, {}).get("values", {}).get("buckets", [])}
            for field in FACET_FIELDS
        }
        total = res["hits"]["total"]
        total = total["value"] if isinstance(total, dict) else int(total)
        return SearchResults(
            total=total,
            hits=hits,
            facets=assemble_facets(counts, params.filters),
            page=params.page,
            per_page=params.per_page,
            suggestion=plan.suggestion if plan else None,
            engine=self.name,
        )

    def autocomplete(self, prefix: str, limit: int = 8) -> list[dict]:
        body = {
            "size": limit,
            "_source": ["page_id", "title", "url"],
            "query": {
                "function_score": {
                    "query": {"match": {"title.ac": {"query": prefix, "operator": "and"}}},
                    "functions": [{"filter": {"term": {"featured": True}}, "weight": FEATURED_WEIGHT}],
                }
            },
        }
        res = self.client.search(index=self.alias, body=body, request_timeout=self.timeout)
        return [
            {"kind": "practice", "label": r["_source"]["title"], "url": r["_source"]["url"], "page_id": r["_source"]["page_id"]}
            for r in res["hits"]["hits"]
        ]

    def similar(self, page_id: int, limit: int = 3) -> list[int]:
        body = {
            "size": limit,
            "_source": ["page_id"],
            "query": {
                "bool": {
                    "must": {
                        "more_like_this": {
                            "fields": ["title_tokens", "summary_tokens", "keywords_tokens", "body_tokens"],
                            "like": [{"_index": self.alias, "_id": str(page_id)}],
                            "min_term_freq": 1,
                            "min_doc_freq": 1,
                            "max_query_terms": 25,
                        }
                    },
                    "must_not": {"ids": {"values": [str(page_id)]}},
                }
            },
        }
        res = self.client.search(index=self.alias, body=body, request_timeout=self.timeout)
        return [int(r["_source"]["page_id"]) for r in res["hits"]["hits"]]
