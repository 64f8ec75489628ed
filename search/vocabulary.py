"""The vocabulary of indexed words, for "did you mean" and typo tolerance in the embedded engine.

Corrections use a deletion index (every word and every form of it with one letter removed),
so that a word at one edit (insertion, deletion, substitution, transposition) — and many at
two — is found by dictionary lookups instead of comparing against the whole vocabulary.
"""

import re
import threading
import time
from collections import Counter
from collections.abc import Iterable

import simplemma
from django.db import connection

from . import analysis
from .models import SearchDocument, SearchTerm

RAW_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
CACHE_SECONDS = 300
# a word in at most RARE_COUNT write-ups may be a typo; a correction must be a word found in
# at least MIN_TARGET_COUNT write-ups and FREQUENCY_RATIO times as many as the typed word
RARE_COUNT = 1
MIN_TARGET_COUNT = 2
FREQUENCY_RATIO = 10
_lock = threading.Lock()
_cache: dict = {"built": 0.0, "index": None, "words": None, "token_df": {}, "total": 0}


def keywords_text(doc: dict) -> str:
    """The free-text keywords of a document: tags, places and funders. Theme and programme
    labels are left out: facets filter on them, and "Petites villes de demain" in every
    document made "petite ville" match everything."""
    parts = list(doc.get("tags") or [])
    parts += [doc.get("commune", ""), doc.get("department_name", ""), doc.get("region_name", "")]
    parts += list(doc.get("funder_names") or [])
    return " ".join(p for p in parts if p)


class _Folded(dict):
    """Raw word → its folded form when it is worth suggesting, else None. A word's folded form
    does not depend on its context: each distinct word is folded once, and the lookups run in C
    (map over __getitem__), missing words only calling back into Python."""

    LIMIT = 200_000  # distinct raw words kept: a bound on memory, not a size ever reached by the corpus

    def __missing__(self, raw: str) -> str | None:
        if len(self) >= self.LIMIT:
            self.clear()
        folded = analysis.fold(raw.lower())
        if not 3 <= len(folded) <= 40 or folded in analysis.STOP_WORDS:
            folded = None
        self[raw] = folded
        return folded


_folded = _Folded()


def document_words(doc: dict) -> list[str]:
    """The words of a document as the full-text analysis reads them (analysis.raw_words), field
    after field: title, summary, body, keywords."""
    return analysis.raw_words(" ".join([doc.get("title", ""), doc.get("summary", ""), doc.get("body", ""), keywords_text(doc)]))


class WordCounts:
    """Per folded word: the number of documents holding it and its most frequent display form.

    Added to chunk by chunk, so that a rebuild counts every word without holding every
    document. Per document only C-level counting runs (raw word occurrences, and the set of
    folded words for the document counts); words are grouped by form once, in words()."""

    def __init__(self, docs: Iterable[dict] = ()):
        self.occurrences: Counter = Counter()  # raw word → occurrences, in order of first sight
        # folded word → documents holding it (None counts the documents with a word not worth suggesting)
        self.documents: Counter = Counter()
        self.add(docs)

    def add(self, docs: Iterable[dict]) -> None:
        for doc in docs:
            self.add_words(document_words(doc))

    def add_words(self, words: list[str]) -> None:
        """Count one document from its words (document_words): the engine hands over those its
        analysis found, and the text is not read again. A word of the vocabulary is a run of
        letters (RAW_WORD_RE): words of digits hold none, and the few mixing both ("2ème") are
        split, in place."""
        raws = list(filter(str.isalpha, words))
        if len(raws) + sum(map(str.isdecimal, words)) < len(words):
            raws = RAW_WORD_RE.findall(" ".join(words))
        self.occurrences.update(raws)
        self.documents.update(set(map(_folded.__getitem__, set(raws))))

    def words(self) -> dict[str, tuple[int, str]]:
        """Folded word → (documents holding it, its most frequent lowercase form; the first
        seen among equals)."""
        forms: Counter = Counter()  # (folded, lowercase) → occurrences
        for raw, n in self.occurrences.items():
            folded = _folded[raw]
            if folded is not None:
                forms[folded, raw.lower()] += n
        shown: dict[str, tuple[str, int]] = {}
        for (folded, lower), n in forms.items():
            best = shown.get(folded)
            if best is None or n > best[1]:
                shown[folded] = (lower, n)
        return {folded: (self.documents[folded], lower) for folded, (lower, _) in shown.items()}


def record(counts: WordCounts, rebuild: bool = False) -> None:
    """Count the words of newly indexed documents (the caller has forgotten their previous
    version, see forget()). The counts are added in SQL, an upsert per word: no row is read
    first, so two publications at once both count (a read-then-write kept only one), and
    building bulk_update's CASE per word was most of the time of a publication."""
    words = counts.words()
    if rebuild:
        SearchTerm.objects.all().delete()
    rows = []
    for word, (n, shown) in words.items():
        shown = shown[:60]
        rows.append((word, analysis.stem(shown)[:60], shown, n))
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_searchterm (word, stem, display, doc_count) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (word) DO UPDATE SET doc_count = search_searchterm.doc_count + excluded.doc_count",
                rows,
            )
    invalidate()


def forget(docs: list[dict]) -> None:
    """Uncount the words of documents leaving the index (unpublished, deleted, or about to be
    replaced by a new version): "did you mean" must not steer readers to vanished words. In
    SQL, as record(): a word counted nowhere any more is deleted."""
    counts = {word: n for word, (n, _) in WordCounts(docs).words().items()}
    if not counts:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE search_searchterm SET doc_count = CASE WHEN doc_count > %s THEN doc_count - %s ELSE 0 END "
            "WHERE word = %s",
            [(n, n, word) for word, n in counts.items()],
        )
    words = list(counts)
    for start in range(0, len(words), 500):
        SearchTerm.objects.filter(word__in=words[start : start + 500], doc_count=0).delete()
    invalidate()


def invalidate() -> None:
    # dropping the words, not back-dating "built": time.monotonic() counts from boot, so on a
    # machine up for less than CACHE_SECONDS a back-dated cache still looked fresh and searches
    # kept the vocabulary of before the write (a test failing only on a freshly booted runner)
    _cache["words"] = None


def known_stems(stems: set[str]) -> set[str]:
    if not stems:
        return set()
    return set(SearchTerm.objects.filter(stem__in=list(stems)).values_list("stem", flat=True).distinct())


def display_forms(words) -> dict[str, str]:
    """Folded word → how the write-ups spell it ("sante" → "santé")."""
    return dict(SearchTerm.objects.filter(word__in=list(words)).values_list("word", "display"))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _words():
    """Folded word → (doc count, display), rebuilt after index writes (or CACHE_SECONDS);
    token document frequencies and the number of documents come with it."""
    with _lock:
        if _cache["words"] is None or time.monotonic() - _cache["built"] > CACHE_SECONDS:
            words = {w: (c, d) for w, c, d in SearchTerm.objects.values_list("word", "doc_count", "display")}
            token_df: dict[str, int] = {}
            for w, (count, shown) in words.items():
                t = analysis.stem(shown or w)
                # a token's document frequency: the sum over its words ("électrique",
                # "électriques"), an overestimate where one write-up holds several, capped below
                token_df[t] = token_df.get(t, 0) + count
            total = SearchDocument.objects.count()
            token_df = {t: min(n, total) for t, n in token_df.items()}
            _cache.update(words=words, token_df=token_df, total=total, index=None, built=time.monotonic())
        return _cache["words"]


def _index():
    """The deletion index of the vocabulary, built only when a correction is looked for: it is
    the costly part, and most searches need none."""
    words = _words()
    with _lock:
        if _cache["index"] is None:
            index: dict[str, list[str]] = {}
            for w in words:
                index.setdefault(w, []).append(w)
                for d in _deletes(w):
                    index.setdefault(d, []).append(w)
            _cache["index"] = index
        return _cache["index"], words


def token_df(token: str) -> int:
    _words()
    return _cache["token_df"].get(token, 0)


def total_documents() -> int:
    _words()
    return _cache["total"]


def accented(word: str) -> str:
    """A word typed without accents, spelt as the write-ups spell it ("agees" → "âgées"),
    so that it is lemmatised like the indexed text; other words are returned unchanged."""
    if not word.isascii():
        return word
    words = _words()
    entry = words.get(word)
    return entry[1] if entry and entry[1] else word


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def needs_correction(word: str) -> bool:
    """Only a word absent from the write-ups, or very rare in them, and not a French word,
    is a typo: "solaire" is never corrected, even where no write-up mentions it."""
    if len(word) < 4 or word.isdigit():
        return False
    words = _words()
    count = words.get(word, (0, ""))[0]
    if count > RARE_COUNT:
        return False
    shown = words.get(word, (0, word))[1] or word
    return not simplemma.is_known(shown, lang="fr")


def correct(word: str) -> tuple[str, str] | None:
    """The closest frequent indexed word to a folded word, as (folded, display), or None.

    Candidates are within one edit (two for long words) and at least FREQUENCY_RATIO times
    as frequent as the word itself; the closest wins, then the most frequent."""
    if len(word) < 4:
        return None
    index, words = _index()
    own = words.get(word, (0, ""))[0]
    candidates = set(index.get(word, ()))
    for d in _deletes(word):
        candidates.update(index.get(d, ()))
    max_distance = 1 if len(word) < 7 else 2
    best = None
    for cand in candidates:
        if cand == word or cand not in words:
            continue
        count = words[cand][0]
        if count < max(MIN_TARGET_COUNT, own * FREQUENCY_RATIO):
            continue
        dist = _distance(word, cand)
        if dist > max_distance:
            continue
        key = (dist, -count)
        if best is None or key < best[0]:
            best = (key, cand)
    if best is None:
        return None
    cand = best[1]
    return cand, words[cand][1] or cand
