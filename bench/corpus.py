"""Realistic French write-ups generated from vocabulary lists, for the search benchmark.

Each practice picks a subject (which fixes its theme), then composes a title, a summary and
the sections from subject phrases and phrases every write-up shares. Seeded: the same N gives
the same corpus.
"""

import random

SUBJECTS = {
    "sante": [
        ("une maison de santé pluriprofessionnelle", "maison de santé", ["médecins généralistes", "infirmiers", "kinésithérapeutes", "projet de santé", "ARS"]),
        ("un centre de santé municipal", "centre de santé", ["médecins salariés", "consultations", "patients sans médecin traitant"]),
        ("une cabine de téléconsultation", "téléconsultation", ["pharmacie", "télémédecine", "infirmière"]),
        ("l'accueil des internes en médecine", "internes", ["logement des internes", "stages", "faculté de médecine"]),
    ],
    "mobilite": [
        ("une navette pour les seniors", "navette", ["personnes âgées", "marché", "minibus", "isolement"]),
        ("un transport à la demande", "transport à la demande", ["réservation", "intercommunalité", "horaires", "TAD"]),
        ("la location de vélos à assistance électrique", "vélos électriques", ["VAE", "location longue durée", "pistes cyclables"]),
        ("le covoiturage et l'autopartage", "autopartage", ["voitures électriques", "trajets domicile-travail", "application"]),
    ],
    "numerique": [
        ("un tiers-lieu numérique", "tiers-lieu", ["coworking", "fablab", "télétravail", "associations"]),
        ("un conseiller numérique pour les habitants", "conseiller numérique", ["inclusion numérique", "démarches en ligne", "ateliers"]),
        ("la fibre dans les écoles", "fibre", ["très haut débit", "tablettes", "enseignants"]),
    ],
    "nature-en-ville": [
        ("une cour d'école végétalisée", "cour d'école", ["îlot de fraîcheur", "désimperméabilisation", "arbres", "enfants"]),
        ("un jardin partagé en centre-bourg", "jardin partagé", ["habitants", "potager", "compost"]),
        ("la plantation de haies et d'arbres", "haies", ["biodiversité", "forêt urbaine", "écoles"]),
    ],
    "services-publics": [
        ("un espace France services", "France services", ["démarches administratives", "agence postale", "accueil"]),
        ("une agence postale communale après la fermeture du bureau de poste", "agence postale", ["La Poste", "mairie", "horaires"]),
        ("un bus France services itinérant", "bus itinérant", ["villages", "permanences", "CAF"]),
    ],
    "commerce": [
        ("une boutique à l'essai", "boutique à l'essai", ["vacance commerciale", "créateurs", "loyer"]),
        ("un manager de commerce", "manager de commerce", ["commerçants", "animations", "centre-ville"]),
        ("la rénovation de la halle du marché", "halle", ["producteurs locaux", "marché", "circuits courts"]),
    ],
    "habitat": [
        ("une OPAH-RU en centre ancien", "OPAH-RU", ["logements vacants", "propriétaires", "Anah", "rénovation"]),
        ("un habitat inclusif pour seniors", "habitat inclusif", ["personnes âgées", "colocation", "bailleur social"]),
        ("le permis de louer", "permis de louer", ["habitat indigne", "propriétaires bailleurs", "visites"]),
    ],
    "patrimoine-culture": [
        ("la restauration de l'église", "église", ["Fondation du patrimoine", "souscription", "monument historique"]),
        ("une campagne de ravalement de façades", "façades", ["architecte des bâtiments de France", "subventions", "couleurs"]),
        ("une médiathèque tiers-lieu", "médiathèque", ["lecture publique", "animations", "jeunes"]),
    ],
    "transition-ecologique": [
        ("un réseau de chaleur au bois", "réseau de chaleur", ["chaufferie", "bâtiments publics", "bois local"]),
        ("l'extinction de l'éclairage public la nuit", "éclairage public", ["LED", "économies d'énergie", "biodiversité nocturne"]),
        ("une cantine bio et locale", "cantine", ["légumerie", "producteurs", "projet alimentaire territorial"]),
    ],
    "participation-citoyenne": [
        ("un budget participatif", "budget participatif", ["projets des habitants", "vote", "jeunes"]),
        ("un conseil citoyen", "conseil citoyen", ["tirage au sort", "concertation", "place du marché"]),
    ],
    "economie-tourisme": [
        ("une voie verte sur l'ancienne voie ferrée", "voie verte", ["cyclistes", "tourisme", "randonnée"]),
        ("la reconversion d'une friche industrielle", "friche", ["artisans", "logements", "EPF"]),
        ("un camping municipal rénové", "camping", ["pèlerins", "familles", "saison"]),
    ],
}

OPENINGS = [
    "En {year}, la commune de {commune} a lancé {subject}.",
    "À {commune}, les élus ont porté {subject} avec l'intercommunalité.",
    "Le projet de {commune} : {subject}, pensé avec les habitants.",
]
CONTEXT = [
    "La commune comptait {n} habitants et perdait des services depuis dix ans.",
    "Le diagnostic de territoire avait montré un besoin fort autour de la {word}.",
    "Les habitants demandaient depuis longtemps une solution pour la {word}.",
    "La fermeture de plusieurs équipements avait fragilisé le centre-bourg.",
    "Le programme Petites villes de demain a permis de recruter une cheffe de projet.",
]
ACTIONS = [
    "Un comité de pilotage a réuni la mairie, l'intercommunalité et les partenaires.",
    "Les travaux ont duré {m} mois et ont été suivis par un architecte.",
    "Une étude de faisabilité a précédé le lancement, financée par la Banque des Territoires.",
    "Les habitants ont été consultés lors de trois réunions publiques.",
    "Le bâtiment communal a été réhabilité pour accueillir le projet.",
    "La commune a mobilisé la DETR et les crédits du Fonds vert.",
]
RESULTS = [
    "Après deux ans, la fréquentation dépasse les objectifs fixés au départ.",
    "Le projet a créé {k} emplois et attiré de nouveaux habitants.",
    "Les retours des usagers sont très positifs, notamment sur la {word}.",
    "Le modèle économique reste fragile mais le service est pérennisé.",
]
ADVICE = [
    "Associer les habitants dès le début évite bien des blocages.",
    "Il faut prévoir un temps d'animation après l'ouverture.",
    "Le portage intercommunal facilite les financements.",
    "Ne pas sous-estimer le temps administratif des dossiers de subvention.",
]
PHASES = ["idee", "etudes", "en_cours", "realise", "evalue"]
PROGRAMMES = ["pvd", "pvd", "pvd", "acv", "france_services", "villages_avenir", "autre"]
FUNDERS = ["anct", "banque-des-territoires", "anah", "cerema", "ademe", "etat", "region", "departement", "europe", "commune"]


def _fill(rng, template, ctx):
    return template.format(**ctx)


def practice(rng: random.Random, commune: str, population: int) -> dict:
    theme = rng.choice(list(SUBJECTS))
    subject, word, extras = rng.choice(SUBJECTS[theme])
    other_themes = [theme] + ([rng.choice(list(SUBJECTS))] if rng.random() < 0.5 else [])
    year = rng.randint(2012, 2025)
    ctx = {"commune": commune, "subject": subject, "year": year, "n": population, "word": word,
           "m": rng.randint(3, 36), "k": rng.randint(1, 12)}
    title = f"{subject[0].upper()}{subject[1:]} à {commune}"
    summary = f"{_fill(rng, rng.choice(OPENINGS), ctx)} Le projet s'appuie sur {', '.join(rng.sample(extras, min(2, len(extras))))}."
    paragraphs = lambda pool, k: "".join(f"<p>{_fill(rng, t, ctx)}</p>" for t in rng.sample(pool, k))  # noqa: E731
    extra_sentence = f"<p>Les mots clés du projet : {', '.join(extras)}.</p>"
    return {
        "title": title[:250],
        "summary": summary[:400],
        "themes": list(dict.fromkeys(other_themes)),
        "keywords": rng.sample(extras, min(3, len(extras))),
        "phase": rng.choice(PHASES),
        "programme": rng.choice(PROGRAMMES),
        "start_year": year,
        "end_year": year + rng.randint(0, 4) if rng.random() < 0.6 else None,
        "budget": rng.randint(20, 3000) * 1000,
        "staff_days": rng.randint(10, 200),
        "months_to_deliver": rng.randint(3, 48),
        "context": paragraphs(CONTEXT, 2),
        "objectives": f"<p>Objectif : développer {subject} et améliorer la {word} pour les habitants.</p>",
        "actions": paragraphs(ACTIONS, 3) + extra_sentence,
        "results": paragraphs(RESULTS, 2),
        "advice": paragraphs(ADVICE, 2),
        "funders": rng.sample(FUNDERS, rng.randint(1, 4)),
    }
