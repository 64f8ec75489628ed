"""The data migration that brings the legal pages of an existing site up to date."""

import importlib

import pytest
from django.apps import apps

from home.legal_content import LEGAL_PAGES, OLD_ACCESSIBILITY_STATUS
from home.models import ContentPage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("home.migrations.0005_readers_legal_text")


def test_existing_pages_get_the_non_compliance_and_the_alerts_retention(site_tree):
    home = site_tree["home"]
    texts = dict((slug, body) for slug, _title, body in LEGAL_PAGES)
    old_accessibility = texts["accessibilite"].replace(migration.ACCESSIBILITY_STATUS, OLD_ACCESSIBILITY_STATUS)
    old_personal = texts["donnees-personnelles"].replace(migration.PERSONAL_DATA_READERS, "")
    for slug, body in (("accessibilite", old_accessibility), ("donnees-personnelles", old_personal)):
        page = home.add_child(instance=ContentPage(title=slug, slug=slug, body=body))
        page.save_revision().publish()
    edited = home.add_child(instance=ContentPage(title="autre", slug="autre", body="<p>partiellement conforme</p>"))

    migration.forwards(apps, None)
    migration.forwards(apps, None)  # twice: nothing added twice

    accessibility = ContentPage.objects.get(slug="accessibilite")
    assert "<b>non conforme</b>" in accessibility.body and "partiellement" not in accessibility.body
    assert "<b>non conforme</b>" in accessibility.get_latest_revision_as_object().body
    personal = ContentPage.objects.get(slug="donnees-personnelles")
    assert personal.body.count("Alertes par courriel") == 1
    assert personal.body.index("Alertes par courriel") < personal.body.index("Vos droits")
    assert "supprimée au bout de 3 jours" in personal.body
    assert ContentPage.objects.get(pk=edited.pk).body == "<p>partiellement conforme</p>"
