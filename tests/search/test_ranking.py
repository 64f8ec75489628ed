"""Ranked OR with coverage, the completeness prior, the bounded featured boost, synonyms as
alternatives and honest "did you mean" — the same on both engines."""

import pytest

from search import api
from search.types import SearchParams

pytestmark = pytest.mark.django_db

THIN = dict(objectives="<p>Aider.</p>", actions="<p>Rouler.</p>", results="", context="<p>Une navette.</p>")


@pytest.fixture(params=["embedded", "opensearch"])
def engine(request, settings):
    if request.param == "opensearch":
        request.getfixturevalue("use_opensearch")
    return request.param


def publish(index, places, slug, title, summary, context="", **extra):
    from tests.factories import PracticePageFactory

    fields = dict(objectives="<p>Des objectifs.</p>", actions="<p>Des actions.</p>", results="<p>Des résultats.</p>")
    fields.update(extra)
    return PracticePageFactory(
        parent=index, slug=slug, title=title, summary=summary, context=context or "<p>Le contexte.</p>",
        commune=places["beaujeu"], themes=["mobilite"], **fields,
    )


def slugs(q, **kwargs):
    from practices.models import PracticePage

    results = api.search(SearchParams(q=q, **kwargs))
    by_id = dict(PracticePage.objects.values_list("pk", "slug"))
    return [by_id[h.page_id] for h in results.hits], results


def test_more_concepts_rank_higher_and_a_partial_match_is_not_hidden(engine, site_tree, places):
    index = site_tree["index"]
    publish(index, places, "all", "Navette électrique pour les seniors", "Un minibus électrique dessert le marché.")
    publish(index, places, "two", "Navette pour les seniors", "Le minibus emmène les aînés au marché.")
    publish(index, places, "one", "Vélos électriques", "Des vélos prêtés aux habitants.")
    found, results = slugs("navette électrique seniors")
    assert found[:2] == ["all", "two"]  # the practice lacking one word is still there, second
    assert results.total == len(found)


def test_a_long_question_never_gets_an_empty_page(engine, site_tree, places):
    index = site_tree["index"]
    publish(index, places, "navette", "Navette pour les seniors", "Le minibus emmène les personnes âgées au marché.")
    found, results = slugs("que faire quand nos seniors isolés ne peuvent plus conduire jusqu'au supermarché")
    assert found == ["navette"] and results.total == 1


def test_a_detailed_write_up_outranks_a_thin_one_on_the_same_subject(engine, site_tree, places):
    index = site_tree["index"]
    publish(index, places, "thin", "Une navette seniors", "Une navette seniors.", **THIN)
    publish(
        index, places, "detailed", "Une navette pour les aînés", "Une navette seniors relie les hameaux au bourg.",
        context="<p>" + "Les hameaux sont loin du bourg et les aînés ne conduisent plus. " * 30 + "</p>",
        difficulties="<p>Trouver des chauffeurs bénévoles.</p>", advice="<p>Commencer petit.</p>",
        transferability="<p>Reproductible partout.</p>", results_date="2024-01-31",
        key_figures=[("figure", {"value": "40", "label": "usagers"})] * 3,
    )
    assert slugs("navette seniors")[0][:2] == ["detailed", "thin"]


def test_featured_is_only_a_tie_breaker(engine, site_tree, places):
    from home.models import HomeFeaturedPractice

    index = site_tree["index"]
    featured = publish(index, places, "featured", "Une navette", "Un minibus pour le bourg.")
    publish(index, places, "better", "Une navette pour les seniors", "Un minibus pour les seniors.")
    HomeFeaturedPractice.objects.create(home=site_tree["home"], practice=featured, sort_order=0)
    featured.save_revision().publish()  # re-indexed with its new featured flag
    assert slugs("navette seniors")[0][0] == "better"


def test_programme_and_theme_labels_are_not_search_words(engine, site_tree, places):
    index = site_tree["index"]
    publish(index, places, "navette", "Navette pour les seniors", "Le minibus emmène les aînés au marché.")
    assert slugs("petites villes de demain")[1].total == 0
    assert slugs("mobilité")[1].total == 0  # the theme's name, absent from the write-up


def test_a_synonym_phrase_is_an_alternative_not_a_required_phrase(engine, site_tree, places):
    index = site_tree["index"]
    publish(index, places, "cms", "Un centre municipal de santé", "Des médecins salariés par la commune.")
    publish(index, places, "msp", "Une MSP dans le bourg", "Six professionnels réunis.")
    assert slugs("centre de santé")[0][0] == "cms"
    assert "msp" in slugs("maison de santé pluriprofessionnelle")[0]


def test_did_you_mean_never_corrects_a_french_word(engine, site_tree, places):
    index = site_tree["index"]
    for i in range(3):
        publish(index, places, f"scolaire-{i}", f"Transport scolaire {i}", "Un car scolaire pour la mobilité des élèves.")
    found, results = slugs("solaire")
    assert results.suggestion is None and found == []
    found, results = slugs("mobilté")
    assert results.suggestion == "mobilité"
    assert len(found) == 3


def test_did_you_mean_forgets_words_of_unpublished_practices(engine, site_tree, places):
    index = site_tree["index"]
    pages = [publish(index, places, f"p{i}", f"Une ludothèque {i}", "Des jeux pour tous.") for i in range(2)]
    assert slugs("ludothqèue")[1].suggestion == "ludothèque"
    for page in pages:
        page.unpublish()
    assert slugs("ludothqèue")[1].suggestion is None
