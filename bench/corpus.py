"""Generated French write-ups for the search benchmark and the judged relevance set.

Real write-ups vary: some contributors fill every section with figures, a results date and a
testimony, others leave a title, a chapô and two lines. Real write-ups also mention other
subjects in passing ("the shuttle stops at the health centre"). This generator reproduces both,
so that ranking is measured against thin pages and incidental mentions, not only against
pages that repeat the query. Each practice has one `subject` (a key of SUBJECTS), which is
what the judged set (tests/search/judged_set.py) judges generated practices by. Seeded: the
same RNG state gives the same corpus.
"""

import random

# key: (theme, title phrases, vocabulary of the subject, incidental mention)
SUBJECTS = {
    "msp": ("sante", ["une maison de santé pluriprofessionnelle", "une maison de santé", "un pôle de santé"],
            ["médecins généralistes", "infirmiers", "kinésithérapeutes", "projet de santé", "ARS", "exercice coordonné", "désert médical"],
            "la maison de santé"),
    "centre-sante": ("sante", ["un centre de santé municipal", "un centre de santé avec des médecins salariés"],
                     ["médecins salariés", "consultations", "patients sans médecin traitant", "accès aux soins"],
                     "le centre de santé"),
    "teleconsultation": ("sante", ["une cabine de téléconsultation", "la téléconsultation en pharmacie"],
                         ["pharmacie", "télémédecine", "infirmière", "médecin à distance"], "la pharmacie"),
    "internes": ("sante", ["l'accueil des internes en médecine", "un logement pour les internes"],
                 ["logement des internes", "stages", "faculté de médecine", "maîtres de stage"], "les internes en médecine"),
    "navette-seniors": ("mobilite", ["une navette pour les seniors", "un minibus pour les personnes âgées"],
                        ["personnes âgées", "marché", "minibus", "isolement", "chauffeurs bénévoles"], "la navette"),
    "tad": ("mobilite", ["un transport à la demande", "un service de transport à la demande intercommunal"],
            ["réservation", "intercommunalité", "horaires", "TAD", "zones rurales"], "le transport à la demande"),
    "vae": ("mobilite", ["la location de vélos à assistance électrique", "le prêt de vélos électriques"],
            ["VAE", "location longue durée", "pistes cyclables", "batteries"], "les vélos électriques"),
    "autopartage": ("mobilite", ["le covoiturage et l'autopartage", "des voitures électriques en autopartage"],
                    ["voitures électriques", "trajets domicile-travail", "application", "bornes de recharge"], "l'autopartage"),
    "tiers-lieu": ("numerique", ["un tiers-lieu numérique", "un espace de coworking et fablab"],
                   ["coworking", "fablab", "télétravail", "associations", "imprimante 3D"], "le tiers-lieu"),
    "conseiller-numerique": ("numerique", ["un conseiller numérique pour les habitants", "des ateliers d'inclusion numérique"],
                             ["inclusion numérique", "démarches en ligne", "ateliers", "seniors", "tablettes"], "le conseiller numérique"),
    "fibre-ecoles": ("numerique", ["la fibre et le numérique dans les écoles", "l'équipement numérique des écoles"],
                     ["très haut débit", "tablettes", "enseignants", "tableaux numériques"], "la fibre"),
    "cour-oasis": ("nature-en-ville", ["une cour d'école végétalisée", "une cour oasis"],
                   ["îlot de fraîcheur", "désimperméabilisation", "arbres", "enfants", "récupération de l'eau de pluie"], "la cour de l'école"),
    "jardin-partage": ("nature-en-ville", ["un jardin partagé en centre-bourg", "des jardins familiaux"],
                       ["habitants", "potager", "compost", "parcelles"], "le jardin partagé"),
    "haies": ("nature-en-ville", ["la plantation de haies et d'arbres", "une forêt urbaine"],
              ["biodiversité", "forêt urbaine", "bocage", "essences locales"], "les haies"),
    "france-services": ("services-publics", ["un espace France services", "une maison France services"],
                        ["démarches administratives", "CAF", "accueil", "conseillers France services"], "l'espace France services"),
    "agence-postale": ("services-publics", ["une agence postale communale après la fermeture du bureau de poste", "un relais poste chez un commerçant"],
                       ["La Poste", "mairie", "horaires", "bureau de poste"], "l'agence postale"),
    "bus-itinerant": ("services-publics", ["un bus France services itinérant", "des permanences itinérantes dans les villages"],
                      ["villages", "permanences", "CAF", "camping-car aménagé"], "le bus itinérant"),
    "boutique-essai": ("commerce", ["une boutique à l'essai", "une boutique éphémère pour tester un commerce"],
                       ["vacance commerciale", "créateurs", "loyer", "commerce vacant"], "la boutique à l'essai"),
    "manager-commerce": ("commerce", ["un manager de commerce", "un plan d'action pour les commerces du centre-ville"],
                         ["commerçants", "animations", "centre-ville", "union commerciale"], "les commerçants"),
    "halle-marche": ("commerce", ["la rénovation de la halle du marché", "un marché de producteurs"],
                     ["producteurs locaux", "marché", "circuits courts", "halle"], "le marché"),
    "cafe-multiservice": ("commerce", ["un café multiservice", "la reprise du dernier commerce du village"],
                          ["dernier commerce", "épicerie", "dépôt de pain", "coopérative"], "le café"),
    "opah-ru": ("habitat", ["une OPAH-RU en centre ancien", "une opération programmée d'amélioration de l'habitat"],
                ["logements vacants", "propriétaires", "Anah", "rénovation", "centre ancien"], "les logements anciens"),
    "habitat-inclusif": ("habitat", ["un habitat inclusif pour seniors", "une résidence pour personnes âgées en centre-bourg"],
                         ["personnes âgées", "colocation", "bailleur social", "maintien à domicile"], "l'habitat inclusif"),
    "permis-louer": ("habitat", ["le permis de louer", "la lutte contre l'habitat indigne"],
                     ["habitat indigne", "propriétaires bailleurs", "visites", "marchands de sommeil"], "le permis de louer"),
    "eglise": ("patrimoine-culture", ["la restauration de l'église", "la restauration d'une chapelle"],
               ["Fondation du patrimoine", "souscription", "monument historique", "charpente"], "l'église"),
    "facades": ("patrimoine-culture", ["une campagne de ravalement de façades", "des aides pour les façades du centre ancien"],
                ["architecte des bâtiments de France", "subventions", "couleurs", "propriétaires"], "les façades"),
    "mediatheque": ("patrimoine-culture", ["une médiathèque tiers-lieu", "une nouvelle médiathèque"],
                    ["lecture publique", "animations", "jeunes", "ludothèque"], "la médiathèque"),
    "reseau-chaleur": ("transition-ecologique", ["un réseau de chaleur au bois", "une chaufferie bois pour les bâtiments publics"],
                       ["chaufferie", "bâtiments publics", "bois local", "plaquettes forestières"], "la chaufferie"),
    "eclairage": ("transition-ecologique", ["l'extinction de l'éclairage public la nuit", "le passage de l'éclairage public en LED"],
                  ["LED", "économies d'énergie", "biodiversité nocturne", "candélabres"], "l'éclairage public"),
    "cantine": ("transition-ecologique", ["une cantine bio et locale", "une restauration scolaire en circuits courts"],
                ["légumerie", "producteurs", "projet alimentaire territorial", "EGalim"], "la cantine"),
    "solaire": ("transition-ecologique", ["des panneaux solaires sur les toits communaux", "une centrale photovoltaïque citoyenne"],
                ["photovoltaïque", "autoconsommation", "toitures", "énergie renouvelable"], "les panneaux solaires"),
    "renovation-ecole": ("transition-ecologique", ["la rénovation énergétique de l'école", "l'isolation des bâtiments scolaires"],
                         ["isolation", "chauffage", "décret tertiaire", "consommation d'énergie"], "l'école"),
    "budget-participatif": ("participation-citoyenne", ["un budget participatif", "un budget participatif pour les jeunes"],
                            ["projets des habitants", "vote", "jeunes", "démocratie locale"], "le budget participatif"),
    "conseil-citoyen": ("participation-citoyenne", ["un conseil citoyen", "une concertation sur la place du centre"],
                        ["tirage au sort", "concertation", "place du marché", "réunions publiques"], "la concertation"),
    "maison-jeunes": ("participation-citoyenne", ["une maison des jeunes", "un espace jeunesse"],
                      ["adolescents", "animateurs", "point information jeunesse", "loisirs"], "les jeunes"),
    "voie-verte": ("economie-tourisme", ["une voie verte sur l'ancienne voie ferrée", "une véloroute touristique"],
                   ["cyclistes", "tourisme", "randonnée", "vélo"], "la voie verte"),
    "friche": ("economie-tourisme", ["la reconversion d'une friche industrielle", "la réhabilitation d'une usine désaffectée"],
               ["artisans", "logements", "EPF", "fonds friches", "dépollution"], "l'ancienne usine"),
    "camping": ("economie-tourisme", ["un camping municipal rénové", "des hébergements touristiques"],
                ["pèlerins", "familles", "saison", "mobil-homes"], "le camping"),
    "epicerie-solidaire": ("services-publics", ["une épicerie solidaire", "une aide alimentaire de proximité"],
                           ["aide alimentaire", "précarité", "CCAS", "bénévoles"], "l'épicerie solidaire"),
}

OPENINGS = [
    "En {year}, la commune de {commune} a lancé {subject}.",
    "À {commune}, les élus ont porté {subject} avec l'intercommunalité.",
    "Le projet de {commune} : {subject}, pensé avec les habitants.",
    "{Subject} à {commune}, une réponse à un besoin exprimé par les habitants.",
]
CONTEXT = [
    "La commune comptait {n} habitants et perdait des services depuis dix ans.",
    "Le diagnostic de territoire avait montré un besoin fort autour de {word}.",
    "Les habitants demandaient depuis longtemps une solution pour {word}.",
    "La fermeture de plusieurs équipements avait fragilisé le centre-bourg.",
    "Le programme Petites villes de demain a permis de recruter une cheffe de projet.",
    "Le conseil municipal a inscrit le projet dans son plan de mandat.",
    "Le bourg est situé à vingt minutes de la ville la plus proche.",
]
ACTIONS = [
    "Un comité de pilotage a réuni la mairie, l'intercommunalité et les partenaires.",
    "Les travaux ont duré {m} mois et ont été suivis par un architecte.",
    "Une étude de faisabilité a précédé le lancement, financée par la Banque des Territoires.",
    "Les habitants ont été consultés lors de trois réunions publiques.",
    "Le bâtiment communal a été réhabilité pour accueillir le projet.",
    "La commune a mobilisé la DETR et les crédits du Fonds vert.",
    "Un agent a été recruté à mi-temps pour coordonner {word}.",
    "Les partenaires ont signé une convention de trois ans.",
]
RESULTS = [
    "Après deux ans, la fréquentation dépasse les objectifs fixés au départ.",
    "Le projet a créé {k} emplois et attiré de nouveaux habitants.",
    "Les retours des usagers sont très positifs, notamment sur {word}.",
    "Le modèle économique reste fragile mais le service est pérennisé.",
    "Une évaluation a été menée avec les partenaires au bout de dix-huit mois.",
]
DIFFICULTIES = [
    "Le plan de financement a été long à boucler.",
    "Trouver un local adapté a pris plus d'un an.",
    "Certains habitants craignaient des nuisances.",
    "Le recrutement a été difficile dans un territoire peu attractif.",
]
ADVICE = [
    "Associer les habitants dès le début évite bien des blocages.",
    "Il faut prévoir un temps d'animation après l'ouverture.",
    "Le portage intercommunal facilite les financements.",
    "Ne pas sous-estimer le temps administratif des dossiers de subvention.",
]
# incidental mentions of another subject: real write-ups mention their neighbourhood
MENTIONS = [
    "Le projet est voisin de {other}.",
    "Les usagers profitent aussi de {other}, ouvert l'an dernier.",
    "Une réunion s'est tenue près de {other}.",
]
PHASES = ["idee", "etudes", "en_cours", "realise", "evalue"]
PROGRAMMES = ["pvd", "pvd", "pvd", "acv", "france_services", "villages_avenir", "autre"]
FUNDERS = ["anct", "banque-des-territoires", "anah", "cerema", "ademe", "etat", "region", "departement", "europe", "commune"]
# share of thin (title, chapô, two short sections), medium and detailed write-ups
DETAIL_LEVELS = (("thin", 0.35), ("medium", 0.4), ("detailed", 0.25))


def _paragraphs(rng, pool, k, ctx) -> str:
    return "".join(f"<p>{t.format(**ctx)}</p>" for t in rng.sample(pool, min(k, len(pool))))


def _level(rng) -> str:
    x, acc = rng.random(), 0.0
    for name, share in DETAIL_LEVELS:
        acc += share
        if x < acc:
            return name
    return DETAIL_LEVELS[-1][0]


def practice(rng: random.Random, commune: str, population: int) -> dict:
    key = rng.choice(list(SUBJECTS))
    theme, subjects, vocab, _ = SUBJECTS[key]
    subject = rng.choice(subjects)
    others = [SUBJECTS[k][3] for k in rng.sample([k for k in SUBJECTS if k != key], 2)]
    other_themes = [theme] + ([rng.choice([s[0] for s in SUBJECTS.values()])] if rng.random() < 0.4 else [])
    year = rng.randint(2012, 2025)
    level = _level(rng)
    ctx = {"commune": commune, "subject": subject, "Subject": subject[0].upper() + subject[1:], "year": year,
           "n": population, "word": rng.choice(vocab), "m": rng.randint(3, 36), "k": rng.randint(1, 12),
           "other": others[0]}
    title = f"{subject[0].upper()}{subject[1:]} à {commune}"
    summary = rng.choice(OPENINGS).format(**ctx)
    if level != "thin":
        summary += f" Le projet s'appuie sur {', '.join(rng.sample(vocab, 2))}."
    row = {
        "subject": key,
        "level": level,
        "title": title[:250],
        "summary": summary[:400],
        "themes": list(dict.fromkeys(other_themes)),
        "keywords": rng.sample(vocab, min(3 if level != "thin" else 1, len(vocab))),
        "phase": rng.choice(PHASES),
        "programme": rng.choice(PROGRAMMES),
        "start_year": year,
        "end_year": year + rng.randint(0, 4) if rng.random() < 0.6 else None,
        "budget": rng.randint(20, 3000) * 1000 if level != "thin" else None,
        "staff_days": rng.randint(10, 200),
        "months_to_deliver": rng.randint(3, 48),
        "funders": rng.sample(FUNDERS, rng.randint(1, 4)),
        "objectives": "", "results": "", "difficulties": "", "advice": "", "transferability": "",
        "results_date": None, "key_figures": [],
    }
    mention = f"<p>{rng.choice(MENTIONS).format(**ctx)}</p>" if rng.random() < 0.5 else ""
    if level == "thin":
        row["context"] = _paragraphs(rng, CONTEXT, 1, ctx) + mention
        row["actions"] = _paragraphs(rng, ACTIONS, 1, ctx)
        return row
    ctx["word"] = rng.choice(vocab)
    row["context"] = _paragraphs(rng, CONTEXT, 2, ctx) + mention
    row["objectives"] = f"<p>Objectif : développer {subject} et améliorer {rng.choice(vocab)} pour les habitants.</p>"
    row["actions"] = _paragraphs(rng, ACTIONS, 3, ctx) + f"<p>Le projet a mobilisé {', '.join(vocab)}.</p>"
    row["results"] = _paragraphs(rng, RESULTS, 2, ctx)
    row["advice"] = _paragraphs(rng, ADVICE, 1, ctx)
    if level == "detailed":
        ctx["other"] = others[1]
        row["context"] += _paragraphs(rng, CONTEXT, 2, ctx)
        row["actions"] += _paragraphs(rng, ACTIONS, 3, ctx)
        row["results"] += f"<p>{rng.choice(RESULTS).format(**ctx)} {rng.choice(MENTIONS).format(**ctx)}</p>"
        row["difficulties"] = _paragraphs(rng, DIFFICULTIES, 2, ctx)
        row["advice"] += _paragraphs(rng, ADVICE, 2, ctx)
        row["transferability"] = f"<p>{subject[0].upper()}{subject[1:]} peut être reproduit dans une commune de taille comparable.</p>"
        row["results_date"] = f"{min(year + 2, 2025)}-06-30"
        row["key_figures"] = [("figure", {"value": str(rng.randint(2, 900)), "label": rng.choice(vocab)}) for _ in range(3)]
    return row
