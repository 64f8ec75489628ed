"""Tables of the embedded search engine, and the queue of index operations still to replay.

The embedded engine keeps, in the site's own database: one row per live practice (the
document, for display and drift checks), one row per (practice, facet value) for filters (and the
facet bitmaps each process counts with, search.engines.facet_sets), the vocabulary of indexed words for "did you mean", and a full-text
table created by migration 0002 (SQLite FTS5, or a tsvector column with a GIN index on
PostgreSQL).
"""

from django.db import models


class SearchDocument(models.Model):
    page_id = models.BigIntegerField(primary_key=True)
    title_folded = models.CharField(max_length=300, db_index=True)
    featured = models.BooleanField(default=False)
    # 0–1, how complete the write-up is (search.documents.completeness): a bounded ranking prior
    completeness = models.FloatField(default=0.0)
    first_published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # the practice's commune, for the « Proches de ma commune » sort (plain columns: the score
    # is SQL arithmetic, no function call per row)
    log_population = models.FloatField(null=True, blank=True)
    epci = models.CharField(max_length=9, blank=True, default="")
    department = models.CharField(max_length=3, blank=True, default="")
    region = models.CharField(max_length=3, blank=True, default="")
    doc_hash = models.CharField(max_length=32)
    doc = models.JSONField()
    # the write-up's sentences and where each index token is (search.extracts.prepare): read
    # only for a page of hits, to pick their extracts without analysing their text again;
    # empty when the row was written without them (extracts then analyse the text)
    passages = models.TextField(blank=True, default="", db_default="")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "document de recherche"
        indexes = [
            # what ranking reads of every match, without reading the wide rows (doc, passages):
            # the search page's statement took 38 ms at 10,000 practices, 34 ms with it
            models.Index(fields=["page_id", "completeness", "featured", "first_published_at"], name="search_doc_rank"),
        ]

    def __str__(self):
        return f"{self.page_id}: {self.doc.get('title', '')}"


class SearchIndexState(models.Model):
    """One row: a random token replaced by every write to the embedded index, so that each
    process knows when its in-memory facet bitmaps are out of date (search.engines.facet_sets)."""

    token = models.BigIntegerField()

    class Meta:
        verbose_name = "état de l'index de recherche"

    def __str__(self):
        return str(self.token)


class SearchFacet(models.Model):
    page_id = models.BigIntegerField()
    field = models.CharField(max_length=20)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [
            models.Index(fields=["field", "value", "page_id"], name="search_facet_fvp"),
            # facet counts and filters are looked up from the matching practices
            models.Index(fields=["page_id", "field", "value"], name="search_facet_pfv"),
        ]

    def __str__(self):
        return f"{self.page_id} {self.field}={self.value}"


class SearchTerm(models.Model):
    """An unstemmed, folded word seen in the indexed text (for "did you mean")."""

    word = models.CharField(max_length=60, primary_key=True)
    stem = models.CharField(max_length=60, db_index=True)
    display = models.CharField(max_length=60, blank=True)
    doc_count = models.PositiveIntegerField(default=1)

    def __str__(self):
        return self.word


class PendingIndexOperation(models.Model):
    """An index update the engine could not take when it happened; replayed by the sync.

    One row per (engine, practice): the replay reads the practice's current state from the
    database, so only the fact that it must be looked at again matters, not the history."""

    class Action(models.TextChoices):
        INDEX = "index", "index"
        DELETE = "delete", "delete"

    engine = models.CharField(max_length=20, default="opensearch")
    page_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["engine", "page_id"], name="unique_pending_engine_page")]
        ordering = ["updated_at"]
        verbose_name = "opération d'indexation en attente"

    def __str__(self):
        return f"{self.engine} {self.action} {self.page_id}"


from .stats import SearchStat  # noqa: E402, F401  (a model of this app, kept beside its helpers)
from .synonyms import SynonymGroup  # noqa: E402, F401  the editors' synonym snippet lives with its cache logic
