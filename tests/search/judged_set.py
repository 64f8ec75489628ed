"""The judged set: queries as project leads type them, and the practices that answer them.

Written before any tuning, and never tuned on query by query. Each entry judges:
- demo write-ups (practices/demo/practices_*.json) by slug: `best` (gain 2) answer the query
  squarely, `partial` (gain 1) answer part of it;
- generated practices (bench/corpus.py) by subject key (gain 1): a generated write-up on that
  subject answers the query, whatever its length.
Kinds: "short" (keywords), "question" (a natural question), "typo" (typos or missing accents),
"acronym" (the acronyms of French local government).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Judgment:
    q: str
    kind: str
    best: tuple[str, ...]
    partial: tuple[str, ...] = ()
    subjects: tuple[str, ...] = field(default=())


def J(q, kind, best, partial=(), subjects=()):  # noqa: N802 — reads like a table
    return Judgment(q, kind, tuple(best), tuple(partial), tuple(subjects))


MURAT = "a-maison-sante-pluriprofessionnelle-murat"
EYMOUTIERS = "b-msp-centre-bourg-eymoutiers"
CENTRE_SANTE = "a-centre-sante-medecins-salaries-saint-amand-montrond"
TELECONSULT = "b-cabine-teleconsultation-mortagne-au-perche"
INTERNES = ("a-logement-internes-medecins-stagiaires-langres", "b-accueil-internes-medecine-saint-pons-de-thomieres")
NAVETTES = ("a-navette-seniors-transport-solidaire-rostrenen", "b-navette-seniors-marche-marciac")
TAD = ("a-transport-a-la-demande-argonne-vouziers", "b-transport-a-la-demande-ruffec")
VAE = "a-location-velo-assistance-electrique-die"
AUTOPARTAGE = ("a-autopartage-voitures-electriques-marcigny", "b-covoiturage-autopartage-clisson")
TIERS_LIEUX = ("a-tiers-lieu-numerique-fab-lab-fourmies", "b-tiers-lieu-ancienne-ganterie-millau")
FRANCE_SERVICES = ("a-espace-france-services-agence-postale-fruges", "b-bus-france-services-itinerant-saint-affrique")
CONSEILLER = "b-conseiller-numerique-seniors-forcalquier"
COURS = ("a-cour-ecole-vegetalisee-cour-oasis-luxeuil-les-bains", "b-cour-oasis-ecole-dourdan")
ILOTS = ("a-ilots-de-fraicheur-vegetalisation-saint-laurent-du-maroni", "b-jardin-partage-ilot-fraicheur-apt")
HAIES = "a-plantation-haies-foret-urbaine-loudeac"
OPAH = ("a-opah-ru-centre-ancien-thiers", "b-logements-vacants-opah-ru-permis-de-louer-bolbec")
ORT = "a-convention-ort-operation-revitalisation-territoire-commercy"
BOUTIQUE = "a-boutique-a-l-essai-vacance-commerciale-guise"
MANAGER = "b-manager-commerce-sarlat"
MARCHES = ("a-renovation-halle-marche-producteurs-aubigny-sur-nere", "b-marche-producteurs-locaux-beaupreau-en-mauges")
MARCHE_COUVERT = "b-marche-couvert-le-lorrain"
EGLISE = "a-restauration-eglise-saint-genest-flavigny-sur-ozerain"
BUDGET = "a-budget-participatif-crest"
CONSEILS_CITOYENS = ("a-conseil-citoyen-reamenagement-place-pontivy", "b-conseil-citoyen-sisteron")
VOIES_VERTES = ("a-voie-verte-axe-vert-thierache-hirson", "b-voie-verte-ancienne-voie-ferree-confolens")
OFFICE_TOURISME = "a-office-de-tourisme-centre-ville-semur-en-auxois"
ETUDIANTS = "a-logements-etudiants-centre-ancien-corte"
CANTINES = ("a-cantine-bio-locale-legumerie-ghisonaccia", "b-cantine-bio-projet-alimentaire-territorial-pouzauges")
HABITAT_INDIGNE = "a-habitat-indigne-dents-creuses-bourg-capesterre-belle-eau"
CHALEUR = ("a-reseau-de-chaleur-bois-intercommunal-oyonnax", "b-reseau-chaleur-bois-saint-chely-d-apcher")
FRICHES = ("a-reconversion-friche-industrielle-megisserie-annonay", "b-friche-industrielle-reconvertie-saint-calais")
ECLAIRAGE = ("a-eclairage-public-led-extinction-nocturne-sancerre", "b-eclairage-public-led-ernee")
JEUNES = ("a-maison-des-jeunes-sarre-union", "b-maison-des-jeunes-barcelonnette")
EPICERIES = ("a-epicerie-solidaire-mauron", "b-epicerie-solidaire-bellac")
FACADES = ("a-ravalement-facades-petite-cite-de-caractere-becherel", "b-patrimoine-facades-parcours-lodeve")
HABITAT_INCLUSIF = ("a-habitat-inclusif-seniors-ancien-couvent-chateaudun", "b-habitat-inclusif-seniors-vimoutiers")
POLE_ASSO = "a-pole-associatif-ancienne-caserne-pompiers-bar-sur-aube"
CAMPING = "b-camping-municipal-navarrenx"
ECOLE_ENERGIE = "b-renovation-energetique-ecole-coutances"
CAFE = "b-cafe-multiservice-presbytere-sainte-suzanne"
CRUE = "b-commerces-resilients-crue-nemours"
PIETONS = "b-cheminements-pietons-ecoles-sada"
NAVETTE_ETE = "b-navette-estivale-gorges-verdon-castellane"
VANILLE = "b-pole-vanille-terroir-bras-panon"

JUDGED = [
    # --- short keyword queries ---------------------------------------------------------------
    J("maison de santé", "short", [MURAT, EYMOUTIERS], [CENTRE_SANTE], ["msp", "centre-sante"]),
    J("centre de santé", "short", [CENTRE_SANTE], [MURAT, EYMOUTIERS], ["centre-sante", "msp"]),
    J("navette seniors", "short", NAVETTES, [], ["navette-seniors"]),
    J("transport à la demande", "short", TAD, [], ["tad"]),
    J("vélo électrique", "short", [VAE], [], ["vae"]),
    J("tiers-lieu", "short", TIERS_LIEUX, [FRICHES[1]], ["tiers-lieu"]),
    J("cour d'école végétalisée", "short", COURS, [], ["cour-oasis"]),
    J("agence postale", "short", [FRANCE_SERVICES[0]], [], ["agence-postale"]),
    J("boutique à l'essai", "short", [BOUTIQUE], [MANAGER], ["boutique-essai"]),
    J("marché de producteurs", "short", MARCHES, [MARCHE_COUVERT], ["halle-marche"]),
    J("restauration église", "short", [EGLISE], [], ["eglise"]),
    J("budget participatif", "short", [BUDGET], [CONSEILS_CITOYENS[1]], ["budget-participatif"]),
    J("voie verte", "short", VOIES_VERTES, [], ["voie-verte"]),
    J("logement étudiant", "short", [ETUDIANTS], [], []),
    J("cantine bio", "short", CANTINES, [], ["cantine"]),
    J("habitat indigne", "short", [HABITAT_INDIGNE, OPAH[1]], [], ["permis-louer"]),
    J("îlot de fraîcheur", "short", ILOTS, COURS, ["cour-oasis"]),
    J("réseau de chaleur", "short", CHALEUR, [], ["reseau-chaleur"]),
    J("friche industrielle", "short", FRICHES, [], ["friche"]),
    J("extinction éclairage public", "short", ECLAIRAGE, [], ["eclairage"]),
    J("épicerie solidaire", "short", EPICERIES, [], ["epicerie-solidaire"]),
    J("maison des jeunes", "short", JEUNES, [], ["maison-jeunes"]),
    J("campagne de façades", "short", FACADES, [], ["facades"]),
    J("camping municipal", "short", [CAMPING], [], ["camping"]),
    J("rénovation énergétique école", "short", [ECOLE_ENERGIE], [], ["renovation-ecole"]),
    J("autopartage", "short", AUTOPARTAGE, [], ["autopartage"]),
    J("téléconsultation", "short", [TELECONSULT], [], ["teleconsultation"]),
    J("conseiller numérique", "short", [CONSEILLER], [TIERS_LIEUX[0]], ["conseiller-numerique"]),
    J("manager de commerce", "short", [MANAGER], [], ["manager-commerce"]),
    J("habitat inclusif seniors", "short", HABITAT_INCLUSIF, [], ["habitat-inclusif"]),
    J("café multiservice", "short", [CAFE], [], ["cafe-multiservice"]),
    J("office de tourisme", "short", [OFFICE_TOURISME], [CAMPING], []),
    J("pôle associatif", "short", [POLE_ASSO], [], []),
    J("panneaux solaires", "short", [], [], ["solaire"]),
    J("inondation commerces", "short", [CRUE], [], []),
    J("cheminements piétons écoles", "short", [PIETONS], [], []),
    J("navette estivale touristes", "short", [NAVETTE_ETE], [], []),
    J("conseil citoyen", "short", CONSEILS_CITOYENS, [], ["conseil-citoyen"]),
    J("médiathèque", "short", [], [], ["mediatheque"]),
    J("haies bocagères", "short", [HAIES], [], ["haies"]),
    J("produits du terroir agritourisme", "short", [VANILLE], [], []),
    # --- natural questions -------------------------------------------------------------------
    J("que faire quand le dernier médecin part à la retraite", "question", [MURAT, EYMOUTIERS, CENTRE_SANTE],
      [*INTERNES, TELECONSULT], ["msp", "centre-sante"]),
    J("comment attirer des médecins dans une petite commune", "question", [MURAT, EYMOUTIERS, CENTRE_SANTE, *INTERNES],
      [], ["msp", "centre-sante", "internes"]),
    J("comment loger les internes en médecine", "question", INTERNES, [], ["internes"]),
    J("quelle solution pour garder le dernier commerce du village", "question", [CAFE], [BOUTIQUE, MANAGER],
      ["cafe-multiservice"]),
    J("comment lutter contre la vacance commerciale en centre-ville", "question", [BOUTIQUE, MANAGER, OFFICE_TOURISME],
      [EPICERIES[1]], ["boutique-essai", "manager-commerce"]),
    J("comment aider les personnes âgées isolées à se déplacer", "question", NAVETTES, TAD, ["navette-seniors", "tad"]),
    J("quelles aides pour rénover les logements vacants du centre ancien", "question", OPAH, [ETUDIANTS], ["opah-ru"]),
    J("comment financer la restauration d'une église classée", "question", [EGLISE], [], ["eglise"]),
    J("comment réduire la facture d'électricité de l'éclairage public", "question", ECLAIRAGE, [], ["eclairage"]),
    J("que faire après la fermeture du bureau de poste", "question", [FRANCE_SERVICES[0]], [], ["agence-postale"]),
    J("comment aider les habitants à faire leurs démarches en ligne", "question", [CONSEILLER, *FRANCE_SERVICES],
      [TIERS_LIEUX[0]], ["conseiller-numerique", "france-services", "bus-itinerant"]),
    J("comment rafraîchir une cour d'école en été", "question", COURS, ILOTS, ["cour-oasis"]),
    J("comment associer les habitants aux décisions de la commune", "question", [BUDGET, *CONSEILS_CITOYENS], [],
      ["budget-participatif", "conseil-citoyen"]),
    J("quelle mobilité pour les habitants sans voiture en zone rurale", "question", [*TAD, *AUTOPARTAGE], NAVETTES,
      ["tad", "autopartage"]),
    J("comment reconvertir une ancienne usine", "question", FRICHES, TIERS_LIEUX, ["friche"]),
    J("comment chauffer les bâtiments publics avec du bois local", "question", CHALEUR, [], ["reseau-chaleur"]),
    J("comment proposer des repas bio et locaux à la cantine", "question", CANTINES, [], ["cantine"]),
    J("que proposer aux adolescents le soir et le week-end", "question", JEUNES, [], ["maison-jeunes"]),
    J("comment aider les familles modestes à se nourrir", "question", EPICERIES, [], ["epicerie-solidaire"]),
    J("comment développer le tourisme à vélo", "question", VOIES_VERTES, [VAE], ["voie-verte"]),
    J("où trouver un espace de travail partagé pour les télétravailleurs", "question", TIERS_LIEUX, [], ["tiers-lieu"]),
    J("comment lutter contre les marchands de sommeil", "question", [OPAH[1], HABITAT_INDIGNE], [], ["permis-louer"]),
    J("comment permettre aux seniors de rester vivre en centre-bourg", "question", HABITAT_INCLUSIF, NAVETTES,
      ["habitat-inclusif"]),
    J("pourquoi signer une opération de revitalisation de territoire", "question", [ORT], [], []),
    J("comment faire revenir les habitants au marché", "question", [*MARCHES, MARCHE_COUVERT], [], ["halle-marche"]),
    J("quel accès aux soins quand il n'y a plus de médecin sur place", "question", [TELECONSULT, CENTRE_SANTE],
      [MURAT, EYMOUTIERS], ["teleconsultation", "centre-sante"]),
    J("comment embellir les façades du centre historique", "question", FACADES, [], ["facades"]),
    J("comment faire des économies d'énergie dans une école", "question", [ECOLE_ENERGIE], [], ["renovation-ecole"]),
    J("comment accueillir les pèlerins et les campeurs", "question", [CAMPING], [], ["camping"]),
    J("comment protéger les commerces contre les crues", "question", [CRUE], [], []),
    J("comment sécuriser le chemin des enfants vers l'école", "question", [PIETONS], [], []),
    # --- typos and missing accents -----------------------------------------------------------
    J("maisn de santé", "typo", [MURAT, EYMOUTIERS], [CENTRE_SANTE], ["msp", "centre-sante"]),
    J("transprt a la demande", "typo", TAD, [], ["tad"]),
    J("mobilté seniors", "typo", NAVETTES, HABITAT_INCLUSIF, ["navette-seniors"]),
    J("epicerie solidaire", "typo", EPICERIES, [], ["epicerie-solidaire"]),
    J("eclairage public led", "typo", ECLAIRAGE, [], ["eclairage"]),
    J("reseau de chaleur bois", "typo", CHALEUR, [], ["reseau-chaleur"]),
    J("velo a assistance electrique", "typo", [VAE], [], ["vae"]),
    J("cour d'ecole vegetalisee", "typo", COURS, [], ["cour-oasis"]),
    J("teleconsultation pharmacie", "typo", [TELECONSULT], [], ["teleconsultation"]),
    J("restauration eglise", "typo", [EGLISE], [], ["eglise"]),
    J("ilot de fraicheur", "typo", ILOTS, COURS, ["cour-oasis"]),
    J("boutik a l'essai", "typo", [BOUTIQUE], [MANAGER], ["boutique-essai"]),
    J("budjet participatif", "typo", [BUDGET], [CONSEILS_CITOYENS[1]], ["budget-participatif"]),
    J("logements vacans centre ancien", "typo", OPAH, [ETUDIANTS], ["opah-ru"]),
    J("cantinne bio", "typo", CANTINES, [], ["cantine"]),
    J("conseiler numerique", "typo", [CONSEILLER], [TIERS_LIEUX[0]], ["conseiller-numerique"]),
    J("frische industrielle", "typo", FRICHES, [], ["friche"]),
    J("maison des jeune", "typo", JEUNES, [], ["maison-jeunes"]),
    # --- acronyms ----------------------------------------------------------------------------
    J("MSP", "acronym", [MURAT, EYMOUTIERS], [], ["msp"]),
    J("TAD", "acronym", TAD, [], ["tad"]),
    J("ORT", "acronym", [ORT], [], []),
    J("OPAH-RU", "acronym", OPAH, [], ["opah-ru"]),
    J("VAE", "acronym", [VAE], [], ["vae"]),
    J("PAT cantine", "acronym", [CANTINES[1]], [CANTINES[0]], ["cantine"]),
    J("CCAS aide alimentaire", "acronym", EPICERIES, [], ["epicerie-solidaire"]),
    J("ABF façades", "acronym", FACADES, [], ["facades"]),
    J("LED éclairage", "acronym", ECLAIRAGE, [], ["eclairage"]),
    J("EPCI transport", "acronym", TAD, [], ["tad"]),
    J("MSAP", "acronym", FRANCE_SERVICES, [], ["france-services", "bus-itinerant"]),
    J("CPTS", "acronym", [MURAT], [EYMOUTIERS], ["msp"]),
]
