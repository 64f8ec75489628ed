"""French text analysis shared by both engines, and query parsing.

One analysis, in Python, for both engines: the embedded engine indexes and queries its output,
and the OpenSearch engine receives the same tokens, pre-analysed, in whitespace-analysed
fields (so that the emulator used in tests judges exactly the analysis production uses).

A word's index token: lowercase, elisions removed, stop words out (including the question
words and generic verbs of natural questions: "comment", "quelle", "faire", "peut"…), then
lemmatised on the accented word (simplemma: "commerciaux" → "commercial", "âgées" → "âgé"),
accent-folded, and stemmed with Snowball until it stops changing ("végétalisées",
"végétaliser", "végétalisation" → "vegetal"; "subventionnés", "subvention" → "subvent").
Snowball's over-stemming is guarded: a stem shorter than four letters keeps the lemma
("loyer" ≠ "loi", "logement" ≠ "log"), and KEEP lists lemmas Snowball would merge with an
unrelated word ("communication" ≠ "commune"), as Lucene's keyword_marker does. Measured
against the previous stemmer and PyStemmer alone on word pairs: README, search section.

Lemmatising needs accents ("agees" is no French word); query words typed without accents get
them back from the indexed vocabulary first (see search.vocabulary.accented).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import snowballstemmer

from core.text import fold

# Folded. Articles, prepositions, pronouns and auxiliaries, plus what natural questions add
# without naming a subject: question words, generic verbs and nouns ("quelle solution pour…").
STOP_WORDS = frozenset(
    """
    a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs
    lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses
    son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y ete etre est sont
    ont avait etait sera aussi plus tres tout tous toute toutes afin ainsi car donc or ni
    comme entre chez lors sans sous vers dont cela celle celui ceux
    comment quel quelle quels quelles quand pourquoi combien quoi lequel laquelle lesquels
    faire fait font pouvoir peut peuvent devoir doit falloir faut vouloir veut avoir
    proposer trouver aider permettre mettre savoir obtenir
    solution solutions idee idees exemple exemples moyen moyens aller va possible
    si ca ici bien autre autres chose choses quelque quelques
    """.split()
)

ELISION_RE = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’ʼ]", re.IGNORECASE)
APOSTROPHE_RE = re.compile(r"['’ʼ]")
LONGEST_ELISION = 6  # "jusqu", "lorsqu"…
WORD_RE = re.compile(r"[0-9a-z]+")
RAW_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("french")
# guards against Snowball's over-stemming (see the module docstring)
MIN_STEM = 4
KEEP = frozenset({"communication", "communications"})


def strip_elisions(text: str) -> str:
    """ELISION_RE's elisions blanked out, each by as many spaces as it has characters: the
    words left keep their place in the text (search.extracts reads sentences of the text
    itself). Found from the apostrophes: scanning a whole write-up with ELISION_RE tests a word
    boundary at every character, and took as long as the rest of the indexing; an elision ends
    at an apostrophe, so only the few characters before each one are searched (search() sees
    the characters before its start, so the boundary test is the same)."""
    out, last = [], 0
    for apostrophe in APOSTROPHE_RE.finditer(text):
        end = apostrophe.end()
        found = ELISION_RE.search(text, max(last, end - 1 - LONGEST_ELISION), end)
        if found:
            out += (text[last : found.start()], " " * (end - found.start()))
            last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def words(text: str) -> list[str]:
    """Folded words with elisions removed, stop words kept (phrases and highlights need them)."""
    return WORD_RE.findall(fold(strip_elisions(text or "")))


def raw_words(text: str) -> list[str]:
    """Words with their case and accents, elisions removed ("L'École" → ["École"]). The text
    is not lowercased first: "İ" lowercases to two characters, the second no letter, and split
    the word (token() lowercases each word)."""
    return RAW_WORD_RE.findall(strip_elisions(text or ""))


@lru_cache(maxsize=200_000)
def token(word: str) -> str | None:
    """The index token of one word (accented or folded, any case), or None for a stop word."""
    return _token(word.lower())


@lru_cache(maxsize=200_000)
def _token(word: str) -> str | None:
    # cached apart from token(): a capitalised word ("Mairie") is analysed once, as "mairie"
    folded = fold(word)
    if not folded or folded in STOP_WORDS:
        return None
    if folded.isdigit() or len(folded) <= 3:
        return folded
    lemma = fold(simplemma.lemmatize(word, lang="fr").lower())
    if lemma in STOP_WORDS:
        return None
    if lemma in KEEP:
        return lemma
    stemmed = lemma
    for _ in range(3):  # Snowball leaves some inflections after one pass ("vegetalis" → "vegetal")
        again = _stemmer.stemWord(stemmed)
        if again == stemmed:
            break
        stemmed = again
    return lemma if len(stemmed) < MIN_STEM else stemmed


def stem(word: str) -> str:
    """The index token of a word; stop words and empty words are their own token."""
    return token(word) or fold(word)


def terms(text: str) -> list[str]:
    """Folded, stop-word-free words: the unstemmed vocabulary ("did you mean", exact matches)."""
    return [w for w in words(text) if w not in STOP_WORDS]


def respell(text: str, fixes: dict[str, str]) -> str:
    """The reader's own query with the misspelt words replaced ("maison de snaté",
    {"snate": "santé"} → "maison de santé"): stop words, accents and case are kept."""
    return re.sub(r"\w+", lambda m: fixes.get(fold(m.group()), m.group()), text or "")


def analyze(text: str) -> list[str]:
    """The index tokens of a text, in order: folded, lemmatised, stemmed, stop words out."""
    # token() is memoised: a word's token does not depend on its context
    return [t for t in map(token, raw_words(text)) if t]


# --- query parsing --------------------------------------------------------------------------


@dataclass
class QueryPart:
    """One concept of a query: a word the reader typed, and the alternatives that match it.

    Each alternative is a tuple of index tokens, matched as a phrase (with some slop) when it
    has several; the first alternative is the typed word itself. A document covers the part
    when it holds any alternative."""

    text: str
    alternatives: list[tuple[str, ...]]
    weight: float = 0.0
    primary: int = 1  # the first `primary` alternatives are the reader's word (or its correction)

    @property
    def stemmed(self) -> list[tuple[str, ...]]:
        return self.alternatives

    @property
    def own(self) -> list[tuple[str, ...]]:
        """The alternatives that are the reader's word itself, not synonyms."""
        return self.alternatives[: self.primary]

    def add_correction(self, tokens: tuple[str, ...]) -> None:
        if tokens not in self.alternatives:
            self.alternatives.insert(self.primary, tokens)
            self.primary += 1


def _phrase_tokens(phrase: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in (token(w) for w in phrase) if t)


@lru_cache(maxsize=4)
def _synonym_index(groups: tuple) -> dict[str, list[tuple[tuple[str, ...], tuple]]]:
    """First token → (phrase tokens, group as tokens), for every phrase of every group; cached
    per version of the groups (they are a tuple, equal while no editor changes them)."""
    index: dict[str, list[tuple[tuple[str, ...], tuple]]] = {}
    for group in groups:
        tokenised = tuple(p for p in (_phrase_tokens(phrase) for phrase in group) if p)
        for phrase in tokenised:
            index.setdefault(phrase[0], []).append((phrase, tokenised))
    return index


def _units(q: str, accent) -> list[tuple[str, tuple[str, ...]]]:
    """(folded text, tokens) of each word of a query; a hyphenated word ("week-end",
    "centre-bourg", "OPAH-RU") is one unit, matched as a phrase."""
    units = []
    for chunk in (q or "").split():
        tokens, texts = [], []
        for raw in raw_words(chunk):
            folded = fold(raw)
            if accent is not None and raw.isascii():
                raw = accent(folded)
            t = token(raw)
            if t:
                tokens.append(t)
                texts.append(folded)
        if tokens:
            units.append((" ".join(texts), tuple(tokens)))
    return units


def parse_query(q: str, groups=(), accent=None) -> list[QueryPart]:
    """One part per content word of the query, each with its synonym alternatives.

    groups: synonym groups (search.synonyms.groups()); a run of query words equal to a phrase of
    a group (compared as tokens, so plurals match) gives each of its words the group's other
    phrases as alternatives: "maison de santé" → [maison | msp | pôle santé…, santé | msp | …],
    so a write-up saying "MSP" covers both words, and one saying "maison" and "santé" apart
    covers both too. accent: restores the accents of words typed without them (see
    search.vocabulary.accented), so that they are lemmatised like the indexed text."""
    units = _units(q, accent)
    index = _synonym_index(tuple(groups))
    parts: list[QueryPart] = []
    seen: set[tuple[str, ...]] = set()
    i = 0
    while i < len(units):
        # the longest group phrase starting at this unit and ending at a unit's end
        best, span = None, 1
        for phrase, group in index.get(units[i][1][0], ()):
            tokens: tuple[str, ...] = ()
            for j in range(i, len(units)):
                tokens += units[j][1]
                if len(tokens) >= len(phrase):
                    break
            if tokens == phrase and (best is None or len(phrase) > len(best[0])):
                best, span = (phrase, group), j - i + 1
        for text, tokens in units[i : i + span]:
            if tokens in seen:
                continue
            seen.add(tokens)
            alternatives = [tokens]
            if best:
                alternatives += [p for p in best[1] if p != best[0] and p not in alternatives]
            parts.append(QueryPart(text, alternatives))
        i += span
    return parts


def clean_query(q: str, max_length: int) -> str:
    """Bound and tidy a reader's query: control characters out, whitespace collapsed."""
    q = "".join(ch if ch.isprintable() else " " for ch in str(q or ""))
    q = " ".join(q.split())
    return q[:max_length].strip()
