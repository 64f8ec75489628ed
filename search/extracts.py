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


def _tokens(plain: str) -> list[tuple[int, int, str | None]]:
    """(start, end, index token) of every word of a text given with its elisions blanked
    (analysis.strip_elisions, which keeps the words' places): the words of the full-text index
    (analysis.raw_words); stop words get None. A sentence is given as a slice of its own:
    finditer over the whole write-up between two bounds took twice as long."""
    token = analysis.token
    return [(*m.span(), token(m[0])) for m in analysis.RAW_WORD_RE.finditer(plain)]


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


# prepare() writes the passages as compact JSON, keys in the order s, t, u, tokens (letters and
# digits) never escaped: a request finds the few tokens of its query in that text, where
# decoding it read every token of the write-up (twice the time of the rest of an extract)
TOKENS_START = ',"t":{'
TOKENS_END = '},"u":['


def _best_prepared(passages: str, stems: set[str], needed: int) -> tuple[int, int] | None:
    first, last = passages.index(TOKENS_START), passages.rindex(TOKENS_END)
    held: dict[int, int] = {}
    for stem in stems:
        key = f'"{stem}":['
        at = passages.find(key, first, last)
        if at == -1:
            continue
        at += len(key)
        for i in map(int, passages[at : passages.index("]", at)].split(",")):
            held[i] = held.get(i, 0) + 1
    if not held:
        return None
    enough = [i for i, n in held.items() if n >= needed]
    if enough:
        best = min(enough)
    else:
        most = max(held.values())
        best = min(i for i, n in held.items() if n == most)
    # the best sentence's bounds, "[[start,end],[start,end],…]" split rather than decoded
    bounds = passages[passages.index("[[") + 2 : first - 2].split("],[")[best]
    start, end = map(int, bounds.split(","))
    return start, end


def _summary_tokens(passages: str) -> list[str]:
    """The summary's index tokens, from prepared passages."""
    return json.loads(passages[passages.rindex(TOKENS_END) + len(TOKENS_END) - 1 : -1])


def _best_scanned(body: str, stems: set[str], needed: int) -> tuple[int, int] | None:
    """The same choice without prepared passages: sentences analysed in order, the scan
    stopping at the first one holding `needed` tokens."""
    best, best_score = None, 0
    plain = analysis.strip_elisions(body)
    for start, end in _sentences(body):
        found = {t for _, _, t in _tokens(plain[start:end]) if t in stems}
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
    if passages:
        best = _best_prepared(passages, stems, needed)
    else:
        best = _best_scanned(body, stems, needed)
    if best is None:
        summary = doc.get("summary") or ""
        if passages and stems.isdisjoint(_summary_tokens(passages)):
            return ""
        summary_tokens = _tokens(analysis.strip_elisions(summary))
        if not any(t[2] in stems for t in summary_tokens):
            return ""
        return _marked(summary, summary_tokens, stems)
    # the sentence alone: its elisions and words are those it has in the whole write-up (it
    # starts and ends at whitespace, which no elision or word spans), at a cost of its length
    sentence = body[best[0] : best[1]]
    tokens = _tokens(analysis.strip_elisions(sentence))
    if len(sentence) <= length:
        return _marked(sentence, tokens, stems)
    # a long sentence: keep a window starting a little before the first match
    first = next((a for a, b, stem in tokens if stem in stems), 0)
    start = max(0, first - 60)
    if start > 0:
        space = sentence.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(sentence), start + length)
    if end < len(sentence):
        space = sentence.rfind(" ", start + length // 2, end)
        end = space if space != -1 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(sentence) else ""
    return f"{prefix}{_marked(sentence, tokens, stems, start, end)}{suffix}"
