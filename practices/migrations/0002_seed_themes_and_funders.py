"""Seed the theme list of the design card and the usual PVD funders; editors manage both later."""

from django.db import migrations

THEMES = [
    ("sante", "Accès aux soins / santé", "fr-icon-heart-pulse-line", "Maisons et centres de santé, attractivité médicale, télémédecine, prévention."),
    ("mobilite", "Mobilité", "fr-icon-bus-line", "Transport à la demande, navettes, covoiturage, vélo, mobilités solidaires."),
    ("numerique", "Numérique", "fr-icon-computer-line", "Inclusion numérique, tiers-lieux, conseillers numériques, services en ligne."),
    ("nature-en-ville", "Nature en ville", "fr-icon-plant-line", "Cours d'école végétalisées, îlots de fraîcheur, parcs, haies et arbres."),
    ("services-publics", "Accès aux services publics", "fr-icon-government-line", "France services, agences postales, accueil des habitants."),
    ("commerce", "Commerce & attractivité", "fr-icon-store-line", "Commerces de centre-bourg, boutiques à l'essai, marchés, halles."),
    ("habitat", "Habitat & logement", "fr-icon-home-4-line", "OPAH-RU, logements vacants, rénovation, habitat des seniors et des jeunes."),
    ("patrimoine-culture", "Patrimoine & culture", "fr-icon-ancient-gate-line", "Restauration, valorisation du patrimoine, équipements culturels."),
    ("transition-ecologique", "Transition écologique", "fr-icon-leaf-line", "Énergie, rénovation thermique, alimentation, réemploi."),
    ("participation-citoyenne", "Participation citoyenne", "fr-icon-team-line", "Concertation, budgets participatifs, conseils citoyens."),
    ("economie-tourisme", "Économie & tourisme", "fr-icon-earth-line", "Développement économique, emploi, tourisme, voies vertes."),
]

FUNDERS = [
    ("anct", "ANCT"),
    ("banque-des-territoires", "Banque des Territoires"),
    ("anah", "Anah"),
    ("cerema", "Cerema"),
    ("ademe", "ADEME"),
    ("etat", "État (DETR, DSIL, FNADT)"),
    ("region", "Région"),
    ("departement", "Département"),
    ("europe", "Europe (FEDER, LEADER)"),
    ("commune", "Commune ou intercommunalité"),
    ("autre", "Autre"),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("practices", "Theme")
    Funder = apps.get_model("practices", "Funder")
    for order, (slug, name, icon, description) in enumerate(THEMES):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "icon": icon, "description": description, "sort_order": order})
    for order, (slug, name) in enumerate(FUNDERS):
        Funder.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def unseed(apps, schema_editor):
    apps.get_model("practices", "Theme").objects.filter(slug__in=[t[0] for t in THEMES]).delete()
    apps.get_model("practices", "Funder").objects.filter(slug__in=[f[0] for f in FUNDERS]).delete()


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
