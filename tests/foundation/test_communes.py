import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from practices.models import Commune, Department, Region, SizeBand, size_band_for


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (None, None),
        (0, SizeBand.UNDER_2500),
        (2499, SizeBand.UNDER_2500),
        (2500, SizeBand.FROM_2500),
        (4999, SizeBand.FROM_2500),
        (5000, SizeBand.FROM_5000),
        (9999, SizeBand.FROM_5000),
        (10000, SizeBand.FROM_10000),
        (19999, SizeBand.FROM_10000),
        (20000, SizeBand.OVER_20000),
        (2_100_000, SizeBand.OVER_20000),
    ],
)
def test_size_band_boundaries(population, band):
    assert size_band_for(population) == band


@pytest.mark.django_db
def test_loader_on_a_slice_is_idempotent():
    call_command("load_communes", limit=300, no_progress=True)
    assert Commune.objects.count() == 300
    assert Region.objects.filter(code="84", name="Auvergne-Rhône-Alpes").exists()
    abergement = Commune.objects.get(insee_code="01001", kind=Commune.Kind.CURRENT)
    assert abergement.department.code == "01"
    assert abergement.region.name == "Auvergne-Rhône-Alpes"
    call_command("load_communes", limit=300, no_progress=True)
    assert Commune.objects.count() == 300


@pytest.mark.django_db
def test_loader_updates_a_changed_population():
    call_command("load_communes", limit=50, no_progress=True)
    Commune.objects.filter(insee_code="01001").update(population=1)
    call_command("load_communes", limit=50, no_progress=True)
    assert Commune.objects.get(insee_code="01001", kind=Commune.Kind.CURRENT).population > 1


@pytest.mark.django_db
def test_loader_on_the_full_official_list_tells_the_two_beaujeu_apart():
    call_command("load_communes", no_progress=True)
    total = Commune.objects.count()
    assert total >= 37000
    assert Department.objects.count() >= 101
    beaujeu = {c.department.code: c for c in Commune.objects.filter(name="Beaujeu").select_related("department")}
    assert set(beaujeu) == {"04", "69"}
    assert beaujeu["04"].insee_code == "04024" and beaujeu["69"].insee_code == "69018"
    assert str(beaujeu["04"]) != str(beaujeu["69"])
    call_command("load_communes", no_progress=True)
    assert Commune.objects.count() == total


@pytest.mark.django_db
def test_loader_explains_missing_data(tmp_path):
    with pytest.raises(CommandError, match="npm install"):
        call_command("load_communes", data_dir=tmp_path, no_progress=True)
    assert settings.COMMUNES_DATA_DIR.name == "data"
