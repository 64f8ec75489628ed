"""Extracts on the results page: the sentence holding most of the query, matches in <mark>,
escaped; from the passages prepared at index time they read exactly as when the write-up is
analysed on the request (a document indexed before passages existed)."""

import json
import random
import re

import pytest

from search import analysis, api, extracts
from search.models import SearchDocument
from search.types import SearchParams

BODY = (
    "La commune a d'abord réuni les habitants en 2019. "
    "Les médecins partant à la retraite, la mairie a cherché une solution.\n\n"
    "Une maison de santé pluriprofessionnelle a ouvert en 2022 dans l'ancienne gendarmerie : "
    "trois médecins, deux infirmières et un kinésithérapeute y travaillent, <script>alert(1)</script> & co : "
    "Le bâtiment a été rénové avec l'aide de la région, du département et de l'État, et les loyers "
    "couvrent l'emprunt contracté par la commune pour les travaux de rénovation énergétique, "
    "qui ont duré dix-huit mois et mobilisé des entreprises locales du bâtiment et de l'artisanat. "
    "Les habitants n'ont plus à faire quarante kilomètres pour consulter un médecin généraliste."
)
DOC = {"body": BODY, "summary": "Une maison de santé dans l'ancienne <b>gendarmerie</b>."}


def stems_of(q: str) -> tuple[set[str], int]:
    parts = analysis.parse_query(q)
    return {t for p in parts for alt in p.alternatives for t in alt}, len(parts)


QUERIES = [
    "médecins retraite",        # both words in the second sentence
    "maison de santé",          # a long sentence: a window around the first match, cut with …
    "kilomètres médecin",       # the last sentence holds both, an earlier one only one
    "rénovation loyers région",  # in the long sentence, past its first 240 characters
    "habitants",                # the first sentence holding it
    "script alert",             # markup of the write-up is text, escaped
    "xylophone",                # nowhere: no extract
]


@pytest.mark.parametrize("q", QUERIES)
def test_prepared_passages_give_the_extract_of_a_full_analysis(q):
    stems, needed = stems_of(q)
    prepared = extracts.prepare(DOC).passages
    assert extracts.extract(DOC, stems, needed=needed, passages=prepared) == extracts.extract(DOC, stems, needed=needed)


def test_extract_is_the_best_sentence_escaped_with_marks():
    stems, needed = stems_of("médecins retraite")
    text = extracts.extract(DOC, stems, needed=needed, passages=extracts.prepare(DOC).passages)
    assert text == (
        "Les <mark>médecins</mark> partant à la <mark>retraite</mark>, la mairie a cherché une solution."
    )
    stems, needed = stems_of("kilomètres médecin")
    assert extracts.extract(DOC, stems, needed=needed, passages=extracts.prepare(DOC).passages) == (
        "Les habitants n&#x27;ont plus à faire quarante <mark>kilomètres</mark> pour consulter un "
        "<mark>médecin</mark> généraliste."
    )


def test_a_long_sentence_is_cut_around_its_first_match_and_escaped():
    stems, needed = stems_of("script")
    text = extracts.extract(DOC, stems, needed=needed, passages=extracts.prepare(DOC).passages)
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; &amp; co :" in text
    assert "<script" not in text
    assert text.startswith("… ") and text.endswith(" …")
    assert len(text) < len(BODY) // 2


def test_the_summary_when_no_sentence_of_the_write_up_holds_the_query():
    doc = {"body": "Un texte sans rapport.", "summary": DOC["summary"]}
    stems, needed = stems_of("gendarmerie")
    for passages in (extracts.prepare(doc).passages, None):
        assert extracts.extract(doc, stems, needed=needed, passages=passages) == (
            "Une maison de santé dans l&#x27;ancienne &lt;b&gt;<mark>gendarmerie</mark>&lt;/b&gt;."
        )
    stems, needed = stems_of("xylophone")
    assert extracts.extract(doc, stems, needed=needed, passages=extracts.prepare(doc).passages) == ""


def test_the_analysis_read_sentence_by_sentence_is_that_of_the_whole_text():
    """extracts.prepare analyses the body once, sentence by sentence, for the full-text column
    and the passages: the same tokens as analysing the whole body (and the summary)."""
    rng = random.Random(2026)
    alphabet = list("lLdDjmnsStTcCqQuUiIoOrRpPe_2 '’ʼ-xſİéÉ\n.!?…") + ["école ", "Mairie ", "jusqu'", " 2022. "]
    for _ in range(5_000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        summary = body[::-1]
        prepared = extracts.prepare({"body": body, "summary": summary})
        assert prepared.body == " ".join(analysis.analyze(body)), repr(body)
        assert prepared.summary == " ".join(analysis.analyze(summary)), repr(summary)


def test_sentences_end_where_the_lookbehind_pattern_ends_them():
    """SENTENCE_RE matches the punctuation itself, for speed: the sentences are those of
    whitespace after . ! ? or … (a lookbehind), or of line breaks."""
    reference = re.compile(r"(?<=[.!?…])\s+|\n+")
    rng = random.Random(2026)
    alphabet = list("ab .!?…\n\t") + ["  ", ". ", ".\n"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        ends = [m.end() for m in reference.finditer(text)]
        assert [m.end() for m in extracts.SENTENCE_RE.finditer(text)] == ends, repr(text)


@pytest.mark.django_db
def test_embedded_engine_stores_passages_and_shows_the_same_extracts(practices, settings):
    """Indexed practices carry their passages; a hit's extract is the one a full analysis of
    its write-up gives, and documents indexed without passages still get it."""
    settings.OPENSEARCH_URL = ""
    rows = list(SearchDocument.objects.values_list("page_id", "doc", "passages"))
    assert rows and all(passages for _, _, passages in rows)
    with_passages = api.search(SearchParams(q="médecins retraite"))
    assert with_passages.hits and "<mark>" in with_passages.hits[0].highlight
    SearchDocument.objects.update(passages="")
    without = api.search(SearchParams(q="médecins retraite"))
    assert [(h.page_id, h.highlight) for h in without.hits] == [(h.page_id, h.highlight) for h in with_passages.hits]


def test_a_sentence_analysed_alone_is_as_in_the_whole_text_and_its_passages_read_as_json():
    """extract analyses the chosen sentence alone (its elisions and words as in the whole
    write-up) and finds the query's tokens in the passages' JSON text without decoding it:
    both give what the whole text and the decoded JSON give."""
    rng = random.Random(2026)
    alphabet = list("lLdDjmnsStTcCqQuUiIoOrRpPe_2 '’ʼ-xſİéÉ\n.!?…") + ["école ", "Mairie ", "jusqu'", " 2022. ", '"\\']
    for _ in range(5_000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        doc = {"body": body, "summary": body[::-1]}
        plain = analysis.strip_elisions(body)
        for start, end in extracts._sentences(body):
            assert analysis.strip_elisions(body[start:end]) == plain[start:end], repr(body)
        passages = extracts.prepare(doc).passages
        decoded = json.loads(passages)
        assert extracts._summary_tokens(passages) == decoded["u"], repr(body)
        for token, held in decoded["t"].items():
            assert extracts._best_prepared(passages, {token}, 1) == tuple(decoded["s"][held[0]]), repr(body)
        assert extracts._best_prepared(passages, {"absent"}, 1) is None
