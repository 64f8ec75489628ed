"""The accessibility statement says « non conforme » until an RGAA audit is done; the
personal-data page states the purpose and retention of e-mail alerts, the commune cookie and
the selection. Edits the pages (and their latest revision, so that a later publish keeps the
text) only where the old wording is still there: an editor's rewrite is left alone."""

from django.db import migrations

# Frozen copies of home/legal_content.py at the time of this migration.
ACCESSIBILITY_STATUS = "<h2>État de conformité</h2><p>Le site est <b>non conforme</b> au RGAA 4.1 : aucun audit de conformité n'a encore été réalisé. Tant qu'un audit n'a pas mesuré le taux de critères respectés, le RGAA impose cette mention, quels que soient les contrôles décrits ci-dessous.</p>"
OLD_ACCESSIBILITY_STATUS = "<h2>État de conformité</h2><p>Le site est <b>partiellement conforme</b> au RGAA 4.1 : aucun audit externe n'a encore été réalisé.</p>"
PERSONAL_DATA_READERS = "<h2>Alertes par courriel</h2><p>Si vous créez une alerte, nous conservons votre adresse électronique et les recherches que vous suivez dans le seul but de vous envoyer, au plus une fois par semaine, les nouveaux retours d'expérience qui y correspondent (base légale : votre consentement, donné en confirmant l'alerte depuis le courriel reçu). L'adresse n'est jamais affichée ni transmise. Elle est supprimée au bout de 3 jours si l'alerte n'est pas confirmée, et dès que vous vous désinscrivez (lien présent dans chaque courriel) ou supprimez votre dernière alerte.</p><h2>Votre commune</h2><p>Si vous indiquez votre commune, son code est gardé dans un cookie de votre navigateur (« ppi_commune », un an au plus) pour vous proposer des retours d'expérience de communes comme la vôtre ; il n'est pas enregistré sur nos serveurs. Vous pouvez l'oublier à tout moment depuis la page « Ma commune ».</p><h2>Ma sélection</h2><p>Les retours d'expérience que vous gardez dans votre sélection sont enregistrés avec votre compte de contributeur et supprimés avec lui ; le lien de partage n'en montre que les titres et les pages publiques.</p>"

RIGHTS = "<h2>Vos droits</h2>"


def _edit(apps, slug, change):
    ContentPage = apps.get_model("home", "ContentPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in ContentPage.objects.filter(slug=slug):
        body = change(page.body)
        if body == page.body:
            continue
        page.body = body
        page.save(update_fields=["body"])
        if page.latest_revision_id:
            revision = Revision.objects.filter(pk=page.latest_revision_id).first()
            if revision is not None and isinstance(revision.content, dict) and "body" in revision.content:
                revision.content["body"] = change(revision.content["body"])
                revision.save(update_fields=["content"])


def _accessibility(body):
    return body.replace(OLD_ACCESSIBILITY_STATUS, ACCESSIBILITY_STATUS)


def _personal_data(body):
    if "Alertes par courriel" in body:
        return body
    if RIGHTS in body:
        return body.replace(RIGHTS, PERSONAL_DATA_READERS + RIGHTS, 1)
    return body + PERSONAL_DATA_READERS


def forwards(apps, schema_editor):
    _edit(apps, "accessibilite", _accessibility)
    _edit(apps, "donnees-personnelles", _personal_data)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_delete_zeroresultsearch"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
