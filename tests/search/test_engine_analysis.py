"""The French analysis shared by both engines, and query parsing with synonyms."""

from search import analysis
from search.synonyms import parse_group

GROUPS = tuple(
    parse_group(line)
    for line in (
        "MSP, maison de santé pluriprofessionnelle, maison de santé",
        "TAD, transport à la demande",
        "tiers-lieu, tiers lieu, coworking",
        "OPAH-RU, OPAH RU, opération programmée d'amélioration de l'habitat",
    )
)


def test_case_accents_and_elisions_are_folded():
    assert analysis.words("L'Accès aux SOINS, d’été") == ["acces", "aux", "soins", "ete"]
    assert analysis.fold("Œuvre ÉTÉ") == "oeuvre ete"


def test_stop_words_are_dropped_but_meaningful_words_kept():
    assert analysis.terms("la maison de santé du bourg") == ["maison", "sante", "bourg"]


def test_inflections_share_a_stem():
    groups = [
        ["santé", "sante", "SANTÉ", "santés"],
        ["vélos", "velo", "vélo"],
        ["l'accès", "acces", "accès"],
        ["végétaliser", "végétalisée", "végétalisation", "végétalisées"],
        ["numérique", "numériques", "numerique"],
        ["mobilité", "mobilites"],
        ["commerciaux", "commercial", "commerciales"],
        ["subventionnés", "subvention", "subventions"],
        ["âgées", "âgé", "âgée"],
    ]
    for group in groups:
        stems = {tuple(analysis.analyze(word)) for word in group}
        assert len(stems) == 1, (group, stems)


def test_different_words_keep_different_stems():
    assert analysis.analyze("maison") != analysis.analyze("mairie")
    assert analysis.analyze("école") != analysis.analyze("église")
    assert analysis.analyze("loyer") != analysis.analyze("loi")
    assert analysis.analyze("communication") != analysis.analyze("commune")
    assert analysis.analyze("solaire") != analysis.analyze("scolaire")


def test_question_words_and_generic_verbs_are_not_searched():
    assert analysis.analyze("Comment faire ? Quelle solution quand on peut pourquoi") == []
    assert [p.text for p in analysis.parse_query("que faire quand le dernier médecin part")] == ["dernier", "medecin", "part"]


def test_words_typed_without_accents_are_analysed_as_the_write_ups_spell_them():
    spelt = {"agees": "âgées"}
    parts = analysis.parse_query("personnes agees", accent=lambda w: spelt.get(w, w))
    assert parts[1].alternatives[0] == tuple(analysis.analyze("âgées"))


def _alternatives(q):
    return [[" ".join(alt) for alt in p.alternatives] for p in analysis.parse_query(q, GROUPS)]


def test_synonyms_are_alternatives_of_each_word_never_extra_words():
    msp = _alternatives("MSP")
    assert len(msp) == 1 and " ".join(analysis.analyze("maison santé pluriprofessionnelle")) in msp[0]
    long = _alternatives("maison de santé")
    # two concepts, each matched by its own word or by any phrase of the group
    assert len(long) == 2 and all("msp" in alts for alts in long)
    tad = _alternatives("navette TAD")
    assert len(tad) == 2 and " ".join(analysis.analyze("transport demande")) in tad[1]
    assert "coworking" in _alternatives("tiers-lieu")[0]
    assert "opah" in _alternatives("OPAH RU")[0][0]


def test_a_synonym_counts_less_than_the_readers_own_word():
    part = analysis.parse_query("TAD", GROUPS)[0]
    assert part.own == [("tad",)] and len(part.alternatives) > 1


def test_queries_are_bounded_and_cleaned():
    assert analysis.clean_query("  a\x00b\n  c ", 200) == "a b c"
    assert len(analysis.clean_query("x" * 10_000, 200)) == 200
