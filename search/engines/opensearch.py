"""The OpenSearch engine: one versioned index behind an alias, French analysis, and one
request per search (query + post_filter + filter-aware aggregations + highlight + suggest).

The stemmer is a setting (OPENSEARCH_STEMMER): `light_french` in production, `french`
(Snowball) against the osmem emulator, which indexes empty tokens with light_french. Apostrophes
become spaces before tokenizing, so "l'école" gives "l" (a stop word) and "école" even where
the elision filter is ignored (the emulator ignores it at index time).
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import NotFoundError

from search import analysis, vocabulary
from search.documents import PROGRAMME_LABELS
from search.types import SearchParams, SearchResults

from .common import FACET_FIELDS, assemble_facets, clamp, hit_from_doc

TEXT_FIELDS = ["title^4", "summary^2", "keywords^2", "body"]
FEATURED_WEIGHT = 1.5
FACET_SIZE = 200
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
                "keywords": {"type": "text", "analyzer": "fr_text"},
                "spell": {"type": "text", "analyzer": "fr_exact"},
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
    keywords = list(doc.get("tags") or []) + list(doc.get("theme_names") or [])
    keywords += [doc.get("commune", ""), doc.get("department_name", ""), doc.get("region_name", "")]
    keywords += list(doc.get("funder_names") or []) + [PROGRAMME_LABELS.get(doc.get("programme") or "", "")]
    source["keywords"] = " ".join(k for k in keywords if k)
    source["spell"] = " ".join([doc["title"], doc.get("summary", ""), doc.get("body", "")])
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
        self.alias = f"{prefix}_practices"
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

    def _part_clause(self, part: analysis.QueryPart) -> dict:
        should = []
        for alt in part.alternatives:
            text = " ".join(alt)
            if len(alt) == 1:
                should.append({"multi_match": {"query": text, "fields": TEXT_FIELDS, "fuzziness": "AUTO", "prefix_length": 1}})
            else:
                should.append({"multi_match": {"query": text, "fields": TEXT_FIELDS, "type": "phrase", "slop": 2}})
        return {"bool": {"should": should, "minimum_should_match": 1}}

    def build_query(self, params: SearchParams, parts: list[analysis.QueryPart]) -> dict:
        if parts:
            text_query = {
                "bool": {
                    "should": [self._part_clause(p) for p in parts],
                    "minimum_should_match": "3<-25%" if len(parts) > 3 else len(parts),
                }
            }
            # the reader's exact words (unstemmed, folded) rank above mere shared stems
            text_query = {
                "bool": {
                    "must": text_query,
                    "should": [{"multi_match": {"query": params.q, "fields": ["title.exact^3", "summary.exact", "body.exact^0.5"]}}],
                }
            }
        else:
            text_query = {"match_all": {}}
        query = {
            "function_score": {
                "query": text_query,
                "functions": [{"filter": {"term": {"featured": True}}, "weight": FEATURED_WEIGHT}],
                "boost_mode": "multiply",
                "score_mode": "multiply",
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
            "_source": {"excludes": ["spell", "keywords", "body"]},
        }
        if filters:
            body["post_filter"] = {"bool": {"filter": list(filters.values())}}
        if params.sort == "date":
            body["sort"] = [{"first_published_at": {"order": "desc", "missing": "_last"}}, "_score"]
        if parts:
            body["highlight"] = {
                "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"],
                "encoder": "html",
                "fields": {
                    "body": {"fragment_size": 220, "number_of_fragments": 1},
                    "summary": {"number_of_fragments": 0},
                },
            }
            body["suggest"] = {
                "text": " ".join(analysis.terms(params.q)),
                "spelling": {"term": {"field": "spell", "suggest_mode": "missing", "min_word_length": 4, "size": 1}},
            }
        return body

    def search(self, params: SearchParams) -> SearchResults:
        params = clamp(params)
        parts = analysis.parse_query(params.q)
        body = self.build_query(params, parts)
        res = self.client.search(index=self.alias, body=body, request_timeout=self.timeout)
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
            suggestion=self._suggestion(res, params.q),
            engine=self.name,
        )

    def _suggestion(self, res: dict, q: str) -> str | None:
        entries = res.get("suggest", {}).get("spelling") or []
        fixes = {e["text"]: e["options"][0]["text"] for e in entries if e.get("options")}
        if not fixes:
            return None
        # The suggester answers folded words; the reader sees them spelt as in the write-ups.
        shown = vocabulary.display_forms(fixes.values())
        return analysis.respell(q, {word: shown.get(fix, fix) for word, fix in fixes.items()})

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
                            "fields": ["title", "summary", "keywords", "body"],
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
