"""Initial text of the mandatory pages; editors keep them up to date in the admin."""

LEGAL_PAGES = [
    (
        "mentions-legales",
        "Mentions légales",
        "<h2>Éditeur</h2><p>Agence nationale de la cohésion des territoires (ANCT), 20 avenue de Ségur, 75007 Paris.</p>"
        "<h2>Directeur de la publication</h2><p>Le directeur général de l'ANCT.</p>"
        "<h2>Hébergement</h2><p>Le nom et l'adresse de l'hébergeur sont indiqués ici lors de la mise en production.</p>"
        "<h2>Licence des contenus</h2><p>Sauf mention contraire, les retours d'expérience sont publiés sous licence Etalab 2.0 : "
        "vous pouvez les réutiliser en citant la source.</p>",
    ),
    (
        "accessibilite",
        "Déclaration d'accessibilité",
        "<p>L'ANCT s'engage à rendre ce site accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>"
        "<h2>État de conformité</h2><p>Le site est <b>partiellement conforme</b> au RGAA 4.1 : aucun audit externe n'a encore été réalisé.</p>"
        "<h2>Ce qui est vérifié</h2><p>Chaque version est testée automatiquement dans un navigateur Chromium : analyse axe-core des pages principales "
        "(accueil, recherche, retour d'expérience, thématique, pages légales, page d'erreur), utilisation au clavier seul de la recherche et des filtres, "
        "liens d'évitement, titre de page unique et un seul titre de niveau 1 par page, absence de défilement horizontal sur un écran de 375 pixels.</p>"
        "<h2>Voie de recours</h2><p>Si vous rencontrez un défaut d'accessibilité, écrivez-nous ; si vous n'obtenez pas de réponse, vous pouvez saisir le Défenseur des droits.</p>",
    ),
    (
        "donnees-personnelles",
        "Données personnelles",
        "<p>Ce site ne dépose aucun cookie de mesure d'audience ni de publicité.</p>"
        "<h2>Données traitées</h2><p>Comptes des contributeurs (nom, courriel, fonction, commune) ; messages envoyés aux auteurs par le formulaire de contact, "
        "conservés un an ; recherches effectuées, sans lien avec la personne, pour améliorer le service.</p>"
        "<h2>Vos droits</h2><p>Vous pouvez accéder à vos données, les rectifier ou en demander l'effacement auprès du délégué à la protection des données de l'ANCT.</p>",
    ),
]
