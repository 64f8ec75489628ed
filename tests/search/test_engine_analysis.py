"""The French normalisation shared by both engines, and the synonym file."""

from search import analysis


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
    ]
    for group in groups:
        stems = {tuple(analysis.analyze(word)) for word in group}
        assert len(stems) == 1, (group, stems)


def test_different_words_keep_different_stems():
    assert analysis.analyze("maison") != analysis.analyze("mairie")
    assert analysis.analyze("école") != analysis.analyze("église")


def test_synonyms_expand_acronyms_both_ways():
    msp = analysis.parse_query("MSP")[0]
    assert ("maison", "sante", "pluriprofessionnelle") in msp.alternatives
    long = analysis.parse_query("maison de santé pluriprofessionnelle")
    assert len(long) == 1 and ("msp",) in long[0].alternatives
    tad = analysis.parse_query("navette TAD")
    assert [p.text for p in tad] == ["navette", "tad"]
    assert ("transport", "demande") in tad[1].alternatives
    assert ("tiers", "lieu") in analysis.parse_query("tiers-lieu")[0].alternatives
    assert ("opah", "ru") in analysis.parse_query("OPAH RU")[0].alternatives


def test_synonym_file_is_read_again_when_it_changes(tmp_path, monkeypatch):
    path = tmp_path / "synonyms.txt"
    path.write_text("# comment\nabc, alpha beta\n", encoding="utf-8")
    monkeypatch.setattr(analysis, "SYNONYMS_FILE", path)
    assert analysis.synonym_groups(path) == ((("abc",), ("alpha", "beta")),)


def test_queries_are_bounded_and_cleaned():
    assert analysis.clean_query("  a\x00b\n  c ", 200) == "a b c"
    assert len(analysis.clean_query("x" * 10_000, 200)) == 200
