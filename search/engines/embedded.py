"""The embedded engine: full-text search in the site's own database.

SQLite: an FTS5 table (bm25 with field weights). PostgreSQL: a weighted tsvector column with
a GIN index (ts_rank). Both index the output of search.analysis (folded, stop words out,
stemmed), so relevance is the same on both. Queries run the plan of search.engines.plan
(ranked OR with coverage, the same on the OpenSearch engine). Facet counts are GROUP BYs over the matching ids in one SQL statement;
each facet is counted with every filter except its own (disjunctive facets).
"""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from search import analysis, vocabulary
from search.documents import facet_values
from search.models import SearchDocument, SearchFacet
from search.types import SearchParams, SearchResults

from . import plan as planning
from .common import FACET_FIELDS, assemble_facets, clamp, extract, hit_from_doc

# bm25 weights of the FTS5 columns (title, summary, keywords, body).
SQLITE_WEIGHTS = "10.0, 5.0, 4.0, 1.0"
# ts_rank weights, in PostgreSQL's order {D, C, B, A}: body, -, summary/keywords, title.
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
# Within equal coverage: BM25 × (1 + PRIOR_WEIGHT × completeness) × featured tie-breaker.
PRIOR_WEIGHT = 1.0
FEATURED_BOOST = 1.05
PHRASE_SLOP = 2
# documents written per INSERT batch in a rebuild: larger batches gained nothing measurable
WRITE_CHUNK = 500


def _keywords(doc: dict) -> str:
    return vocabulary.keywords_text(doc)


def relevance_factor(alias: str = "d") -> str:
    """The bounded multipliers of BM25 (SQL): completeness prior and featured tie-breaker."""
    return (
        f"(1.0 + {PRIOR_WEIGHT} * {alias}.completeness) * "
        f"(CASE WHEN {alias}.featured THEN {FEATURED_BOOST} ELSE 1.0 END)"
    )


def _stems(text: str) -> str:
    return " ".join(analysis.analyze(text))


def _prepare(field: str, value):
    """A value as Django would send it to the database for this SearchDocument column."""
    return SearchDocument._meta.get_field(field).get_db_prep_save(value, connection)


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _placeholders(n: int) -> str:
    return ", ".join(["%s"] * n)


class EmbeddedEngine:
    name = "embedded"

    @property
    def vendor(self) -> str:
        return connection.vendor

    # --- writing ---------------------------------------------------------------------------

    def index_documents(self, docs: list[dict], rebuild: bool = False) -> None:
        """Replace the documents of these practices (in the caller's transaction)."""
        if rebuild:
            self.rebuild(docs)
            return
        with transaction.atomic():
            self.delete([d["page_id"] for d in docs])
            if docs:
                self._write(docs)
                vocabulary.record(docs)

    def rebuild(self, docs: Iterable[dict], chunk_size: int = WRITE_CHUNK, progress=None) -> int:
        """Replace the whole index with these documents, in one transaction, written chunk by
        chunk as they come: `docs` may be a stream (search.documents.iter_documents), never
        held whole. Returns the number of documents written."""
        count = 0
        with transaction.atomic():
            self.clear()
            words = vocabulary.WordCounts()
            for chunk in batched(docs, chunk_size):
                self._write(chunk)
                words.add(chunk)
                count += len(chunk)
                if progress:
                    progress(len(chunk))
            vocabulary.record(words, rebuild=True)
            if self.vendor == "postgresql":
                # fresh statistics, or the planner scans every facet row instead of the matches
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE search_searchdocument, search_searchfacet, search_searchterm")
        return count

    def _write(self, docs) -> None:
        """Insert the rows of new documents: the document, its facet values and its analysed
        text. Plain INSERTs run with executemany: building model instances and compiling
        bulk_create's SQL cost more than the analysis itself."""
        now = timezone.now()
        indexed_at = _prepare("indexed_at", now)
        documents, facets, texts = [], [], []
        for d in docs:
            page_id = d["page_id"]
            row = [
                page_id,
                " " + " ".join(analysis.words(d["title"]))[:298],
                bool(d.get("featured")),
                float(d.get("completeness") or 0.0),
                _prepare("first_published_at", d.get("first_published_at")),
                d["doc_hash"],
                _prepare("doc", d),
                indexed_at,
            ]
            text = (_stems(d["title"]), _stems(d["summary"]), _stems(_keywords(d)), _stems(d["body"]))
            if self.vendor == "postgresql":
                row.extend(text)
            else:
                texts.append((page_id, *text))
            documents.append(row)
            facets.extend((page_id, field, value[:80]) for field, value in dict.fromkeys(facet_values(d)))
        columns = "page_id, title_folded, featured, completeness, first_published_at, doc_hash, doc, indexed_at"
        values = _placeholders(8)
        if self.vendor == "postgresql":
            columns += ", search_vector"
            values += (
                ", setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'B') || setweight(to_tsvector('simple', %s), 'D')"
            )
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO search_searchdocument ({columns}) VALUES ({values})", documents)
            cursor.executemany("INSERT INTO search_searchfacet (page_id, field, value) VALUES (%s, %s, %s)", facets)
            if texts:
                cursor.executemany(
                    "INSERT INTO search_fts(rowid, title, summary, keywords, body) VALUES (%s, %s, %s, %s, %s)", texts
                )

    def delete(self, page_ids) -> None:
        ids = [int(i) for i in page_ids]
        if not ids:
            return
        with transaction.atomic():
            gone = SearchDocument.objects.filter(page_id__in=ids)
            vocabulary.forget(list(gone.values_list("doc", flat=True)))
            gone.delete()
            SearchFacet.objects.filter(page_id__in=ids).delete()
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    for start in range(0, len(ids), 500):
                        chunk = ids[start : start + 500]
                        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(len(chunk))})", chunk)

    def clear(self) -> None:
        from search.models import SearchTerm

        SearchTerm.objects.all().delete()
        vocabulary.invalidate()
        SearchDocument.objects.all().delete()
        SearchFacet.objects.all().delete()
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")

    def indexed_hashes(self) -> dict[int, str]:
        return dict(SearchDocument.objects.values_list("page_id", "doc_hash"))

    # --- reading ---------------------------------------------------------------------------

    def _alternative(self, alt: tuple[str, ...]) -> str:
        if self.vendor == "postgresql":
            if len(alt) == 1:
                return alt[0]
            # a phrase with some slop: the words in order, up to PHRASE_SLOP words apart
            return "(" + " | ".join(f" <{n}> ".join(alt) for n in range(1, PHRASE_SLOP + 2)) + ")"
        if len(alt) == 1:
            return f'"{alt[0]}"'
        return "NEAR(" + " ".join(f'"{t}"' for t in alt) + f", {PHRASE_SLOP})"

    def _part_query(self, part: analysis.QueryPart, own: bool = False) -> str:
        joiner = " | " if self.vendor == "postgresql" else " OR "
        alternatives = part.own if own else part.alternatives
        return "(" + joiner.join(self._alternative(alt) for alt in dict.fromkeys(alternatives)) + ")"

    def _holds(self, alias: str = "d") -> str:
        """SQL condition: the practice holds a full-text query given as a parameter."""
        if self.vendor == "postgresql":
            return f"{alias}.search_vector @@ to_tsquery('simple', %s)"
        return "f.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"

    def _text_query(self, parts: list[analysis.QueryPart], operator: str = "or") -> str:
        clauses = [self._part_query(part) for part in parts]
        if self.vendor == "postgresql":
            return (" & " if operator == "and" else " | ").join(clauses)
        return (" AND " if operator == "and" else " OR ").join(clauses)

    def _match_cte(self, text_query: str | None, filters: dict[str, list[str]] | None = None,
                   plan: planning.Plan | None = None, fallback: bool = False) -> tuple[str, list]:
        boost = f"(CASE WHEN d.featured THEN {FEATURED_BOOST} ELSE 1.0 END)"
        if not text_query:
            sql = f"SELECT d.page_id AS id, {boost} AS score, d.first_published_at AS published FROM search_searchdocument d"
            active = [(f, v) for f, v in (filters or {}).items() if v]
            if len(active) < 2:
                return sql, []
            # only practices passing all filters but at most one can count in a facet
            ors = " OR ".join(f"(field = %s AND value IN ({_placeholders(len(v))}))" for _, v in active)
            params = [x for f, v in active for x in (f, *v)]
            return (
                f"{sql} WHERE d.page_id IN (SELECT page_id FROM search_searchfacet WHERE {ors} "
                "GROUP BY page_id HAVING COUNT(DISTINCT field) >= %s)",
                params + [len(active) - 1],
            )
        # One flag per concept (and one for the reader's own word when the concept has
        # synonyms), each full-text lookup run once; then rank: the own word counts the
        # concept's weight, a synonym SYNONYM_WEIGHT of it; cut-off: any alternative counts
        # the full weight (see search.engines.plan).
        flags, flag_params, rank, held = [], [], [], []
        for i, part in enumerate(plan.parts if plan else []):
            flags.append(f"({self._holds()}) AS a{i}")
            flag_params.append(self._part_query(part))
            own = f"a{i}"
            if len(part.own) < len(part.alternatives):
                flags.append(f"({self._holds()}) AS o{i}")
                flag_params.append(self._part_query(part, own=True))
                own = f"o{i}"
            rank.append(
                f"CASE WHEN {own} THEN {part.weight!r} WHEN a{i} THEN {planning.SYNONYM_WEIGHT * part.weight!r} ELSE 0 END"
            )
            held.append(f"CASE WHEN a{i} THEN {part.weight!r} ELSE 0 END")
        flags_sql = "".join(f", {f}" for f in flags)
        threshold = (plan.fallback if fallback else plan.threshold) if plan else 0.0
        if self.vendor == "postgresql":
            inner = (
                f"SELECT d.page_id AS id{flags_sql}, "
                f"ts_rank('{POSTGRES_WEIGHTS}', d.search_vector, q) * {relevance_factor()} AS rel, "
                "d.first_published_at AS published FROM search_searchdocument d, to_tsquery('simple', %s) q "
                "WHERE d.search_vector @@ q"
            )
        else:
            inner = (
                f"SELECT f.rowid AS id{flags_sql}, "
                f"-bm25(search_fts, {SQLITE_WEIGHTS}) * {relevance_factor()} AS rel, "
                "d.first_published_at AS published FROM search_fts f "
                "JOIN search_searchdocument d ON d.page_id = f.rowid WHERE search_fts MATCH %s"
            )
        sql = (
            f"WITH c AS MATERIALIZED ({inner}) "
            f"SELECT c.id, ({' + '.join(rank) or '0'}) * {planning.COVERAGE_SCALE} + c.rel AS score, c.published "
            f"FROM c WHERE ({' + '.join(held) or '0'}) >= %s"
        )
        return sql, flag_params + [text_query, threshold]

    def _run(self, params: SearchParams, text_query: str | None, plan: planning.Plan | None = None,
             fallback: bool = False):
        """Total, facet counts and the page of hit ids, in one SQL statement.

        m: the practices matching the text (all of them without text), with their score.
        mf: the same rows with one flag per active filter (an index lookup each).
        A facet value is counted over the rows passing every filter but its own facet's."""
        match_sql, match_params = self._match_cte(text_query, params.filters, plan, fallback)
        filtered = [f for f in FACET_FIELDS if params.filters.get(f)]
        flags, flag_params = [], []
        for i, field in enumerate(filtered):
            values = params.filters[field]
            flags.append(
                f"EXISTS (SELECT 1 FROM search_searchfacet x WHERE x.page_id = m.id AND x.field = %s "
                f"AND x.value IN ({_placeholders(len(values))})) AS p{i}"
            )
            flag_params += [field, *values]

        def passes(exclude: str | None = None) -> str:
            conds = [f"mf.p{i}" for i, f in enumerate(filtered) if f != exclude]
            if self.vendor != "postgresql":
                conds = [f"{c} = 1" for c in conds]
            return " AND ".join(conds) if conds else "1=1"

        mf_columns = ", ".join(["m.id", "m.score", "m.published", *flags])
        order = "mf.score DESC, mf.published DESC" if params.sort == "pertinence" else "mf.published DESC NULLS LAST, mf.score DESC"
        facet_conditions = [f"(sf.field = %s AND {passes(f)})" for f in filtered]
        facet_params = list(filtered)
        unfiltered = [f for f in FACET_FIELDS if f not in filtered]
        facet_conditions.append(f"(sf.field IN ({_placeholders(len(unfiltered))}) AND {passes()})")
        facet_params += unfiltered
        join = "CROSS JOIN" if self.vendor == "sqlite" else "JOIN"
        sql = (
            f"WITH m AS MATERIALIZED ({match_sql}), "
            f"mf AS MATERIALIZED (SELECT {mf_columns} FROM m), "
            f"hits AS (SELECT mf.id, ROW_NUMBER() OVER (ORDER BY {order}) AS rn FROM mf WHERE {passes()} "
            f"ORDER BY {order} LIMIT %s OFFSET %s) "
            f"SELECT sf.field, sf.value, COUNT(*) FROM mf {join} search_searchfacet sf ON sf.page_id = mf.id "
            f"WHERE {' OR '.join(facet_conditions)} GROUP BY sf.field, sf.value "
            f"UNION ALL SELECT '', '', COUNT(*) FROM mf WHERE {passes()} "
            "UNION ALL SELECT '#', CAST(hits.id AS TEXT), hits.rn FROM hits"
        )
        offset = (params.page - 1) * params.per_page
        all_params = match_params + flag_params + [params.per_page, offset] + facet_params
        counts: dict[str, dict[str, int]] = {}
        total, ranked = 0, []
        with connection.cursor() as cursor:
            cursor.execute(sql, all_params)
            for field, value, count in cursor.fetchall():
                if field == "":
                    total = count
                elif field == "#":
                    ranked.append((count, int(value)))
                else:
                    counts.setdefault(field, {})[value] = count
        return total, counts, [page_id for _, page_id in sorted(ranked)]

    def search(self, params: SearchParams) -> SearchResults:
        params = clamp(params)
        plan = planning.build(params.q) if params.q else None
        if plan is not None and not plan.parts:
            # no content word of the query is in any write-up
            total, counts, ids = 0, {}, []
        else:
            text_query = self._text_query(plan.parts) if plan else None
            total, counts, ids = self._run(params, text_query, plan)
            if total == 0 and plan is not None and plan.fallback < plan.threshold:
                # nothing reaches the cut-off: what holds the heaviest concept
                total, counts, ids = self._run(params, text_query, plan, fallback=True)
        docs = dict(SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", "doc"))
        stems = plan.tokens if plan else set()
        needed = len(plan.parts) if plan else None
        hits = [hit_from_doc(docs[i], extract(docs[i], stems, needed=needed)) for i in ids if i in docs]
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
        words = analysis.words(prefix)
        if not words:
            return []
        needle = " " + " ".join(words)
        rows = (
            SearchDocument.objects.filter(title_folded__contains=needle)
            .order_by("-featured", "title_folded")
            .values_list("doc", flat=True)[:limit]
        )
        return [{"kind": "practice", "label": d["title"], "url": d["url"], "page_id": d["page_id"]} for d in rows]

    def similar(self, page_id: int, limit: int = 3) -> list[int]:
        row = SearchDocument.objects.filter(page_id=page_id).values_list("doc", flat=True).first()
        if row is None:
            return []
        tokens = analysis.analyze(row["title"] + " " + " ".join(row.get("tags") or []))
        parts = [analysis.QueryPart(t, [(t,)]) for t in dict.fromkeys(tokens)][:12]
        themes = row.get("themes") or []
        result: list[int] = []
        if parts:
            params = SearchParams(filters={"themes": themes} if themes else {}, per_page=limit + 1)
            _, _, ids = self._run(clamp(params), self._text_query(parts, "or"))
            result = [i for i in ids if i != page_id][:limit]
        if len(result) < limit and themes:
            more = (
                SearchFacet.objects.filter(field="themes", value__in=themes)
                .exclude(page_id__in=[page_id, *result])
                .values_list("page_id", flat=True)
                .distinct()[: limit - len(result)]
            )
            result += list(more)
        return result
