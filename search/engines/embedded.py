"""The embedded engine: full-text search in the site's own database.

SQLite: an FTS5 table (bm25 with field weights). PostgreSQL: a weighted tsvector column with
a GIN index (ts_rank). Both index the output of search.analysis (folded, stop words out,
stemmed), so relevance is the same on both. Queries run the plan of search.engines.plan
(ranked OR with coverage, the same on the OpenSearch engine). One SQL statement answers the
total, the page of hits and the ids of the matches; facet counts are then taken from bitmaps
held in memory (search.engines.facet_sets), each facet counted with every filter except its
own (disjunctive facets).
"""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, transaction
from django.utils import timezone

from search import analysis, extracts, vocabulary
from search.documents import facet_values
from search.models import SearchDocument, SearchFacet
from search.types import Near, SearchParams, SearchResults

from . import facet_sets
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

# bm25 weights of the FTS5 columns (title, summary, keywords, body).
SQLITE_WEIGHTS = "10.0, 5.0, 4.0, 1.0"
# ts_rank weights, in PostgreSQL's order {D, C, B, A}: body, -, summary/keywords, title.
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
# Within equal coverage: BM25 × (1 + PRIOR_WEIGHT × completeness) × featured tie-breaker.
PRIOR_WEIGHT = 1.0
FEATURED_BOOST = 1.05
PHRASE_SLOP = 2
# Facets with a handful of values, each held by a large share of the practices: a filter on
# them is tested row by row (an index lookup) rather than by building the set of its
# practices, which took longer than the whole text match at 10,000 practices.
BROAD_FACETS = frozenset({"size_band", "programme", "phase"})
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

    def _part_query(self, part: analysis.QueryPart, own: bool = False) -> str:
        joiner = " | " if self.vendor == "postgresql" else " OR "
        alternatives = part.own if own else part.alternatives
        return "(" + joiner.join(self._alternative(alt) for alt in dict.fromkeys(alternatives)) + ")"

    def _holds(self, row: str, among: str | None = None) -> str:
        """SQL condition: the practice `row` (its id on SQLite, its document alias on
        PostgreSQL) holds a full-text query given as a parameter. `among` (SQLite): a table
        of ids holding `row`, to which the set of matches is narrowed as it is built (only
        these ids are kept, not every practice holding a common word)."""
        if self.vendor == "postgresql":
            return f"{row}.search_vector @@ to_tsquery('simple', %s)"
        # `+` keeps SQLite from handing the IN lists to FTS5 as rowid lookups (one full-text
        # query per value)
        narrowed = f" AND +rowid IN (SELECT id FROM {among})" if among else ""
        return f"+{row} IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s{narrowed})"

    def _text_query(self, parts: list[analysis.QueryPart], operator: str = "or") -> str:
        clauses = [self._part_query(part) for part in parts]
        if self.vendor == "postgresql":
            return (" & " if operator == "and" else " | ").join(clauses)
        return (" AND " if operator == "and" else " OR ").join(clauses)

    def _cutoff_query(self, plan: planning.Plan | None, threshold: float) -> str | None:
        """A full-text query for the coverage cut-off (the practices holding every concept of
        one of the plan's qualifying sets), or None when holding any concept is enough: then the
        text query itself is the cut-off, and no practice needs a per-concept test."""
        if plan is None:
            return None
        sets = plan.qualifying_sets(threshold)
        if all(len(combo) == 1 for combo in sets) and len(sets) == len(plan.parts):
            return None
        both, either = (" & ", " | ") if self.vendor == "postgresql" else (" AND ", " OR ")
        return either.join("(" + both.join(self._part_query(plan.parts[i]) for i in combo) + ")" for combo in sets)

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

    def _run(self, params: SearchParams, text_query: str | None, plan: planning.Plan | None = None,
             fallback: bool = False, facets: bool = True):
        """Total, facet counts (unless `facets` is False) and the page of hit ids: one SQL
        statement, then the counts from the in-memory bitmaps (search.engines.facet_sets).

        mn: the practices matching the text over the coverage cut-off (all of them without
        text, m) with the narrow filters' flags; mf: those missing at most one filter, with
        every flag; ok: those passing every filter. Only the rows of ok are ranked, so only
        they get a text score, a coverage and the document's ranking terms: on SQLite bm25()
        is called for them alone (in a second pass over the text match, keeping only them; a
        third of the statement's time when it scored every match), and the coverage sets
        keep only them. The statement also returns the ids of mf and the index state's token,
        for the facet counts."""
        # SQLite: CROSS JOIN keeps the join order written (the small side first)
        pg = self.vendor == "postgresql"
        join = "JOIN" if pg else "CROSS JOIN"
        ctes: list[str] = []
        args: list = []
        # mn: the practices matching the text over the coverage cut-off (all of them without
        # text), with the narrow filters' flags (one lookup in the set of their practices, built
        # once); mf: the same with the broad ones' flags (BROAD_FACETS, whose sets would hold
        # half the practices), by an index lookup, only for rows missing at most one narrow filter
        filtered = [f for f in FACET_FIELDS if params.filters.get(f)]
        narrow = [f for f in filtered if f not in BROAD_FACETS]
        broad = [f for f in filtered if f in BROAD_FACETS]
        flag = {field: f"p{i}" for i, field in enumerate(filtered)}
        as_int = (lambda c: f"CAST({c} AS INTEGER)") if pg else (lambda c: c)
        # SQLite reads the flags in the pass over the text match itself: no copy of every match
        row = "f.rowid" if text_query and not pg else "m.id"
        columns, flag_args = [], []
        for field in narrow:
            values = params.filters[field]
            columns.append(
                f"({row} IN (SELECT page_id FROM search_searchfacet WHERE field = %s "
                f"AND value IN ({_placeholders(len(values))}))) AS {flag[field]}"
            )
            flag_args += [field, *values]
        flags = "".join(", " + c for c in columns)
        if text_query:
            threshold = (plan.fallback if fallback else plan.threshold) if plan else 0.0
            cutoff = self._cutoff_query(plan, threshold)
            if pg:
                m_sql = "SELECT d.page_id AS id FROM search_searchdocument d WHERE d.search_vector @@ to_tsquery('simple', %s)"
                if cutoff:
                    m_sql += f" AND {self._holds('d')}"
                ctes.append(f"m AS MATERIALIZED ({m_sql})")
                ctes.append(f"mn AS MATERIALIZED (SELECT m.id{flags} FROM m)")
                args += [text_query] + ([cutoff] if cutoff else []) + flag_args
            else:
                mn_sql = f"SELECT f.rowid AS id{flags} FROM search_fts f WHERE search_fts MATCH %s"
                if cutoff:
                    mn_sql += f" AND {self._holds('f.rowid')}"
                ctes.append(f"mn AS MATERIALIZED ({mn_sql})")
                args += flag_args + [text_query] + ([cutoff] if cutoff else [])
        else:
            m_sql, m_args = self._unmatched(params.filters)
            ctes.append(f"m AS MATERIALIZED ({m_sql})")
            ctes.append(f"mn AS MATERIALIZED (SELECT m.id{flags} FROM m)")
            args += m_args + flag_args
        columns = []
        narrow_passed = " + ".join(as_int(f"mn.{flag[f]}") for f in narrow) or "0"
        for field in broad:
            values = params.filters[field]
            # a broad facet holds one value per practice (search.documents.facet_values): its
            # value read in one index seek, where EXISTS sought each selected value
            columns.append(
                f"(CASE WHEN {narrow_passed} >= {len(narrow) - 1} THEN COALESCE((SELECT x.value FROM search_searchfacet x "
                f"WHERE x.page_id = mn.id AND x.field = %s) IN ({_placeholders(len(values))}), {'FALSE' if pg else '0'}) "
                f"ELSE {'FALSE' if pg else '0'} END) AS {flag[field]}"
            )
            args += [field, *values]
        # rows missing two filters or more count nowhere (neither in ok nor in a facet)
        ctes.append(f"mf AS MATERIALIZED (SELECT mn.*{''.join(', ' + c for c in columns)} FROM mn "
                    f"WHERE {narrow_passed} >= {len(narrow) - 1})")

        def passes(exclude: str | None = None) -> str:
            conds = [f"mf.{flag[f]}" for f in filtered if f != exclude]
            if not pg:
                conds = [f"{c} = 1" for c in conds]
            return " AND ".join(conds) if conds else "1=1"

        ctes.append(f"ok AS MATERIALIZED (SELECT mf.id FROM mf WHERE {passes()})")
        # ranked: the rows of ok with their score and publication date
        if text_query:
            coverage = []
            # a concept held through the reader's own word counts its weight, through a
            # synonym only SYNONYM_WEIGHT of it (see search.engines.plan)
            coverage_args = []
            holds = self._holds("d") if pg else self._holds("s.id", among="ok")
            for part in plan.parts if plan else []:
                if len(part.own) < len(part.alternatives):
                    coverage.append(
                        f"CASE WHEN {holds} THEN {part.weight!r} WHEN {holds} THEN "
                        f"{planning.SYNONYM_WEIGHT * part.weight!r} ELSE 0 END"
                    )
                    coverage_args += [self._part_query(part, own=True), self._part_query(part)]
                else:
                    coverage.append(f"CASE WHEN {holds} THEN {part.weight!r} ELSE 0 END")
                    coverage_args.append(self._part_query(part))
            coverage_sql = f"({' + '.join(coverage) or '0'}) * {planning.COVERAGE_SCALE}"
            if pg:
                ranked = (
                    f"SELECT ok.id, {coverage_sql} + ts_rank('{POSTGRES_WEIGHTS}', d.search_vector, "
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
                    f"SELECT s.id, {coverage_sql} + s.rel * {relevance_factor()} AS score, "
                    "d.first_published_at AS published "
                    "FROM s CROSS JOIN search_searchdocument d ON d.page_id = s.id"
                )
                args += coverage_args
        else:
            ranked = (
                f"SELECT ok.id, (CASE WHEN d.featured THEN {FEATURED_BOOST} ELSE 1.0 END) AS score, "
                f"d.first_published_at AS published FROM ok {join} search_searchdocument d ON d.page_id = ok.id"
            )
        ctes.append(f"ranked AS ({ranked})")
        if params.sort == "proximite" and params.near is not None:
            # closest communes first, then the relevance order; computed for the rows passing
            # the filters only, the facet counts do not depend on it
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
        ctes.append(
            f"hits AS (SELECT id, ROW_NUMBER() OVER (ORDER BY {order}) AS rn FROM {source} ORDER BY {order} LIMIT %s OFFSET %s)"
        )
        args += [params.per_page, (params.page - 1) * params.per_page]
        # Facet counts (search.engines.facet_sets): the statement returns the token of the index
        # state it read and, with text, the ids of mf (without text every practice matches): a
        # row missing two filters counts in no facet, so mf holds every row that counts
        selects = ["SELECT '', '', COUNT(*) FROM ok", "SELECT '#', CAST(hits.id AS TEXT), hits.rn FROM hits"]
        if facets:
            selects.append(f"SELECT '!', '', ({facet_sets.TOKEN_SQL})")
            if text_query:
                selects.append("SELECT '*', '', mf.id FROM mf")
        sql = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(selects)
        total, ranked_ids, matched, token = 0, [], [], None
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            for kind, value, number in cursor.fetchall():
                if kind == "*":
                    matched.append(number)
                elif kind == "#":
                    ranked_ids.append((number, int(value)))
                elif kind == "!":
                    token = number
                else:
                    total = number
        counts: dict[str, dict[str, int]] = {}
        if facets:
            sets = facet_sets.for_token(token)
            matches = facet_sets.bitmap(matched) if text_query else sets.everything
            counts = facet_sets.counts(sets, matches, params.filters)
        return total, counts, [page_id for _, page_id in sorted(ranked_ids)]

    def _unmatched(self, filters: dict[str, list[str]]) -> tuple[str, list]:
        """Without text, every practice; with two filters or more, only those passing all of
        them but at most one (no other can count in a facet)."""
        sql = "SELECT d.page_id AS id FROM search_searchdocument d"
        active = [(f, v) for f, v in (filters or {}).items() if v]
        if len(active) < 2:
            return sql, []
        ors = " OR ".join(f"(field = %s AND value IN ({_placeholders(len(v))}))" for _, v in active)
        params = [x for f, v in active for x in (f, *v)]
        return (
            f"{sql} WHERE d.page_id IN (SELECT page_id FROM search_searchfacet WHERE {ors} "
            "GROUP BY page_id HAVING COUNT(DISTINCT field) >= %s)",
            params + [len(active) - 1],
        )

    def _answer(self, params: SearchParams, facets: bool = True):
        plan = planning.build(params.q) if params.q else None
        if plan is not None and not plan.parts:
            # no content word of the query is in any write-up
            return plan, 0, {}, []
        text_query = self._text_query(plan.parts) if plan else None
        total, counts, ids = self._run(params, text_query, plan, facets=facets)
        if total == 0 and plan is not None and plan.fallback < plan.threshold:
            # nothing reaches the cut-off: what holds the heaviest concept
            total, counts, ids = self._run(params, text_query, plan, fallback=True, facets=facets)
        return plan, total, counts, ids

    def search_ids(self, params: SearchParams) -> list[int]:
        """The page of hit ids only: no facet counts, no documents, no extracts (alert digests)."""
        return self._answer(clamp(params), facets=False)[3]

    def search(self, params: SearchParams) -> SearchResults:
        params = clamp(params)
        plan, total, counts, ids = self._answer(params)
        # the prepared passages only when there are words to mark (search.extracts)
        columns = ("page_id", "doc", "passages") if plan else ("page_id", "doc")
        rows = {row[0]: row[1:] for row in SearchDocument.objects.filter(page_id__in=ids).values_list(*columns)}
        stems = plan.tokens if plan else set()
        needed = len(plan.parts) if plan else None
        hits = [
            hit_from_doc(rows[i][0], extracts.extract(rows[i][0], stems, needed=needed, passages=rows[i][-1] if plan else None))
            for i in ids
            if i in rows
        ]
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
            _, _, ids = self._run(clamp(params), self._text_query(parts, "or"), facets=False)
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
