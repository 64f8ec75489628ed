import pytest
from django.core.exceptions import ValidationError

from practices.models import Theme
from tests.factories import CommuneFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


def test_themes_are_seeded_by_migration():
    slugs = set(Theme.objects.values_list("slug", flat=True))
    assert {"sante", "mobilite", "numerique", "nature-en-ville", "services-publics", "commerce", "habitat",
            "patrimoine-culture", "transition-ecologique", "participation-citoyenne", "economie-tourisme"} <= slugs


def test_commune_facts_are_derived(site_tree):
    commune = CommuneFactory(population=7400)
    practice = PracticePageFactory(parent=site_tree["index"], commune=commune, budget=740000)
    assert practice.department == commune.department
    assert practice.region == commune.department.region
    assert practice.population == 7400
    assert practice.size_band == "5000-10000"
    assert practice.size_band_label == "De 5 000 à 10 000 habitants"
    assert practice.cost_per_inhabitant == 100


def test_end_year_before_start_year_is_refused_in_french(site_tree):
    practice = PracticePageFactory(parent=site_tree["index"])
    practice.start_year, practice.end_year = 2022, 2019
    with pytest.raises(ValidationError) as error:
        practice.full_clean()
    assert "L'année de fin doit être postérieure" in str(error.value.message_dict["end_year"])


@pytest.mark.parametrize(("field", "value", "message"), [
    ("budget", -5, "Le montant ne peut pas être négatif."),
    ("start_year", 1850, "L'année doit être postérieure ou égale à 1990."),
    ("end_year", 2099, "L'année doit être antérieure ou égale à 2040."),
])
def test_out_of_range_values_are_refused_in_french(site_tree, field, value, message):
    practice = PracticePageFactory(parent=site_tree["index"])
    setattr(practice, field, value)
    with pytest.raises(ValidationError) as error:
        practice.full_clean()
    assert message in error.value.message_dict[field]


def test_a_photo_needs_its_alt_text(site_tree):
    from wagtail_factories import ImageFactory

    practice = PracticePageFactory(parent=site_tree["index"])
    practice.image = ImageFactory()
    practice.image_alt = "  "
    with pytest.raises(ValidationError) as error:
        practice.full_clean()
    assert "texte alternatif" in str(error.value.message_dict["image_alt"])
