"""Initial text of the mandatory pages; editors keep them up to date in the admin.

Later changes to these texts reach existing sites through data migrations of home/ that edit
the stored pages (0005: accessibility status, readers' alerts and commune cookie)."""

# RGAA: without an audit measuring the compliance rate, a site is declared « non conforme ».
ACCESSIBILITY_STATUS = (
    "<h2>État de conformité</h2><p>Le site est <b>non conforme</b> au RGAA 4.1 : aucun audit de conformité n'a encore été "
    "réalisé. Tant qu'un audit n'a pas mesuré le taux de critères respectés, le RGAA impose cette mention, quels que soient "
    "les contrôles décrits ci-dessous.</p>"
)
OLD_ACCESSIBILITY_STATUS = (
    "<h2>État de conformité</h2><p>Le site est <b>partiellement conforme</b> au RGAA 4.1 : aucun audit externe n'a encore été réalisé.</p>"
)
PERSONAL_DATA_READERS = (
    "<h2>Alertes par courriel</h2><p>Si vous créez une alerte, nous conservons votre adresse électronique et les recherches "
    "que vous suivez dans le seul but de vous envoyer, au plus une fois par semaine, les nouveaux retours d'expérience qui y "
    "correspondent (base légale : votre consentement, donné en confirmant l'alerte depuis le courriel reçu). L'adresse n'est "
    "jamais affichée ni transmise. Elle est supprimée au bout de 3 jours si l'alerte n'est pas confirmée, et dès que vous "
    "vous désinscrivez (lien présent dans chaque courriel) ou supprimez votre dernière alerte.</p>"
    "<h2>Votre commune</h2><p>Si vous indiquez votre commune, son code est gardé dans un cookie de votre navigateur "
    "(« ppi_commune », un an au plus) pour vous proposer des retours d'expérience de communes comme la vôtre ; il n'est pas "
    "enregistré sur nos serveurs. Vous pouvez l'oublier à tout moment depuis la page « Ma commune ».</p>"
    "<h2>Ma sélection</h2><p>Les retours d'expérience que vous gardez dans votre sélection sont enregistrés avec votre compte "
    "de contributeur et supprimés avec lui ; le lien de partage n'en montre que les titres et les pages publiques.</p>"
)

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
        + ACCESSIBILITY_STATUS
        + "<h2>Ce qui est vérifié, et comment</h2><p>À chaque modification du site, une suite de tests automatisés pilote le navigateur Chromium "
        "(avec Playwright) sur un jeu de retours d'expérience de démonstration et vérifie :</p><ul>"
        "<li>l'analyse automatique <b>axe-core</b> (version 4.14) de l'accueil, de la recherche, d'un retour d'expérience, d'une thématique, "
        "de la liste des retours d'expérience, de la carte, des données ouvertes, des trois pages légales et de la page d'erreur 404 : "
        "aucune erreur de gravité « sérieuse » ou « critique » n'est acceptée ;</li>"
        "<li>un seul titre de niveau 1 par page, un titre de page (balise title) différent pour chaque page, la langue de la page déclarée ;</li>"
        "<li>le lien d'évitement « Contenu » : premier élément atteint au clavier, visible quand il a le focus, et qui amène le focus au contenu principal ;</li>"
        "<li>un indicateur de focus visible sur chaque élément atteint avec la touche Tab sur la page d'accueil ;</li>"
        "<li>la recherche au clavier seul : saisir des mots-clés, valider, atteindre un filtre avec Tab et le cocher avec Espace ;</li>"
        "<li>l'absence de défilement horizontal sur un écran de 375 pixels de large (accueil, recherche, retour d'expérience, thématique, carte, "
        "données ouvertes, accessibilité, page d'erreur) et l'usage des filtres de recherche sur téléphone ;</li>"
        "<li>les parcours complets : découvrir une thématique, lire un retour d'expérience puis un retour similaire et écrire à son auteur ; "
        "rechercher avec l'autocomplétion, plusieurs filtres, le tri, la pagination et le bouton « retour » ; contribuer et relire dans l'espace d'administration.</li>"
        "</ul><p>La carte des départements est doublée d'un tableau listant chaque département et son nombre de retours d'expérience.</p>"
        "<h2>Ce qui n'est pas encore vérifié</h2><p>Aucun audit manuel complet n'a été mené : la restitution par les lecteurs d'écran, "
        "la pertinence des textes alternatifs rédigés par les contributeurs et l'espace d'administration (hors parcours testés) "
        "ne sont pas vérifiés automatiquement.</p>"
        "<h2>Voie de recours</h2><p>Si vous rencontrez un défaut d'accessibilité, écrivez-nous ; si vous n'obtenez pas de réponse, vous pouvez saisir le Défenseur des droits.</p>",
    ),
    (
        "donnees-personnelles",
        "Données personnelles",
        "<p>Ce site ne dépose aucun cookie de mesure d'audience ni de publicité.</p>"
        "<h2>Données traitées</h2><p>Comptes des contributeurs (nom, courriel, fonction, commune) ; messages envoyés aux auteurs par le formulaire de contact, "
        "conservés un an ; recherches effectuées, sans lien avec la personne, pour améliorer le service.</p>"
        + PERSONAL_DATA_READERS
        + "<h2>Vos droits</h2><p>Vous pouvez accéder à vos données, les rectifier ou en demander l'effacement auprès du délégué à la protection des données de l'ANCT.</p>",
    ),
]
