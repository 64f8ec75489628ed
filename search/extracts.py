"""Highlighted extracts of write-ups on the results page, from passages prepared at index time.

The extract is the sentence of the write-up holding most distinct query tokens (the first
holding as many as the query has concepts, else the first holding the most), escaped, matches
in <mark>, cut to a window around the first match when the sentence is long; the summary when
no sentence holds any. Finding that sentence meant analysing every word of every write-up of a
results page on each request (18 % of the page, issue 15). `prepare` does it once, when the
document is indexed: the sentences' bounds and, for each index token, the sentences holding
it (compact JSON, in its own column, read only for the page of hits). A request then looks
the query's tokens up and analyses the one sentence it shows, to place the <mark>s.

`extract` gives the same text with or without prepared passages (tests/search/test_extracts.py
compares them); without them (a document indexed before they existed) it scans sentences.
"""

import json
import re

# django.utils.html.escape is this function behind a lazy-text wrapper, whose cost showed on the
# ~130 escapes of a results page's extracts
from html import escape

from search import analysis

EXTRACT_LENGTH = 240
TOKEN_RE = re.compile(r"\w+", re.UNICODE)
SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+|\n+")


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


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str | None]]:
    """(start, end, index token) of every word of a text (or of text[start:end]); stop words get None."""
    token = analysis.token
    return [(m.start(), m.end(), token(m.group(0))) for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


def _token_set(text: str) -> set[str]:
    token = analysis.token
    return {t for t in map(token, set(TOKEN_RE.findall(text))) if t}


def prepare(doc: dict) -> str:
    """The passages of a document, as stored beside it: {"s": [[start, end], …] of the body's
    sentences, "t": {token: [indices of the sentences holding it]}, "u": the summary's tokens}."""
    body = doc.get("body") or ""
    sentences = _sentences(body)
    where: dict[str, list[int]] = {}
    for i, (start, end) in enumerate(sentences):
        for t in _token_set(body[start:end]):
            where.setdefault(t, []).append(i)
    summary = sorted(_token_set(doc.get("summary") or ""))
    return json.dumps({"s": sentences, "t": where, "u": summary}, ensure_ascii=False, separators=(",", ":"))


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
    for start, end in _sentences(body):
        found = {t for _, _, t in _tokens(body, start, end) if t in stems}
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
        summary_tokens = _tokens(summary)
        if not any(t[2] in stems for t in summary_tokens):
            return ""
        return _marked(summary, summary_tokens, stems)
    s_start, s_end = best
    tokens = _tokens(body, s_start, s_end)
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
