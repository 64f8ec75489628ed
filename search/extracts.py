"""Highlighted extracts of write-ups on the results page, from passages prepared at index time.

The extract is the sentence of the write-up holding most distinct query tokens (the first
holding as many as the query has concepts, else the first holding the most), escaped, matches
in <mark>, cut to a window around the first match when the sentence is long; the summary when
no sentence holds any. Finding that sentence meant analysing every word of every write-up of a
results page on each request (18 % of the page, issue 15). `prepare` does it once, when the
document is indexed, in the same pass over the text as the analysis of its full-text columns:
the sentences' bounds and, for each index token, the sentences holding it (compact JSON, in
its own column, read only for the page of hits). A request then looks the query's tokens up
and analyses the one sentence it shows, to place the <mark>s on the words the index holds.

`extract` gives the same text with or without prepared passages (tests/search/test_extracts.py
compares them); without them (a document indexed before they existed) it scans sentences.
"""

import json
import re
from html import escape  # Django's is this one behind a lazy wrapper, costly at ~130 calls a page
from typing import NamedTuple

from search import analysis

EXTRACT_LENGTH = 240
# a sentence ends after whitespace following . ! ? or …, or at a line break (the punctuation is
# matched rather than looked behind for: the same ends, found in two thirds of the time)
SENTENCE_RE = re.compile(r"[.!?…]\s+|\n+")


def _sentences(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text, surrounding whitespace left out."""
    bounds = [0] + [m.end() for m in SENTENCE_RE.finditer(body)] + [len(body)]
    out = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        out.append((start, end))
    return out


def _tokens(plain: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str | None]]:
    """(start, end, index token) of every word of a text (or of text[start:end]), given with
    its elisions blanked (analysis.strip_elisions, which keeps the words' places): the words of
    the full-text index (analysis.raw_words); stop words get None."""
    token = analysis.token
    words = analysis.RAW_WORD_RE.finditer(plain, start, len(plain) if end is None else end)
    return [(m.start(), m.end(), token(m.group(0))) for m in words]


class Prepared(NamedTuple):
    body: str  # the body's index tokens, in order (its full-text column)
    summary: str  # the summary's
    passages: str  # stored beside the document, read by extract()
    words: list[str]  # the summary's words then the body's (analysis.raw_words), for the vocabulary


def prepare(doc: dict) -> Prepared:
    """What indexing a document needs of its body and summary, analysed once: their index
    tokens (search.analysis.analyze) and the passages, {"s": [[start, end], …] of the body's
    sentences, "t": {token: [indices of the sentences holding it]}, "u": the summary's tokens}.
    The body's words are read sentence by sentence: a word never spans two sentences (they are
    cut at whitespace), so the tokens are those of the whole body."""
    body = doc.get("body") or ""
    words, token = analysis.RAW_WORD_RE.findall, analysis.token
    plain = analysis.strip_elisions(body)  # the words at the places they have in body
    sentences = _sentences(body)
    summary_words = analysis.raw_words(doc.get("summary") or "")
    all_words = list(summary_words)
    tokens: list[str | None] = []
    where: dict[str, list[int]] = {}
    for i, (start, end) in enumerate(sentences):
        # a slice: findall(plain, start, end) took twice as long
        held_words = words(plain[start:end])
        all_words += held_words
        found = list(map(token, held_words))
        tokens += found
        held = set(found)
        held.discard(None)
        for t in held:
            where.setdefault(t, []).append(i)
    summary = list(filter(None, map(token, summary_words)))
    passages = {"s": sentences, "t": where, "u": sorted(set(summary))}
    return Prepared(
        " ".join(filter(None, tokens)), " ".join(summary),
        json.dumps(passages, ensure_ascii=False, separators=(",", ":")), all_words,
    )


def _best_prepared(passages: dict, stems: set[str], needed: int) -> tuple[int, int] | None:
    held: dict[int, int] = {}
    index = passages["t"]
    for stem in stems:
        for i in index.get(stem, ()):
            held[i] = held.get(i, 0) + 1
    if not held:
        return None
    enough = [i for i, n in held.items() if n >= needed]
    if enough:
        best = min(enough)
    else:
        most = max(held.values())
        best = min(i for i, n in held.items() if n == most)
    start, end = passages["s"][best]
    return start, end


def _best_scanned(body: str, stems: set[str], needed: int) -> tuple[int, int] | None:
    """The same choice without prepared passages: sentences analysed in order, the scan
    stopping at the first one holding `needed` tokens."""
    best, best_score = None, 0
    plain = analysis.strip_elisions(body)
    for start, end in _sentences(body):
        found = {t for _, _, t in _tokens(plain, start, end) if t in stems}
        if len(found) > best_score:
            best, best_score = (start, end), len(found)
            if best_score >= needed:
                break
    return best


def _marked(text: str, tokens, stems: set[str], start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out, last = [], start
    for a, b, stem in tokens:
        if a < start or b > end or stem not in stems:
            continue
        out.append(escape(text[last:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        last = b
    out.append(escape(text[last:end]))
    return "".join(out)


def extract(doc: dict, stems: set[str], length: int = EXTRACT_LENGTH, needed: int | None = None,
            passages: str | None = None) -> str:
    """The passage of the write-up that best matches the query tokens `stems`, escaped,
    matches in <mark>; `needed`: the number of concepts of the query; `passages`: what
    `prepare` stored for this document (scanned from the body when missing)."""
    if not stems:
        return ""
    needed = min(needed or len(stems), len(stems))
    body = doc.get("body") or ""
    prepared = json.loads(passages) if passages else None
    if prepared is not None:
        best = _best_prepared(prepared, stems, needed)
    else:
        best = _best_scanned(body, stems, needed)
    if best is None:
        summary = doc.get("summary") or ""
        if prepared is not None and stems.isdisjoint(prepared["u"]):
            return ""
        summary_tokens = _tokens(analysis.strip_elisions(summary))
        if not any(t[2] in stems for t in summary_tokens):
            return ""
        return _marked(summary, summary_tokens, stems)
    s_start, s_end = best
    tokens = _tokens(analysis.strip_elisions(body), s_start, s_end)
    if s_end - s_start <= length:
        return _marked(body, tokens, stems, s_start, s_end)
    # a long sentence: keep a window starting a little before the first match
    first = next((a for a, b, stem in tokens if stem in stems), s_start)
    start = max(s_start, first - 60)
    if start > s_start:
        space = body.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(s_end, start + length)
    if end < s_end:
        space = body.rfind(" ", start + length // 2, end)
        end = space if space != -1 else end
    prefix = "… " if start > s_start else ""
    suffix = " …" if end < s_end else ""
    return f"{prefix}{_marked(body, tokens, stems, start, end)}{suffix}"
