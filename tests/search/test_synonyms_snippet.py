"""Synonym groups as a snippet editors maintain in the admin, applied at once to searches."""

import pytest

from search import api, synonyms
from search.synonyms import SynonymGroup
from search.types import SearchParams

pytestmark = pytest.mark.django_db

ACRONYMS = ["MSP", "CPTS", "TAD", "ORT", "OPAH-RU", "PLUi", "SCoT", "EPCI", "CCAS", "ABF", "PVD", "ACV",
            "DETR", "DSIL", "FNADT", "AMI", "SPL", "SEM", "PAT", "ZAN"]
EVERYDAY = [("aînés", "seniors", "personnes âgées"), ("chauffeurs", "conducteurs"),
            ("interco", "intercommunalité", "communauté de communes"), ("mairie", "commune", "municipalité"),
            ("centre-bourg", "centre-ville", "cœur de ville"), ("numérique", "internet", "informatique")]


def _group_of(phrase: str):
    wanted = synonyms.parse_group(phrase)[0]
    return next((g for g in synonyms.groups() if wanted in g), None)


def test_the_seed_covers_local_government_acronyms_and_everyday_variants():
    assert SynonymGroup.objects.count() >= 150
    for acronym in ACRONYMS:
        group = _group_of(acronym)
        assert group is not None and len(group) > 1, acronym
    for variants in EVERYDAY:
        group = _group_of(variants[0])
        assert group is not None, variants
        for variant in variants[1:]:
            assert synonyms.parse_group(variant)[0] in group, (variants[0], variant)


def test_an_edit_applies_to_the_next_search_without_a_redeploy(site_tree, places):
    from tests.factories import PracticePageFactory

    PracticePageFactory(parent=site_tree["index"], title="Une ludothèque au bourg", summary="Des jeux pour tous.",
                        commune=places["beaujeu"])
    assert api.search(SearchParams(q="espace ludique")).total == 0
    group = SynonymGroup.objects.create(terms="ludothèque, espace ludique")
    assert api.search(SearchParams(q="espace ludique")).total == 1
    group.terms = "ludothèque, salle ludique"
    group.save()
    assert api.search(SearchParams(q="espace ludique")).total == 0
    assert api.search(SearchParams(q="salle ludique")).total == 1
    group.delete()
    assert api.search(SearchParams(q="salle ludique")).total == 0


def test_editors_find_the_synonyms_in_the_admin(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("editrice", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Éditeurs ANCT"))
    client.force_login(editor)
    home = client.get("/admin/")
    assert "Synonymes" in home.content.decode()
    listing = client.get("/admin/snippets/search/synonymgroup/")
    assert listing.status_code == 200 and "AAP, appel à projets" in listing.content.decode()
    add = client.get("/admin/snippets/search/synonymgroup/add/")
    assert "Termes équivalents" in add.content.decode()
