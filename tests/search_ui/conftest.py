import pytest

from tests.factories import CommuneFactory, DepartmentFactory, PracticePageFactory, RegionFactory


@pytest.fixture
def places(db):
    ara = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    bfc = RegionFactory(code="27", name="Bourgogne-Franche-Comté")
    rhone = DepartmentFactory(code="69", name="Rhône", region=ara)
    saone = DepartmentFactory(code="71", name="Saône-et-Loire", region=bfc)
    return {
        "beaujeu": CommuneFactory(insee_code="69018", name="Beaujeu", department=rhone, population=2100),
        "cluny": CommuneFactory(insee_code="71137", name="Cluny", department=saone, population=4600),
    }


@pytest.fixture
def practices(site_tree, places):
    """Five live practices over two regions and three themes, published in this order."""
    index = site_tree["index"]
    make = PracticePageFactory
    return {
        "msp": make(
            parent=index, title="Une maison de santé pluriprofessionnelle en centre-bourg",
            summary="Six médecins installés dans une maison de santé.", commune=places["beaujeu"], themes=["sante"],
        ),
        "navette": make(
            parent=index, title="Navette seniors vers le marché",
            summary="Un transport à la demande pour les seniors isolés.", commune=places["cluny"],
            themes=["mobilite"], context="<p>Les seniors n'avaient plus de bus.</p>",
            objectives="<p>Rompre l'isolement.</p>", actions="<p>Un minibus deux fois par semaine.</p>",
            results="<p>Quarante usagers réguliers.</p>",
        ),
        "velo": make(
            parent=index, title="Vélos à assistance électrique en location",
            summary="Location longue durée de vélos pour les habitants.", commune=places["beaujeu"],
            themes=["mobilite", "transition-ecologique"], context="<p>Peu de transports.</p>",
            objectives="<p>Moins de voitures.</p>", actions="<p>Cinquante vélos.</p>", results="<p>Deux cents contrats.</p>",
        ),
        "cour": make(
            parent=index, title="Cour d'école végétalisée",
            summary="Une cour oasis, plantée avec les enfants.", commune=places["cluny"],
            themes=["nature-en-ville"], context="<p>Îlot de chaleur.</p>", objectives="<p>Ombre.</p>",
            actions="<p>Désimperméabilisation.</p>", results="<p>Cinq degrés de moins.</p>",
        ),
        "centre": make(
            parent=index, title="Centre de santé municipal",
            summary="Des médecins salariés par la commune.", commune=places["cluny"], themes=["sante"],
        ),
    }
