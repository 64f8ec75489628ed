"""French text normalisation shared by both engines, and query-side synonym expansion.

The embedded engine indexes and queries the output of `analyze()`; the OpenSearch engine uses
its own French analyzer, but both expand a query with the same synonym groups (synonyms.txt),
so "MSP" finds "maison de santé pluriprofessionnelle" everywhere — the OpenSearch emulator
used in tests ignores synonym filters, query-side expansion does not depend on them.

Stemming runs on accent-folded text (so that "sante" and "santé" give the same stem whatever
the reader types), which the Snowball French stemmer handles less well than accented text:
a plural strip before it and a second pass after it conflate the remaining inflections
("végétalisée", "végétaliser", "végétalisation" → "vegetal").
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

SYNONYMS_FILE = Path(__file__).resolve().parent / "synonyms.txt"

# Explicit list (the emulator ignores `_french_` inside custom analyzers): articles,
# prepositions, pronouns and auxiliaries that carry no meaning in a practice search.
STOP_WORDS = frozenset(
    """
    a au aux avec ce ces cet cette dans de des du elle en et eux il ils je la le les leur leurs
    lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses
    son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y ete etre est sont
    ont avait etait sera aussi plus tres tout tous toute toutes afin ainsi car donc or ni
    comme entre chez lors sans sous vers dont cela celle celui ceux
    """.split()
)

ELISION_RE = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’ʼ]", re.IGNORECASE)
WORD_RE = re.compile(r"[0-9a-z]+")
_stemmer = snowballstemmer.stemmer("french")


def _folding_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        ch = chr(code).lower()
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base != ch and base.isascii():
            table[code] = base
            if len(ch) == 1:
                table[ord(ch)] = base
    table.update({ord("œ"): "oe", ord("æ"): "ae", ord("’"): "'", ord("ß"): "ss"})
    return table


_FOLD = _folding_table()


def fold(text: str) -> str:
    """Lowercase and strip diacritics ("Œuvre Été" → "oeuvre ete")."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words with elisions removed, stop words kept (phrases and highlights need them)."""
    return WORD_RE.findall(fold(ELISION_RE.sub(" ", text or "")))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem of a folded word; numbers and short words are kept as they are."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ee"):
        word = word[:-1]
    return _stemmer.stemWord(_stemmer.stemWord(word))


def terms(text: str) -> list[str]:
    """Folded, stop-word-free words: the unstemmed vocabulary ("did you mean", exact matches)."""
    return [w for w in words(text) if w not in STOP_WORDS]


def respell(text: str, fixes: dict[str, str]) -> str:
    """The reader's own query with the misspelt words replaced ("maison de snaté",
    {"snate": "santé"} → "maison de santé"): stop words, accents and case are kept."""
    return re.sub(r"\w+", lambda m: fixes.get(fold(m.group()), m.group()), text or "")


def analyze(text: str) -> list[str]:
    """The index terms of a text: folded, elisions and stop words removed, stemmed."""
    return [stem(w) for w in terms(text)]


# --- synonyms -------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _load_synonyms(path: str, mtime: float) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Synonym groups, each a tuple of phrases, each phrase a tuple of folded terms."""
    groups = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        phrases = []
        for raw in line.split(","):
            phrase = tuple(terms(raw.replace("-", " ")))
            if phrase and phrase not in phrases:
                phrases.append(phrase)
        if len(phrases) > 1:
            groups.append(tuple(phrases))
    return tuple(groups)


def synonym_groups(path: Path = SYNONYMS_FILE) -> tuple[tuple[tuple[str, ...], ...], ...]:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return ()
    return _load_synonyms(str(path), mtime)


@dataclass
class QueryPart:
    """One unit of a parsed query: the reader's words and the equivalent phrases.

    Each alternative is a tuple of folded terms; the first alternative is what was typed.
    A document matches the part if it contains any alternative (as a phrase)."""

    text: str
    alternatives: list[tuple[str, ...]]

    @property
    def stemmed(self) -> list[tuple[str, ...]]:
        return [tuple(stem(t) for t in alt) for alt in self.alternatives]


def parse_query(q: str) -> list[QueryPart]:
    """Split a query into parts, expanding synonyms: "msp velo" →
    [msp | maison sante pluriprofessionnelle, velo]. Longest synonym phrase wins."""
    tokens = terms((q or "").replace("-", " "))
    groups = synonym_groups()
    index: dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]] = {}
    for group in groups:
        for phrase in group:
            index.setdefault(phrase[0], []).append((phrase, group))
    parts: list[QueryPart] = []
    i = 0
    while i < len(tokens):
        best = None
        for phrase, group in index.get(tokens[i], ()):
            n = len(phrase)
            if tuple(tokens[i : i + n]) == phrase and (best is None or n > len(best[0])):
                best = (phrase, group)
        if best:
            phrase, group = best
            alternatives = [phrase] + [p for p in group if p != phrase]
            parts.append(QueryPart(" ".join(phrase), alternatives))
            i += len(phrase)
        else:
            parts.append(QueryPart(tokens[i], [(tokens[i],)]))
            i += 1
    return parts


def clean_query(q: str, max_length: int) -> str:
    """Bound and tidy a reader's query: control characters out, whitespace collapsed."""
    q = "".join(ch if ch.isprintable() else " " for ch in str(q or ""))
    q = " ".join(q.split())
    return q[:max_length].strip()
