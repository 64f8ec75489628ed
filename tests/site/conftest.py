import json
import shutil

import pytest
from django.conf import settings


@pytest.fixture(scope="session")
def demo_communes_dir(tmp_path_factory):
    """The official commune files cut down to the communes the demo write-ups name, so that
    seed_demo runs in seconds instead of loading 37,000 communes."""
    from home.demo.content import load_demo_rows

    codes = set()
    for row in load_demo_rows():
        codes.add(row["commune_insee"])
        codes.update(row.get("other_communes_insee") or [])
    source = settings.COMMUNES_DATA_DIR
    target = tmp_path_factory.mktemp("communes")
    for name in ("regions.json", "departements.json", "epci.json"):
        shutil.copy(source / name, target / name)
    communes = json.loads((source / "communes.json").read_text(encoding="utf-8"))
    kept = [c for c in communes if c["code"] in codes]
    (target / "communes.json").write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return target


@pytest.fixture
def practice_world(site_tree):
    """Three live practices in two régions and a draft, on the site tree."""
    from tests.factories import (
        CommuneFactory,
        DepartmentFactory,
        PracticePageFactory,
        RegionFactory,
    )

    bretagne = DepartmentFactory(code="22", name="Côtes-d'Armor", region=RegionFactory(code="53", name="Bretagne"))
    cantal = DepartmentFactory(code="15", name="Cantal", region=RegionFactory(code="84", name="Auvergne-Rhône-Alpes"))
    murat = CommuneFactory(insee_code="15138", name="Murat", department=cantal, population=1770)
    rostrenen = CommuneFactory(insee_code="22266", name="Rostrenen", department=bretagne, population=3200)
    index = site_tree["index"]
    health = PracticePageFactory(
        parent=index, title="Maison de santé de Murat", slug="msp-murat", commune=murat, phase="realise", themes=["sante"]
    )
    shuttle = PracticePageFactory(
        parent=index, title="Navette seniors de Rostrenen", slug="navette-rostrenen", commune=rostrenen, phase="en_cours",
        themes=["mobilite", "sante"], contact_name="Yann Le Goff", contact_email="yann@exemple.fr", contact_public=False,
    )
    garden = PracticePageFactory(
        parent=index, title="Cour d'école végétalisée", slug="cour-ecole", commune=rostrenen, phase="realise",
        themes=["nature-en-ville"], contact_name="Anne Morvan", contact_role="cheffe de projet", contact_email="anne@exemple.fr",
    )
    draft = PracticePageFactory(parent=index, title="Projet secret de Murat", slug="secret", commune=murat, themes=["sante"])
    draft.unpublish()
    return {**site_tree, "health": health, "shuttle": shuttle, "garden": garden, "draft": draft, "murat": murat}
