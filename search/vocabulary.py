"""The vocabulary of indexed words, for "did you mean" and typo tolerance in the embedded engine.

Corrections use a deletion index (every word and every form of it with one letter removed),
so that a word at one edit (insertion, deletion, substitution, transposition) — and many at
two — is found by dictionary lookups instead of comparing against the whole vocabulary.
"""

import re
import threading
import time
from collections import Counter

from . import analysis
from .models import SearchTerm

RAW_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
CACHE_SECONDS = 300
_lock = threading.Lock()
_cache: dict = {"built": 0.0, "index": None, "words": None}


def document_words(doc: dict) -> Counter:
    """Folded word → lowercase display form, for the words of a document worth suggesting."""
    forms: Counter = Counter()
    text = " ".join([doc.get("title", ""), doc.get("summary", ""), doc.get("body", ""), " ".join(doc.get("tags") or [])])
    for raw in RAW_WORD_RE.findall(analysis.ELISION_RE.sub(" ", text)):
        lower = raw.lower()
        folded = analysis.fold(lower)
        if 3 <= len(folded) <= 40 and folded not in analysis.STOP_WORDS:
            forms[(folded, lower)] += 1
    return forms


def record(docs: list[dict], rebuild: bool = False) -> None:
    counts: Counter = Counter()
    display: dict[str, Counter] = {}
    for doc in docs:
        seen = set()
        for (folded, lower), n in document_words(doc).items():
            display.setdefault(folded, Counter())[lower] += n
            if folded not in seen:
                counts[folded] += 1
                seen.add(folded)
    rows = [
        SearchTerm(word=w, stem=analysis.stem(w), display=display[w].most_common(1)[0][0][:60], doc_count=c)
        for w, c in counts.items()
    ]
    if rebuild:
        SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    invalidate()


def invalidate() -> None:
    _cache["built"] = 0.0


def known_stems(stems: set[str]) -> set[str]:
    if not stems:
        return set()
    return set(SearchTerm.objects.filter(stem__in=list(stems)).values_list("stem", flat=True).distinct())


def display_forms(words) -> dict[str, str]:
    """Folded word → how the write-ups spell it ("sante" → "santé")."""
    return dict(SearchTerm.objects.filter(word__in=list(words)).values_list("word", "display"))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _index():
    with _lock:
        if _cache["index"] is None or time.monotonic() - _cache["built"] > CACHE_SECONDS:
            words = {w: (c, d) for w, c, d in SearchTerm.objects.values_list("word", "doc_count", "display")}
            index: dict[str, list[str]] = {}
            for w in words:
                index.setdefault(w, []).append(w)
                for d in _deletes(w):
                    index.setdefault(d, []).append(w)
            _cache.update(index=index, words=words, built=time.monotonic())
        return _cache["index"], _cache["words"]


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


def correct(word: str) -> tuple[str, str] | None:
    """The closest indexed word to a folded word, as (folded, display), or None."""
    if len(word) < 4:
        return None
    index, words = _index()
    candidates = set(index.get(word, ()))
    for d in _deletes(word):
        candidates.update(index.get(d, ()))
        candidates.add(d) if d in words else None
    max_distance = 1 if len(word) < 7 else 2
    best = None
    for cand in candidates:
        if cand == word or cand not in words:
            continue
        dist = _distance(word, cand)
        if dist > max_distance:
            continue
        key = (dist, -words[cand][0])
        if best is None or key < best[0]:
            best = (key, cand)
    if best is None:
        return None
    cand = best[1]
    return cand, words[cand][1] or cand
