"""Page and model factories shared by the test suite (and the benchmark's data generator)."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from home.models import HomePage
from practices.models import Commune, Department, PracticeIndexPage, PracticePage, Region, Theme


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"R{n:02d}")
    name = factory.Sequence(lambda n: f"Région {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 95) + 1:02d}")
    name = factory.Sequence(lambda n: f"Département {n}")
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    insee_code = factory.Sequence(lambda n: f"{n:05d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    department = factory.SubFactory(DepartmentFactory)
    population = 4200


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Camille"
    last_name = "Martin"
    email = factory.LazyAttribute(lambda u: f"{u.username}@exemple.fr")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Accueil"


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeIndexPage

    title = "Retours d'expérience"
    slug = "pratiques"


class PracticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Maison de santé numéro {n}")
    summary = "Une maison de santé pluriprofessionnelle ouverte dans le centre-bourg."
    commune = factory.SubFactory(CommuneFactory)
    phase = "realise"
    programme = "pvd"
    start_year = 2020
    end_year = 2023
    budget = 850000
    context = "<p>Trois médecins partaient à la retraite.</p>"
    objectives = "<p>Garder un accès aux soins de premier recours.</p>"
    actions = "<p>Réhabilitation d'un bâtiment communal, recrutement.</p>"
    results = "<p>Six médecins installés.</p>"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if not create:
            return
        slugs = extracted if extracted is not None else ["sante"]
        self.themes.set(Theme.objects.filter(slug__in=slugs))
        self.save_revision().publish()


def towns_around_beaujeu() -> tuple[Commune, dict[str, Commune]]:
    """A reader's commune (Beaujeu, 2,100 inhabitants, Rhône, CC Saône-Beaujolais) and five
    communes more or less like it, keyed by what they share with it (proximity tests)."""
    from communes.models import Epci

    rhone = DepartmentFactory(code="69", name="Rhône", region=RegionFactory(code="84", name="Auvergne-Rhône-Alpes"))
    ain = DepartmentFactory(code="01", name="Ain", region=rhone.region)
    finistere = DepartmentFactory(code="29", name="Finistère", region=RegionFactory(code="53", name="Bretagne"))
    beaujolais = Epci.objects.create(code="200040566", name="CC Saône-Beaujolais", kind="CC")
    reader = CommuneFactory(insee_code="69018", name="Beaujeu", department=rhone, population=2100, epci=beaujolais)
    return reader, {
        "same_epci": CommuneFactory(name="Quincié", department=rhone, population=1300, epci=beaujolais),
        "same_department_big": CommuneFactory(name="Villefranche", department=rhone, population=37000),
        "same_region_same_size": CommuneFactory(name="Pont-de-Vaux", department=ain, population=2300),
        "far_same_size": CommuneFactory(name="Plouha", department=finistere, population=2200),
        "far_city": CommuneFactory(name="Brest", department=finistere, population=140000),
    }
