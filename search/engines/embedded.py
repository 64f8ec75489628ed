"""The embedded engine: full-text search in the site's own database.

SQLite: an FTS5 table (bm25 with field weights). PostgreSQL: a weighted tsvector column with
a GIN index (ts_rank). Both index the output of search.analysis (folded, stop words out,
stemmed), so relevance is the same on both. Queries run the plan of search.engines.plan
(ranked OR with coverage, the same on the OpenSearch engine). A first SQL statement reads which
practices hold each concept of the query; the cut-off, the filters, the total, the facet counts
(each facet counted with every filter except its own: disjunctive facets) and each practice's
coverage are then worked out on bitmaps in memory (search.engines.candidates and facet_sets);
a second statement scores the practices passing the filters and returns the page of hits.
"""

import json
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from search import analysis, extracts, vocabulary
from search.documents import facet_values
from search.models import SearchDocument, SearchFacet
from search.types import Near, SearchParams, SearchResults

from . import candidates, facet_sets, postings
from . import plan as planning
from .common import (
    LOG_MAX_RATIO,
    NEAR_WEIGHTS,
    assemble_facets,
    clamp,
    hit_from_doc,
    log_population,
)

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


def _stems(words: list[str]) -> str:
    return " ".join(filter(None, map(analysis.token, words)))


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
                words = vocabulary.WordCounts()
                self._write(docs, words)
                vocabulary.record(words)

    def rebuild(self, docs: Iterable[dict], chunk_size: int = WRITE_CHUNK, progress=None) -> int:
        """Replace the whole index with these documents, in one transaction, written chunk by
        chunk as they come: `docs` may be a stream (search.documents.iter_documents), never
        held whole. Returns the number of documents written."""
        count = 0
        with transaction.atomic():
            self.clear()
            words = vocabulary.WordCounts()
            for chunk in batched(docs, chunk_size):
                self._write(chunk, words)
                count += len(chunk)
                if progress:
                    progress(len(chunk))
            vocabulary.record(words, rebuild=True)
            if self.vendor == "sqlite":
                # one full-text segment, without the markers of the rows cleared above: one
                # rebuild in two left twice the index blocks, which every MATCH then read (the
                # search statement took a third longer at 10,000 practices); same rows, same bm25
                # statistics
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            if self.vendor == "postgresql":
                # fresh statistics, or the planner scans every facet row instead of the matches
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE search_searchdocument, search_searchfacet, search_searchterm")
        return count

    def _write(self, docs, words: vocabulary.WordCounts) -> None:
        """Insert the rows of new documents: the document, its facet values and its analysed
        text, and count their words in `words`. Each text is read once: its words serve the
        full-text columns, the passages and the vocabulary. Plain INSERTs run with executemany:
        building model instances and compiling bulk_create's SQL cost more than the analysis
        itself."""
        now = timezone.now()
        indexed_at = _prepare("indexed_at", now)
        documents, facets, texts = [], [], []
        for d in docs:
            page_id = d["page_id"]
            prepared = extracts.prepare(d)
            title, keywords = analysis.raw_words(d["title"]), analysis.raw_words(_keywords(d))
            words.add_words(title + prepared.words + keywords)  # the order of document_words
            row = [
                page_id,
                " " + " ".join(analysis.words(d["title"]))[:298],
                bool(d.get("featured")),
                float(d.get("completeness") or 0.0),
                _prepare("first_published_at", d.get("first_published_at")),
                d["doc_hash"],
                _prepare("doc", d),
                indexed_at,
                # what the « Proches de ma commune » sort reads (search.engines.common)
                log_population(d.get("population")),
                (d.get("epci") or "")[:9],
                (d.get("department") or "")[:3],
                (d.get("region") or "")[:3],
                prepared.passages,
            ]
            text = (_stems(title), prepared.summary, _stems(keywords), prepared.body)
            if self.vendor == "postgresql":
                row.extend(text)
            else:
                texts.append((page_id, *text))
            documents.append(row)
            facets.extend((page_id, field, value[:80]) for field, value in dict.fromkeys(facet_values(d)))
        columns = (
            "page_id, title_folded, featured, completeness, first_published_at, doc_hash, doc, indexed_at, "
            "log_population, epci, department, region, passages"
        )
        values = _placeholders(13)
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
            facet_sets.bump(cursor)

    def delete(self, page_ids) -> None:
        ids = [int(i) for i in page_ids]
        if not ids:
            return
        with transaction.atomic():
            gone = SearchDocument.objects.filter(page_id__in=ids)
            vocabulary.forget(list(gone.values_list("doc", flat=True)))
            gone.delete()
            SearchFacet.objects.filter(page_id__in=ids).delete()
            with connection.cursor() as cursor:
                if self.vendor == "sqlite":
                    for start in range(0, len(ids), 500):
                        chunk = ids[start : start + 500]
                        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({_placeholders(len(chunk))})", chunk)
                facet_sets.bump(cursor)

    def clear(self) -> None:
        from search.models import SearchTerm

        vocabulary.invalidate()
        tables = [model._meta.db_table for model in (SearchTerm, SearchDocument, SearchFacet)]
        if self.vendor == "sqlite":
            tables.append("search_fts")
        with connection.cursor() as cursor:
            for table in tables:
                # plain DELETEs: nothing refers to these rows, and the ORM's delete() read every
                # row and sent two signals per row (18 of the 44 s of a profiled 10,000-practice rebuild)
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
            facet_sets.bump(cursor)

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

    def _part_query(self, part: analysis.QueryPart) -> str:
        joiner = " | " if self.vendor == "postgresql" else " OR "
        return "(" + joiner.join(self._alternative(alt) for alt in dict.fromkeys(part.alternatives)) + ")"

    def _text_query(self, parts: list[analysis.QueryPart]) -> str:
        """Any concept of the query (the text match BM25 scores)."""
        joiner = " | " if self.vendor == "postgresql" else " OR "
        return joiner.join(self._part_query(part) for part in parts)

    @staticmethod
    def _closeness(near: Near) -> tuple[str, list]:
        """SQL: how close the commune of row `sd` (search_searchdocument) is to the reader's,
        0 to 1 (search.engines.common). Plain arithmetic on stored columns: no function call
        per row, the same on SQLite and PostgreSQL."""
        terms, params = [], []
        if near.log_population is not None:
            terms.append(
                "CASE WHEN sd.log_population IS NULL OR ABS(sd.log_population - %s) >= "
                f"{LOG_MAX_RATIO!r} THEN 0.0 ELSE {NEAR_WEIGHTS['population']!r} * "
                f"(1.0 - ABS(sd.log_population - %s) / {LOG_MAX_RATIO!r}) END"
            )
            params += [near.log_population, near.log_population]
        for column, value in (("epci", near.epci), ("department", near.department), ("region", near.region)):
            if value:
                terms.append(f"CASE WHEN sd.{column} = %s THEN {NEAR_WEIGHTS[column]!r} ELSE 0.0 END")
                params.append(value)
        return "(" + (" + ".join(terms) or "0.0") + ")", params

    def _matching_sets(self, queries: list[str]) -> tuple[int | None, list[int]]:
        """The token of the index state read, and the practices each full-text query matches,
        as bitmaps: those this process holds for that state (search.engines.postings), the
        others read in one statement."""
        held_token, have = postings.current.lookup(queries)
        token, found = self._read_sets([query for query in queries if query not in have])
        if have and (token is None or token != held_token):
            # the index changed since those were read: every one again, in this state
            token, found = self._read_sets(queries)
            have = {}
        postings.current.keep(token, found)
        return token, [found[query] if query in found else have[query] for query in queries]

    def _read_sets(self, queries: list[str]) -> tuple[int | None, dict[str, int]]:
        """One statement, which returns the index token and a row per query (its ids in one
        string), not a row per match."""
        if self.vendor == "postgresql":
            each = ("SELECT {}, string_agg(CAST(page_id AS TEXT), ',') FROM search_searchdocument "
                    "WHERE search_vector @@ to_tsquery('simple', %s)")
        else:
            each = "SELECT {}, group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s"
        selects = [f"SELECT -1, CAST(({facet_sets.TOKEN_SQL}) AS TEXT)"] + [each.format(i) for i in range(len(queries))]
        found, token = dict.fromkeys(queries, 0), None
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), queries)
            for i, ids in cursor.fetchall():
                if i < 0:
                    token = int(ids) if ids is not None else None
                elif ids:
                    # parsed as a JSON array, in C: int() over the split string was a Python call per id
                    found[queries[i]] = facet_sets.bitmap(json.loads(f"[{ids}]"))
        return token, found

    def _run(self, params: SearchParams, text_query: str | None = None,
             parts: list[tuple[list[str], list[str], float]] = (), cutoffs: list = (None,), facets: bool = True):
        """Total, facet counts (unless `facets` is False) and the page of hit ids.

        parts: each concept's alternatives as full-text queries (the reader's own words; the
        others: synonyms) and its weight; cutoffs: the qualifying sets of concepts
        (search.engines.plan) tried in turn, the next only when no practice passes the filters
        over the previous one (None: any concept). The practices matching each query are
        read as bitmaps (one statement, search.engines.candidates); the cut-off, the filters,
        the facet counts and the coverage are worked out from them, in the index state the
        statement read (its token names the facet bitmaps used). Only the page of hits is
        left to a second statement, which scores the practices passing the filters."""
        # each alternative read once, however many concepts list it
        queries = list(dict.fromkeys(query for own, others, _ in parts for query in (*own, *others)))
        token, found = self._matching_sets(queries)
        sets = facet_sets.for_token(token)
        if text_query:
            bits = dict(zip(queries, found, strict=True))
            concepts = []
            for own, others, weight in parts:
                held = candidates.union(bits[query] for query in own)
                concepts.append(candidates.Concept(held, held | candidates.union(bits[query] for query in others), weight))
            for qualifying in cutoffs:
                matches = candidates.matching(concepts, qualifying)
                rows = facet_sets.passing(sets, matches, params.filters)
                if rows:
                    break
            classes = candidates.coverage_classes(concepts, rows)
        else:
            matches = sets.everything
            rows = facet_sets.passing(sets, matches, params.filters)
            classes = [(0.0, rows)] if rows else []
        total = rows.bit_count()
        counts = facet_sets.counts(sets, matches, params.filters) if facets else {}
        offset = (params.page - 1) * params.per_page
        ids = self._rank(params, text_query, classes, every=rows == sets.everything) if offset < total else []
        return total, counts, ids

    @staticmethod
    def _id_list(bits: int) -> str:
        """A bitmap's ids as a JSON array (json_each on SQLite)."""
        return json.dumps(facet_sets.members(bits), separators=(",", ":"))

    def _rank(self, params: SearchParams, text_query: str | None, classes: list[tuple[float, int]],
              every: bool = False) -> list[int]:
        """The page of hit ids among the practices of `classes` ((coverage, practices) pairs,
        search.engines.candidates), in the order asked: one statement, which scores these
        practices only (`every`: all the indexed practices, without a text, named by none)."""
        pg = self.vendor == "postgresql"
        # SQLite: CROSS JOIN keeps the join order written (the small side first)
        join = "JOIN" if pg else "CROSS JOIN"
        ctes: list[str] = []
        args: list = []
        if pg:
            # the coverage as a parameter per class: bound, not written in the SQL
            coverage = "(CASE ok.k " + " ".join(f"WHEN {k} THEN CAST(%s AS DOUBLE PRECISION)" for k in range(len(classes))) + " END)"
            coverage_args = [value for value, _ in classes]
        else:
            # the largest class last, as the ELSE: its ids are not sent a second time; each
            # other class is a list SQLite indexes once, where a join on ok scanned it per row
            classes = sorted(classes, key=lambda c: c[1].bit_count())
            coverage = "".join("WHEN s.id IN (SELECT value FROM json_each(%s)) THEN %s " for _ in classes[:-1])
            coverage = f"(CASE {coverage}ELSE %s END)" if coverage else "%s"
            coverage_args = [x for value, bits in classes[:-1] for x in (self._id_list(bits), value)] + [classes[-1][0]]
        if text_query or not every:
            # ok: the practices to rank (on PostgreSQL, with the index of their coverage class)
            if pg:
                ids, keys = [], []
                for k, (_, bits) in enumerate(classes):
                    members = facet_sets.members(bits)
                    ids += members
                    keys += [k] * len(members)
                ctes.append("ok AS MATERIALIZED (SELECT o.id, o.k FROM unnest(%s::int[], %s::int[]) AS o(id, k))")
                args += [ids, keys]
            else:
                ctes.append("ok AS MATERIALIZED (SELECT value AS id FROM json_each(%s))")
                args.append(self._id_list(candidates.union(bits for _, bits in classes)))
        if text_query:
            coverage = f"{coverage} * {planning.COVERAGE_SCALE}"
            if pg:
                ranked = (
                    f"SELECT ok.id, {coverage} + ts_rank('{POSTGRES_WEIGHTS}', d.search_vector, "
                    f"to_tsquery('simple', %s)) * {relevance_factor()} AS score, d.first_published_at AS published "
                    "FROM ok JOIN search_searchdocument d ON d.page_id = ok.id"
                )
                args += coverage_args + [text_query]
            else:
                # `+`: the rows of ok tested after the match, not handed to FTS5 as rowid lookups
                # (one full-text query each); bm25() is then called for these rows only
                ctes.append(
                    f"s AS MATERIALIZED (SELECT f.rowid AS id, -bm25(search_fts, {SQLITE_WEIGHTS}) AS rel "
                    "FROM search_fts f WHERE search_fts MATCH %s AND +f.rowid IN (SELECT id FROM ok))"
                )
                args.append(text_query)
                ranked = (
                    f"SELECT s.id, {coverage} + s.rel * {relevance_factor()} AS score, d.first_published_at AS published "
                    "FROM s CROSS JOIN search_searchdocument d ON d.page_id = s.id"
                )
                args += coverage_args
        else:
            source = "search_searchdocument d" if every else f"ok {join} search_searchdocument d ON d.page_id = ok.id"
            ranked = (
                f"SELECT d.page_id AS id, (CASE WHEN d.featured THEN {FEATURED_BOOST} ELSE 1.0 END) AS score, "
                f"d.first_published_at AS published FROM {source}"
            )
        ctes.append(f"ranked AS ({ranked})")
        if params.sort == "proximite" and params.near is not None:
            # closest communes first, then the relevance order
            near_sql, near_args = self._closeness(params.near)
            ctes.append(
                f"placed AS (SELECT ranked.*, {near_sql} AS closeness FROM ranked "
                f"{join} search_searchdocument sd ON sd.page_id = ranked.id)"
            )
            args += near_args
            source, order = "placed", "closeness DESC, score DESC, published DESC"
        else:
            source = "ranked"
            order = "published DESC NULLS LAST, score DESC" if params.sort == "date" else "score DESC, published DESC"
        args += [params.per_page, (params.page - 1) * params.per_page]
        with connection.cursor() as cursor:
            cursor.execute(f"WITH {', '.join(ctes)} SELECT id FROM {source} ORDER BY {order} LIMIT %s OFFSET %s", args)
            return [page_id for (page_id,) in cursor.fetchall()]

    def _answer(self, params: SearchParams, facets: bool = True):
        plan = planning.build(params.q) if params.q else None
        if plan is None:
            return None, *self._run(params, facets=facets)
        if not plan.parts:
            # no content word of the query is in any write-up
            return plan, 0, {}, []
        parts = [
            ([self._alternative(alt) for alt in part.own],
             [self._alternative(alt) for alt in part.alternatives[part.primary:]], part.weight)
            for part in plan.parts
        ]
        # nothing over the cut-off: what holds the heaviest concept
        thresholds = [plan.threshold] + ([plan.fallback] if plan.fallback < plan.threshold else [])
        cutoffs = [plan.qualifying_sets(threshold) for threshold in thresholds]
        return plan, *self._run(params, self._text_query(plan.parts), parts, cutoffs, facets=facets)

    def search_ids(self, params: SearchParams) -> list[int]:
        """The page of hit ids only: no facet counts, no documents, no extracts (alert digests)."""
        return self._answer(clamp(params), facets=False)[3]

    @staticmethod
    def _hit_rows(ids: list[int], plan: planning.Plan | None) -> list[tuple[dict, str | None]]:
        """The document and prepared passages of each hit, in the order of `ids`; the passages
        only when there are words to mark (search.extracts). A plain SELECT: the ORM's query
        and its per-row converters cost more than decoding the documents."""
        if not ids:
            return []
        columns = "page_id, doc, passages" if plan else "page_id, doc, NULL"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM search_searchdocument WHERE page_id IN ({_placeholders(len(ids))})", ids
            )
            rows = {page_id: (doc, passages) for page_id, doc, passages in cursor.fetchall()}
        return [(json.loads(rows[i][0]), rows[i][1]) for i in ids if i in rows]

    def search(self, params: SearchParams) -> SearchResults:
        params = clamp(params)
        plan, total, counts, ids = self._answer(params)
        stems = plan.tokens if plan else set()
        needed = len(plan.parts) if plan else None
        hits = [hit_from_doc(doc, extracts.extract(doc, stems, needed=needed, passages=passages))
                for doc, passages in self._hit_rows(ids, plan)]
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
        tokens = list(dict.fromkeys(analysis.analyze(row["title"] + " " + " ".join(row.get("tags") or []))))[:12]
        themes = row.get("themes") or []
        result: list[int] = []
        if tokens:
            params = SearchParams(filters={"themes": themes} if themes else {}, per_page=limit + 1)
            text_query = self._text_query([analysis.QueryPart(t, [(t,)]) for t in tokens])
            # one concept, held by any word of the title and tags: BM25 alone ranks
            any_word = ([self._alternative((t,)) for t in tokens], [], 0.0)
            _, _, ids = self._run(clamp(params), text_query, [any_word], facets=False)
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
